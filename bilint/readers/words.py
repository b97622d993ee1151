"""Is this a word? For re-joining a word cut at a line end (``ver-`` / ``zekering``).

A PDF and its pdftotext dump keep the hyphen of a word cut at a line end, and also the
hyphen of a compound that happens to fall there (``vice-`` / ``gouverneur``). The cut
is mended only when the joined form is a word of one of the languages bilint knows; a
compound keeps its hyphen. The system Hunspell dictionaries decide (through chunspell,
the ``hunspell`` extra); without them nothing is joined, so no word is ever invented.
"""

from __future__ import annotations

import os
from functools import lru_cache

_DICTIONARIES = {"nl": ("nl", "nl_BE", "nl_NL"), "fr": ("fr", "fr_BE", "fr_FR"), "en": ("en_GB", "en_US")}


def _dirs() -> list[str]:
    return [d for d in os.environ.get("DICPATH", "").split(os.pathsep) if d] + [
        "/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell"]


@lru_cache(maxsize=8)
def _spellers(lang: str | None = None) -> tuple:
    """The dictionaries of ``lang``, or of every language bilint knows."""
    try:
        import hunspell  # the chunspell package
    except ImportError:
        return ()
    found = []
    chosen = [_DICTIONARIES[lang]] if lang in _DICTIONARIES else list(_DICTIONARIES.values())
    for names in chosen:
        for name in names:
            directory = next((d for d in _dirs() if os.path.exists(os.path.join(d, name + ".dic"))
                              and os.path.exists(os.path.join(d, name + ".aff"))), None)
            if directory:
                try:
                    found.append(hunspell.Hunspell(name, hunspell_data_dir=directory))
                except Exception:   # an unreadable dictionary: go without it
                    continue
                break
    return tuple(found)


@lru_cache(maxsize=8)
def _conjunctions(lang: str | None) -> frozenset[str]:
    """The conjunctions after which a line-end hyphen suspends a compound (language data)."""
    from ..lang import get_language
    from ..pairing import known_languages

    words: set[str] = set()
    for code in ([lang] if lang else known_languages()):
        try:
            words.update(word.lower() for word in get_language(code).conjunctions)
        except ValueError:
            continue
    return frozenset(words)


def can_tell() -> bool:
    return bool(_spellers())


@lru_cache(maxsize=65536)
def is_word(word: str, lang: str | None = None) -> bool:
    """``word`` (or its lower-case form) is in the dictionaries of ``lang`` (all when None)."""
    for speller in _spellers(lang):
        if speller.spell(word) or speller.spell(word.lower()):
            return True
    return False


def join_cut(head: str, tail: str, lang: str | None = None) -> str | None:
    """``head`` ends a line with a hyphen (``zeker-``), ``tail`` starts the next
    (``heid``): the joined word when it is one, else None when the hyphen stays (the
    hyphenated form is a word, or both parts are: a compound). ``lang``, the passage's
    language, decides which dictionary: ``vice-gouverneur`` is French, ``vicegouverneur``
    Dutch (Hunspell accepts a hyphenated pair of words, so the joined form is asked first)."""
    joined = head[:-1] + tail
    if lang not in _DICTIONARIES:
        lang = None
    if tail.lower() in _conjunctions(lang):
        return None   # a suspended compound: ``benoemings- en`` / ``voordrachtsregels``
    if not head[:-1] or not tail or not _spellers(lang):
        return None
    if lang is None:
        # the passage's language unknown: a language that writes the compound with its
        # hyphen (and not closed) outweighs one that writes it closed (vice-gouverneur)
        codes = [code for code in _DICTIONARIES if _spellers(code)]
        if any(is_word(head + tail, code) and not is_word(joined, code) for code in codes):
            return None
    if is_word(joined, lang):
        return joined   # ``vicegouverneur`` in Dutch, ``paragraph`` in English
    if is_word(head + tail, lang) or head[:1].isupper():
        return None   # the compound is written with its hyphen (``vice-gouverneur`` in French),
                      # and a name in a compound keeps it (``Gbagbo-kamp``)
    if is_word(head[:-1], lang) and is_word(tail, lang):
        return None   # two words: a compound with its hyphen
    return joined     # a word cut mid-way (``meergemeen-`` / ``tepolitiezones``): no part is a word
