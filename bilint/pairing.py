"""Which files make one document: a file alone, or the two language files of a pair.

A pair is two files whose names differ only by a language code, in any case and after
any of ``.``, ``_`` or ``-``: ``act.en.xml`` / ``act.fr.xml``, ``Besluit_NL.docx`` /
``Besluit_FR.docx``. When nobody chose the languages, a pair's names choose them
(``act.en.xml`` + ``act.fr.xml`` is English and French). Two Akoma Ntoso files of one work
(the same ``FRBRWork`` URI) in one folder are a pair too, whatever their names, each in
the language its ``FRBRlanguage`` states (``Bill_UN_2012.xml``, ``eng``, and
``Bill_UN_2012_ES.xml``, ``esp``). This module is below the command line and the runner;
it looks at names, at which files exist and at the head of an XML file's metadata.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

_HEAD = 65536   # the metadata of an Akoma Ntoso file comes first: its identification is in here
_WORK = re.compile(rb"<(?:[\w.-]+:)?FRBRWork\b.*?</(?:[\w.-]+:)?FRBRWork\s*>", re.S | re.I)
_WORK_URI = re.compile(rb"<(?:[\w.-]+:)?FRBRuri\s[^>]*?value\s*=\s*[\"']([^\"']{1,500})[\"']", re.I)
_WORK_THIS = re.compile(rb"<(?:[\w.-]+:)?FRBRthis\s[^>]*?value\s*=\s*[\"']([^\"']{1,500})[\"']", re.I)
_LANGUAGE = re.compile(rb"<(?:[\w.-]+:)?FRBRlanguage\s[^>]*?language\s*=\s*[\"']([^\"']{1,100})[\"']", re.I)


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


def akn_expression(path: str) -> tuple[str, str | None] | None:
    """(work URI, language code) of an Akoma Ntoso file, read from the head of its metadata
    (``FRBRWork``'s ``FRBRuri`` or ``FRBRthis``, and ``FRBRlanguage``, ISO 639-2 mapped to
    639-1: ``eng`` is ``en``); None for any other file. Only bytes are matched here: the
    file is parsed (with defusedxml) by its reader."""
    if not path.lower().endswith((".xml", ".akn")):
        return None
    return _akn_expression(path, _stat_key(path))


@lru_cache(maxsize=1024)
def _akn_expression(path: str, stamp: int) -> tuple[str, str | None] | None:
    """``akn_expression`` read once while the file is unchanged (pairing asks it of one
    file several times: its counterpart, its language, its place in the pair)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return None
    if b"akomantoso" not in head[:4096].lower():
        return None
    work = _WORK.search(head)
    uri = (_WORK_URI.search(work.group(0)) or _WORK_THIS.search(work.group(0))) if work else None
    if uri is None:
        return None
    from .readers.xml import language_code

    language = _LANGUAGE.search(head)
    code = language_code(language.group(1).decode("utf-8", "replace")) if language else None
    return uri.group(1).decode("utf-8", "replace").strip(), code


def _stat_key(folder: str) -> int:
    try:
        return os.stat(folder or ".").st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=64)
def _akn_works(folder: str, stamp: int) -> dict[str, dict[str, str]]:
    """The Akoma Ntoso files of a folder by work URI, then language (read once a folder
    while the folder is unchanged)."""
    works: dict[str, dict[str, str]] = {}
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError:
        return works
    for name in names:
        path = os.path.join(folder, name)
        found = akn_expression(path) if os.path.isfile(path) else None
        if found and found[1]:
            works.setdefault(found[0], {}).setdefault(found[1], path)
    return works


def akn_siblings(path: str) -> dict[str, str]:
    """The Akoma Ntoso files of ``path``'s work beside it, by language (itself included)."""
    found = akn_expression(path)
    if found is None or not found[1]:
        return {}
    folder = os.path.dirname(path)
    siblings = _akn_works(folder, _stat_key(folder)).get(found[0], {})
    return dict(siblings) if found[1] in siblings else {}


def file_language(path: str) -> str | None:
    """The language a file's metadata (Akoma Ntoso) or else its name states."""
    found = akn_expression(path)
    if found is not None and found[1]:
        return found[1]
    parts = pair_name(path)
    return parts[1] if parts else None


def counterpart(path: str, languages: tuple[str, str]) -> str | None:
    """The other file of a pair, if it exists beside ``path``: by name, else (Akoma Ntoso)
    the file of the same work in the other language."""
    parts = pair_name(path)
    if parts is not None and parts[1] in languages:
        other = languages[1] if parts[1] == languages[0] else languages[0]
        candidate = _siblings(path).get(other)
        if candidate and Path(candidate).is_file():
            return candidate
    siblings = akn_siblings(path)
    own = file_language(path)
    if own in languages and len(siblings) >= 2:
        other = languages[1] if own == languages[0] else languages[0]
        candidate = siblings.get(other)
        if candidate and not os.path.samefile(candidate, path):
            return candidate
    return None


def languages_from_names(path: str, known: Iterable[str]) -> tuple[str, str] | None:
    """The language pair a file's name and its one sibling's name give, when both codes
    are languages bilint has data for (``C-12.3.en.xml`` + ``C-12.3.fr.xml``: en, fr)."""
    parts = pair_name(path)
    known = set(known)
    if parts is not None and parts[1] in known:
        codes = sorted(code for code in _siblings(path) if code in known)
        if len(codes) == 2 and parts[1] in codes:
            return codes[0], codes[1]
    # Akoma Ntoso: the languages of the work's two expressions, as their metadata states them
    siblings = akn_siblings(path)
    if len(siblings) == 2 and set(siblings) <= known:
        first, second = sorted(siblings)
        return first, second
    return None


def _order(path: str, languages: tuple[str, str]) -> int:
    parts = pair_name(path)
    code = parts[1] if parts is not None and parts[1] in languages else file_language(path)
    return languages.index(code) if code in languages else len(languages)


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
        other = counterpart(path, languages)
        if other is not None and os.path.normcase(os.path.normpath(other)) not in taken:
            taken.add(os.path.normcase(os.path.normpath(other)))
            pair = [normalized.get(os.path.normcase(os.path.normpath(other)), other), path]
            groups.append(sorted(pair, key=lambda p: _order(p, languages)))
        else:
            groups.append([path])
    return groups
