"""Blocks in a language outside the pair: left out, and counted, never linted as the pair's.

A gazette of the Western Cape prints one by-law in English, Afrikaans and isiXhosa; a
check in Dutch and French would read the Afrikaans as Dutch with a typo a word and the
isiXhosa as either. A block is in another language when langdetect, given all of its
languages, is sure of one outside the pair (``af``: it knows 55, not ``xh``), or when few
of its words are in the word list of either language of the pair (isiXhosa). Asking
langdetect about every language costs a second on a long text, so the question is put
only when a sample of the file's blocks already shows such text (or the format states
another language); a bilingual file of the pair costs a few word look-ups. When nearly
all of a file is in other languages, all of it is left out: the rest (a cover's names, a
table of numbers) is no text of the pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..readers import Block

_WORD = re.compile(r"[^\W\d_]{2,}(?:['’][^\W\d_]+)?")
_MIN_WORDS = 6          # a block shorter than this is judged by its neighbours
_SAMPLE = 24            # blocks looked at before deciding the file needs a closer look
_LOOKED_UP = 30         # words of a block looked up
_FEW_KNOWN = 0.35       # below this share of known words a block is in no language of the pair
_SOME_UNKNOWN = 0.8     # a sample with many blocks below this share gets a closer look
_SURE = 0.95            # langdetect's probability for another language


@dataclass
class LeftOut:
    """What was left out: blocks per language (``?``: a language bilint cannot tell), and
    the first one's offset in the file."""

    counts: dict[str, int] = field(default_factory=dict)
    first: int | None = None

    def total(self) -> int:
        return sum(self.counts.values())


def _words(block: Block) -> list[str]:
    return [w for w in _WORD.findall(block.text.text) if not w.isupper()][:_LOOKED_UP]


def _known_share(words: list[str], tests) -> float:
    if not words or not tests:
        return 1.0
    return max(sum(1 for w in words if test(w) or test(w.lower())) for test in tests) / len(words)


def leave_out_foreign(blocks: list[Block], languages: tuple[str, str]) -> tuple[list[Block], LeftOut]:
    """The blocks in a language of the pair, and what was left out."""
    from ..readers.words import _plugin_test
    from . import _mostly_names

    left = LeftOut()
    # a list of names (Adinkerke, Assebroek, …) tells no language: judged by its neighbours
    long_blocks = [i for i, b in enumerate(blocks) if b.kind != "footnote" and len(_words(b)) >= _MIN_WORDS
                   and not _mostly_names(b.text.text)]
    if not long_blocks:
        return blocks, left
    # the rule pack's embedded word lists (the spelling rule reads them too), not Hunspell: loading
    # two Hunspell dictionaries would cost a third of a second on every run
    tests = [t for t in (_plugin_test(code) for code in languages) if t is not None]
    step = max(1, len(long_blocks) // _SAMPLE)
    sample = long_blocks[::step][:_SAMPLE]
    shares = [_known_share(_words(blocks[i]), tests) for i in sample]
    stated = any(b.declared and b.declared not in languages for b in blocks)
    if not (stated or min(shares) < _FEW_KNOWN
            or sum(s < _SOME_UNKNOWN for s in shares) >= max(2, len(shares) // 4)):
        return blocks, left
    from ..langid import any_language

    verdict: dict[int, str | None] = {}   # index -> language left out ('?' unknown), None: kept
    for index in long_blocks:
        block = blocks[index]
        share = _known_share(_words(block), tests)
        found = any_language(block.text.text)
        best = next(iter(found), None)
        ours = sum(found.get(code, 0.0) for code in languages)
        if share < _FEW_KNOWN:
            verdict[index] = "?"
        elif best is not None and best not in languages and found[best] >= _SURE and ours < 1 - _SURE:
            verdict[index] = best
        else:
            verdict[index] = None
    # a language langdetect names for one passage only, after passages left out in another, is
    # that other one (a table of Afrikaans headings in capitals reads as Norwegian)
    named = [verdict[i] for i in sorted(verdict)]
    for position, index in enumerate(sorted(verdict)):
        lang = verdict[index]
        if lang and lang != "?" and named.count(lang) == 1:
            before = next((code for code in reversed(named[:position]) if code and code != "?"), None)
            if before:
                verdict[index] = named[position] = before
    if 10 * sum(1 for lang in verdict.values() if not lang) < len(verdict):
        # nearly all of the file (more than 9 passages in 10) is in other languages: what is
        # left (a cover's names, a table of numbers) is no text of the pair, and read as one
        # it would only give noise. A gazette printing one text in three languages keeps the
        # third that is in the pair.
        for index, lang in verdict.items():
            if lang:
                left.counts[lang] = left.counts.get(lang, 0) + 1
        left.first = next((b.text.offsets[0] for b in blocks if len(b.text)), 0)
        return [], left
    # a short block (a heading, a label) between two left-out blocks goes with them
    decided = sorted(verdict)
    kept: list[Block] = []
    position = 0
    for index, block in enumerate(blocks):
        while position < len(decided) and decided[position] < index:
            position += 1
        lang = verdict.get(index)
        if index not in verdict:
            before = verdict.get(decided[position - 1]) if position > 0 else None
            after = verdict.get(decided[position]) if position < len(decided) else None
            if before and after:
                lang = before
        if lang:
            left.counts[lang] = left.counts.get(lang, 0) + 1
            if left.first is None and len(block.text):
                left.first = block.text.offsets[0]
        else:
            kept.append(block)
    return kept, left
