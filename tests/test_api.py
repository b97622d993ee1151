"""The Python API the README documents: bilint.lint_text and bilint.lint_paths."""

from __future__ import annotations

import subprocess

import pytest

import bilint
from bilint.model import Diagnostic
from bilint.source import InputError

from .helpers import BROKEN, TYPO_TEXT, run, write


def test_lint_text_returns_diagnostics():
    diagnostics = bilint.lint_text(TYPO_TEXT, languages=("nl", "fr"), select=["BL1"])
    assert [(d.span.line, d.code, d.lang) for d in diagnostics] == [(11, "BL101", "fr")]
    assert isinstance(diagnostics[0], Diagnostic) and diagnostics[0].key.startswith("fr:")
    assert bilint.lint_text(TYPO_TEXT, ignore=["BL1", "BL3", "BL4"]) == []


def test_lint_paths_reads_configuration_and_folders_like_the_cli(tmp_path):
    write(tmp_path / "bilint.toml", 'ignore = ["BL3"]\n')
    write(tmp_path / "texts" / "a.md", TYPO_TEXT)
    diagnostics = bilint.lint_paths([tmp_path / "texts"], jobs=2)
    assert [d.code for d in diagnostics if d.code.startswith(("BL1", "BL3"))] == ["BL101"]
    assert [d.code for d in bilint.lint_paths(tmp_path / "texts", use_config=False)
            if d.code.startswith(("BL1", "BL3"))] == ["BL301", "BL101"]


def test_lint_paths_with_a_baseline(tmp_path):
    path = write(tmp_path / "a.md", BROKEN)
    assert run("check", "--baseline", "base.json", "--update-baseline", "a.md", cwd=tmp_path).returncode == 0
    assert bilint.lint_paths([path], baseline=str(tmp_path / "base.json")) == []


def test_api_errors_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        bilint.lint_paths([tmp_path / "missing.md"])


def test_version_is_fast_and_imports_nothing_heavy():
    import sys

    code = "import sys, bilint.cli; assert 'rich' not in sys.modules and 'lark' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
