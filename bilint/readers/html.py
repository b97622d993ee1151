"""HTML and Word-HTML to blocks: block elements end a block, text keeps its offsets.

Word saves a bilingual record with each paragraph's language in its class name
(``NormalFR``, ``Titre3NL``) and in ``lang`` attributes; the reader reads them, so the
layout does not have to guess.
"""

from __future__ import annotations

import html
import re
from array import array
from html.parser import HTMLParser

from ..model import Mark, MappedText
from ..source import Source
from .block import INVISIBLE, Block

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th thead tr ul "
    "title caption".split()
)
_SKIP_TAGS = frozenset({"script", "style", "head", "template", "noscript"})
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# A Word style named for its language: NormalFR, Titre3NL, italNL, BodyText-fr
_CLASS_LANGUAGE = re.compile(r"[A-Za-z0-9]*?(?:[a-z0-9](?P<upper>[A-Z]{2})|[-_](?P<lower>[a-z]{2}))")
_LANG_CODE = re.compile(r"(?P<code>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*")


def attribute_language(attrs: list) -> tuple[str | None, str | None]:
    """The language an element's class name and its ``lang`` attribute state, normalised
    to a lower-case code (``NL-BE`` is ``nl``)."""
    by_class = by_attr = None
    for name, value in attrs:
        if not value:
            continue
        if name == "class":
            for word in value.split():
                match = _CLASS_LANGUAGE.fullmatch(word)
                if match:
                    by_class = (match.group("upper") or match.group("lower")).lower()
        elif name in ("lang", "xml:lang"):
            match = _LANG_CODE.fullmatch(value.strip())
            if match:
                by_attr = match.group("code").lower()
    return by_class, by_attr


class HtmlReader(HTMLParser):
    """Block elements and ``<br>`` end a block; text keeps its offsets into the HTML."""

    def __init__(self, source: Source) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        text = source.text
        self._newline_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._chars: list[str] = []
        self._offsets = array("l")
        self._marks: list[Mark] = []
        self._heading = 0
        self._skip_depth = 0
        self._sup_depth = 0
        self._sup_text: list[str] = []
        self._emphasis: list[tuple[str, int]] = []
        self._blocks: list[Block] = []
        # open elements and the languages they state: (tag, by class, by lang attribute)
        self._open: list[tuple[str, str | None, str | None]] = []
        self._letters_by_class: dict[str, int] = {}
        self._letters_by_attr: dict[str, int] = {}
        self._shown = bytearray(len(text))

    def blocks(self) -> list[Block]:
        try:
            self.feed(self.source.text)
            self.close()
        except AssertionError:  # html.parser gives up on some malformed declarations
            pass
        self._flush()
        self.source.shown = self._shown
        return self._blocks

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._newline_starts[line - 1] + column

    def _flush(self) -> None:
        chars, offsets = self._chars, self._offsets
        start = 0
        while start < len(chars) and chars[start] == " ":
            start += 1
        stop = len(chars)
        while stop > start and chars[stop - 1] == " ":
            stop -= 1
        if stop > start:
            body = offsets[start:stop]
            body.append(body[-1] + 1)
            marks = [Mark(m.kind, max(0, m.start - start), max(0, min(m.end, stop) - start), m.value)
                     for m in self._marks]
            block = Block(MappedText("".join(chars[start:stop]), body), marks, self._heading)
            block.source_line = self.source.position(body[0])[0]
            block.declared = _majority(self._letters_by_class) or _majority(self._letters_by_attr)
            self._blocks.append(block)
        self._letters_by_class = {}
        self._letters_by_attr = {}
        self._chars = []
        self._offsets = array("l")
        self._marks = []
        self._emphasis = []

    def _add(self, text: str, offset: int, step: int = 1) -> None:
        if self._skip_depth:
            return
        if self._sup_depth:
            self._sup_text.append(text)
            return
        by_class = next((c for _, c, _ in reversed(self._open) if c), None)
        by_attr = next((a for _, _, a in reversed(self._open) if a), None)
        shown = self._shown
        for index, char in enumerate(text):
            where = offset + index * step
            if char in INVISIBLE:
                if step and 0 <= where < len(shown):
                    shown[where] = 1   # in the file's text, not markup: excerpts keep it
                continue
            if char.isalpha():
                if by_class:
                    self._letters_by_class[by_class] = self._letters_by_class.get(by_class, 0) + 1
                if by_attr:
                    self._letters_by_attr[by_attr] = self._letters_by_attr.get(by_attr, 0) + 1
            if step and 0 <= where < len(shown):
                shown[where] = 1
            if char.isspace():
                if self._chars and self._chars[-1] == " ":
                    continue
                char = " "
            self._chars.append(char)
            self._offsets.append(offset + index * step)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in _VOID_TAGS:
            self._open.append((tag, *attribute_language(attrs)))
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self._heading = int(tag[1])
        elif tag == "sup":
            self._sup_depth += 1
            self._sup_text = []
        elif tag in ("i", "em", "b", "strong"):
            self._emphasis.append((tag, len(self._chars)))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, max(-1, len(self._open) - 50), -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            self._heading = 0
        elif tag == "sup" and self._sup_depth:
            self._sup_depth -= 1
            if not self._sup_depth:
                here = len(self._chars)
                self._marks.append(Mark("footnote-ref", here, here, "".join(self._sup_text).strip()))
        elif tag in ("i", "em", "b", "strong"):
            for index in range(len(self._emphasis) - 1, -1, -1):
                if self._emphasis[index][0] == tag:
                    _, begin = self._emphasis.pop(index)
                    kind = "emphasis" if tag in ("i", "em") else "strong"
                    self._marks.append(Mark(kind, begin, len(self._chars)))
                    break

    def handle_data(self, data: str) -> None:
        self._add(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, raw: str) -> None:
        decoded = html.unescape(raw)
        if decoded == raw:
            decoded = raw  # unknown entity: keep it as written
        offset = self._offset()
        if decoded[:1].isprintable() and not decoded[:1].isspace() and decoded[0] not in INVISIBLE:
            self.source.substitutes[offset] = decoded[0]   # shown in excerpts in place of ``&…;``
        for char in decoded:
            self._add(" " if char == "\u00a0" else char, offset, 0)



def _majority(counts: dict[str, int]) -> str | None:
    """The language of most of a block's letters, when one states at least two thirds."""
    total = sum(counts.values())
    if not total:
        return None
    best = max(counts, key=counts.get)
    return best if counts[best] * 3 >= total * 2 else None
