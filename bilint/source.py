"""Bytes on disk to a decoded ``Source`` with a line table.

Decoding never loses text: a BOM decides first, then strict UTF-8, then the HTML
``charset`` declaration, then windows-1252 (the Belgian Chamber's older HTML). Offsets
everywhere in bilint are character offsets into ``Source.text``; ``location()`` turns
them into the 1-based line and column a user sees.
"""

from __future__ import annotations

import codecs
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .model import Location, Span

# decodings that are a guess, not the file's statement: the user is warned
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


class InputError(Exception):
    """Input that cannot be linted; the CLI prints it as one line and exits with 2."""


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class Source:
    path: str
    text: str
    encoding: str = "utf-8"
    line_starts: list[int] = field(default_factory=list)
    format: str = ""          # set by the binary readers (docx, pdf); else told by name and content
    blocks: list | None = None   # the blocks a binary reader made while building ``text``
    fallback: bool = False    # decoded with a guessed encoding (no BOM, not UTF-8, no charset)
    tracked_changes: int = 0  # revisions a DOCX holds (linted as accepted)
    # which characters are text, not markup (set by markup readers): excerpts show the
    # text of a line with its markup blanked out, so that columns still match
    shown: bytearray | None = field(default=None, repr=False, compare=False)
    substitutes: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    places: list[tuple[int, str]] = field(default_factory=list, repr=False, compare=False)
    _lines: dict[int, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.line_starts:
            self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def location(self, start: int, end: int, lang: str | None) -> Location:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        # an end that falls on a line break shows as the end of the line it closes
        return Location(self.path, Span(line, column, end_line, end_column), lang, start, max(start, end))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break.

        Cached: every diagnostic asks for its line, and an HTML file is often a few huge
        lines (the Criminal Code: 1,486 calls copied 900 KB lines for 2.4 s).
        """
        if not 1 <= line <= len(self.line_starts):
            return ""
        cached = self._lines.get(line)
        if cached is None:
            start = self.line_starts[line - 1]
            end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
            while end > start and self.text[end - 1] in "\r\n":
                end -= 1
            cached = self._lines[line] = self.text[start:end]
        return cached


    def display_line(self, line: int) -> str:
        """The line as an excerpt shows it: markup (tags, entities) blanked out."""
        raw = self.line_text(line)
        if self.shown is None or not raw:
            return raw
        start = self.line_starts[line - 1]
        shown, substitutes = self.shown, self.substitutes
        return "".join(char if shown[start + index] else substitutes.get(start + index, " ")
                       for index, char in enumerate(raw))

    def place(self, offset: int) -> str:
        """The physical position in words a reader gave for ``offset`` (page, column, cell)."""
        if not self.places:
            return ""
        index = bisect_right(self.places, (offset, "\uffff")) - 1
        return self.places[index][1] if index >= 0 else ""


def decode(data: bytes, path: str = "<text>") -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding name)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise InputError(f"{path}: not valid {encoding} despite its byte-order mark ({error.reason})") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file, not a text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    # windows-1252 leaves five bytes undefined; Latin-1 maps every byte, so no text is lost
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read_source(path: str) -> Source:
    """Read and decode a file, turning every OS problem into one clear InputError."""
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    lower = path.lower()
    if lower.endswith((".docx", ".docm")):
        from .readers.docx import read_docx

        return read_docx(path, data)
    if lower.endswith(".pdf") or data.startswith(b"%PDF-"):
        from .readers.pdf import read_pdf

        return read_pdf(path, data)
    if data.startswith(b"PK\x03\x04") and lower.endswith((".odt", ".doc", ".zip")):
        raise InputError(f"{path}: a {lower.rsplit('.', 1)[-1]} file; bilint reads DOCX, PDF, XML, HTML, markdown and text")
    text, encoding = decode(data, path)
    return Source(path, text, encoding, fallback=encoding in FALLBACK_ENCODINGS)


def text_source(text: str, path: str = "<text>") -> Source:
    return Source(path, text)
