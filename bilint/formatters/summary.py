"""The closing line of a report: how many findings, of which severities, what was accepted."""

from __future__ import annotations

from typing import Sequence

from ..model import Diagnostic, Severity


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def summary_line(diagnostics: Sequence[Diagnostic], documents: int, accepted: int = 0, failed: bool = False) -> str:
    """``3 findings (1 error, 2 warnings) in 2 files; 5 accepted by the baseline``."""
    if diagnostics:
        counts = {severity: sum(d.severity == severity for d in diagnostics) for severity in Severity}
        detail = ", ".join(f"{n} info" if s is Severity.INFO else plural(n, str(s))
                           for s, n in sorted(counts.items(), reverse=True) if n)
        line = f"{plural(len(diagnostics), 'finding')} ({detail}) in {plural(documents, 'file')}"
    else:
        line = f"no findings in {plural(documents, 'file')}"
    if accepted:
        line += f"; {plural(accepted, 'finding')} accepted by the baseline"
    if diagnostics and not failed:
        line += "; none at the fail level"
    return line
