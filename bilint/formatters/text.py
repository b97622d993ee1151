"""One line a diagnostic, ``path:line:col: CODE message``, as compilers and grep expect."""

from __future__ import annotations

from typing import Sequence, TextIO

from ..model import Diagnostic
from .escape import printable


def line(diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    lang = f" [{diagnostic.lang}]" if diagnostic.lang else ""
    return (f"{printable(diagnostic.path)}:{span.line}:{span.column}: {diagnostic.code}{lang} "
            f"{printable(diagnostic.message)}")


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str) -> None:
    for diagnostic in diagnostics:
        stream.write(line(diagnostic) + "\n")
