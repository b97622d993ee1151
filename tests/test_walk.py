"""Folders: git's ignores and config excludes honoured; -j N gives the same report as -j 1."""

from __future__ import annotations

import subprocess

from bilint.walk import walk

from .helpers import BROKEN, CLEAN, FR_BROKEN, NL, TYPO_TEXT, run, write


def _tree(root):
    write(root / "a" / "one.md", BROKEN)
    write(root / "a" / "two.md", TYPO_TEXT)
    write(root / "b" / "law.nl.md", NL)
    write(root / "b" / "law.fr.md", FR_BROKEN)
    write(root / "b" / "clean.html", "<p>" + CLEAN.replace("\n\n", "</p>\n<p>") + "</p>")
    write(root / "build" / "copy.md", BROKEN)
    write(root / "archive" / "old.md", BROKEN)
    write(root / "notes.rst", "not a text bilint reads")
    write(root / ".gitignore", "build/\n")
    write(root / "bilint.toml", 'exclude = ["archive/"]\n')


def test_walk_honours_gitignore_in_a_repository_and_walks_elsewhere(tmp_path):
    _tree(tmp_path)
    everything = walk(str(tmp_path))
    assert str(tmp_path / "build" / "copy.md") in everything
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    listed = walk(str(tmp_path))
    assert str(tmp_path / "build" / "copy.md") not in listed
    assert str(tmp_path / "b" / "law.fr.md") in listed and not any(p.endswith(".rst") for p in listed)


def test_directory_run_groups_pairs_skips_excludes_and_is_the_same_whatever_j(tmp_path):
    _tree(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    one = run("check", "--format", "json", ".", cwd=tmp_path)
    three = run("check", "--format", "json", "-j", "3", ".", cwd=tmp_path)
    assert one.returncode == three.returncode == 1, one.stderr
    assert one.stdout == three.stdout
    import json

    report = json.loads(one.stdout)
    assert [f["path"] for f in report["files"]] == ["a/one.md", "a/two.md", "b/clean.html", "b/law.nl.md", "b/law.fr.md"]
    assert "archive" not in one.stdout and "build" not in one.stdout
    assert any(d["path"] == "b/law.fr.md" and d["code"] == "BL101" for d in report["diagnostics"])
    # an excluded file given by name is skipped too (pre-commit passes names)
    assert run("check", "archive/old.md", cwd=tmp_path).stdout == ""


def test_a_folder_outside_any_repository_is_walked_without_starting_git(tmp_path, monkeypatch):
    # a warm re-run of a corpus folder must not pay a process start that cannot help
    if any((parent / ".git").exists() for parent in [tmp_path, *tmp_path.parents]):
        import pytest

        pytest.skip("the temporary folder is inside a repository")
    _tree(tmp_path)
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)

    def no_git(*args, **kwargs):
        raise AssertionError(f"git started outside a repository: {args}")

    monkeypatch.setattr(subprocess, "run", no_git)
    listed = walk(str(tmp_path / "a"))
    assert listed == [str(tmp_path / "a" / "one.md"), str(tmp_path / "a" / "two.md")]
