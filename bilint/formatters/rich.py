"""The terminal report: location, code, severity, message, the line with the span marked,
and for findings on both versions the other version's location and text.

Document text is always added as ``rich.text.Text``, never as markup, so a ``[bold]`` in
a text prints as written, and control characters are replaced before they reach the
terminal.
"""

from __future__ import annotations

from typing import Sequence, TextIO

from ..model import Diagnostic, Severity
from .escape import printable

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _clean(text: str) -> str:
    return printable(text.replace("\t", " "))


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str,
           summary: str | None = None) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, emoji=False, markup=False, soft_wrap=True)
    for diagnostic in diagnostics:
        span = diagnostic.span
        head = Text()
        head.append(f"{_clean(diagnostic.path)}:{span.line}:{span.column}", style="bold")
        head.append("  ")
        head.append(diagnostic.code, style="bold magenta")
        head.append(" ")
        head.append(str(diagnostic.severity), style=_STYLES[diagnostic.severity])
        if diagnostic.lang:
            head.append(f" [{diagnostic.lang}]", style="dim")
        head.append("  ")
        head.append(_clean(diagnostic.message))
        console.print(head)
        if diagnostic.source_line:
            console.print(_excerpt(diagnostic))
        for related in diagnostic.related:
            where = related.location
            other = Text("    ↔ ", style="dim")
            other.append(f"{_clean(where.path)}:{where.span.line}:{where.span.column}", style="bold")
            if where.lang:
                other.append(f" [{where.lang}]", style="dim")
            if related.message:
                other.append(f"  {_clean(related.message)}")
            console.print(other)
            if related.text:
                console.print(Text(f"      {_clean(_shorten(related.text))}", style="italic"))
        if diagnostic.fix is not None:
            safety = "" if diagnostic.fix.safe else " (unsafe)"
            console.print(Text(f"    fix{safety}: replace with {_clean(diagnostic.fix.replacement)!r}", style="green"))
    if summary is not None:
        if summary:
            console.print(Text(("\n" if diagnostics else "") + summary[0].upper() + summary[1:] + ".",
                               style="bold" if diagnostics else "green"))
    elif diagnostics:
        counts = {severity: sum(d.severity == severity for d in diagnostics) for severity in Severity}
        summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in sorted(counts.items(), reverse=True) if n)
        console.print(Text(f"\n{len(diagnostics)} finding{'s' if len(diagnostics) != 1 else ''} ({summary})", style="bold"))
    else:
        console.print(Text("No findings.", style="green"))


def _shorten(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _excerpt(diagnostic: Diagnostic):
    """The source line, cut around the span when long, with the span underlined."""
    from rich.text import Text

    line = _clean(diagnostic.source_line)
    start = diagnostic.span.column - 1
    end = diagnostic.span.end_column - 1 if diagnostic.span.end_line == diagnostic.span.line else len(line)
    end = max(start + 1, min(end, len(line)))
    left = max(0, start - 60)
    right = min(len(line), max(end + 60, left + 120))
    shown = ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")
    offset = (1 if left else 0) - left
    text = Text("    ")
    text.append(shown[: start + offset])
    text.append(shown[start + offset: end + offset], style="bold red underline")
    text.append(shown[end + offset:])
    marker = Text("    " + " " * (start + offset) + "^" * max(1, end - start), style="bold red")
    return Text("\n").join([text, marker])
