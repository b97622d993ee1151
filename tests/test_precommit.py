"""The pre-commit hooks with the real pre-commit, in real git repositories, and the README's
CI snippets run as written (their bilint commands; the CI services themselves are not here).

pre-commit installs the hooks' environment with pip (``language: python``): bilint's
dependencies come from the package index, as on a user's machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .helpers import BROKEN, CLEAN, FR, FR_BROKEN, NL, write

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def readme_blocks(language: str = "yaml") -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use it in your repository", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, re.S)


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for args in (["init", "-q", "-b", "main"], ["config", "user.email", "clerk@example.org"],
                 ["config", "user.name", "Clerk"], ["config", "commit.gpgsign", "false"]):
        assert git(*args, cwd=path).returncode == 0
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Path, str]:
    """The project as it is in the work tree, committed in a temporary repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    if listed.returncode != 0:
        pytest.skip("the project is not a git work tree")
    snapshot = git_repo(tmp_path_factory.mktemp("bilint-src") / "bilint")
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file() and not name.startswith((".venv", "bench/")):
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assert git("add", "-A", cwd=snapshot).returncode == 0
    assert git("commit", "-q", "-m", "snapshot", cwd=snapshot).returncode == 0
    rev = git("rev-parse", "HEAD", cwd=snapshot).stdout.strip()
    # a release is tagged v + the version: the README's `rev:` names that tag
    assert git("tag", f"v{version()}", cwd=snapshot).returncode == 0
    return snapshot, rev


def version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version = "([^"]+)"', text, re.M).group(1)


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "GITHUB_ACTIONS"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["LANGUAGE"] = "en"   # the assertions read bilint's English words
    return env


def pre_commit(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([*PRE_COMMIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_try_repo_passes_a_clean_pair_and_blocks_a_broken_one(project, environment, tmp_path):
    snapshot, _ = project
    drafts = git_repo(tmp_path / "drafts")
    write(drafts / "law.nl.md", NL)
    write(drafts / "law.fr.md", FR)
    git("add", ".", cwd=drafts)
    result = pre_commit("try-repo", str(snapshot), "bilint", cwd=drafts, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
    assert git("commit", "-q", "-m", "clean pair", cwd=drafts).returncode == 0
    # one file of the pair changed: it is linted with its unchanged counterpart
    write(drafts / "law.fr.md", FR_BROKEN)
    git("add", "law.fr.md", cwd=drafts)
    result = pre_commit("try-repo", str(snapshot), "bilint", cwd=drafts, env=environment)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "law.fr.md:5:1: BL101 [fr] label 3. where 2. is expected" in result.stdout


def snippet_config(snapshot: Path) -> str:
    """The README's pre-commit snippet as written, pointed at the local clone (its `rev:` kept)."""
    snippet = readme_blocks()[0]
    assert re.search(rf"rev: v{re.escape(version())}\n", snippet), "the snippet's rev must be this release's tag"
    assert snippet.count("- id:") == 1, "one recommended hook: fix, then report"
    return re.sub(r"repo: \S+", f"repo: {snapshot.as_posix()}", snippet)


def test_readme_snippet_installed_as_a_git_hook_blocks_the_commit(project, environment, tmp_path):
    snapshot, _ = project
    config = snippet_config(snapshot)
    drafts = git_repo(tmp_path / "drafts")
    write(drafts / ".pre-commit-config.yaml", config)
    assert pre_commit("install", cwd=drafts, env=environment).returncode == 0
    hook_env = {**environment, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}"}
    write(drafts / "clean.md", CLEAN)
    git("add", ".", cwd=drafts)
    commit = subprocess.run(["git", "commit", "-m", "clean text"], cwd=drafts, env=hook_env,
                            capture_output=True, text=True, timeout=900)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    write(drafts / "broken.md", BROKEN)
    git("add", "broken.md", cwd=drafts)
    commit = subprocess.run(["git", "commit", "-m", "broken text"], cwd=drafts, env=hook_env,
                            capture_output=True, text=True, timeout=900)
    assert commit.returncode != 0
    assert "broken.md:11:1: BL101 [fr] label 3." in commit.stdout + commit.stderr
    assert git("log", "--oneline", cwd=drafts).stdout.count("\n") == 1   # only the clean commit


def _commands(block: str) -> list[str]:
    commands = re.findall(r"(?:- run: |^\s*- )(bilint [^\n]+)", block, re.M)
    assert commands, block
    return commands


def _run_shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    bin_folder = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["PATH"] = f"{bin_folder}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_readme_github_actions_snippet_gives_valid_sarif(tmp_path):
    schema_path = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip("the SARIF schema is not present")
    import jsonschema

    block = readme_blocks()[1]
    assert "upload-sarif" in block and "sarif_file: bilint.sarif" in block
    repo = git_repo(tmp_path / "repo")
    write(repo / "texts" / "broken.md", BROKEN)
    write(repo / "texts" / "ignored.md", BROKEN)
    write(repo / ".gitignore", "texts/ignored.md\n")
    for command in _commands(block):
        result = _run_shell(command, repo)
        assert result.returncode in (0, 1), result.stderr
    report = json.loads((repo / "bilint.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(schema_path.read_text(encoding="utf-8")))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in report["runs"][0]["results"]}
    assert uris == {"texts/broken.md"}


def test_readme_gitlab_snippet_gives_a_junit_report(tmp_path):
    block = readme_blocks()[2]
    assert "junit: bilint-junit.xml" in block and "codequality: gl-code-quality.json" in block
    repo = git_repo(tmp_path / "repo")
    write(repo / "texts" / "broken.md", BROKEN)
    write(repo / "texts" / "clean.md", CLEAN)
    for command in _commands(block):
        assert _run_shell(command, repo).returncode in (0, 1)
    root = ET.parse(repo / "bilint-junit.xml").getroot()
    assert root.get("failures") == "1"
    assert [suite.get("name") for suite in root] == ["texts/broken.md", "texts/clean.md"]
    issues = json.loads((repo / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("BL101 list-numbering", "texts/broken.md", 11)]


def test_a_fresh_drafting_repository_set_up_from_the_readme_works(project, environment, tmp_path):
    """bilint.toml, the baseline command, the pre-commit snippet and the CI snippets, as written."""
    snapshot, _ = project
    drafts = git_repo(tmp_path / "drafts")
    write(drafts / "README.md", "# Drafts\n\nThis repository holds the drafts of the new law on police cooperation.\n")
    write(drafts / "CHANGELOG.md", "# Changelog\n\n- First draft of the law.\n")
    write(drafts / "law.nl.md", NL.replace("samenwerking", "samenwerkking"))   # a typo the team accepts for now
    write(drafts / "law.fr.md", FR)
    write(drafts / "bilint.toml", readme_blocks("toml")[0])
    write(drafts / ".pre-commit-config.yaml", snippet_config(snapshot))
    for command in readme_blocks("sh")[0].strip().splitlines():
        result = _run_shell(command, drafts)
        assert result.returncode == 0, result.stderr
    baseline = json.loads((drafts / ".bilint-baseline.json").read_text(encoding="utf-8"))
    assert [(e["path"], e["code"]) for e in baseline["findings"]] == [("law.nl.md", "BL301")]
    assert pre_commit("install", cwd=drafts, env=environment).returncode == 0
    hook_env = {**environment, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}"}

    def commit(message: str) -> subprocess.CompletedProcess:
        git("add", "-A", cwd=drafts)
        return subprocess.run(["git", "commit", "-m", message], cwd=drafts, env=hook_env,
                              capture_output=True, text=True, timeout=900)

    first = commit("drafts, bilint and its baseline")
    assert first.returncode == 0, first.stdout + first.stderr   # README and CHANGELOG do not stop it
    # the CI snippets, run in the same repository: the accepted finding fails nothing
    for block in readme_blocks()[1:]:
        for command in _commands(block):
            result = _run_shell(command, drafts)
            assert result.returncode == 0, result.stdout + result.stderr
            assert "1 finding accepted by the baseline" in result.stderr and "2 info" in result.stderr
    # a new error is stopped, the accepted one is not reported
    write(drafts / "law.fr.md", FR_BROKEN)
    blocked = commit("renumbered")
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert "law.fr.md:5:1: BL101 [fr] label 3." in output and "samenwerkking" not in output
    # once the typo is corrected, its entry is stale, and --update-baseline drops it
    write(drafts / "law.fr.md", FR)
    write(drafts / "law.nl.md", NL)
    result = _run_shell("bilint check .", drafts)
    assert result.returncode == 0 and "1 baseline entry in" in result.stderr and "no longer match" in result.stderr
    result = _run_shell("bilint check --update-baseline .", drafts)
    assert "1 stale entry dropped" in result.stderr
    assert json.loads((drafts / ".bilint-baseline.json").read_text(encoding="utf-8"))["findings"] == []
