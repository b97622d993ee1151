"""The command line as a CI gate: every typo fails loudly, every report lands where asked.

Each test runs the real ``bilint`` command in a subprocess.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .helpers import BROKEN, CLEAN, TYPO_TEXT, run, write

SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


# --- 1. fail loudly ----------------------------------------------------------------------

@pytest.mark.parametrize("args,fragments", [
    (["--select", "BL9999"], ["--select: no rule matches 'BL9999'"]),
    (["--ignore", "spellng"], ["--ignore: no rule matches 'spellng'", "did you mean 'spelling'?"]),
    (["--extend-select", "bl301"], ["did you mean 'BL301'?"]),
    (["--select", ","], ["--select: no rule given"]),
    (["--layout", "interleave"], ["did you mean 'interleaved'?"]),
    (["--monolingual", "lnt"], ["--monolingual: unknown mode 'lnt'", "did you mean 'lint'?"]),
    (["--format", "sarf"], ["unknown format 'sarf'", "did you mean 'sarif'?"]),
    (["--lang", "nl,fr"], ["unrecognized argument: --lang", "did you mean '--languages'?"]),
    (["--fix"], ["did you mean 'bilint fix'?"]),
    (["--selct", "BL1"], ["did you mean '--select'?"]),
])
def test_mistyped_options_and_rules_exit_2_with_a_suggestion(tmp_path, args, fragments):
    path = write(tmp_path / "a.md", BROKEN)
    one_line_error(run("check", *args, str(path)), *fragments)


def test_mistyped_subcommand_and_rule_name_suggest_the_right_one():
    one_line_error(run("chek", "x.md"), "invalid choice: 'chek'", "did you mean 'check'?")
    one_line_error(run("explain", "spellng"), "no rule 'spellng'", "did you mean 'spelling'?")


@pytest.mark.parametrize("text,fragments", [
    ('select = ["XX"]\n', ["'select': no rule matches 'XX'"]),
    ('ignore = ["spellng"]\n', ["'ignore': no rule matches 'spellng'", "did you mean 'spelling'?"]),
    ('[[overrides]]\npaths = ["*.md"]\nextend-select = ["BL9999"]\n', ["'overrides[0].extend-select'"]),
    ('[rules.spelling]\nbackend = "hunspel"\n',
     ["'rules.spelling.backend': unknown spelling backend 'hunspel'", "did you mean 'hunspell'?"]),
    ('[rules.spellng]\nbackend = "auto"\n', ["'rules.spellng': no such rule", "did you mean 'spelling'?"]),
    ('[rules.spelling]\nforeign = ["xx"]\n', ["'rules.spelling.foreign': no embedded word list for 'xx'"]),
    ('fail_level = "error"\n', ["unknown key 'fail_level'", "did you mean 'fail-level'?"]),
    ('monolingual = "skip"\n', ["'monolingual' must be"]),
    ('baseline = 3\n', ["'baseline' must be a file name"]),
])
def test_configuration_typos_exit_2_naming_the_key(tmp_path, text, fragments):
    write(tmp_path / "bilint.toml", text)
    path = write(tmp_path / "a.md", TYPO_TEXT)
    one_line_error(run("check", str(path)), *fragments)


def test_an_empty_file_gets_one_clear_finding(tmp_path):
    write(tmp_path / "empty.md", "")
    result = run("check", "empty.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["empty.md:1:1: BL002 no text found in nl or fr: the document is empty"]


def test_a_malformed_or_misspelt_suppression_comment_is_reported(tmp_path):
    text = TYPO_TEXT.replace("Vu:", "<!-- bilint disable=BL101 -->\n<!-- bilint: disable=spellng -->\nVu:")
    write(tmp_path / "t.md", text)
    result = run("check", "t.md", cwd=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "BL901" in line]
    assert lines[0].startswith("t.md:7:1: BL901 malformed bilint comment, ignored: "
                               "write '<!-- bilint: disable=BL101 -->'")
    assert "no rule 'spellng'; did you mean 'spelling'?" in lines[1]
    assert "BL101" in result.stdout.replace("BL901", "")   # the malformed comment suppressed nothing


# --- 2. CI outputs -----------------------------------------------------------------------

def test_one_run_writes_sarif_junit_and_gitlab_files_and_prints_text(tmp_path):
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not present")
    import jsonschema

    write(tmp_path / "law.md", TYPO_TEXT)
    result = run("check", "law.md", "--output-file", "out.sarif", "-o", "report.xml",
                 "--output-file", "gl-code-quality.json", "--output-format", "sarif", "--output-format", "junit",
                 "--output-format", "gitlab", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("law.md:3:")          # the readable log on standard output
    assert "findings (" in result.stderr and "in 1 file" in result.stderr
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, json.loads(SCHEMA.read_text(encoding="utf-8")))
    rule = next(r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "BL301")
    assert rule["shortDescription"]["text"].startswith("A word that is not in the language's dictionary")
    assert "Why" not in rule["fullDescription"]["text"] and "typo in one authentic version" in rule["fullDescription"]["text"]
    assert "Options:" in rule["help"]["text"] and "**Example:**" in rule["help"]["markdown"]
    assert ET.parse(tmp_path / "report.xml").getroot().get("failures") == "2"
    issues = json.loads((tmp_path / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert {i["check_name"] for i in issues} == {"BL101 list-numbering", "BL301 spelling"}
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "law.md" and isinstance(issue["location"]["lines"]["begin"], int)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_differ_for_repeated_identical_findings(tmp_path):
    write(tmp_path / "law.md", TYPO_TEXT.replace("politiediensten", "samenwerkking politiediensten"))
    issues = json.loads(run("check", "--format", "gitlab", "--select", "BL301", "law.md", cwd=tmp_path).stdout)
    assert len(issues) == 2 and issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_output_file_format_errors(tmp_path):
    path = write(tmp_path / "a.md", BROKEN)
    one_line_error(run("check", "-o", "report.out", str(path), cwd=tmp_path), "say its format with --output-format")
    one_line_error(run("check", "--output-format", "sarif", str(path), cwd=tmp_path), "needs an --output-file")
    one_line_error(run("check", "-o", "x.txt", "--output-format", "rich", str(path), cwd=tmp_path),
                   "cannot be written to a file")


def test_exit_zero_reports_but_passes(tmp_path):
    path = write(tmp_path / "a.md", BROKEN)
    result = run("check", "--exit-zero", str(path))
    assert result.returncode == 0 and "BL101" in result.stdout
    assert run("check", "--exit-zero", "--select", "nope", str(path)).returncode == 2


def test_junit_failures_follow_the_fail_level(tmp_path):
    write(tmp_path / "a.md", BROKEN)
    write(tmp_path / "bilint.toml", '[severity]\nBL101 = "info"\n')
    green = run("check", "--format", "junit", "a.md", cwd=tmp_path)
    assert green.returncode == 0
    root = ET.fromstring(green.stdout)
    assert root.get("failures") == "0" and root.get("tests") == "1"
    assert "BL101" in root.find("testsuite/testcase/system-out").text
    red = ET.fromstring(run("check", "--format", "junit", "--fail-level", "info", "a.md", cwd=tmp_path).stdout)
    assert red.get("failures") == "1"


def test_statistics_in_json_are_json(tmp_path):
    write(tmp_path / "a.md", TYPO_TEXT)
    result = run("check", "--statistics", "--format", "json", "a.md", cwd=tmp_path)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["total"] == 2
    assert {(row["code"], row["count"]) for row in data["statistics"]} == {("BL101", 1), ("BL301", 1)}
    text = run("check", "--statistics", "--format", "text", "a.md", cwd=tmp_path).stdout
    assert text.splitlines()[-1].startswith("2 findings")


def test_quiet_prints_findings_only(tmp_path):
    write(tmp_path / "a.md", TYPO_TEXT)
    result = run("check", "--quiet", "a.md", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == "" and len(result.stdout.splitlines()) == 2


# --- 3. baseline with fix ----------------------------------------------------------------

def test_fix_honours_the_configured_baseline(tmp_path):
    from .helpers import FR, NL

    text = NL + "\n<!-- bilint: disable-next-line=BL301 -->\n" + FR      # BL901 with a safe fix
    path = write(tmp_path / "law.md", text)
    write(tmp_path / "bilint.toml", 'baseline = "accepted.json"\nselect = ["BL3", "BL901"]\n')
    result = run("check", "--update-baseline", "law.md", cwd=tmp_path)
    assert result.returncode == 0 and "1 finding recorded in accepted.json" in result.stderr
    fixed = run("fix", "law.md", cwd=tmp_path)
    assert fixed.returncode == 0 and fixed.stdout == "", fixed.stderr
    assert "1 finding accepted by the baseline" in fixed.stderr
    assert path.read_text(encoding="utf-8") == text            # an accepted finding is not fixed either
    assert run("fix", "--no-config", "--select", "BL3,BL901", "law.md", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == NL + "\n" + FR


# --- 4. progress on a terminal -----------------------------------------------------------

def test_a_large_document_shows_its_stages_on_a_terminal_only(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    nl = "Gelet op:\n\n" + "".join(f"{i}. de aanbeveling over de samenwerking tussen de politiediensten van de "
                                   f"lidstaten en de gemeenten;\n\n" for i in range(1, 521))
    fr = "Vu:\n\n" + "".join(f"{i}. la recommandation sur la coopération entre les services de police des États "
                             f"membres et des communes;\n\n" for i in range(1, 521))
    path = write(tmp_path / "big.md", nl + "\n" + fr)
    assert path.stat().st_size > 100_000
    master, slave = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "bilint", "check", "--format", "text", str(path)],
                             stdout=subprocess.PIPE, stderr=slave, env={**os.environ, "COLUMNS": "100"})
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    child.communicate(timeout=300)
    os.close(master)
    assert child.returncode == 0
    for stage in (b"parsing the nl version", b"aligning the versions", b"rule 1/"):
        assert stage in seen, seen[-500:]
    piped = run("check", "--format", "text", str(path))
    assert piped.returncode == 0 and "parsing" not in piped.stderr


# --- 5. conventions ----------------------------------------------------------------------

def test_show_settings_names_the_configuration_and_the_rules(tmp_path):
    write(tmp_path / "bilint.toml", 'ignore = ["BL3"]\n[rules.spelling]\nbackend = "embedded"\n')
    write(tmp_path / "a.md", BROKEN)
    result = run("check", "--show-settings", "a.md", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    assert f"configuration: {tmp_path.resolve() / 'bilint.toml'}" in out
    assert "languages: nl, fr" in out and "layout: auto" in out and "spelling back-end: embedded" in out
    rules = next(line for line in out.splitlines() if line.strip().startswith("rules ("))
    assert "BL101" in rules and "BL301" not in rules


def test_verbose_says_what_was_read_how(tmp_path):
    write(tmp_path / "a.md", CLEAN)
    result = run("check", "-v", "a.md", cwd=tmp_path)
    assert result.returncode == 0
    assert "a.md: layout auto, languages nl,fr, configuration none (defaults)" in result.stderr


def test_rules_are_plain_text_when_piped_and_json_on_request():
    text = run("rules")
    assert text.returncode == 0 and "│" not in text.stdout and "┃" not in text.stdout
    first = text.stdout.splitlines()[0].split("\t")
    assert first[:4] == ["BL001", "unplaced-text", "structure", "warning"]
    data = json.loads(run("rules", "--format", "json").stdout)
    spelling = next(rule for rule in data if rule["code"] == "BL301")
    assert spelling["name"] == "spelling" and spelling["options"]["backend"] == "auto"


def test_a_hint_says_when_unsafe_fixes_are_available(tmp_path):
    write(tmp_path / "a.md", TYPO_TEXT)
    result = run("check", "a.md", cwd=tmp_path)
    assert "has an unsafe fix" in result.stderr and "bilint fix --unsafe-fixes" in result.stderr
    assert "unsafe" not in run("check", "-q", "a.md", cwd=tmp_path).stderr


def test_a_comment_typo_stops_the_run_when_bl901_is_not_selected(tmp_path):
    text = TYPO_TEXT.replace("Vu:", "<!-- bilint: disable=spellng -->\nVu:")
    write(tmp_path / "t.md", text)
    one_line_error(run("check", "--select", "BL1", "t.md", cwd=tmp_path),
                   "t.md:7:1: suppression comment names no rule 'spellng'", "did you mean 'spelling'?")
    assert run("check", "--select", "BL1", "--no-suppressions", "t.md", cwd=tmp_path).returncode == 1


def test_the_python_api_rejects_unknown_selectors_too():
    import bilint
    from bilint.source import InputError

    with pytest.raises(InputError, match="ignore: no rule matches 'spellng'; did you mean 'spelling'"):
        bilint.lint_text(TYPO_TEXT, ignore=["spellng"])
    assert [d.code for d in bilint.lint_text(TYPO_TEXT, select=["BL1"])] == ["BL101"]
