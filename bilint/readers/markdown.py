"""Markdown and plain text (pdftotext dumps too) to blocks, inline markup removed and mapped.

A block is one paragraph or list item as a reader of the page would see it. The text of
a block has inline markup removed (emphasis, tags, entities, link targets) and records it
as ``Mark``s, so that rules read words while findings still point into the file.
"""

from __future__ import annotations

import html
import re
from array import array

from ..model import Mark, MappedText
from ..source import Source
from .block import INVISIBLE, Block


# --- markdown and plain text -------------------------------------------------------------

_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]*")
_INLINE = re.compile(
    r"(?P<sup><sup>(?P<supv>[^<]{0,40})</sup>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->)"
    r"|(?P<linkend>\]\([^()\s]*\))"
    r"|(?P<strong>\*\*)"
    r"|(?P<em>\*)"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<esc>\\[\\`*_{}\[\]()#+.!-])",
    re.S,
)
_LINK_OPEN = re.compile(r"\[(?=[^\[\]\n]*\]\([^()\s]*\))")


def markdown_blocks(source: Source, starts_block: "re.Pattern[str] | None") -> list[Block]:
    text = source.text
    lines: list[tuple[int, int]] = []   # (start, end) of each line without its break
    wraps: list[bool] = []              # the line was wrapped (ends with a space or a hyphen)
    for index, start in enumerate(source.line_starts):
        end = source.line_starts[index + 1] if index + 1 < len(source.line_starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        wraps.append(end > start and text[end - 1] in " -")
        while end > start and text[end - 1] in " \t":
            end -= 1   # trailing spaces are markdown hard breaks, not text
        lines.append((start, end))
    skip = _front_matter_lines(text, lines)
    wrapped = _is_wrapped_dump(source, lines)
    furniture = _page_furniture(text, lines) if wrapped else set()
    blocks: list[Block] = []
    current: list[tuple[int, int]] = []

    def flush() -> None:
        if current:
            block = _inline_block(source, current, dehyphenate=wrapped)
            if block is not None:
                blocks.append(block)
            current.clear()

    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        if number < skip or not line.strip() or _only_tags(line) or number in furniture:
            flush()
            continue
        if current and (_HEADING.match(line) and line.lstrip().startswith("#")
                        or (starts_block is not None and starts_block.match(line))):
            flush()
        current.append((start, end))
        if line.lstrip().startswith("#") or (wrapped and not wraps[number]):
            flush()
    flush()
    return blocks


def _is_wrapped_dump(source: Source, lines: list[tuple[int, int]]) -> bool:
    """A plain-text dump of a PDF (pdftotext) has no blank lines between paragraphs; its
    wrapped lines end with a space or a hyphen and a paragraph's last line does not."""
    if not source.path.lower().endswith(".txt") or len(lines) < 20:
        return False
    blank = sum(1 for start, end in lines[:-1] if not source.text[start:end].strip())
    return blank < 0.02 * len(lines)


# the digit is asked for by a look-ahead: "[…]*\d[…]*" backtracks quadratically on a long run of digits
_DIGITS_ONLY = re.compile(r"(?=\D*\d)[\s\d/.,:–-]+")


def _letter_spaced(line: str) -> bool:
    words = line.split()
    return len(words) >= 6 and sum(1 for w in words if len(w) == 1 and w.isalpha()) >= 0.5 * len(words)


def _page_furniture(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Lines of a PDF dump that are page furniture, not text: page numbers and other lines
    of digits alone, letter-spaced running heads (``K A M E R • 2e Z I T T I N G``), and
    running heads repeated from page to page with no lower-case word (``DOC 56``)."""
    counts: dict[str, int] = {}
    for start, end in lines:
        line = " ".join(text[start:end].split())
        if line:
            counts[line] = counts.get(line, 0) + 1
    found: set[int] = set()
    for number, (start, end) in enumerate(lines):
        line = " ".join(text[start:end].split())
        if not line:
            continue
        if (_DIGITS_ONLY.fullmatch(line) or _letter_spaced(line)
                or counts[line] >= 3 and len(line) <= 80 and not any(ch.islower() for ch in line)):
            found.add(number)
    return found


def _front_matter_lines(text: str, lines: list[tuple[int, int]]) -> int:
    if not lines or text[lines[0][0]:lines[0][1]].strip() != "---":
        return 0
    for number, (start, end) in enumerate(lines[1:200], start=1):
        if text[start:end].strip() in ("---", "..."):
            return number + 1
    return 0


_ONLY_TAGS = re.compile(r"\s*(?:</?[A-Za-z][^<>]*>\s*|<!--.*?-->\s*)+")


def _only_tags(line: str) -> bool:
    return _ONLY_TAGS.fullmatch(line) is not None


def _inline_block(source: Source, line_ranges: list[tuple[int, int]], dehyphenate: bool = False) -> Block | None:
    """Strip inline markdown/HTML from the lines of one block, keeping the offset map.

    With ``dehyphenate`` (a PDF dump), a word cut at a line end (``ser-`` / ``vice``) is
    joined back when the joined form is a word (``bilint.readers.words``); a compound's
    hyphen (``vice-`` / ``gouverneur``) and a hyphen before a capital
    (``Bruxelles-`` / ``Capitale``) stay.
    """
    text = source.text
    chars: list[str] = []
    offsets = array("l")
    marks: list[Mark] = []
    heading = 0
    open_marks: dict[str, int] = {}
    lang: "str | None | bool" = False   # the paragraph's language, told when a cut word needs it
    pairable = _pairable_delimiters(text, line_ranges)
    for line_number, (start, end) in enumerate(line_ranges):
        position = start
        if line_number == 0:
            match = _HEADING.match(text, start, end)
            if match and text[start:end].lstrip().startswith("#"):
                heading = len(match.group(1))
                position = match.end()
                end_strip = end
                while end_strip > position and text[end_strip - 1] in "# \t":
                    end_strip -= 1
                end = end_strip if end_strip > position else end
        elif (dehyphenate and len(chars) > 1 and chars[-1] == "-" and chars[-2].isalpha()
              and text[start:start + 1].isalpha()):
            if lang is False:
                lang = _language(text, line_ranges)
            if text[start:start + 1].islower() and _joins(chars, text, start, end, lang):
                chars.pop()
                offsets.pop()
        elif chars and chars[-1] != " ":
            chars.append(" ")
            offsets.append(start - 1)
        link_opens = {m.start() for m in _LINK_OPEN.finditer(text, position, end)}
        while position < end:
            match = _INLINE.search(text, position, end)
            stop = match.start() if match else end
            for index in range(position, stop):
                if index in link_opens:
                    continue
                char = text[index]
                if char in INVISIBLE:
                    continue
                if char in "\t\u00a0":
                    char = " "
                chars.append(char)
                offsets.append(index)
            if not match:
                break
            kind = match.lastgroup
            here = len(chars)
            if kind == "sup":
                marks.append(Mark("footnote-ref", here, here, match.group("supv").strip()))
            elif kind in ("strong", "em"):
                if match.start() in pairable:
                    name = "strong" if kind == "strong" else "emphasis"
                    if name in open_marks:
                        marks.append(Mark(name, open_marks.pop(name), here))
                    else:
                        open_marks[name] = here
                else:
                    for index in range(match.start(), match.end()):
                        chars.append(text[index])
                        offsets.append(index)
            elif kind == "entity":
                decoded = html.unescape(match.group())
                for char in decoded:
                    if char in INVISIBLE:
                        continue
                    chars.append(" " if char == "\u00a0" else char)
                    offsets.append(match.start())
            elif kind == "esc":
                chars.append(match.group()[1])
                offsets.append(match.start() + 1)
            position = match.end()
    # trailing spaces (markdown hard breaks) and leading spaces carry no meaning
    while chars and chars[-1].isspace():
        chars.pop()
        offsets.pop()
    lead = 0
    while lead < len(chars) and chars[lead].isspace():
        lead += 1
    if lead == len(chars):
        return None
    body_text = "".join(chars[lead:])
    body_offsets = offsets[lead:]
    body_offsets.append(body_offsets[-1] + 1)
    shifted = [Mark(m.kind, max(0, m.start - lead), max(0, m.end - lead), m.value) for m in marks]
    block = Block(MappedText(body_text, body_offsets), shifted, heading)
    block.source_line = source.position(body_offsets[0])[0]
    return block


_WORD_START = re.compile(r"[^\W\d_]+")


def _joins(chars: list[str], text: str, start: int, end: int, lang: str | None) -> bool:
    """The word cut at the line end is one word (``gou-`` / ``vernement``), not a compound."""
    from .words import join_cut

    index = len(chars) - 1
    while index > 0 and chars[index - 1].isalpha():
        index -= 1
    tail = _WORD_START.match(text, start, end)
    return tail is not None and join_cut("".join(chars[index:]), tail.group(), lang) is not None


def _language(text: str, line_ranges: list[tuple[int, int]]) -> str | None:
    """The language of a dump's paragraph, for the dictionary that mends its cut words."""
    from ..langid import probabilities
    from ..pairing import known_languages

    sample = " ".join(text[start:end] for start, end in line_ranges)[:2000]
    if sum(ch.isalpha() for ch in sample) < 40:
        return None
    probs = probabilities(sample, tuple(known_languages()))
    best = max(probs, key=probs.get) if probs else None
    return best if best and probs[best] >= 0.9 else None


_DELIM = re.compile(r"\*\*|\*")


def _pairable_delimiters(text: str, line_ranges: list[tuple[int, int]]) -> set[int]:
    """Positions of ``*``/``**`` that open or close emphasis (flanking rules, paired)."""
    found: dict[str, list[tuple[int, bool, bool]]] = {"**": [], "*": []}
    for start, end in line_ranges:
        for match in _DELIM.finditer(text, start, end):
            before = text[match.start() - 1] if match.start() > start else " "
            after = text[match.end()] if match.end() < end else " "
            can_open = not after.isspace()
            can_close = not before.isspace()
            found[match.group()].append((match.start(), can_open, can_close))
    result: set[int] = set()
    for delimiters in found.values():
        opener: int | None = None
        for position, can_open, can_close in delimiters:
            if opener is not None and can_close:
                result.update((opener, position))
                opener = None
            elif can_open:
                opener = position
    return result


