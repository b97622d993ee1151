"""bilint's built-in rule pack, registered through the same hook as any third-party pack."""

from __future__ import annotations

import pkgutil
from importlib import import_module

from bilint.api import hookimpl


def families() -> list[str]:
    """Every public module of the pack: one a family, each defining ``RULES`` (helper
    modules such as the spelling engine define none). Found, not listed, so that a new
    family is a new module and nothing else."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


@hookimpl
def bilint_rules() -> list:
    rules: list = []
    for family in families():
        rules.extend(getattr(import_module(f"{__name__}.{family}"), "RULES", ()))
    return rules


@hookimpl
def bilint_is_word(word: str, lang: str) -> "bool | None":
    """The embedded lexicon (``rules/data/words``) answers for the readers: a dictionary
    word or name, a word common in running text, or a regular compound of dictionary parts."""
    from .spellcheck import LexiconUnavailable, load_lexicon

    try:
        lexicon = load_lexicon(lang, backend="embedded")
    except LexiconUnavailable:
        return None
    return lexicon.known(word)
