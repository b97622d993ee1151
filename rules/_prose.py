"""Helpers shared by the rules that read one version's prose (typography, grammar,
language, terminology): which nodes carry their own text, sentences, quoted spans."""

from __future__ import annotations

import re
from typing import Iterator

from bilint.api import Document, Node

# text nodes whose body is their own (a title's body repeats its text children)
TEXT_KINDS = ("text", "formula", "section", "division", "article", "paragraph", "item", "footnote")

_QUOTED = re.compile(r"“[^”\n]{1,400}”|‘[^’\n]{1,400}’|«[^»\n]{1,400}»|„[^”“\n]{1,400}[”“]"
                     r"|\"[^\"\n]{1,400}\"|'[^'\n]{1,400}'(?!\w)")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀ-ÖØ-Þ0-9(“‘«„\"'])|\n+")


def text_nodes(document: Document) -> Iterator[Node]:
    """Nodes with prose of their own, each stretch of the source once (a node whose body is
    the same source text as one already given is skipped, so nothing is reported twice)."""
    seen: set[tuple[int, int, str]] = set()
    for node in document.nodes():
        if node.kind in TEXT_KINDS and node.text.strip():
            key = (node.body.offsets[0], node.body.offsets[-1], node.text)
            if key in seen:
                continue
            seen.add(key)
            yield node


def is_html(node: Node) -> bool:
    return node.source.path.lower().endswith((".html", ".htm", ".xhtml", ".xml"))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a sentence ends at . ; ! ? before a capital, or a line break."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def exempt_spans(node: Node) -> list[tuple[int, int]]:
    """Quoted passages and italic (emphasis) spans: quotations, titles, foreign terms used on purpose."""
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(node.text)]
    spans.extend((mark.start, mark.end) for mark in node.marks if mark.kind in ("emphasis", "quote"))
    return spans


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given spans replaced by spaces (offsets unchanged)."""
    chars = list(text)
    for start, end in spans:
        for index in range(max(0, start), min(end, len(chars))):
            chars[index] = " "
    return "".join(chars)
