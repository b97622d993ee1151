"""``bilint fix``: apply the diagnostics' fixes to the files, or show them as a diff.

- Only safe fixes, unless ``unsafe`` (``--unsafe-fixes``).
- A fix whose target is in the other language than its finding (or in the other file of
  a pair) is never applied silently: it counts as unsafe, and is listed when applied.
- Edits are character ranges of the decoded text; nothing outside them changes. The file
  is written back in its own encoding, with its byte-order mark and its line endings
  (a replacement's line breaks take the file's), through a temporary file and a rename.
- Fixing repeats until nothing more applies (a fix may enable another), at most
  ``PASSES`` times, so that a second ``bilint fix`` changes nothing.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from typing import Sequence

from .model import Diagnostic
from .source import InputError, decode

PASSES = 8


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    diagnostic: Diagnostic


@dataclass
class Outcome:
    """What fixing one document did."""

    changed: dict[str, tuple[str, str]] = field(default_factory=dict)   # path -> (before, after)
    applied: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)     # cross-language fixes applied, fixes skipped
    remaining: list[Diagnostic] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    accepted: int = 0                                  # findings a baseline accepted


def crosses_language(diagnostic: Diagnostic) -> bool:
    """The fix rewrites another language version (or file) than the one the finding is in."""
    target = diagnostic.fix.location if diagnostic.fix else None
    if target is None:
        return False
    if os.path.normpath(target.path) != os.path.normpath(diagnostic.path):
        return True
    return diagnostic.lang is not None and target.lang is not None and target.lang != diagnostic.lang


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    if fix is None or fix.location is None:
        return False
    return unsafe or (fix.safe and not crosses_language(diagnostic))


def edits_by_path(diagnostics: Sequence[Diagnostic], unsafe: bool) -> dict[str, list[Edit]]:
    by_path: dict[str, list[Edit]] = {}
    for diagnostic in diagnostics:
        if applicable(diagnostic, unsafe):
            where = diagnostic.fix.location
            by_path.setdefault(where.path, []).append(Edit(where.start, where.end, diagnostic.fix.replacement, diagnostic))
    return by_path


def newline_of(text: str) -> str:
    crlf, lf, cr = text.count("\r\n"), text.count("\n"), text.count("\r")
    if crlf and crlf >= lf - crlf:
        return "\r\n"
    if cr > crlf and cr - crlf > lf - crlf:
        return "\r"
    return "\n"


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[Edit]]:
    """The text with the non-overlapping edits applied (the first of overlapping ones wins)."""
    newline = newline_of(text)
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if chosen and edit.start < chosen[-1].end:
            continue
        if chosen and (edit.start, edit.end) == (chosen[-1].start, chosen[-1].end):
            continue
        chosen.append(edit)
    parts, position = [], 0
    for edit in chosen:
        start, end = edit.start, edit.end
        if edit.replacement == "":
            start, end = _whole_line_if_left_blank(text, start, end)
        replacement = edit.replacement.replace("\r\n", "\n").replace("\n", newline)
        parts.append(text[position:start])
        parts.append(replacement)
        position = end
    parts.append(text[position:])
    return "".join(parts), chosen


def _whole_line_if_left_blank(text: str, start: int, end: int) -> tuple[int, int]:
    """A removal that leaves its line blank takes the line (and its break) with it."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    line_end = end
    while line_end < len(text) and text[line_end] not in "\r\n":
        line_end += 1
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    if text.startswith("\r\n", line_end):
        line_end += 2
    elif line_end < len(text):
        line_end += 1
    return line_start, line_end


def fix_document(job, unsafe: bool = False, accept=None) -> Outcome:
    """Lint and fix one document in memory until nothing more applies; nothing is written.

    ``accept`` (a baseline's ``filter``) drops accepted findings before each pass: what a
    baseline accepts is neither fixed nor reported."""
    from .engine import lint_paths

    outcome = Outcome()
    texts: dict[str, str] = {}
    originals: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    # the words each pass rewrote: a later pass's fix that touches them is not applied, so
    # that two findings' fixes never compose on one word ("authorities" respelt
    # "author-ities" by one rule, then "ities" "corrected" by another)
    edited: dict[str, list[tuple[int, int]]] = {}
    for _ in range(PASSES):
        bitext, diagnostics = lint_paths(job.paths, job.settings, texts or None)
        if accept is not None:
            found = len(diagnostics)
            diagnostics = accept(diagnostics)
            outcome.accepted = found - len(diagnostics)   # of the last pass: the text as written
        if not originals:
            for document in bitext.documents.values():
                originals.setdefault(document.source.path, document.source.text)
            outcome.files = [{"path": p, "languages": list(job.settings.languages), "layout": bitext.layout}
                             for p in bitext.paths]
        current = {**originals, **texts}
        edits = edits_by_path(diagnostics, unsafe)
        progress = False
        for path, path_edits in edits.items():
            if path not in current:
                continue
            encoding = _encoding_of(bitext, path)
            usable = []
            for edit in path_edits:
                try:
                    edit.replacement.encode(_codec(encoding))
                except UnicodeEncodeError:
                    outcome.notes.append(f"{_where(edit.diagnostic)}: {edit.diagnostic.code} fix not applied: "
                                         f"{edit.replacement!r} cannot be written in {encoding}")
                    continue
                usable.append(edit)
            usable = [edit for edit in usable if not _touches(edited.get(path, []), current[path], edit)]
            new_text, chosen = apply_edits(current[path], usable)
            if new_text != current[path]:
                edited[path] = _shifted(edited.get(path, []), chosen)
                texts[path] = new_text
                progress = True
                for edit in chosen:
                    outcome.applied.append(edit.diagnostic)
                    if crosses_language(edit.diagnostic):
                        target = edit.diagnostic.fix.location
                        outcome.notes.append(
                            f"{_where(edit.diagnostic)}: {edit.diagnostic.code} fix rewrites the "
                            f"{target.lang or 'other'} version at {target.path}:{target.span.line}:{target.span.column}")
        if not progress:
            break
    outcome.remaining = diagnostics
    outcome.notes = list(dict.fromkeys(outcome.notes))
    for path, text in texts.items():
        if text != originals.get(path):
            outcome.changed[path] = (originals[path], text)
    return outcome


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The range widened to the whole words (letters, digits, hyphens) it touches."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-‐'’"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "-‐'’"):
        end += 1
    return start, end


def _touches(ranges: list[tuple[int, int]], text: str, edit: Edit) -> bool:
    """The edit falls on a word an earlier pass already rewrote."""
    if not ranges:
        return False
    start, end = _word_bounds(text, edit.start, edit.end)
    return any(start <= b and a <= end for a, b in ranges)


def _shifted(ranges: list[tuple[int, int]], chosen: Sequence[Edit]) -> list[tuple[int, int]]:
    """Earlier rewritten ranges moved past this pass's edits, plus this pass's own."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        delta = sum(len(e.replacement) - (e.end - e.start) for e in chosen if e.end <= a)
        out.append((a + delta, b + delta))
    delta = 0
    for edit in sorted(chosen, key=lambda e: e.start):
        start = edit.start + delta
        out.append((start, start + len(edit.replacement)))
        delta += len(edit.replacement) - (edit.end - edit.start)
    return out


def _where(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.path}:{diagnostic.span.line}:{diagnostic.span.column}"


def _encoding_of(bitext, path: str) -> str:
    for document in bitext.documents.values():
        if document.source.path == path:
            return document.source.encoding
    return "utf-8"


def _codec(encoding: str) -> str:
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(encoding, encoding)


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib   # only for --diff: a check run that reports fixes never pays for it

    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def encode_like(path: str, text: str, original: bytes) -> bytes:
    """``text`` in the original file's encoding, with its byte-order mark."""
    _, encoding = decode(original, path)
    boms = [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
            (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
    for bom, codec in boms:
        if original.startswith(bom):
            body = text[1:] if text.startswith("\ufeff") else text
            return bom + body.encode(codec)
    return text.encode(encoding)


def write_fixed(path: str, before: str, after: str) -> None:
    """Write ``after`` over ``path`` if the file still holds ``before``; same encoding, atomically."""
    try:
        with open(path, "rb") as handle:
            original = handle.read()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    text, _ = decode(original, path)
    if text != before:
        raise InputError(f"{path}: changed while bilint was fixing it; nothing written")
    if encode_like(path, before, original) != original:
        raise InputError(f"{path}: cannot be rewritten without changing other bytes; nothing written")
    write_atomic(path, encode_like(path, after, original))


def write_atomic(path: str, data: bytes) -> None:
    """Write through a temporary file in the same folder and a rename; keep the file's mode."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=".bilint-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        raise InputError(f"{path}: cannot write ({error.strerror or error})") from None
    finally:   # also on Ctrl-C: no temporary file is left in the user's folder
        if os.path.exists(temporary):
            try:
                os.unlink(temporary)
            except OSError:
                pass
