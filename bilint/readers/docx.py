"""Word (DOCX) to blocks: paragraphs, automatic numbering, tables, footnotes, revisions.

A DOCX file is a zip of XML parts, read here with the standard library's zipfile and
defusedxml (no entity is expanded, no external resource fetched), within limits that
stop a zip bomb before it fills the memory.

- Word's automatic numbering is not in the text: the labels a reader sees (``1.``,
  ``a)``, ``(iv)``) come from ``numbering.xml`` (each list level's format, label
  pattern and start) and are counted here, so that the numbering rules can check them.
- Tracked changes are read as accepted: insertions kept, deletions left out; the
  count is kept on the source (rule BL006 says so).
- Tables: each cell's paragraphs are blocks. The one-file bilingual layout, a
  two-column table with one language a column, gets each column's language from the
  column's whole text.
- Footnotes follow the text as footnote blocks, numbered as Word numbers them.

The ``Source`` text is the extracted text, one paragraph a line (labels included);
positions in words say ``paragraph 12`` or ``table 1, row 3, cell 2``.
"""

from __future__ import annotations

import re
import zipfile
from array import array
from io import BytesIO

from ..model import Mark, MappedText
from ..source import InputError, Source
from .block import INVISIBLE, Block

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_PART_BYTES = 64 * 1024 * 1024      # one XML part, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024    # all parts read
MAX_RATIO = 200                        # uncompressed / compressed: beyond it a zip bomb
_MAIN = "word/document.xml"


def read_docx(path: str, data: bytes) -> Source:
    """Read a DOCX file into a ``Source`` whose blocks are already made."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(f"{path}: not a DOCX file (not a readable zip archive)") from None
    with archive:
        parts = _Parts(path, archive)
        document = parts.xml(_MAIN)
        if document is None:
            raise InputError(f"{path}: not a DOCX file (it has no {_MAIN} part)")
        numbering = _Numbering(parts.xml("word/numbering.xml"), parts.xml("word/styles.xml"))
        footnotes = parts.xml("word/footnotes.xml")
    return _Builder(path, numbering, footnotes).build(document)


class _Parts:
    def __init__(self, path: str, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        self.read = 0
        self.names = set(archive.namelist())

    def xml(self, name: str):
        if name not in self.names:
            return None
        info = self.archive.getinfo(name)
        if info.flag_bits & 0x1:
            raise InputError(f"{self.path}: the DOCX is encrypted; bilint cannot read it")
        if info.file_size > MAX_PART_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 65536:
            raise InputError(f"{self.path}: {name} would unpack to {info.file_size:,} bytes: refused as a zip bomb")
        try:
            with self.archive.open(info) as handle:
                data = handle.read(MAX_PART_BYTES + 1)   # never more than the limit, whatever the header says
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
            raise InputError(f"{self.path}: {name} cannot be unpacked ({error})") from None
        self.read += len(data)
        if len(data) > MAX_PART_BYTES or self.read > MAX_TOTAL_BYTES:
            raise InputError(f"{self.path}: {name} unpacks to more than {MAX_PART_BYTES:,} bytes: refused as a zip bomb")
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, fromstring

        try:
            return fromstring(data, forbid_dtd=True)
        except DefusedXmlException as error:
            raise InputError(f"{self.path}: {name} declares a DTD or entities: refused ({type(error).__name__})") from None
        except ParseError as error:
            raise InputError(f"{self.path}: {name} is not well-formed XML ({error})") from None


_FORMATS = {
    "decimal": lambda n: str(n), "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": lambda n: _letters(n), "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n), "upperRoman": lambda n: _roman(n).upper(),
    "ordinal": lambda n: f"{n}°",
}


def _letters(number: int) -> str:
    # Word's letters: a..z, then aa..zz
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    from ..lexer import to_roman

    return to_roman(number)


class _Numbering:
    """Word's list levels and their counters: the label each numbered paragraph shows."""

    def __init__(self, numbering, styles) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}   # (numId, ilvl) -> (fmt, text, start)
        self.style_numbers: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering is not None:
            abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
            for node in numbering.iter(f"{W}abstractNum"):
                levels = {}
                for level in node.iter(f"{W}lvl"):
                    fmt = _val(level.find(f"{W}numFmt")) or "decimal"
                    text = _val(level.find(f"{W}lvlText")) or ""
                    start = int(_val(level.find(f"{W}start")) or 1)
                    levels[int(level.get(f"{W}ilvl", "0"))] = (fmt, text, start)
                abstract[node.get(f"{W}abstractNumId", "")] = levels
            for num in numbering.iter(f"{W}num"):
                levels = abstract.get(_val(num.find(f"{W}abstractNumId")) or "", {})
                for ilvl, value in levels.items():
                    self.levels[(num.get(f"{W}numId", ""), ilvl)] = value
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id = _val(num_pr.find(f"{W}numId"))
                    if num_id:
                        self.style_numbers[style.get(f"{W}styleId", "")] = (num_id, int(_val(num_pr.find(f"{W}ilvl")) or 0))

    def label(self, paragraph) -> tuple[str, int]:
        """The label Word shows for ``paragraph`` (``a)``) and its list level (1 outermost)."""
        props = paragraph.find(f"{W}pPr")
        if props is None:
            return "", 0
        num_pr = props.find(f"{W}numPr")
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId"))
            ilvl = int(_val(num_pr.find(f"{W}ilvl")) or 0)
        else:
            style = _val(props.find(f"{W}pStyle"))
            if style in self.style_numbers:
                num_id, ilvl = self.style_numbers[style]
        if not num_id or num_id == "0" or (num_id, ilvl) not in self.levels:
            return "", 0
        fmt, text, start = self.levels[(num_id, ilvl)]
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "–", ilvl + 1
        if fmt not in _FORMATS:
            return "", 0

        def value(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = self.levels.get((num_id, level), ("decimal", "", 1))
            number = counters.get(level, level_start)
            return _FORMATS.get(level_fmt, _FORMATS["decimal"])(number)

        return re.sub(r"%([1-9])", value, text), ilvl + 1


def _val(node) -> str | None:
    return None if node is None else node.get(f"{W}val")


class _Builder:
    def __init__(self, path: str, numbering: _Numbering, footnotes) -> None:
        self.path = path
        self.numbering = numbering
        self.footnotes = footnotes
        self.lines: list[str] = []
        self.position = 0
        self.blocks: list[Block] = []
        self.tracked = 0
        self.paragraphs = 0
        self.tables = 0
        self.note_numbers: dict[str, int] = {}

    def build(self, document) -> Source:
        body = document.find(f"{W}body")
        if body is None:
            raise InputError(f"{self.path}: not a DOCX file (its document part has no body)")
        for child in body:
            if child.tag == f"{W}p":
                self.paragraphs += 1
                self._paragraph(child, f"paragraph {self.paragraphs}")
            elif child.tag == f"{W}tbl":
                self._table(child)
        self._footnotes()
        text = "".join(self.lines)
        source = Source(self.path, text, "docx", format="docx", tracked_changes=self.tracked)
        for block in self.blocks:
            block.source_line = source.position(block.text.offsets[0])[0]
        source.blocks = self.blocks
        return source

    def _paragraph(self, paragraph, where: str, kind: str = "", prefix: str = "") -> Block | None:
        label, depth = self.numbering.label(paragraph)
        if prefix:
            label = prefix
        chars: list[str] = []
        marks: list[Mark] = []
        languages: dict[str, int] = {}
        self._runs(paragraph, chars, marks, languages, deleted=False)
        content = "".join(chars).strip()
        if not content and not label:
            return None
        lead = len("".join(chars)) - len("".join(chars).lstrip())
        line = (f"{label} " if label else "") + content
        start = self.position
        self.lines.append(line + "\n")
        self.position += len(line) + 1
        shift = (len(label) + 1 if label else 0) - lead
        block = Block(MappedText.contiguous(line, start),
                      [Mark(m.kind, m.start + shift, m.end + shift, m.value) for m in marks
                       if 0 <= m.start + shift <= len(line)])
        block.kind = kind
        block.where = where
        block.depth = depth if depth and label and label != "–" else 0
        total = sum(languages.values())
        if total:
            best = max(languages, key=languages.get)
            if languages[best] * 3 >= total * 2:
                block.declared = best
        style = _val(paragraph.find(f"{W}pPr/{W}pStyle")) or ""
        heading = re.match(r"(?:Heading|Titre|Kop)\s*([1-6])$", style, re.I)
        if heading:
            block.heading = int(heading.group(1))
        self.blocks.append(block)
        return block

    def _runs(self, node, chars: list[str], marks: list[Mark], languages: dict[str, int], deleted: bool) -> None:
        for child in node:
            tag = child.tag
            if tag in (f"{W}ins", f"{W}moveTo"):
                self.tracked += 1
                self._runs(child, chars, marks, languages, deleted)
            elif tag in (f"{W}del", f"{W}moveFrom"):
                self.tracked += 1   # accepted: the deleted text is gone
            elif tag == f"{W}r":
                lang = child.find(f"{W}rPr/{W}lang")
                code = (lang.get(f"{W}val") or "").split("-")[0].lower() if lang is not None else ""
                for part in child:
                    if part.tag == f"{W}t":
                        text = "".join(ch for ch in (part.text or "") if ch not in INVISIBLE)
                        chars.append(text.replace("\u00a0", " "))
                        if code:
                            languages[code] = languages.get(code, 0) + sum(ch.isalpha() for ch in text)
                    elif part.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                        chars.append(" ")
                    elif part.tag == f"{W}noBreakHyphen":
                        chars.append("-")
                    elif part.tag == f"{W}footnoteReference":
                        number = self.note_numbers.setdefault(part.get(f"{W}id", ""), len(self.note_numbers) + 1)
                        here = len("".join(chars))
                        marks.append(Mark("footnote-ref", here, here, str(number)))
            elif tag in (f"{W}hyperlink", f"{W}smartTag", f"{W}sdt", f"{W}sdtContent", f"{W}fldSimple",
                         f"{W}customXml"):
                self._runs(child, chars, marks, languages, deleted)

    def _table(self, table) -> None:
        self.tables += 1
        first = len(self.blocks)
        columns: dict[int, list[Block]] = {}
        for row_number, row in enumerate(table.iter(f"{W}tr"), start=1):
            for cell_number, cell in enumerate(row.findall(f"{W}tc"), start=1):
                for paragraph in cell.iter(f"{W}p"):
                    block = self._paragraph(paragraph, f"table {self.tables}, row {row_number}, cell {cell_number}")
                    if block is not None:
                        columns.setdefault(cell_number, []).append(block)
        if len(columns) == 2 and len(self.blocks) - first >= 2:
            _column_languages(columns)

    def _footnotes(self) -> None:
        if self.footnotes is None:
            return
        by_id = {note.get(f"{W}id", ""): note for note in self.footnotes.iter(f"{W}footnote")
                 if note.get(f"{W}type") not in ("separator", "continuationSeparator", "continuationNotice")}
        for note_id, number in sorted(self.note_numbers.items(), key=lambda item: item[1]):
            note = by_id.get(note_id)
            if note is None:
                continue
            for index, paragraph in enumerate(note.iter(f"{W}p")):
                self._paragraph(paragraph, f"footnote {number}", kind="footnote",
                                prefix=str(number) if index == 0 else "")


def _column_languages(columns: dict[int, list[Block]]) -> None:
    """A two-column table with one language a column: each column's language from its text."""
    from ..langid import probabilities
    from ..pairing import known_languages

    languages = tuple(known_languages())
    found = {}
    for number, blocks in columns.items():
        text = " ".join(block.text.text for block in blocks)[:4000]
        if sum(ch.isalpha() for ch in text) < 40:
            return
        probs = probabilities(text, languages)
        if not probs:
            return
        best = max(probs, key=probs.get)
        if probs[best] < 0.9:
            return
        found[number] = best
    if len(set(found.values())) == 2:
        for number, blocks in columns.items():
            for block in blocks:
                block.declared = block.declared or found[number]
