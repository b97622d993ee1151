"""Configuration files found upward, overrides by glob, precedence, and clear errors."""

from __future__ import annotations

import pytest

from bilint.config import glob_match, load
from bilint.runner import Request, plan
from bilint.source import InputError

from .helpers import BROKEN, TYPO_TEXT, run, write


def test_bilint_toml_is_found_upward_and_overrides_apply_by_glob(tmp_path):
    write(tmp_path / "bilint.toml", 'ignore = ["BL3"]\nfail-level = "error"\n[severity]\nBL1 = "warning"\n'
                                    '[[overrides]]\npaths = ["drafts/**"]\nextend-select = ["BL301"]\n'
                                    'severity = { list-numbering = "info" }\n')
    final = write(tmp_path / "final" / "a.md", TYPO_TEXT)
    draft = write(tmp_path / "drafts" / "x" / "a.md", TYPO_TEXT)
    result = run("check", str(final), str(draft))
    lines = result.stdout.splitlines()
    assert f"{final}:11:1: BL101 [fr] " in result.stdout and f"{final}:3:" not in result.stdout
    assert any(line.startswith(f"{draft}:3:") and "BL301" in line for line in lines)
    assert result.returncode == 0   # fail-level error: BL101 is a warning here, info in drafts
    jobs = plan([str(final), str(draft)])
    assert [job.settings.severity for job in jobs] == [{"BL1": "warning"}, {"BL1": "warning", "list-numbering": "info"}]


def test_pyproject_table_and_command_line_precedence(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.bilint]\nselect = ["BL3"]\n')
    path = write(tmp_path / "a.md", TYPO_TEXT)
    assert "BL101" not in run("check", str(path)).stdout
    assert "BL101" in run("check", "--select", "BL1", str(path)).stdout
    assert "BL101" in run("check", "--extend-select", "BL101", str(path)).stdout
    assert "BL101" in run("check", "--no-config", str(path)).stdout
    assert run("check", "--fail-level", "error", "--select", "BL3", str(path)).returncode == 0


@pytest.mark.parametrize("text,message", [
    ('colour = "red"\n', "unknown key 'colour'"),
    ('languages = ["nl"]\n', "'languages' must be"),
    ('layout = "columns"\n', "'layout' must be one of"),
    ('select = "BL1"\n', "'select' must be a list of strings"),
    ('[severity]\nBL101 = "loud"\n', "'severity.BL101' must be error, warning or info, not 'loud'"),
    ('fail-level = 3\n', "'fail-level' must be error, warning or info"),
    ('[[overrides]]\nignore = ["BL1"]\n', "'overrides[0].paths' must be"),
    ('[[overrides]]\npaths = ["a/*"]\nexclude = ["b"]\n', "unknown key 'overrides[0].exclude'"),
    ('[rules.no-such-rule]\nx = 1\n', "'rules.no-such-rule': no such rule"),
    ('[rules.spelling]\nbackend = 3\n', "'rules.spelling.backend' must be str"),
    ('[rules.BL301]\nspeed = 3\n', "'rules.BL301.speed': BL301 has no option 'speed'"),
    ('[rules.BL508]\nstyle = "bogus"\n', "'rules.BL508.style' must be 'off', 'space' or 'none', not 'bogus'"),
    ('[[overrides]]\npaths = ["*"]\n[overrides.rules.BL508]\nstyle = "Space"\n',
     "'overrides[0].rules.BL508.style' must be 'off', 'space' or 'none', not 'Space'"),
    ('[severity]\nBL999 = "error"\n', "'severity.BL999': no rule matches"),
    ('glossaries = ["missing.tsv"]\n', "missing.tsv: no such glossary file"),
    ('select = [\n', "cannot read configuration"),
])
def test_bad_configuration_is_one_line_naming_the_key(tmp_path, text, message):
    write(tmp_path / "bilint.toml", text)
    path = write(tmp_path / "a.md", BROKEN)
    result = run("check", str(path))
    assert result.returncode == 2, result.stdout
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_pyproject_keys_are_named_with_their_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.bilint]\nfail_level = "error"\n')
    with pytest.raises(InputError, match="unknown key 'tool.bilint.fail_level'"):
        load(tmp_path / "pyproject.toml")


def test_glossaries_reach_the_rules(tmp_path):
    glossary = write(tmp_path / "terms.tsv", "lidstaat\tÉtat membre\n")
    write(tmp_path / "bilint.toml", 'glossaries = ["terms.tsv"]\n')
    path = write(tmp_path / "a.md", BROKEN)
    jobs = plan([str(path)], Request(glossaries=[str(glossary)]))
    assert list(jobs[0].settings.glossaries) == [str(glossary), str(glossary)]
    from bilint.engine import build_bitext

    assert build_bitext(jobs[0].paths, jobs[0].settings).config["glossaries"] == (str(glossary), str(glossary))


@pytest.mark.parametrize("pattern,path,expected", [
    ("*.en.md", "a/b/law.en.md", True), ("drafts/", "drafts/x/a.md", True), ("drafts/**", "drafts/a.md", True),
    ("drafts/*.md", "drafts/x/a.md", False), ("archive/**/*.html", "archive/2020/x/a.html", True),
    ("archive/**/*.html", "other/archive/a.html", False), ("a?.md", "ab.md", True),
])
def test_globs_are_gitignore_like(pattern, path, expected):
    assert glob_match(pattern, path) is expected
