"""Paths and options to ``Streams``: read the files, pick the layout, split the languages."""

from __future__ import annotations

import re

from ..lexer import _LABEL
from ..readers import read_blocks
from ..source import InputError, Source, read_source
from . import LAYOUTS, Streams, counterpart, detect_layout, pair_name, require_languages
from .join import mark_footnotes
from .translation import is_translation


def _block_start_pattern(data) -> "re.Pattern[str]":
    """Lines that open a block even without a blank line before them (labels, articles)."""
    words = sorted({re.escape(w) for lang in data.values() for w in (*lang.article_words, *lang.paragraph_words)},
                   key=len, reverse=True)
    return re.compile(rf"(?:{_LABEL.pattern})|\s*(?:{'|'.join(words)})\s*\.?\s*\d", re.I)


def load(paths: list[str], languages: tuple[str, str], layout: str = "auto",
         texts: "dict[str, str] | None" = None) -> Streams:
    """Read one document: one interleaved or sectioned file, or the two files of a pair.

    ``texts`` supplies the content of paths held in memory (an editor buffer, an API call).
    """
    def read(path: str) -> Source:
        return Source(path, texts[path]) if texts and path in texts else read_source(path)

    data = require_languages(languages)
    if layout not in ("auto", *LAYOUTS):
        raise InputError(f"unknown layout {layout!r} (use auto, {', '.join(LAYOUTS)})")
    starts = _block_start_pattern(data)
    if len(paths) == 2 or layout == "pair":
        return _load_pair(paths, languages, data, starts, read)
    if len(paths) != 1:
        raise InputError(f"a document is one file or a pair of files, got {len(paths)}")
    source = read(paths[0])
    blocks = read_blocks(source, starts)
    mark_footnotes(blocks)
    from .foreign import leave_out_foreign

    blocks, left_out = leave_out_foreign(blocks, languages)
    chosen = detect_layout(blocks, languages) if layout == "auto" else layout
    if chosen == "sectioned":
        from .sectioned import split
    else:
        from .interleaved import split
    streams = split(blocks, languages, data)
    notes = [f"no {code} text found" for code in languages if not streams.get(code)]
    translation = chosen != "interleaved" or is_translation(blocks)
    return Streams(chosen, languages, streams, {code: source for code in languages}, notes, translation,
                   left_out if left_out.total() else None)


def _stated_language(blocks, languages: tuple[str, str]) -> str | None:
    """The language most of a file's blocks state, when it is one of the pair."""
    counts: dict[str, int] = {}
    for block in blocks:
        if block.declared in languages:
            counts[block.declared] = counts.get(block.declared, 0) + len(block.text)
    total = sum(len(block.text) for block in blocks)
    best = max(counts, key=counts.get) if counts else None
    return best if best and counts[best] * 2 > total else None


def _load_pair(paths, languages, data, starts, read) -> Streams:
    if len(paths) == 1:
        other = counterpart(paths[0], languages)
        if other is None:
            raise InputError(f"{paths[0]}: no counterpart file for the pair layout "
                             f"(expected NAME.{languages[0]}.EXT and NAME.{languages[1]}.EXT)")
        paths = [paths[0], other]
    read_files = {path: read(path) for path in paths}
    read_blocks_of = {path: read_blocks(source, starts) for path, source in read_files.items()}
    by_language = {}
    for position, path in enumerate(paths):
        # the name says (NAME.nl.md, Besluit_FR.docx), else the file (xml:lang, w:lang),
        # else the order the user gave (--pair A B)
        parts = pair_name(path)
        code = parts[1] if parts is not None and parts[1] in languages else _stated_language(
            read_blocks_of[path], languages) or languages[position]
        if code in by_language:
            raise InputError(f"{path}: two {code} files given for one pair "
                             f"(name them NAME.{languages[0]}.EXT and NAME.{languages[1]}.EXT)")
        by_language[code] = path
    if set(by_language) != set(languages):
        raise InputError(f"a pair needs one {languages[0]} and one {languages[1]} file")
    blocks, sources = {}, {}
    for code in languages:
        source = read_files[by_language[code]]
        sources[code] = source
        blocks[code] = read_blocks_of[by_language[code]]
        for block in blocks[code]:
            block.lang = code
        mark_footnotes(blocks[code])
    notes = [f"{sources[code].path}: no text found" for code in languages if not blocks[code]]
    return Streams("pair", languages, blocks, sources, notes)
