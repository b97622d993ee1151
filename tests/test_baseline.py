"""The baseline: findings accepted by structural position survive edits elsewhere."""

from __future__ import annotations

import json

from .helpers import TYPO_TEXT, run, write


def test_baseline_accepts_recorded_findings_across_edits_elsewhere(tmp_path):
    text = write(tmp_path / "law.md", TYPO_TEXT)
    baseline = tmp_path / ".bilint-baseline.json"
    assert run("check", "--baseline", str(baseline), "law.md", cwd=tmp_path).returncode == 2   # none yet
    result = run("check", "--baseline", str(baseline), "--update-baseline", "law.md", cwd=tmp_path)
    assert result.returncode == 0 and "recorded" in result.stderr
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert {(e["path"], e["code"]) for e in data["findings"]} >= {("law.md", "BL101"), ("law.md", "BL301")}
    assert any(e["key"].startswith("fr:") for e in data["findings"])
    assert run("check", "--baseline", str(baseline), "law.md", cwd=tmp_path).stdout == ""
    # lines added above: every line number moves, the findings stay accepted
    write(text, "Benelux\n\n\n\n" + TYPO_TEXT)
    result = run("check", "--baseline", str(baseline), "law.md", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    # a new typo in the same item is new; the recorded one stays accepted
    write(text, "Benelux\n\n\n\n" + TYPO_TEXT.replace("politiediensten", "politiedinsten"))
    result = run("check", "--baseline", str(baseline), "law.md", cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[1] for line in result.stdout.splitlines()] == ["7"]
    assert "politiedinsten" in result.stdout


def test_bad_baseline_is_an_input_error(tmp_path):
    write(tmp_path / "law.md", TYPO_TEXT)
    write(tmp_path / "b.json", "[1, 2]")
    result = run("check", "--baseline", "b.json", "law.md", cwd=tmp_path)
    assert result.returncode == 2 and "not a bilint baseline" in result.stderr
    assert run("check", "--update-baseline", "law.md", cwd=tmp_path).returncode == 2
