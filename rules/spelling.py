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
    searches. The lexicon is a curated spelling dictionary (OpenTaal for Dutch,
    Grammalecte for French, en_GB for English terms), and bilint reports a word only when
    it can say what was probably meant, proposing only dictionary words, so a finding is
    cheap to check. Proper nouns and acronyms, Latin numbering suffixes (bis, ter,
    quater…), Dutch compounds of dictionary words, quotations, words of the other
    version's language (a Dutch title quoted in the French text), words the other version
    also uses (a name, a term) and English terms used on purpose (*follow the money*) are
    not typos; a misspelt English term (`targetting`) still is. A capitalised word inside
    a sentence is a typo only when it is one slip from a word the document uses. Words run
    together (`derechten`, `larticle`), a word broken by a hyphen and a space (`ver-
    drag`) and typographic ligatures (`ﬁ`) are reported with their obvious fix. A
    language with no word list (neither embedded nor Hunspell's) is not checked: one
    finding says so, instead of every word of it flagged.

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
    for node, slip in _slips(bitext, options):
        if slip is None:   # a language with no word list: said once, nothing flagged
            yield Finding(node.locate(0, 0),
                          f"no word list for '{node.lang}': the spelling of the {node.lang} version was not "
                          "checked (a rule pack or a Hunspell dictionary can add one)")
        elif slip.kind != "old" and slip.suggestions:
            yield _finding(node, slip)


@rule("BL302", "old-spelling", "spelling", "info")
def old_spelling(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Words written in a spelling older than a reform, reported once per version.

    Why: a text of 1867 writes ``tusschen`` and ``eenige``, one of 1950 ``traitemens``; they
    are no typos, but a consolidated or newly drafted text should not keep them. One
    finding per language version, at the first such word, lists a few with their modern
    form and gives the text's own date (the first year it cites), so that a lawyer-
    linguist sees the period at once instead of dozens of false typos.

    Example:
        nl: ``tusschen de partijen`` → tussen (and 11 other words in an older spelling)

    Options:
        none: the check is BL301's, with BL301's options (one pass serves both rules).
    """
    per_lang: dict[str, list] = {}
    for node, slip in _slips(bitext, None):
        if slip is not None and slip.kind == "old":
            per_lang.setdefault(node.lang, []).append((node, slip))
    for lang, hits in per_lang.items():
        node, first = hits[0]
        words = list(dict.fromkeys(s.word.lower() for _, s in hits))
        others = ", ".join(f"{w}" for w in words[1:4])
        more = f" (also {others}{', …' if len(words) > 4 else ''}: {len(hits)} words in all)" \
            if len(words) > 1 else ""
        year = _first_year(bitext.documents[lang])
        dated = f"; the text cites {year} as its first year" if year else ""
        message = (f"'{first.word}' is an older spelling of '{first.suggestions[0]}'{more}"
                   f"{dated}")
        yield Finding(node.locate(first.start, first.end), message)


_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def _first_year(document) -> int | None:
    for node in document.nodes():
        if node.text:
            m = _YEAR.search(node.text)
            if m:
                return int(m.group())
    return None


_cache: list = []   # [(bitext, options key, slips)]: BL301 and BL302 share one pass


def _slips(bitext: Bitext, options: Mapping[str, Any] | None) -> list:
    """(node, misspelling) of every text node of both versions, computed once per bitext.
    BL302 passes no options: it takes the pass BL301 made, or makes one with BL301's
    default options."""
    from .spellcheck import common_words_of, find_misspellings, words_of

    if _cache and _cache[0][0] is bitext and options is None:
        return _cache[0][2]
    options = {**spelling.options, **(options or {})}
    key = (options.get("backend"), tuple(options.get("foreign", ())))
    if _cache and _cache[0][0] is bitext and _cache[0][1] == key:
        return _cache[0][2]
    extra = tuple(bitext.config.get("words", ()))
    nodes = {lang: [n for n in bitext.documents[lang].nodes() if n.kind in _TEXT_KINDS and n.text]
             for lang in bitext.languages}
    texts = {lang: "\n".join(n.text for n in nodes[lang]) for lang in bitext.languages}
    vocab = {lang: words_of(texts[lang]) for lang in bitext.languages}
    common = {lang: common_words_of(texts[lang]) for lang in bitext.languages}
    found = []
    backend = options.get("backend", "auto")
    listed = {code: _has_word_list(code, backend) for code in bitext.languages}
    for lang in bitext.languages:
        # the other version's language lends its words when it has a list; a configured
        # foreign language without one is the user's error (the option is named)
        other = [bitext.other(lang)] if listed[bitext.other(lang)] else []
        foreign = tuple(dict.fromkeys([*other, *options.get("foreign", ())]))
        foreign = tuple(code for code in foreign if code != lang)
        if not listed[lang]:
            if nodes[lang]:
                found.append((nodes[lang][0], None))
            continue
        for node in nodes[lang]:
            for slip in find_misspellings(node.text, lang, foreign_langs=foreign,
                                          exempt=_quotations(node.text), extra_words=extra,
                                          backend=options.get("backend", "auto"),
                                          other_words=vocab[bitext.other(lang)],
                                          document_words=common[lang],
                                          all_document_words=vocab[lang]):
                found.append((node, slip))
    _cache[:] = [(bitext, key, found)]
    return found


def _has_word_list(lang: str, backend: str) -> bool:
    """Whether a word list (embedded, or Hunspell's) exists for ``lang``: a language
    without one is not spell-checked at all, rather than every word of it flagged."""
    from .spellcheck import LexiconUnavailable, load_lexicon

    try:
        load_lexicon(lang, backend=backend)
    except LexiconUnavailable:
        return False
    return True


def _finding(node: Node, slip) -> Finding:
    best = slip.suggestions[0]
    others = [s for s in slip.suggestions[1:3]]
    also = f" (or {', '.join(others)})" if others else ""
    if slip.kind == "run-together":
        message = f"'{slip.word}' looks like two words run together: '{best}'"
    elif slip.kind == "split":
        message = f"'{slip.word}' looks like one word broken by a hyphen and a space: '{best}'"
    elif slip.kind == "ligature":
        message = f"'{slip.word}' is written with a typographic ligature: '{best}'"
    else:
        message = f"'{slip.word}' looks like a typo for '{best}'{also}"
    related: tuple[Related, ...] = ()
    counterpart = node.attrs.get("counterpart")
    if counterpart is not None:
        related = (Related(counterpart.whole(), f"the {counterpart.lang} version of this {node.kind}",
                           counterpart.text[:160]),)
    return Finding(node.locate(slip.start, slip.end), message,
                   fix=Fix(best, safe=False), related=related)


RULES = [spelling, old_spelling]
