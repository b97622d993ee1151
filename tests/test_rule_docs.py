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
