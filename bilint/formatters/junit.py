"""JUnit XML, for GitLab's test reports and other CI dashboards.

One test suite a linted file; one failing test case a finding (named by code and
position, so that a dashboard tracks it), one passing case for a clean file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Sequence, TextIO

from ..model import Diagnostic

# XML 1.0 cannot hold most control characters, even escaped
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str) -> None:
    paths = list(dict.fromkeys([f["path"] for f in files] + [d.path for d in diagnostics]))
    root = ET.Element("testsuites", name="bilint", tests="0", failures="0", errors="0")
    total = failures = 0
    for path in paths:
        found = [d for d in diagnostics if d.path == path]
        suite = ET.SubElement(root, "testsuite", name=_clean(path), tests=str(max(1, len(found))),
                              failures=str(len(found)), errors="0", skipped="0")
        total += max(1, len(found))
        failures += len(found)
        if not found:
            ET.SubElement(suite, "testcase", name="bilint", classname=_clean(path), file=_clean(path))
        for diagnostic in found:
            span = diagnostic.span
            case = ET.SubElement(suite, "testcase",
                                 name=_clean(f"{diagnostic.code} {diagnostic.name} at {span.line}:{span.column}"),
                                 classname=_clean(path), file=_clean(path), line=str(span.line))
            failure = ET.SubElement(case, "failure", type=diagnostic.code, message=_clean(diagnostic.message))
            lang = f" [{diagnostic.lang}]" if diagnostic.lang else ""
            body = [f"{path}:{span.line}:{span.column}: {diagnostic.code}{lang} {diagnostic.severity}: "
                    f"{diagnostic.message}"]
            if diagnostic.source_line:
                body.append(f"    {diagnostic.source_line}")
            for related in diagnostic.related:
                where = related.location
                body.append(f"    ↔ {where.path}:{where.span.line}:{where.span.column} {related.message}".rstrip())
            failure.text = _clean("\n".join(body))
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
