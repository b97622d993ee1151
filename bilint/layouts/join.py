"""Re-join what a page break cut: a paragraph continued on the next page, a hyphenated word."""

from __future__ import annotations

import re

from ..lang import Language
from ..lexer import starts_unit
from ..model import Mark, MappedText
from ..readers import Block

_ENDS_SENTENCE = re.compile(r"[.;:!?][\"'”’»)\]]*\s*$")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def mark_footnotes(blocks: list[Block]) -> None:
    """A block that opens with a note reference (``<sup>1</sup> De …``) is a footnote."""
    for block in blocks:
        if any(mark.kind == "footnote-ref" and mark.start == 0 and mark.value for mark in block.marks):
            block.kind = "footnote"


def continues(previous: Block, block: Block, language: Language) -> bool:
    """``block`` continues ``previous``: it opens no unit and ``previous`` ended mid-sentence."""
    if block.kind == "footnote" or previous.kind == "footnote" or previous.heading:
        return False
    if _ENDS_SENTENCE.search(previous.text.text):
        return False
    return not starts_unit(block, language)


def join(previous: Block, block: Block, language: Language) -> Block:
    """One block from two; a word hyphenated across the break (``ha-`` / ``vens``) is one word."""
    head, tail = previous.text, block.text
    separator = " "
    first = _FIRST_WORD.match(tail.text)
    if (_HYPHEN_END.search(head.text) and first and tail.text[:1].islower()
            and first.group().lower() not in language.conjunctions):
        head = head[: len(head) - 1]
        separator = ""
    text = MappedText.join([head, tail], separator)
    shift = len(head) + len(separator)
    marks = [m for m in previous.marks if m.end <= len(head)]
    marks += [Mark(m.kind, m.start + shift, m.end + shift, m.value) for m in block.marks]
    joined = Block(text, marks, previous.heading, previous.lang, previous.kind)
    joined.source_line = previous.source_line
    return joined
