"""Direction words: one version says a figure rises where the other says it falls.

The lexicon is data (``rules/data/opposites-<a>-<b>.tsv``: a concept, its forms in each
language, its opposite); see that file for its source and format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Node, Related, rule

from ._prose import TEXT_KINDS, sentences

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Lexicon:
    """Concepts and their opposites, with one pattern a concept per language."""

    opposite: dict[str, str]
    patterns: dict[str, dict[str, "re.Pattern[str]"]]   # lang -> concept -> pattern


def _form(form: str) -> str:
    body = re.escape(form.rstrip("*")).replace(r"\ ", r"\s+")
    return body + (r"[^\W\d_]*" if form.endswith("*") else "")


@lru_cache(maxsize=8)
def load_lexicon(languages: tuple[str, str]) -> Lexicon | None:
    """The opposites of a language pair, in either file order; None when there is no file."""
    a, b = languages
    for name, swap in ((f"opposites-{a}-{b}.tsv", False), (f"opposites-{b}-{a}.tsv", True)):
        path = DATA / name
        if not path.is_file():
            continue
        opposite: dict[str, str] = {}
        forms: dict[str, dict[str, list[str]]] = {a: {}, b: {}}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            columns = line.split("\t")
            if len(columns) != 4:
                raise ValueError(f"{path}:{number}: an entry is 'concept<TAB>forms<TAB>forms<TAB>opposite'")
            concept, first, second, other = (c.strip() for c in columns)
            if swap:
                first, second = second, first
            opposite[concept] = other
            forms[a][concept] = [f.strip() for f in first.split(",") if f.strip()]
            forms[b][concept] = [f.strip() for f in second.split(",") if f.strip()]
        patterns = {}
        for lang, table in forms.items():
            patterns[lang] = {}
            for concept, words in table.items():
                alternatives = sorted((_form(w) for w in words), key=len, reverse=True)
                patterns[lang][concept] = re.compile(rf"(?<![\w'’])(?:{'|'.join(alternatives)})(?![\w])", re.I)
        return Lexicon(opposite, patterns)
    return None


def _concepts(text: str, lang: str, lexicon: Lexicon) -> dict[str, list[re.Match]]:
    """Each concept's matches; a longer form wins over a shorter one on the same words
    (``trop peu`` is too little, not ``trop``)."""
    found: list[tuple[str, re.Match]] = []
    for concept, pattern in lexicon.patterns[lang].items():
        found.extend((concept, m) for m in pattern.finditer(text))
    found.sort(key=lambda cm: (cm[1].start(), -(cm[1].end() - cm[1].start())))
    kept: dict[str, list[re.Match]] = {}
    end = -1
    for concept, match in found:
        if match.start() < end:
            continue
        end = match.end()
        kept.setdefault(concept, []).append(match)
    return kept


# a negation shortly before a direction word turns it into its opposite ("pas avant" is
# "only after", "nimmer eerder dan nadat" is "only after"): such a pair is no reversal
_NEGATIONS = {"nl": r"niet|nimmer|nooit|geen|noch",
              "fr": r"ne|n'|n’|pas|jamais|aucun|aucune|ni",
              "en": r"not|never|no|nor"}


def _negated(sentence: str, index: int, lang: str) -> bool:
    words = _NEGATIONS.get(lang)
    if not words:
        return False
    window = sentence[max(0, index - 60):index]
    return re.search(rf"(?<![\w'’])(?:{words})(?![\w])", window, re.I) is not None


def _aligned_sentences(left: Node, right: Node) -> Iterator[tuple[int, int, int, int]]:
    """Sentence pairs of two aligned nodes, when both have as many sentences."""
    a, b = sentences(left.text), sentences(right.text)
    if len(a) != len(b):
        return
    for (s1, e1), (s2, e2) in zip(a, b):
        yield s1, e1, s2, e2


@rule("BL421", "direction-mismatch", "parity", "warning")
def direction_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One version says a figure rises where the other says it falls (or too much / too little).

    Why: a reversed direction word changes the rule without changing a single number:
    ``de bijdrage stijgt met 2 %`` against ``la contribution diminue de 2 %``, ``te veel``
    against ``trop peu``, ``vóór`` against ``après``, ``ten minste`` against ``au plus``. Such
    reversals are found in real parliamentary documents, and no number check sees them.
    bilint reads each pair of aligned sentences (aligned provisions with as many sentences
    on both sides) and reports a sentence whose direction word is the opposite of the
    other version's, when neither sentence also has the other direction (``stijgen of
    dalen`` / ``augmenter ou diminuer`` is silent) and no negation stands shortly before
    either word (``nimmer eerder dan nadat`` says what ``préalablement à`` says). The lexicon of opposites is data:
    ``rules/data/opposites-nl-fr.tsv``.

    No fix: which version is right is not known.

    Example:
        nl: ``Het bedrag stijgt jaarlijks met 2 %.``
        fr: ``Le montant diminue chaque année de 2 %.`` → ``stijgt`` against ``diminue``

    Options: none.
    """
    lexicon = load_lexicon(tuple(bitext.languages))
    if lexicon is None:
        return
    for pair in bitext.pairs:
        left, right = pair.left, pair.right
        if left is None or right is None or left.kind not in TEXT_KINDS or right.kind not in TEXT_KINDS:
            continue
        for s1, e1, s2, e2 in _aligned_sentences(left, right):
            mine = _concepts(left.text[s1:e1], left.lang, lexicon)
            theirs = _concepts(right.text[s2:e2], right.lang, lexicon)
            for concept, matches in mine.items():
                reverse = lexicon.opposite.get(concept)
                if not reverse or reverse not in theirs or reverse in mine or concept in theirs:
                    continue
                match, other = matches[0], theirs[reverse][0]
                if _negated(left.text[s1:e1], match.start(), left.lang) \
                        or _negated(right.text[s2:e2], other.start(), right.lang):
                    continue   # "nimmer eerder dan nadat" / "préalablement à": not before is after
                yield Finding(left.locate(s1 + match.start(), s1 + match.end()),
                              f"'{match.group()}' ({concept}) in {left.lang}, but '{other.group()}' "
                              f"({reverse}) in the {right.lang} version of this sentence: one of them "
                              f"says the opposite",
                              related=(Related(right.locate(s2 + other.start(), s2 + other.end()),
                                               f"the {right.lang} sentence", right.text[s2:e2][:200]),))


RULES = [direction_mismatch]
