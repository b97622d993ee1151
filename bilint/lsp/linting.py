"""Lint what an editor holds: a buffer, with its other language version, configured as the CLI is.

Nothing here knows about the protocol. ``lint_document`` finds the file's configuration
the way ``bilint check`` does (``runner.plan``), pairs ``NAME.nl.md`` with ``NAME.fr.md``
(the open buffer when there is one, else the file on disk), and lints the unsaved texts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..model import Diagnostic


@dataclass
class Linted:
    """One lint of one document: the files it covers, the texts it read, what it found."""

    paths: list[str]
    texts: dict[str, str] = field(default_factory=dict)            # path -> the text linted
    diagnostics: dict[str, list[Diagnostic]] = field(default_factory=dict)  # path -> its findings
    problem: str = ""    # a configuration or input error, shown as one diagnostic


def pair_paths(path: str, languages: tuple[str, str], buffers: Mapping[str, str]) -> list[str]:
    """``path`` and its other language version (an open buffer or a file), in language order."""
    from ..layouts import pair_name

    parts = pair_name(path)
    if parts is None or parts[1] not in languages:
        return [path]
    stem, lang, ext = parts
    other_lang = languages[1] if lang == languages[0] else languages[0]
    separator = Path(path).name[len(Path(stem).name)]
    other = f"{stem}{separator}{other_lang}{ext}"
    if other not in buffers and not os.path.isfile(other):
        return [path]
    return [path, other] if lang == languages[0] else [other, path]


def lint_document(path: str, buffers: Mapping[str, str]) -> Linted:
    """Lint ``path`` (and its pair) from ``buffers`` where open, from disk otherwise; never raises."""
    from ..engine import lint_paths
    from ..runner import Request, plan
    from ..source import InputError

    try:
        jobs = plan([path], Request())
        if not jobs:   # excluded by the configuration
            return Linted([path], {path: buffers.get(path, "")}, {path: []})
        settings = jobs[0].settings
        paths = pair_paths(path, settings.languages, buffers)
        bitext, diagnostics = lint_paths(paths, settings, {p: buffers[p] for p in paths if p in buffers})
    except InputError as error:
        return Linted([path], {path: buffers.get(path, "")}, {path: []}, str(error))
    except Exception as error:  # a rule's bug must not take the editor's linter down
        return Linted([path], {path: buffers.get(path, "")}, {path: []},
                      f"internal error: {type(error).__name__}: {error}")
    texts = {d.source.path: d.source.text for d in bitext.documents.values()}
    linted = Linted(paths, texts, {p: [] for p in paths})
    for diagnostic in diagnostics:
        linted.diagnostics.setdefault(diagnostic.path, []).append(diagnostic)
    return linted


def support_files(path: str) -> set[str]:
    """The configuration file, word lists and glossaries that ``path``'s lint depends on."""
    from ..config import find_config, load

    try:
        found = find_config(Path(path))
        if found is None:
            return set()
        values = load(found).for_path(path)
    except Exception:   # a broken configuration is reported by the lint itself
        return set()
    return {os.path.normpath(str(found)), *(os.path.normpath(p) for p in
                                            [*values.get("words", []), *values.get("glossaries", [])])}
