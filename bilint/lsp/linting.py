"""Lint what an editor holds: a buffer, with its other language version, configured as the CLI is.

Nothing here knows about the protocol. ``lint_document`` finds the file's configuration
the way ``bilint check`` does (``runner.plan``), pairs ``NAME.nl.md`` with ``NAME.fr.md``
(the open buffer when there is one, else the file on disk), and lints the unsaved texts.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from ..model import Diagnostic

if TYPE_CHECKING:
    from ..cache import ResultCache


@dataclass
class Linted:
    """One lint of one document: the files it covers, the texts it read, what it found."""

    paths: list[str]
    texts: dict[str, str] = field(default_factory=dict)            # path -> the text linted
    diagnostics: dict[str, list[Diagnostic]] = field(default_factory=dict)  # path -> its findings
    problem: str = ""    # a configuration or input error, shown as one diagnostic


class Recent:
    """The last few lints, by the texts they read and the settings they used.

    Linting the same texts again (an undo, a save with no edit since, opening the other
    version of a pair whose buffer holds what its file holds, a change that restores an
    earlier text) is answered from here at once. The settings carry the word list's words;
    the server empties this when a configuration file, word list or glossary changes.
    """

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self.entries: OrderedDict[tuple, Linted] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> Linted | None:
        with self.lock:
            linted = self.entries.get(key)
            if linted is not None:
                self.entries.move_to_end(key)
            return linted

    def put(self, key: tuple, linted: Linted) -> None:
        with self.lock:
            self.entries[key] = linted
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


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


def lint_document(path: str, buffers: Mapping[str, str], cache: "ResultCache | None" = None,
                  stale: "Callable[[list[str]], bool] | None" = None,
                  recent: Recent | None = None) -> Linted | None:
    """Lint ``path`` (and its pair) from ``buffers`` where open, from disk otherwise; never raises.

    With a ``cache`` (``bilint.cache``, shared with the command line), a document whose
    buffers hold what is on disk is read back when unchanged since it was last linted, and
    stored otherwise; a document with unsaved edits is always linted. ``stale(paths)`` is
    asked between rules whether the document's buffers have changed since: if so the lint
    is given up and None returned (the newer edit has its own lint coming). With ``recent``,
    texts linted a moment ago with the same settings are not linted again.
    """
    from ..engine import Cancelled, lint_paths
    from ..runner import Request, plan
    from ..source import InputError

    try:
        jobs = plan([path], Request())
        if not jobs:   # excluded by the configuration
            return Linted([path], {path: buffers.get(path, "")}, {path: []})
        settings = jobs[0].settings
        paths = pair_paths(path, settings.languages, buffers)
        in_memory = {p: buffers[p] for p in paths if p in buffers}
        seen = _recent_key(paths, in_memory, settings) if recent is not None else None
        if seen is not None and (again := recent.get(seen)) is not None:
            return again
        key = cache.key(paths, settings) if cache is not None and _as_on_disk(in_memory) else None
        hit = cache.get(key, paths) if cache is not None and key else None
        if hit is not None and len(hit[0]) == len(paths):
            return _from_cache(paths, hit, in_memory)
        cancelled = (lambda: stale(paths)) if stale is not None else None
        bitext, diagnostics = lint_paths(paths, settings, in_memory, cancelled)
        if cache is not None and key:
            files = [{"path": p, "languages": list(settings.languages), "layout": bitext.layout}
                     for p in bitext.paths]
            cache.put(key, files, diagnostics, paths)
            cache.prune()
    except Cancelled:
        return None
    except InputError as error:
        return Linted([path], {path: buffers.get(path, "")}, {path: []}, str(error))
    except Exception as error:  # a rule's bug must not take the editor's linter down
        return Linted([path], {path: buffers.get(path, "")}, {path: []},
                      f"internal error: {type(error).__name__}: {error}")
    texts = {d.source.path: d.source.text for d in bitext.documents.values()}
    linted = _grouped(paths, texts, diagnostics)
    if seen is not None:
        recent.put(seen, linted)
    return linted


def _recent_key(paths: list[str], in_memory: Mapping[str, str], settings) -> tuple | None:
    """What a lint reads: the texts (open buffers, else files) and the settings; None if a file is unreadable."""
    from ..source import InputError, read_source

    try:
        texts = tuple(in_memory[p] if p in in_memory else read_source(p).text for p in paths)
    except InputError:
        return None
    return tuple(paths), texts, repr(settings)


def _grouped(paths: list[str], texts: dict[str, str], diagnostics: list[Diagnostic]) -> Linted:
    linted = Linted(paths, texts, {p: [] for p in paths})
    for diagnostic in diagnostics:
        linted.diagnostics.setdefault(diagnostic.path, []).append(diagnostic)
    return linted


def _as_on_disk(in_memory: Mapping[str, str]) -> bool:
    """Every open buffer of the document holds what its file holds (the cache is keyed on files)."""
    from ..source import InputError, read_source

    try:
        return all(read_source(path).text == text for path, text in in_memory.items())
    except InputError:
        return False


def _from_cache(paths: list[str], hit, in_memory: Mapping[str, str]) -> Linted:
    """A cached result, its paths renamed to ours (an entry made by ``bilint check`` in
    another folder names the same files relatively); the files are in language order in both."""
    from ..source import read_source

    files, diagnostics = hit
    renamed = {entry["path"]: path for entry, path in zip(files, paths)}

    def moved(location):
        return replace(location, path=renamed.get(location.path, location.path))

    ours = []
    for d in diagnostics:
        fix = replace(d.fix, location=moved(d.fix.location)) if d.fix and d.fix.location else d.fix
        ours.append(replace(d, path=renamed.get(d.path, d.path), fix=fix,
                            related=tuple(replace(r, location=moved(r.location)) for r in d.related)))
    texts = {path: in_memory[path] if path in in_memory else read_source(path).text for path in paths}
    return _grouped(paths, texts, ours)


def cache_folder(path: str, roots: list[str]) -> str | None:
    """Where a document's results are cached: beside its configuration file, else at the root of
    the workspace folder that holds it; None (no cache) for a file outside both."""
    from ..cache import DEFAULT_FOLDER
    from ..config import find_config

    try:
        found = find_config(Path(path))
    except OSError:
        found = None
    if found is not None:
        return str(found.parent / DEFAULT_FOLDER)
    absolute = os.path.abspath(path)
    inside = [root for root in roots if absolute.startswith(os.path.join(os.path.abspath(root), ""))]
    return os.path.join(max(inside, key=len), DEFAULT_FOLDER) if inside else None


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
