"""The closing line of a report: how many findings, of which severities, what was accepted."""

from __future__ import annotations

from typing import Sequence

from ..i18n import gettext_ as _
from ..i18n import ngettext
from ..model import Diagnostic, Severity


def plural(count: int, word: str) -> str:
    """``3 findings``, ``1 file``, in the report's language."""
    singular, several = _WORDS[word]
    return ngettext(singular, several, count).format(n=count)


_WORDS = {
    "finding": ("{n} finding", "{n} findings"),
    "file": ("{n} file", "{n} files"),
    "error": ("{n} error", "{n} errors"),
    "warning": ("{n} warning", "{n} warnings"),
    "info": ("{n} info", "{n} info"),
}


def summary_line(diagnostics: Sequence[Diagnostic], documents: int, accepted: int = 0, failed: bool = False) -> str:
    """``3 findings (1 error, 2 warnings) in 2 files; 5 findings accepted by the baseline``."""
    files = plural(documents, "file")
    if diagnostics:
        counts = {severity: sum(d.severity == severity for d in diagnostics) for severity in Severity}
        detail = ", ".join(plural(n, str(s)) for s, n in sorted(counts.items(), reverse=True) if n)
        line = _("{findings} ({detail}) in {files}").format(findings=plural(len(diagnostics), "finding"),
                                                             detail=detail, files=files)
    else:
        line = _("no findings in {files}").format(files=files)
    if accepted:
        line += "; " + _("{findings} accepted by the baseline").format(findings=plural(accepted, "finding"))
    if diagnostics and not failed:
        line += "; " + _("none at the fail level")
    return line
