"""Every rule is documented as the README and 'bilint explain' promise: a summary line,
then Why, Example and Options sections (like ruff's docs template, enforced)."""

from __future__ import annotations

import inspect
import re

import pytest

from bilint.plugins import all_rules


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_rule_docstring_has_summary_why_example_options(rule):
    doc = inspect.cleandoc(rule.doc)
    lines = doc.splitlines()
    assert lines and lines[0].strip(), f"{rule.code}: no summary line"
    assert lines[0].rstrip().endswith("."), f"{rule.code}: the summary line should be one sentence"
    for section in ("Why:", "Example:", "Options:"):
        assert re.search(rf"^{section}", doc, re.M), f"{rule.code}: docstring lacks its {section} section"


def test_explain_and_rules_commands_show_the_docs():
    from .helpers import run

    table = run("rules")
    assert table.returncode == 0 and "BL901" in table.stdout and "unused-suppression" in table.stdout
    explained = run("explain", "unused-suppression")
    assert explained.returncode == 0 and explained.stdout.startswith("BL901 unused-suppression (formatting")
    assert "Why:" in explained.stdout


def test_the_readme_rule_table_lists_every_rule_as_it_runs():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Rules\n", 1)[1].split("\n\n| code |", 1)[1].split("\n\n", 1)[0]
    rows = {cells[0]: cells for cells in (
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines() if re.match(r"\| BL\d{3} \|", line))}
    for rule in all_rules():
        assert rule.code in rows, f"{rule.code} is missing from the README's rule table"
        code, name, category, severity, runs = rows[rule.code][:5]
        assert (name, category, severity) == (rule.name, rule.category, str(rule.severity)), rule.code
        assert runs == ("opt-in" if rule.opt_in else "default"), rule.code
