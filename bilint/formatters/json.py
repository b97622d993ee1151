"""The JSON output contract of shared/DESIGN.md; scripts and CI read it, keep it stable."""

from __future__ import annotations

import json
from typing import Any, Sequence, TextIO

from ..model import Diagnostic


def group_id(diagnostic: Diagnostic) -> str:
    """Shared by identical findings in one file (one typo repeated), which the terminal shows once."""
    import hashlib

    key = f"{diagnostic.path}\0{diagnostic.code}\0{diagnostic.message}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def as_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    fix = None
    if diagnostic.fix is not None:
        fix = {"replacement": diagnostic.fix.replacement, "safe": diagnostic.fix.safe}
        if diagnostic.fix.location is not None:
            target = diagnostic.fix.location.span
            fix.update(line=target.line, column=target.column, end_line=target.end_line,
                       end_column=target.end_column)
    return {
        "path": diagnostic.path, "line": span.line, "column": span.column,
        "end_line": span.end_line, "end_column": span.end_column,
        "code": diagnostic.code, "name": diagnostic.name, "category": diagnostic.category,
        "severity": str(diagnostic.severity), "message": diagnostic.message, "lang": diagnostic.lang,
        "position": diagnostic.where,   # the structural place in words (DESIGN.md)
        "related": [
            {"path": r.location.path, "line": r.location.span.line, "column": r.location.span.column,
             "lang": r.location.lang, "message": r.message}
            for r in diagnostic.related
        ],
        "fix": fix,
        "group": group_id(diagnostic),
    }


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str) -> None:
    document = {"version": version, "files": list(files), "diagnostics": [as_dict(d) for d in diagnostics]}
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
