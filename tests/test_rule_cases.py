"""Data-driven rule cases: every ``tests/cases/*.toml`` file, every case in it.

A case holds a small bilingual text and the diagnostics it must give, each written as
``LINE:COLUMN CODE message…`` (a prefix of the diagnostic). Only the file's rule runs; a
case with no expectation must stay silent. A case can give ``layout`` and ``languages``,
and ``fix`` (the replacement text the first diagnostic must carry). What only a file on
disk shows is read from disk: ``encoding`` writes the input in that encoding first (a
file that is not UTF-8), ``fixtures`` names files under ``tests/`` to lint as they are
(a DOCX pair); diagnostics then name the file by its base name.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from bilint.engine import Settings, lint_paths, lint_text

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            yield pytest.param(data["rule"], case, id=f"{path.stem}:{case['name']}")


def _render(diagnostic) -> str:
    return f"{diagnostic.span.line}:{diagnostic.span.column} {diagnostic.code} {diagnostic.message}"


@pytest.mark.parametrize("rule,case", list(_cases()))
def test_case(rule: str, case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(
        languages=tuple(case.get("languages", ("nl", "fr"))),
        layout=case.get("layout", "auto"),
        select=[rule],
        options={rule: case.get("options", {})},
        words=case.get("words", ()),
    )
    path = case.get("path", "case.md")
    if "fixtures" in case or "encoding" in case:   # read from disk, named by base name
        monkeypatch.chdir(tmp_path)
        if "encoding" in case:
            (tmp_path / path).write_bytes(case["input"].encode(case["encoding"]))
            paths = [path]
        else:
            paths = []
            for fixture in case["fixtures"]:
                source = Path(__file__).parent / fixture
                (tmp_path / source.name).write_bytes(source.read_bytes())
                paths.append(source.name)
        _, diagnostics = lint_paths(paths, settings)
    elif "files" in case:   # a pair: the input is one file, the others are given by name
        _, diagnostics = lint_paths([path, *case["files"]], settings, {path: case["input"], **case["files"]})
    else:
        diagnostics = lint_text(case["input"], settings, path=path)
    rendered = [_render(d) for d in diagnostics]
    expected = case.get("expect", [])
    unmatched = list(rendered)
    for want in expected:
        match = next((r for r in unmatched if r.startswith(want)), None)
        assert match is not None, f"expected {want!r}, got {rendered}"
        unmatched.remove(match)
    assert not unmatched, f"unexpected diagnostics: {unmatched}"
    if "fix" in case:
        assert diagnostics and diagnostics[0].fix is not None, "expected a fix"
        assert diagnostics[0].fix.replacement == case["fix"]


def test_every_rule_has_a_case_file() -> None:
    from bilint.plugins import all_rules

    covered = {tomllib.loads(p.read_text(encoding="utf-8"))["rule"] for p in CASES.glob("*.toml")}
    # BL001 fires only when the grammar rejects a token stream, which no text can cause
    # today; tests/test_parse.py provokes it directly
    missing = [rule.code for rule in all_rules() if rule.code not in covered and rule.code != "BL001"]
    assert not missing, f"rules without a case file: {missing}"
