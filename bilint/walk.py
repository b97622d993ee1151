"""Directory arguments to files: the texts in it, minus what git ignores.

Inside a git work tree the list comes from ``git ls-files --cached --others
--exclude-standard`` (tracked files and new files, both minus ``.gitignore``d ones), so
bilint ignores exactly what git does. Elsewhere every file is walked, hidden folders
skipped. Only text formats bilint reads are kept; the order is sorted, so that a run is
the same on every machine.
"""

from __future__ import annotations

import os
import subprocess

# .xml is left out of walks (reports such as bilint-junit.xml are written beside the
# texts); an XML text given by name is still linted
TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".xhtml")


def is_text(path: str) -> bool:
    return path.lower().endswith(TEXT_SUFFIXES)


def walk(folder: str) -> list[str]:
    """The text files under ``folder``, paths spelt from it (``docs`` gives ``docs/a.md``)."""
    listed = _git_files(folder)
    if listed is None:
        listed = []
        for root, folders, files in os.walk(folder):
            folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in ("node_modules", "__pycache__"))
            listed.extend(os.path.relpath(os.path.join(root, name), folder) for name in files)
    paths = [os.path.normpath(os.path.join(folder, name)) for name in listed if is_text(name)]
    return sorted(path for path in paths if os.path.isfile(path))


def _git_files(folder: str) -> list[str] | None:
    try:
        result = subprocess.run(
            ["git", "-C", folder, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None   # no git: walk the folder
    if result.returncode != 0:
        return None   # not a work tree
    names = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted(dict.fromkeys(name for name in names if name))
