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


# --- on real texts: every unsafe fix applied, no correct word made wrong ------------------

import difflib  # noqa: E402
import re  # noqa: E402

import pytest  # noqa: E402

_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐'’][^\W\d_]+)*")
# small documents of several kinds: old and modern treaties, the UDHR pair, the example
_DOCS = ["treaties/BWBV0006059/README.md", "treaties/BWBV0006150/README.md",
         "treaties/BWBV0004978/README.md", "udhr/udhr-nl.md,udhr/udhr-fr.md"]


def _known(word: str, lexicons) -> bool:
    """Known in either language, whole or (a hyphenated compound) part by part."""
    if any(lexicon.known(word) for lexicon in lexicons):
        return True
    parts = [p for p in re.split(r"[-‐]", word) if p]
    return len(parts) > 1 and all(any(lexicon.known(p) for lexicon in lexicons) for p in parts)


@pytest.mark.parametrize("doc", _DOCS)
def test_unsafe_fixes_never_turn_a_known_word_into_an_unknown_one(corpus, doc):
    """Every fix, unsafe ones included, applied to a real text until nothing more applies:
    a word the dictionary knew before is never replaced by one it does not know (the
    ``authorities`` → ``author-cities`` chain of two rules' fixes)."""
    from bilint.fixes import fix_document
    from bilint.runner import Request, plan
    from rules.spellcheck import EmbeddedLexicon

    paths = [str(corpus / part) for part in doc.split(",")]
    jobs = plan(paths, Request(languages=("nl", "fr"), use_config=False))
    lexicons = [EmbeddedLexicon("nl"), EmbeddedLexicon("fr")]
    outcome = fix_document(jobs[0], unsafe=True)
    assert outcome.applied, "no fix applied: the property is not exercised on this text"
    corrupted = []
    for before, after in outcome.changed.values():
        old, new = _TOKEN.findall(before), _TOKEN.findall(after)
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "replace":
                continue
            if all(_known(w, lexicons) for w in old[i1:i2]):
                corrupted += [(" ".join(old[i1:i2]), w) for w in new[j1:j2] if not _known(w, lexicons)]
    assert not corrupted, f"known words rewritten into unknown ones: {corrupted[:10]}"
