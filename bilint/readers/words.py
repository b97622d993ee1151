"""Is this a word? For re-joining a word cut at a line end (``ver-`` / ``zekering``).

A PDF and its pdftotext dump keep the hyphen of a word cut at a line end, and also the
hyphen of a compound that happens to fall there (``vice-`` / ``gouverneur``). The cut
is mended only when the joined form is a word of one of the languages bilint knows; a
compound keeps its hyphen. The system Hunspell dictionaries decide when they are
installed (through chunspell, the ``hunspell`` extra); otherwise the word lists the rule
packs embed answer, through the ``bilint_is_word`` hook (the core defines it, the
built-in pack provides it: the readers never import a rule pack). With neither, nothing
is joined, so no word is ever invented.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Callable

_DICTIONARIES = {"nl": ("nl", "nl_BE", "nl_NL"), "fr": ("fr", "fr_BE", "fr_FR"), "en": ("en_GB", "en_US"),
                 "es": ("es_ES", "es")}


def _dirs() -> list[str]:
    return [d for d in os.environ.get("DICPATH", "").split(os.pathsep) if d] + [
        "/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell"]


@lru_cache(maxsize=8)
def _hunspell(lang: str):
    """The first Hunspell dictionary of ``lang`` found, or None."""
    try:
        import hunspell  # the chunspell package
    except ImportError:
        return None
    for name in _DICTIONARIES.get(lang, ()):
        directory = next((d for d in _dirs() if os.path.exists(os.path.join(d, name + ".dic"))
                          and os.path.exists(os.path.join(d, name + ".aff"))), None)
        if directory:
            try:
                return hunspell.Hunspell(name, hunspell_data_dir=directory)
            except Exception:   # an unreadable dictionary: go without it
                continue
    return None


def _plugin_test(lang: str) -> "Callable[[str], bool] | None":
    """The word test a rule pack provides for ``lang`` (``bilint_is_word``), if any answers."""
    try:
        from ..plugins import plugin_manager

        hook = plugin_manager().hook.bilint_is_word
        if hook(word="a", lang=lang) is None:
            return None
    except Exception:   # a broken plugin must not break reading: go without it
        return None

    def test(word: str) -> bool:
        # a hyphenated form is a word when each part is one, as Hunspell's BREAK has it
        # (``vice-gouverneur``): both word tests then see compounds alike
        if hook(word=word, lang=lang):
            return True
        parts = word.split("-")
        return len(parts) > 1 and all(parts) and all(hook(word=part, lang=lang) for part in parts)

    return test


@lru_cache(maxsize=8)
def _test(lang: str) -> "Callable[[str], bool] | None":
    """The word test of ``lang``: Hunspell when installed, else a rule pack's word list."""
    speller = _hunspell(lang)
    if speller is not None:
        return speller.spell
    return _plugin_test(lang)


def _codes(lang: str | None) -> list[str]:
    return [lang] if lang in _DICTIONARIES else list(_DICTIONARIES)


def _tests(lang: str | None) -> list[Callable[[str], bool]]:
    """The word tests of ``lang``, or of every language bilint knows."""
    return [test for code in _codes(lang) if (test := _test(code)) is not None]


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
    """Some word test is there (Hunspell, or a rule pack's word list)."""
    return bool(_tests(None))


@lru_cache(maxsize=65536)
def is_word(word: str, lang: str | None = None) -> bool:
    """``word`` (or its lower-case form) is a word of ``lang`` (of any language when None)."""
    return any(test(word) or test(word.lower()) for test in _tests(lang))


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
    if not head[:-1] or not tail or not _tests(lang):
        return None
    if lang is None:
        # the passage's language unknown: a language that writes the compound with its
        # hyphen (and not closed) outweighs one that writes it closed (vice-gouverneur)
        codes = [code for code in _DICTIONARIES if _test(code) is not None]
        if any(is_word(head + tail, code) and not is_word(joined, code) for code in codes):
            return None
    if is_word(joined, lang):
        return joined   # ``vicegouverneur`` in Dutch, ``paragraph`` in English
    if is_word(head + tail, lang) or head[:1].isupper() and (is_word(tail, lang) or is_word(head[:-1], lang)):
        return None   # the compound is written with its hyphen (``vice-gouverneur`` in French),
                      # and a name in a compound keeps it (``Gbagbo-kamp``); a name cut
                      # mid-way (``Bra-`` / ``bant``) has no part that is a word
    if is_word(head[:-1], lang) and is_word(tail, lang):
        return None   # two words: a compound with its hyphen
    return joined     # a word cut mid-way (``meergemeen-`` / ``tepolitiezones``): no part is a word
