"""Which files make one document: a file alone, or the two language files of a pair.

A pair is two files whose names differ only by a language code, in any case and after
any of ``.``, ``_`` or ``-``: ``act.en.xml`` / ``act.fr.xml``, ``Besluit_NL.docx`` /
``Besluit_FR.docx``. When nobody chose the languages, a pair's names choose them
(``act.en.xml`` + ``act.fr.xml`` is English and French). This module is below the
command line and the runner; it only looks at names and at which files exist.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Sequence

def known_languages() -> list[str]:
    """The codes bilint has language data for (``bilint/lang/*.toml``)."""
    from importlib import resources

    return sorted(entry.name[:-5] for entry in resources.files("bilint.lang").iterdir()
                  if entry.name.endswith(".toml"))


_PAIR_NAME = re.compile(r"^(?P<stem>.+)(?P<sep>[._-])(?P<lang>[A-Za-z]{2,3})(?P<ext>\.[A-Za-z0-9]+)$")


def pair_name(path: str) -> tuple[str, str, str] | None:
    """``dir/NAME.nl.md`` -> (``dir/NAME``, ``nl``, ``.md``); the code is lower-cased."""
    p = Path(path)
    match = _PAIR_NAME.match(p.name)
    if not match:
        return None
    return str(p.parent / match.group("stem")), match.group("lang").lower(), match.group("ext")


def _siblings(path: str) -> dict[str, str]:
    """The files beside ``path`` that differ from it only by their language code."""
    p = Path(path)
    match = _PAIR_NAME.match(p.name)
    if not match:
        return {}
    stem, sep, ext = match.group("stem"), match.group("sep"), match.group("ext")
    found: dict[str, str] = {}
    try:
        names = os.listdir(p.parent if str(p.parent) else ".")
    except OSError:
        return {}
    for name in names:
        other = _PAIR_NAME.match(name)
        if (other and other.group("stem") == stem and other.group("sep") == sep
                and other.group("ext").lower() == ext.lower()):
            found[other.group("lang").lower()] = str(p.parent / name)
    return found


def counterpart(path: str, languages: tuple[str, str]) -> str | None:
    """The other file of a pair, if it exists beside ``path``."""
    parts = pair_name(path)
    if parts is None or parts[1] not in languages:
        return None
    other = languages[1] if parts[1] == languages[0] else languages[0]
    candidate = _siblings(path).get(other)
    return candidate if candidate and Path(candidate).is_file() else None


def languages_from_names(path: str, known: Iterable[str]) -> tuple[str, str] | None:
    """The language pair a file's name and its one sibling's name give, when both codes
    are languages bilint has data for (``C-12.3.en.xml`` + ``C-12.3.fr.xml``: en, fr)."""
    parts = pair_name(path)
    known = set(known)
    if parts is None or parts[1] not in known:
        return None
    codes = sorted(code for code in _siblings(path) if code in known)
    if len(codes) != 2 or parts[1] not in codes:
        return None
    return codes[0], codes[1]


def documents(paths: Sequence[str], languages: tuple[str, str]) -> list[list[str]]:
    """Group the given paths into documents: a NAME.nl/NAME.fr pair is one document."""
    groups: list[list[str]] = []
    taken: set[str] = set()
    normalized = {os.path.normcase(os.path.normpath(p)): p for p in paths}
    for path in paths:
        key = os.path.normcase(os.path.normpath(path))
        if key in taken:
            continue
        taken.add(key)
        parts = pair_name(path)
        other = counterpart(path, languages) if parts and parts[1] in languages else None
        if other is not None and os.path.normcase(os.path.normpath(other)) not in taken:
            taken.add(os.path.normcase(os.path.normpath(other)))
            pair = [normalized.get(os.path.normcase(os.path.normpath(other)), other), path]
            groups.append(sorted(pair, key=lambda p: languages.index(pair_name(p)[1])))
        else:
            groups.append([path])
    return groups
