"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``; info is a
``notice``. Values are escaped as the runner expects (``%``, line breaks, and in
properties ``:`` and ``,``).
"""

from __future__ import annotations

from typing import Sequence, TextIO

from ..model import Diagnostic, Severity
from .escape import printable

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def line(diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    properties = [f"file={_property(diagnostic.path)}", f"line={span.line}", f"col={span.column}",
                  f"endLine={span.end_line}", f"endColumn={span.end_column}",
                  f"title={_property(f'{diagnostic.code} {diagnostic.name}')}"]
    message = printable(diagnostic.message)
    if diagnostic.lang:
        message = f"[{diagnostic.lang}] {message}"
    for related in diagnostic.related:
        where = related.location
        message += f"\n↔ {printable(where.path)}:{where.span.line}:{where.span.column}"
        if where.lang:
            message += f" [{where.lang}]"
        if related.message:
            message += f" {printable(related.message)}"
    return f"::{_COMMAND[diagnostic.severity]} {','.join(properties)}::{_escape_lines(message)}"


def _escape_lines(message: str) -> str:
    """The message's own line breaks are escaped as the runner expects."""
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str) -> None:
    for diagnostic in diagnostics:
        stream.write(line(diagnostic) + "\n")
