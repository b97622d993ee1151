"""Spelling: typos in one language version, each with what was probably meant."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Fix, Node, Related, rule

# text nodes whose body is their own (a title's body repeats its text children)
_TEXT_KINDS = ("text", "formula", "section", "division", "article", "paragraph", "item", "footnote")
_QUOTED = re.compile(r"“[^”\n]{1,300}”|‘[^’\n]{1,300}’|«[^»\n]{1,300}»|„[^”“\n]{1,300}[”“]|\"[^\"\n]{1,300}\"")


def _quotations(text: str) -> list[tuple[int, int]]:
    """Quoted passages: titles of studies and acts are quoted as published, often in the other language."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


@rule("BL301", "spelling", "spelling", "warning", backend="auto", foreign=["en"])
def spelling(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A word that is not in the language's dictionary and is close to one that is.

    Why: a typo in one authentic version is an error in the law; it also hides from
    searches. bilint reports a word only when it can say what was probably meant, so a
    finding is cheap to check. Proper nouns and acronyms (capitalised or upper-case words),
    Latin numbering suffixes (bis, ter, quater…), Dutch compounds made of known words,
    quotations, words of the other version's language (a Dutch title quoted in the French
    text) and English terms used on purpose (*follow the money*) are not typos; a
    misspelt English term (`targetting`) still is.

    Example:
        nl: ``aantrekkelijk voor criminale organisaties`` → criminele
        fr: ``la production de métamphétamines`` → méthamphétamines

    Options:
        backend ("auto"): "embedded" (word lists shipped with bilint, always available),
            "hunspell" (chunspell with the system's Hunspell dictionaries), or "auto"
            (Hunspell when installed for the language, else embedded).
        foreign (["en"]): languages whose words a text borrows on purpose, besides the
            other version's language.

    A project word list (``words`` in the configuration, ``--words FILE``) adds accepted words.
    """
    from .spellcheck import find_misspellings

    extra = tuple(bitext.config.get("words", ()))
    for lang in bitext.languages:
        foreign = tuple(dict.fromkeys([bitext.other(lang), *options.get("foreign", ())]))
        foreign = tuple(code for code in foreign if code != lang)
        for node in bitext.documents[lang].nodes():
            if node.kind not in _TEXT_KINDS or not node.text:
                continue
            for slip in find_misspellings(node.text, lang, foreign_langs=foreign,
                                          exempt=_quotations(node.text), extra_words=extra,
                                          backend=options.get("backend", "auto")):
                if not slip.suggestions:
                    continue
                yield _finding(node, slip)


def _finding(node: Node, slip) -> Finding:
    best = slip.suggestions[0]
    others = [s for s in slip.suggestions[1:3]]
    also = f" (or {', '.join(others)})" if others else ""
    message = f"'{slip.word}' looks like a typo for '{best}'{also}"
    related: tuple[Related, ...] = ()
    counterpart = node.attrs.get("counterpart")
    if counterpart is not None:
        related = (Related(counterpart.whole(), f"the {counterpart.lang} version of this {node.kind}",
                           counterpart.text[:160]),)
    return Finding(node.locate(slip.start, slip.end), message,
                   fix=Fix(best, safe=False), related=related)


RULES = [spelling]
