"""The rich terminal report at 80, 120 and 200 columns, with and without colour, on the
user's example, through the real command."""

from __future__ import annotations

import re

import pytest

from .conftest import EXAMPLE
from .helpers import run

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def report(columns: int, colour: bool) -> str:
    env = {"COLUMNS": str(columns), "LINES": "50", "TERM": "xterm-256color"}
    env.update({"FORCE_COLOR": "1"} if colour else {"NO_COLOR": "1"})
    result = run("check", "--format", "rich", str(EXAMPLE), env=env)
    assert result.returncode == 1, result.stderr
    if colour:
        assert "\x1b[" in result.stdout
    else:
        assert "\x1b[" not in result.stdout
    return ANSI.sub("", result.stdout)


def marked(lines: list[str]) -> list[str]:
    """The characters above each line of ``^`` marks."""
    found = []
    for above, below in zip(lines, lines[1:]):
        match = re.search(r"\^+", below)
        if match and "│" in below and below.strip("│ ^") == "":
            found.append(above[match.start():match.end()])
    return found


@pytest.mark.parametrize("columns", [80, 120, 200])
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_report_fits_the_width_and_marks_the_flagged_characters(columns, colour):
    text = report(columns, colour)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= columns
    marks = marked(lines)
    # the marks sit under the flagged words, in the version's own line and in the other's
    for flagged in ("stabilitet", "métamphétamines", "criminale", "12 februari 2021", "12 février 2021",
                    "de Belgische en Nederlands drugsmarkten"):
        assert flagged in marks, (flagged, marks)
    # one typo repeated is one entry, with the positions of the others
    head = next(line for line in lines if "'criminale' looks like a typo" in line)
    assert head.rstrip().endswith("×8")
    also = lines[lines.index(head) + 1:lines.index(head) + 3]
    assert len(re.findall(r"\d+:\d+", " ".join(l for l in also if "also at" in l or l.startswith("    1")))) == 7
    assert text.count("'criminale' looks like a typo") == 1
    # a single-language finding has no line about the other version
    start = next(i for i, line in enumerate(lines) if "'stabilitet' looks like a typo" in line)
    entry = lines[start:start + 5]
    assert not any("↔" in line for line in entry[1:entry.index(next(l for l in entry if "fix" in l))])
    # the other version of a both-version finding: centred on its span and marked
    pointer = next(i for i, line in enumerate(lines) if "↔ 75:170 [fr]" in line)
    assert marked(lines[pointer + 1:pointer + 3]) == ["12 février 2021"]
    assert re.fullmatch(r"\d+ findings \(.*\) in 1 file\.", lines[-1])


def test_the_json_report_keeps_one_result_per_location():
    import json

    result = run("check", "--format", "json", "--select", "BL301", str(EXAMPLE))
    found = [d for d in json.loads(result.stdout)["diagnostics"] if "'criminale'" in d["message"]]
    assert len(found) == 8 and len({d["group"] for d in found}) == 1


def test_a_structural_position_is_shown_when_the_diagnostic_has_one():
    """The readers add ``where`` (``art. 7, § 2``) to Diagnostic; the report shows it in the head."""
    import io
    from dataclasses import dataclass

    from bilint.formatters.rich import render
    from bilint.model import Diagnostic, Severity, Span

    @dataclass(frozen=True)
    class Placed(Diagnostic):
        where: str = ""

    line = "Art. 7. § 2. De criminale organisaties worden bestraft."
    diagnostic = Placed("wet.md", Span(3, 17, 3, 26), "BL301", "spelling", "spelling", Severity.WARNING,
                        "'criminale' looks like a typo for 'criminele'", "nl", source_line=line,
                        where="art. 7, § 2")
    stream = io.StringIO()
    render([diagnostic], [{"path": "wet.md"}], stream, "test", summary="1 finding")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "wet.md:3:17  BL301 warning [nl]  art. 7, § 2"      # 80 columns: the message below
    assert lines[1] == "    'criminale' looks like a typo for 'criminele'"
    assert marked(lines) == ["criminale"]


def test_a_long_path_gives_way_before_the_rule_code(tmp_path):
    """At 80 columns a deep path is shortened from its start; the code is never cut."""
    from .helpers import BROKEN, run, write

    deep = tmp_path / ("a-rather-long-folder-name-" * 3) / "and-a-long-document-name.md"
    write(deep, BROKEN)
    result = run("check", "--format", "rich", "--select", "BL101", str(deep), env={"COLUMNS": "80"})
    head = next(line for line in result.stdout.splitlines() if "BL101" in line)
    assert head.startswith("…") and "and-a-long-document-name.md:11:1  BL101 error" in head
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
