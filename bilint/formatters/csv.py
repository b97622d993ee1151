"""One row a finding, with both versions' provision text, for the clerks' spreadsheets.

The file starts with a UTF-8 byte-order mark: Excel reads a CSV without one in the
system's ANSI code page, which turns every accent (``é``, ``ë``) into two wrong
characters. A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return) would be run as a formula when the clerk opens the file in a spreadsheet; such
a cell gets a leading apostrophe, which the spreadsheet shows as text (OWASP's advice
against CSV injection).
"""

from __future__ import annotations

import csv
from typing import Sequence, TextIO

from ..model import Bitext, Diagnostic
from .bitext_view import build_all, complete

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> str:
    """The cell's text, prefixed with ``'`` when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str,
           bitexts: Sequence[Bitext] = ()) -> None:
    views, elsewhere = build_all(complete(bitexts, files), diagnostics)
    languages = list(dict.fromkeys(lang for view in views for lang in view.languages)) or ["nl", "fr"]
    findings = [f for view in views for f in view.findings] + elsewhere
    stream.write(BOM)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(["number", "file", "line", "column", "end line", "end column", "language", "rule", "name",
                     "category", "severity", "message", "provision", "flagged",
                     *(f"text {lang}" for lang in languages)])
    for finding in findings:
        d = finding.diagnostic
        lang, _, provision = d.key.partition(":")
        flagged = _flagged(d)
        row = [finding.number, d.path, d.span.line, d.span.column, d.span.end_line, d.span.end_column,
               d.lang or "", d.code, d.name, d.category, str(d.severity), d.message, provision or lang, flagged,
               *(finding.excerpts.get(code, "") for code in languages)]
        writer.writerow([defuse(cell) for cell in row])


def _flagged(diagnostic: Diagnostic) -> str:
    """The flagged characters when they are on one line (the diagnostic keeps that line)."""
    span = diagnostic.span
    if span.line != span.end_line or not diagnostic.source_line:
        return ""
    return diagnostic.source_line[span.column - 1:span.end_column - 1]


render.needs_documents = True  # type: ignore[attr-defined]
