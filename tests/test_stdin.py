"""``bilint check --stdin-filename NAME -``: the real command, text piped in."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import NO_NETWORK_BOOT

NL = "# Artikel 1\n\n1. De Koning bepaalt de datum.\n2. Deze wet treedt in werking op 1 januari 2022.\n"
FR = "# Article 1\n\n1. Le Roi fixe la date.\n2. La présente loi entre en vigueur le 1er janvier 2023.\n"


def _bilint(*args: str, stdin: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-c", NO_NETWORK_BOOT, *args], input=stdin.encode("utf-8"),
                          capture_output=True, cwd=cwd, env=environment, timeout=300)


def test_piped_text_is_linted_as_the_named_file_with_its_counterpart_from_disk(tmp_path):
    (tmp_path / "wet.nl.md").write_text(NL, encoding="utf-8")   # the saved version: no typo
    (tmp_path / "wet.fr.md").write_text(FR, encoding="utf-8")
    edited = NL.replace("de datum", "de dataum")
    result = _bilint("check", "--format", "json", "--stdin-filename", "wet.nl.md", "-", stdin=edited, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["wet.nl.md", "wet.fr.md"]
    assert [f["layout"] for f in report["files"]] == ["pair", "pair"]
    found = {(d["path"], d["code"], d["line"], d["column"]) for d in report["diagnostics"]}
    assert ("wet.nl.md", "BL301", 3, 25) in found          # the typo is in the piped text only
    assert {(p, c) for p, c, _, _ in found} == {("wet.nl.md", "BL301"), ("wet.nl.md", "BL401"),
                                                  ("wet.fr.md", "BL401")}
    assert (tmp_path / "wet.nl.md").read_text(encoding="utf-8") == NL   # nothing written


def test_piped_text_honours_the_configuration_found_from_its_name(tmp_path):
    (tmp_path / "wet.fr.md").write_text(FR, encoding="utf-8")
    (tmp_path / "bilint.toml").write_text('ignore = ["BL4"]\n', encoding="utf-8")
    result = _bilint("check", "--format", "text", "--stdin-filename", "wet.nl.md", "-", stdin=NL, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == b""


def test_dash_alone_reads_stdin_as_one_file(tmp_path):
    text = "Gelet op:\n\n1. de samenwerkking van de diensten;\n\nVu:\n\n1. la coopération des services;\n"
    result = _bilint("check", "--format", "text", "-", stdin=text, cwd=tmp_path)
    assert "<stdin>:3:7: BL301" in result.stdout.decode(), result.stdout + result.stderr


def test_stdin_misuse_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a.md").write_text(NL, encoding="utf-8")
    for args in (["check", "--stdin-filename", "a.md", "a.md"], ["check", "-", "a.md"]):
        result = _bilint(*args, stdin="", cwd=tmp_path)
        assert result.returncode == 2
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and "standard input" in lines[0] and "Traceback" not in lines[0]


def test_the_readme_snippet_for_piping_editors_works(tmp_path):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In the editor", 1)[1].split("\n## ", 1)[0]
    command = re.findall(r"```sh\n(.*?)```", section, re.S)[0].strip()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "wet.fr.md").write_text(FR, encoding="utf-8")
    (tmp_path / "unsaved-buffer.md").write_text(NL.replace("de datum", "de dataum"), encoding="utf-8")
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    environment.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True,
                            env=environment, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "drafts/wet.nl.md:3:25: BL301" in result.stdout
    assert "drafts/wet.fr.md:4:40: BL401" in result.stdout


def test_a_report_that_shows_the_texts_shows_the_piped_one(tmp_path):
    (tmp_path / "wet.nl.md").write_text(NL, encoding="utf-8")
    (tmp_path / "wet.fr.md").write_text(FR, encoding="utf-8")
    piped = NL.replace("de datum", "de dagtekening")
    result = _bilint("check", "--format", "html", "--stdin-filename", "wet.nl.md", "-", stdin=piped, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    html = result.stdout.decode("utf-8")
    assert "bepaalt de dagtekening" in html and "bepaalt de datum" not in html
