"""Is a two-language file a translation, or two languages side by side?

A plenary record alternates French and Dutch too, but each speech is in the language its
speaker chose: nothing in a French run comes back in the Dutch run beside it. A
translation carries its anchors across: the numbers and names of a passage appear in its
counterpart. The test counts, run by run, how many of a run's anchors occur in a
neighbouring run of the other language. A record also says what it is: speaker turns
(``Mme Inge Faes (N-VA). –``, ``Raoul Hedebouw (PVDA-PTB):``) open many of its paragraphs.
"""

from __future__ import annotations

import re

from ..readers import Block

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][a-zà-ÿ]{3,}")
# a speaker turn: a name (with a title or a speech number before it), the party in
# brackets, then the colon or dash that opens the speech
_SPEAKER_TURN = re.compile(
    r"(?:\d{2}\.\d{2}\s+)?[A-Z][\w'’.-]*\s+(?:[\w'’.-]+\s+){0,5}\([A-Za-z!&/ -]{1,24}\)\s*(?:[.,]?\s*[–—-]|:)")
_MIN_TURNS = 8
_MIN_RUNS = 6            # fewer runs (a sectioned text, one page pair) tell nothing
_MIN_ANCHORS = 3
_SHARED = 0.2            # a run sharing fewer of its anchors than this has no counterpart
_UNMATCHED_SHARE = 0.5   # of the text, in runs without a counterpart


def _anchors(blocks: list[Block]) -> set[str]:
    found: set[str] = set()
    for block in blocks:
        text = block.text.text
        found.update(number.replace(",", "").replace(".", "") for number in _NUMBER.findall(text))
        found.update(_NAME.findall(text))
    return found


def is_translation(blocks: list[Block]) -> bool:
    """False when the file is a debate record (speaker turns) or the runs of the two
    languages do not share their anchors (see module)."""
    turns = sum(1 for block in blocks if _SPEAKER_TURN.match(block.text.text))
    if turns >= _MIN_TURNS and turns >= 0.03 * len(blocks):
        return False
    runs: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if block.lang is None:
            continue
        if runs and runs[-1][0] == block.lang:
            runs[-1][1].append(block)
        else:
            runs.append((block.lang, [block]))
    if len(runs) < _MIN_RUNS:
        return True
    anchors = [_anchors(run) for _, run in runs]
    unmatched = 0
    total = 0
    for index, (own, (_, run)) in enumerate(zip(anchors, runs)):
        letters = sum(len(block.text.text) for block in run)
        total += letters
        if len(own) < _MIN_ANCHORS:
            continue
        nearby: set[str] = set()
        for other in (index - 1, index + 1):
            if 0 <= other < len(anchors):
                nearby |= anchors[other]
        if len(own & nearby) < _SHARED * len(own):
            unmatched += letters
    # a translation has a few passages that do not match (a table, a list of names);
    # a debate has most of its text in runs that share nothing with their neighbours
    return unmatched < _UNMATCHED_SHARE * total
