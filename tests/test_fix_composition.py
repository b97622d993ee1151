"""Fixes never compose on one word: a later pass does not rewrite what an earlier pass wrote."""

from __future__ import annotations

from bilint.fixes import Edit, _shifted, _touches


def _edit(start: int, end: int, replacement: str) -> Edit:
    return Edit(start, end, replacement, None)   # type: ignore[arg-type]


def test_a_later_fix_inside_a_rewritten_word_is_not_applied() -> None:
    before = "the authorities act"
    # pass 1 respelt "authorities" as "author-ities"
    first = _edit(4, 15, "author-ities")
    after = before[:4] + "author-ities" + before[15:]
    ranges = _shifted([], [first])
    assert after[ranges[0][0]:ranges[0][1]] == "author-ities"
    # pass 2 would "correct" the second half: it touches the rewritten word
    assert _touches(ranges, after, _edit(after.index("ities"), after.index("ities") + 5, "cities"))
    # a fix elsewhere still applies
    assert not _touches(ranges, after, _edit(after.index("act"), after.index("act") + 3, "acts"))


def test_rewritten_ranges_follow_later_edits() -> None:
    ranges = _shifted([], [_edit(10, 12, "xyz")])
    ranges = _shifted(ranges, [_edit(0, 2, "")])   # two characters removed before it
    assert (8, 11) in ranges
