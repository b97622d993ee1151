"""One line a diagnostic, ``path:line:col: CODE message``, as compilers and grep expect."""

from __future__ import annotations

from typing import Sequence, TextIO

from ..model import Diagnostic


def _clean(text: str) -> str:
    """Control characters from a document must not reach the terminal or break the line."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def line(diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    lang = f" [{diagnostic.lang}]" if diagnostic.lang else ""
    return f"{diagnostic.path}:{span.line}:{span.column}: {diagnostic.code}{lang} {_clean(diagnostic.message)}"


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str) -> None:
    for diagnostic in diagnostics:
        stream.write(line(diagnostic) + "\n")
