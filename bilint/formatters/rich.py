"""The terminal report, laid out for the terminal's width (80 columns included).

Each finding: ``path:line:col``, the code, the severity, the language, the structural
position when known (``art. 7, § 2``) and the message (wrapped under the head when the
line is too narrow); then the source line, cut around the span to fit, with ``^`` under
exactly the flagged characters; then, for a finding that concerns both versions, the
other version's line, centred on its own span and marked. A related location that is
only "the whole other item" (no span of its own) is not shown: it says nothing the
message does not. Identical findings in one file (one typo repeated) are one entry,
``×8``, with the positions of the others. A closing line sums the run up.

Document text is always added as ``rich.text.Text``, never as markup, so a ``[bold]`` in
a text prints as written, and control characters are replaced before they reach the
terminal.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache
from typing import Sequence, TextIO

from ..i18n import gettext_ as _
from ..model import Diagnostic, Location, Severity
from .escape import printable

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_INDENT = "    "


def _clean(text: str) -> str:
    return printable(text.replace("\t", " "))


def group(diagnostics: Sequence[Diagnostic]) -> list[list[Diagnostic]]:
    """Identical findings (file, code, message) together, in the order of their first."""
    groups: dict[tuple, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        groups.setdefault((diagnostic.path, diagnostic.code, diagnostic.message), []).append(diagnostic)
    return list(groups.values())


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str,
           summary: str | None = None) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, emoji=False, markup=False)
    width = max(40, console.width)
    for entries in group(diagnostics):
        diagnostic = entries[0]
        for line in _head(diagnostic, len(entries), width):
            console.print(line, overflow="ignore", crop=False)
        if len(entries) > 1:
            others = ", ".join(f"{d.span.line}:{d.span.column}" for d in entries[1:])
            for part in textwrap.wrap(_("also at {positions}").format(positions=others), width - len(_INDENT)):
                console.print(Text(_INDENT + part, style="dim"), overflow="ignore", crop=False)
        if diagnostic.source_line:
            for line in excerpt(diagnostic.source_line, diagnostic.span.line, diagnostic.span.column,
                                _end_column(diagnostic.span, diagnostic.source_line), width):
                console.print(line, overflow="ignore", crop=False)
        for related in diagnostic.related:
            for line in _related(diagnostic, related, width):
                console.print(line, overflow="ignore", crop=False)
        if diagnostic.fix is not None:
            words = _("fix: replace with {replacement}") if diagnostic.fix.safe else \
                _("fix (unsafe): replace with {replacement}")
            fix = _clip(_INDENT + words.format(replacement=repr(_clean(diagnostic.fix.replacement))), width)
            console.print(Text(fix, style="green"), overflow="ignore", crop=False)
    if summary is not None:
        if summary:
            console.print(Text(("\n" if diagnostics else "") + summary[0].upper() + summary[1:] + ".",
                               style="bold" if diagnostics else "green"))
    elif diagnostics:
        counts = {severity: sum(d.severity == severity for d in diagnostics) for severity in Severity}
        detail = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in sorted(counts.items(), reverse=True) if n)
        console.print(Text(f"\n{len(diagnostics)} finding{'s' if len(diagnostics) != 1 else ''} ({detail})", style="bold"))
    else:
        console.print(Text(_("No findings."), style="green"))


def _head(diagnostic: Diagnostic, count: int, width: int) -> list:
    """``path:line:col  CODE severity [lang]  where  message ×N``, the message wrapped below when long."""
    from rich.cells import cell_len
    from rich.text import Text

    span = diagnostic.span
    where = _clean(getattr(diagnostic, "where", "") or getattr(diagnostic, "position", "") or "")
    severity = _(str(diagnostic.severity))
    tail = f"  {diagnostic.code} {severity}" + (f" [{diagnostic.lang}]" if diagnostic.lang else "")
    if where and cell_len(tail) + 2 + cell_len(where) + 16 > width:
        where = ""   # no room beside the location: the code and the place in the file come first
    tail += f"  {where}" if where else ""
    location = f"{_clean(diagnostic.path)}:{span.line}:{span.column}"
    room = max(16, width - cell_len(tail))
    if cell_len(location) > room:   # a long path gives way from its start, never the rule's code
        location = "…" + location[len(location) - room + 1:]
    head = Text()
    head.append(location, style="bold")
    head.append("  ")
    head.append(diagnostic.code, style="bold magenta")
    head.append(" ")
    head.append(severity, style=_STYLES[diagnostic.severity])
    if diagnostic.lang:
        head.append(f" [{diagnostic.lang}]", style="dim")
    if where:
        head.append(f"  {where}", style="dim")
    message = _clean(diagnostic.message) + (f"  ×{count}" if count > 1 else "")
    if cell_len(head.plain) + 2 + cell_len(message) <= width:
        head.append("  ")
        head.append(message)
        return [head]
    lines = [head] if cell_len(head.plain) <= width else [Text(_clip(head.plain, width), style="bold")]
    for part in textwrap.wrap(message, width - len(_INDENT), break_on_hyphens=False) or [""]:
        lines.append(Text(_INDENT + part))
    return lines


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _end_column(span, line: str) -> int:
    """The span's end on its first line (a span over several lines is marked to that line's end)."""
    if span.end_line != span.line:
        return len(line) + 1
    return span.end_column


def excerpt(source_line: str, number: int, column: int, end_column: int, width: int,
            style: str = "bold red") -> list:
    """The line cut to ``width`` around columns [column, end_column), with a gutter and ``^`` marks.

    Widths are counted in terminal cells, so a wide character does not shift the marks.
    """
    from rich.cells import cell_len
    from rich.text import Text

    line = _clean(source_line)
    start = max(0, min(column - 1, len(line)))
    end = max(start + 1, min(end_column - 1, len(line)))
    gutter = f"{_INDENT}{number} │ "
    room = max(20, width - len(gutter))
    left, right = _window(line, start, end, room)
    shown_before = ("…" if left else "") + line[left:start]
    shown_end = min(end, right)            # a span longer than the room is marked to the cut
    flagged = line[start:shown_end] if start < len(line) else " "
    after = line[shown_end:right] + ("…" if right < len(line) else "")
    text = Text(gutter, style="dim")
    text.append(shown_before)
    text.append(flagged, style=f"{style} underline")
    text.append(after)
    marker = Text(" " * (len(gutter) - 2) + "│ ", style="dim")
    marker.append(" " * cell_len(shown_before) + "^" * max(1, cell_len(flagged)), style=style)
    return [text, marker]


def _window(line: str, start: int, end: int, room: int) -> tuple[int, int]:
    """[left, right) of ``line`` that fits ``room`` cells with its ellipses, centred on [start, end)."""
    from rich.cells import cell_len

    if cell_len(line) <= room:
        return 0, len(line)
    budget = room - 2                      # two ellipses at most
    span_cells = cell_len(line[start:end])
    if span_cells >= budget:               # a long span: show its beginning
        left = start
        right = left
        while right < len(line) and cell_len(line[left:right + 1]) <= budget:
            right += 1
        return left, right
    spare = budget - span_cells
    left = max(0, start - spare // 2)
    right = end
    # grow to the right with what the left did not use, then fill the left back
    while right < len(line) and cell_len(line[left:right + 1]) <= budget:
        right += 1
    while left > 0 and cell_len(line[left - 1:right]) <= budget:
        left -= 1
    if left == 0 and right < len(line):    # the left ellipsis is not needed: one more cell
        while right < len(line) and cell_len(line[:right + 1]) <= room - 1:
            right += 1
    if right == len(line) and left > 0:
        while left > 0 and cell_len(line[left - 1:]) <= room - 1:
            left -= 1
    return left, right


def _related(diagnostic: Diagnostic, related, width: int) -> list:
    """The other version: a pointer line, and its line centred on its span when it has one."""
    from rich.text import Text

    where = related.location
    line = _source_line(where.path, where.span.line)
    if not _specific(where, line):
        return []   # the whole other item: nothing to point at
    pointer = Text(f"{_INDENT}↔ ", style="dim")
    if where.path != diagnostic.path:
        pointer.append(f"{_clean(where.path)}:", style="bold")
    pointer.append(f"{where.span.line}:{where.span.column}", style="bold")
    if where.lang:
        pointer.append(f" [{where.lang}]", style="dim")
    if related.message:
        pointer.append(f"  {_clean(related.message)}")
    lines = [Text(_clip(pointer.plain, width), style="dim")] if len(pointer.plain) > width else [pointer]
    if line is not None:
        lines.extend(excerpt(line, where.span.line, where.span.column, _end_column(where.span, line), width,
                             style="bold cyan"))
    elif related.text:
        lines.append(Text(_clip(f"{_INDENT}  {_clean(' '.join(related.text.split()))}", width), style="italic"))
    return lines


def _specific(location: Location, line: str | None) -> bool:
    """Does the location point at some words, not at a whole provision?"""
    span = location.span
    if span.end_line != span.line:
        return False
    if line is None:
        return span.end_column - span.column < 80
    words = line.strip()
    covered = line[span.column - 1: span.end_column - 1].strip()
    return not (len(words) > 30 and len(covered) >= 0.8 * len(words))


@lru_cache(maxsize=16)
def _lines(path: str) -> tuple[str, ...] | None:
    from ..source import decode

    try:
        with open(path, "rb") as handle:
            text, _ = decode(handle.read(), path)
    except Exception:   # a text held in memory, or gone since: the pointer line is enough
        return None
    return tuple(re.split(r"\r\n|\r|\n", text))


def _source_line(path: str, number: int) -> str | None:
    lines = _lines(path)
    if lines is None or not 1 <= number <= len(lines):
        return None
    return lines[number - 1]
