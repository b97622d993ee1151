"""SARIF 2.1.0, for code scanning (GitHub's upload-sarif) and other static-analysis viewers.

Columns count Unicode code points (``columnKind``), as bilint's do. Paths under the
working folder are relative URIs (what GitHub expects from a run at the repository root);
others are ``file://`` URIs. A finding on both versions lists the other version as a
related location; a fix becomes a SARIF fix with its replacement.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Sequence, TextIO
from urllib.parse import quote

from ..model import Diagnostic, Location, Severity
from .json import group_id

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return quote(absolute.relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return absolute.as_uri()


def _physical(path: str, line: int, column: int, end_line: int | None = None, end_column: int | None = None):
    region: dict[str, Any] = {"startLine": line, "startColumn": column}
    if end_line is not None:
        region["endLine"] = end_line
        region["endColumn"] = max(end_column or column, column if end_line == line else 1)
    return {"artifactLocation": {"uri": uri(path)}, "region": region}


def _location(location: Location) -> dict:
    span = location.span
    return _physical(location.path, span.line, span.column, span.end_line, span.end_column)


def rule_descriptor(code: str, name: str, category: str, doc: str) -> dict[str, Any]:
    """A SARIF reportingDescriptor from a rule's docstring: what a code-scanning alert explains.

    ``shortDescription`` is the docstring's summary, ``fullDescription`` the summary and its
    Why paragraph, ``help`` the whole documentation (as ``bilint explain`` prints it), in
    plain text and in markdown.
    """
    import inspect
    import re

    text = inspect.cleandoc(doc) if doc.strip() else name.replace("-", " ")
    summary = text.splitlines()[0].strip()
    why = re.search(r"^Why:\s*(.*?)(?:\n\s*\n|\Z)", text, re.S | re.M)
    full = summary + (" " + " ".join(why.group(1).split()) if why else "")
    markdown = re.sub(r"``([^`]+)``", r"`\1`", text)
    markdown = re.sub(r"^(Why|Example|Examples|Options):", r"**\1:**", markdown, flags=re.M)
    return {
        "id": code, "name": name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": f"{code} {name}\n\n{text}", "markdown": f"**{code} `{name}`**\n\n{markdown}"},
        "properties": {"category": category},
    }


def _docs() -> dict[str, str]:
    try:
        from ..plugins import all_rules

        return {rule.code: rule.doc for rule in all_rules()}
    except Exception:   # a report is still written when a plugin cannot load its docs
        return {}


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str) -> None:
    rules: dict[str, dict] = {}
    docs = _docs() if diagnostics else {}
    for diagnostic in sorted(diagnostics, key=lambda d: d.code):
        if diagnostic.code not in rules:
            rules[diagnostic.code] = rule_descriptor(diagnostic.code, diagnostic.name, diagnostic.category,
                                                     docs.get(diagnostic.code, ""))
    index = {code: number for number, code in enumerate(rules)}
    results = []
    for diagnostic in diagnostics:
        span = diagnostic.span
        result: dict[str, Any] = {
            "ruleId": diagnostic.code, "ruleIndex": index[diagnostic.code],
            "level": _LEVEL[diagnostic.severity],
            "message": {"text": diagnostic.message},
            "locations": [{"physicalLocation": _physical(diagnostic.path, span.line, span.column,
                                                         span.end_line, span.end_column)}],
            "properties": {"lang": diagnostic.lang, "category": diagnostic.category, "key": diagnostic.key,
                           "group": group_id(diagnostic)},
        }
        if diagnostic.fingerprint:
            result["partialFingerprints"] = {"bilintFingerprint/v1": diagnostic.fingerprint}
        if diagnostic.related:
            result["relatedLocations"] = [
                {"id": number, "physicalLocation": _location(related.location),
                 "message": {"text": related.message or f"the {related.location.lang or 'other'} version"},
                 "properties": {"lang": related.location.lang}}
                for number, related in enumerate(diagnostic.related, start=1)]
        fix = diagnostic.fix
        if fix is not None and fix.location is not None:
            result["fixes"] = [{
                "description": {"text": f"replace with {fix.replacement!r}" + ("" if fix.safe else " (unsafe)")},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri(fix.location.path)},
                    "replacements": [{"deletedRegion": _location(fix.location)["region"],
                                      "insertedContent": {"text": fix.replacement}}],
                }],
            }]
        results.append(result)
    artifacts = [{"location": {"uri": uri(f["path"])}, "properties": {"languages": f.get("languages"),
                                                                       "layout": f.get("layout")}}
                 for f in files]
    document = {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "bilint", "version": version, "semanticVersion": version,
                                "rules": list(rules.values())}},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
