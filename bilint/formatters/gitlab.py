"""GitLab Code Quality: the subset of the Code Climate issue format that GitLab reads.

A JSON array of issues, each with ``description``, ``check_name``, ``fingerprint``,
``severity`` (info, minor, major, critical, blocker) and ``location`` (``path`` relative
to the repository root, ``lines.begin``). GitLab shows one issue per fingerprint, so two
identical findings in one file (the same typo twice in a provision) get distinct
fingerprints: the diagnostic's own, numbered by occurrence, which edits elsewhere keep.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Sequence, TextIO

from ..model import Diagnostic, Severity

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _path(path: str) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str) -> None:
    seen: Counter = Counter()
    issues = []
    for diagnostic in diagnostics:
        path = _path(diagnostic.path)
        base = diagnostic.fingerprint or f"{diagnostic.code}:{diagnostic.key}:{diagnostic.message}"
        seen[(path, base)] += 1
        fingerprint = hashlib.md5(f"{path}\0{base}\0{seen[(path, base)]}".encode("utf-8")).hexdigest()
        lang = f" [{diagnostic.lang}]" if diagnostic.lang else ""
        issues.append({
            "description": f"{diagnostic.code}{lang} {diagnostic.message}",
            "check_name": f"{diagnostic.code} {diagnostic.name}",
            "fingerprint": fingerprint,
            "severity": _SEVERITY[diagnostic.severity],
            "location": {"path": path, "lines": {"begin": diagnostic.span.line}},
        })
    json.dump(issues, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
