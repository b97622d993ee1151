"""Directory arguments to files: the texts in it, minus what git ignores.

Inside a git work tree the list comes from ``git ls-files --cached --others
--exclude-standard`` (tracked files and new files, both minus ``.gitignore``d ones), so
bilint ignores exactly what git does. Elsewhere every file is walked, hidden folders
skipped. Only formats bilint reads are kept (an XML file only when it is a legislative
text: reports such as ``bilint-junit.xml`` are written beside the texts); documents it
cannot read (``.doc``, ``.odt``, other XML) are named with the reason. The order is
sorted, so that a run is the same on every machine.
"""

from __future__ import annotations

import os
import re

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".xhtml", ".docx", ".pdf")
XML_SUFFIXES = (".xml", ".akn")
# documents a user may expect bilint to read, named when a walk leaves them out
UNREAD_SUFFIXES = {".doc": "a Word 97-2003 file (save it as .docx)", ".odt": "an OpenDocument file (save it as .docx)",
                   ".rtf": "an RTF file (save it as .docx)", ".docm": "a macro-enabled Word file (save it as .docx)"}
# root elements of the XML texts bilint reads: Akoma Ntoso, Justice Laws, XHTML
TEXT_XML_ROOTS = frozenset({"akomantoso", "statute", "regulation", "bill", "html"})
_ROOT = re.compile(rb"<(?![?!])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def is_text(path: str) -> bool:
    return path.lower().endswith(TEXT_SUFFIXES)


def xml_root(path: str) -> str:
    """The local name of an XML file's root element (lower-case), from its first 64 KB."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return ""
    head = re.sub(rb"<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S)
    match = _ROOT.search(head)
    return match.group(1).decode("ascii", "replace").lower() if match else ""


def walk(folder: str) -> list[str]:
    """The files under ``folder`` that bilint reads, paths spelt from it (``docs`` gives ``docs/a.md``)."""
    return walk_with_skipped(folder)[0]


def walk_with_skipped(folder: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The files bilint reads under ``folder``, and the documents it leaves out with why."""
    listed = _git_files(folder)
    if listed is None:
        listed = []
        for root, folders, files in os.walk(folder):
            folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in ("node_modules", "__pycache__"))
            listed.extend(os.path.relpath(os.path.join(root, name), folder) for name in files)
    paths: list[str] = []
    skipped: list[tuple[str, str]] = []
    for name in listed:
        path = os.path.normpath(os.path.join(folder, name))
        lower = name.lower()
        suffix = os.path.splitext(lower)[1]
        if not os.path.isfile(path):
            continue
        if is_text(lower):
            paths.append(path)
        elif lower.endswith(XML_SUFFIXES):
            root = xml_root(path)
            if root in TEXT_XML_ROOTS:
                paths.append(path)
            else:
                skipped.append((path, f"XML whose root <{root or '?'}> is not a text format bilint reads "
                                      "(Akoma Ntoso, Justice Laws XML, XHTML)"))
        elif suffix in UNREAD_SUFFIXES:
            skipped.append((path, UNREAD_SUFFIXES[suffix]))
    return sorted(paths), sorted(skipped)


def _in_work_tree(folder: str) -> bool:
    """Whether git could know ``folder``: a ``.git`` in it or above it, or git's own variables set.

    Asked before starting git, so that a folder outside any repository (a corpus, a
    download) costs no process start on every run.
    """
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE"):
        return True
    here = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return True
        parent = os.path.dirname(here)
        if parent == here:
            return False
        here = parent


def _git_files(folder: str) -> list[str] | None:
    if not _in_work_tree(folder):
        return None   # no repository: walk the folder
    import subprocess

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
