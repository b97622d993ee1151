"""Source to blocks, one reader per format, chosen by file name and content.

Every reader gives ``Block``s whose text has the markup removed and whose every
character maps back to the file, a language where the format states one, and the
structure the format marks. Binary formats (DOCX, PDF) are read by their own readers from
the file's bytes when ``bilint.source.read_source`` opens them: they build the ``Source``
(its text is the extracted text) and its blocks together.
"""

from __future__ import annotations

import re

from ..source import Source
from .block import INVISIBLE, Block

__all__ = ["Block", "INVISIBLE", "read_blocks", "format_of"]

XML_SUFFIXES = (".xml", ".akn")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def format_of(source: Source) -> str:
    """``xml``, ``html``, ``docx``, ``pdf`` or ``markdown``, by name first, then content."""
    if source.format:
        return source.format
    lower = source.path.lower()
    if lower.endswith(XML_SUFFIXES):
        return "xml"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith((".md", ".markdown", ".txt")):
        return "markdown"
    head = source.text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    if head.startswith("<?xml"):
        return "xml"
    return "markdown"


def read_blocks(source: Source, starts_block: "re.Pattern[str] | None" = None) -> list[Block]:
    """Split a source into blocks according to its format; the positions in words the
    format gives (``s. 12(3)(a)``, ``page 4, left column``) are kept on the source."""
    blocks = _read(source, starts_block)
    places = [(block.text.offsets[0], block.where) for block in blocks if block.where and len(block.text)]
    if places:
        source.places = sorted(places)
    return blocks


def _read(source: Source, starts_block: "re.Pattern[str] | None") -> list[Block]:
    kind = format_of(source)
    if kind in ("docx", "pdf"):
        return list(source.blocks or [])
    if kind == "xml":
        from .xml import read_xml

        return read_xml(source)
    if kind == "html":
        from .html import HtmlReader

        return HtmlReader(source).blocks()
    from .markdown import markdown_blocks

    return markdown_blocks(source, starts_block)
