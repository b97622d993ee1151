"""JUnit XML, for GitLab's test reports and other CI dashboards.

One test suite a linted file; one test case a finding (named by code and position, so
that a dashboard tracks it), one passing case for a clean file. A finding fails its test
case only when it is at or above the run's fail level (``failing``): an info finding on
a green run is a passing case with the finding in its output, so the dashboard agrees
with the exit code.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Callable, Sequence, TextIO

from ..model import Diagnostic, Severity

# XML 1.0 cannot hold most control characters, even escaped
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str,
           failing: Callable[[Diagnostic], bool] | None = None) -> None:
    if failing is None:
        failing = lambda d: d.severity >= Severity.WARNING   # noqa: E731 (the default fail level)
    paths = list(dict.fromkeys([f["path"] for f in files] + [d.path for d in diagnostics]))
    root = ET.Element("testsuites", name="bilint", tests="0", failures="0", errors="0")
    total = failures = 0
    for path in paths:
        found = [d for d in diagnostics if d.path == path]
        failed = sum(1 for d in found if failing(d))
        suite = ET.SubElement(root, "testsuite", name=_clean(path), tests=str(max(1, len(found))),
                              failures=str(failed), errors="0", skipped="0")
        total += max(1, len(found))
        failures += failed
        if not found:
            ET.SubElement(suite, "testcase", name="bilint", classname=_clean(path), file=_clean(path))
        for diagnostic in found:
            span = diagnostic.span
            case = ET.SubElement(suite, "testcase",
                                 name=_clean(f"{diagnostic.code} {diagnostic.name} at {span.line}:{span.column}"),
                                 classname=_clean(path), file=_clean(path), line=str(span.line))
            lang = f" [{diagnostic.lang}]" if diagnostic.lang else ""
            body = [f"{path}:{span.line}:{span.column}: {diagnostic.code}{lang} {diagnostic.severity}: "
                    f"{diagnostic.message}"]
            if diagnostic.source_line:
                body.append(f"    {diagnostic.source_line}")
            for related in diagnostic.related:
                where = related.location
                body.append(f"    ↔ {where.path}:{where.span.line}:{where.span.column} {related.message}".rstrip())
            if failing(diagnostic):
                failure = ET.SubElement(case, "failure", type=diagnostic.code, message=_clean(diagnostic.message))
                failure.text = _clean("\n".join(body))
            else:
                ET.SubElement(case, "system-out").text = _clean("\n".join(body))
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
