"""The bilingual glossary: term pairs a provision and its counterpart must both carry.

The data is ``rules/data/glossary-<a>-<b>.tsv`` (one entry a line, ``a<TAB>b<TAB>note``;
a cell may give several renderings, the usual one first: ``uitlevering | uitleveren<TAB>
extradition | extrader``, so that a related form or a paraphrase on the other side is
the term's counterpart, not a conflict);
a project adds its own files through the ``glossary`` option (or, later, the
configuration). ``load_glossary`` is what other rules import: BL412 reads the acronym
pairs from it, BL415 uses it to match the members of two enumerations.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from bilint.api import Bitext, Finding, Node, Related, rule

DATA = Path(__file__).parent / "data"

# kinds whose body is their own text (a title's body repeats its children)
TEXT_KINDS = ("text", "formula", "section", "division", "article", "paragraph", "item", "footnote")


def fold(text: str) -> str:
    """Lower case without accents, ’ as ': how terms are compared."""
    decomposed = unicodedata.normalize("NFD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def is_acronym(term: str) -> bool:
    return len(term) >= 2 and term.isupper() and " " not in term


@dataclass
class Glossary:
    """Term pairs for one language pair, in the order ``languages``."""

    languages: tuple[str, str]
    entries: list[tuple[str, str, str]] = field(default_factory=list)   # (a, b, note)

    def translations(self, lang: str) -> dict[str, set[str]]:
        """Folded term in ``lang`` to the folded terms that translate it."""
        index = 0 if lang == self.languages[0] else 1
        table: dict[str, set[str]] = {}
        for entry in self.entries:
            table.setdefault(fold(entry[index]), set()).add(fold(entry[1 - index]))
        return table

    def acronym_pairs(self) -> set[frozenset[str]]:
        """Equivalent acronyms, each pair as a set (``{"NAVO", "OTAN"}``)."""
        return {frozenset((a, b)) for a, b, _ in self.entries if is_acronym(a) and is_acronym(b)}

    def terms(self, variants: bool = True) -> list[tuple[str, str]]:
        """The (a, b) pairs that are terms, not acronyms; ``variants`` (notes starting with
        ``variant``) are accepted counterparts that never trigger a check themselves."""
        return [(a, b) for a, b, note in self.entries if not (is_acronym(a) and is_acronym(b))
                and (variants or not note.lower().startswith("variant"))]


def read_glossary_file(path: str | Path, languages: tuple[str, str] | None = None) -> list[tuple[str, str, str]]:
    """Entries of one TSV file, swapped into ``languages`` order when its name says ``<b>-<a>``."""
    path = Path(path)
    swap = False
    match = re.fullmatch(r"glossary-([a-z]{2,3})-([a-z]{2,3})", path.stem)
    if languages and match and (match.group(2), match.group(1)) == tuple(languages):
        swap = True
    entries: list[tuple[str, str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) < 2 or not columns[0].strip() or not columns[1].strip():
            raise ValueError(f"{path}:{number}: a glossary entry is 'term<TAB>term[<TAB>note]'")
        note = columns[2].strip() if len(columns) > 2 else ""
        lefts, rights = _renderings(columns[0]), _renderings(columns[1])
        if not lefts or not rights:
            raise ValueError(f"{path}:{number}: an empty rendering between '|'")
        for i, a in enumerate(lefts):
            for j, b in enumerate(rights):
                # the first renderings are the entry; the others are accepted counterparts
                # (a paraphrase, a related form) that never trigger a check themselves
                own = note if i == j == 0 or note.lower().startswith("variant") else f"variant: {note}".rstrip(": ")
                entries.append((b, a, own) if swap else (a, b, own))
    return entries


def _renderings(cell: str) -> list[str]:
    """``gevangenisstraf | vrijheidsstraf``: one term's renderings, the usual one first."""
    parts = [part.strip() for part in cell.split("|")]
    return parts if all(parts) else []


@lru_cache(maxsize=32)
def _load(languages: tuple[str, str], extra: tuple[str, ...]) -> Glossary:
    a, b = languages
    entries: list[tuple[str, str, str]] = []
    for name in (f"glossary-{a}-{b}.tsv", f"glossary-{b}-{a}.tsv"):
        if (DATA / name).is_file():
            entries.extend(read_glossary_file(DATA / name, languages))
    for path in extra:
        entries.extend(read_glossary_file(path, languages))
    return Glossary(languages, list(dict.fromkeys(entries)))


def load_glossary(languages: Iterable[str], extra: Iterable[str | Path] = ()) -> Glossary:
    """The built-in glossary for a language pair plus project files (``extra``), cached."""
    return _load(tuple(languages), tuple(str(p) for p in extra))  # type: ignore[arg-type]


def glossary_for(bitext: Bitext, options: Mapping[str, Any]) -> Glossary:
    """The glossary a rule uses: built-in, then ``glossary`` files from config and options."""
    extra = [*bitext.config.get("glossaries", ()), *options.get("glossary", ())]
    return load_glossary(bitext.languages, extra)


_VOWELS = "aeiouy"


def word_forms(word: str, lang: str, compound: bool = False) -> list[str]:
    """A folded word and its plural/inflected forms, lightly: enough not to miss a term.

    Dutch: ``-en``/``-s``/``-e`` endings, ``misdaad``/``misdaden`` (long vowel),
    ``wanbedrijf``/``wanbedrijven`` (f to v, s to z), ``vonnis``/``vonnissen``,
    ``overheid``/``overheden``; with ``compound``, also the stem a compound starts with
    (``witwassen`` in ``witwasconstructies``). French: ``-s``/``-x``, ``-al``/``-aux``.
    """
    forms = {word}
    if lang == "nl":
        forms.update(word + end for end in ("en", "s", "n", "e", "'s"))
        voiced = {"f": "v", "s": "z"}
        if re.search(r"[^aeiouy]([aeou])\1[^aeiouy]$", word):
            forms.add(word[:-3] + word[-3] + voiced.get(word[-1], word[-1]) + "en")
        if word[-1:] in voiced:
            forms.add(word[:-1] + voiced[word[-1]] + "en")
        if re.search(r"[^aeiouy][aeiou][^aeiouy]$", word):
            forms.add(word + word[-1] + "en")
        if word.endswith("heid"):
            forms.add(word[:-4] + "heden")
        if compound:
            for end in ("en", "e"):
                if word.endswith(end) and len(word) - len(end) >= 4:
                    forms.add(word[: -len(end)])
            if re.search(r"([^aeiouy])\1en$", word) and len(word) >= 7:
                forms.add(word[:-3])   # witwassen: witwaspraktijken
    elif lang == "fr":
        forms.update(word + end for end in ("s", "x", "es"))
        if word.endswith("al"):
            forms.add(word[:-2] + "aux")
    else:
        forms.update(word + end for end in ("s", "es", "en", "e"))
    return sorted(forms, key=len, reverse=True)


@lru_cache(maxsize=4096)
def term_pattern(term: str, lang: str, strict: bool = True) -> "re.Pattern[str]":
    """A folded term with light inflection on each word, its words in order, as whole words."""
    words = [w for w in re.split(r"[\s-]+", fold(term)) if w]
    joined = r"[\s-]+".join("(?:" + "|".join(map(re.escape, word_forms(w, lang))) + ")" for w in words)
    return re.compile(rf"(?<![\w-]){joined}(?![\w])")


@lru_cache(maxsize=4096)
def _loose_patterns(term: str, lang: str) -> tuple["re.Pattern[str]", ...]:
    """One pattern a word of the term: each found anywhere, in any order.

    Searching for a counterpart errs on the side of silence: ``Benelux-Verdrag`` is
    there in ``Benelux-Politieverdrag``, ``bestuurlijke overheid`` in ``de overheden,
    ook de bestuurlijke``; a Dutch word may stand inside a compound.
    """
    patterns = []
    for word in re.split(r"[\s-]+", fold(term)):
        if not word:
            continue
        forms = "|".join(map(re.escape, word_forms(word, lang, compound=True)))
        if lang == "nl":
            patterns.append(re.compile(f"(?:{forms})"))
        else:
            patterns.append(re.compile(rf"(?<![\w])(?:{forms})(?![\w])"))
    return tuple(patterns)


def find_term(text: str, term: str, lang: str, strict: bool = True) -> bool | re.Match | None:
    """Where ``term`` is in ``text`` (folded): the match, or (not ``strict``) whether all its words are."""
    if strict:
        return term_pattern(term, lang).search(text)
    patterns = _loose_patterns(term, lang)
    if lang == "nl":   # ``lid-Staten`` is ``lidstaten``
        return all(p.search(text) or p.search(text.replace("-", "")) for p in patterns)
    return all(p.search(text) for p in patterns)


@rule("BL420", "glossary-term", "terminology", "info", glossary=[])
def glossary_term(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A glossary term in one version that the aligned provision renders by a conflicting term.

    Why: legal terms have fixed translations (``geldboete`` is ``amende``, never
    ``pénalité``); a provision that says ``geldboete`` while its counterpart has no
    ``amende`` but another glossary term (``réclusion``, the glossary's ``opsluiting``)
    whose own counterpart is absent from the Dutch has swapped one term for another. A term
    merely absent is not reported: it is often rendered by a pronoun, a paraphrase or a
    related form, or left implicit; nor is a conflicting term that stands far from where
    the term would (more than a fifth of the provision away): another subject; nor in two
    provisions the alignment paired by position only (items ``I`` and ``II``, a paragraph
    twice as long as its counterpart); nor when the other version renders it by a paraphrase
    built on one of its renderings' words (``par envoi recommandé`` for ``lettre recommandée``).
    Plural and case endings are allowed, a Dutch
    counterpart may sit inside a compound, and a glossary cell may list several renderings
    (``gevangenisstraf | vrijheidsstraf``), each of them a counterpart.

    Example:
        nl: ``wordt gestraft met een geldboete van zesentwintig euro``
        fr: ``est puni de la réclusion de vingt-six jours`` → ``geldboete`` against ``réclusion``

    Options:
        glossary ([]): extra glossary files (TSV, ``a<TAB>b<TAB>note``) added to the
            built-in ``rules/data/glossary-<a>-<b>.tsv``; a project's own terms.
    """
    glossary = glossary_for(bitext, options)
    terms = glossary.terms()
    if not terms:
        return
    first, second = bitext.languages
    checked = {term for entry in glossary.terms(variants=False) for term in entry}
    translations_by_side: list[dict[str, list[str]]] = [{}, {}]
    for index in (0, 1):
        for entry in terms:
            if entry[index] in checked:
                translations_by_side[index].setdefault(entry[index], []).append(entry[1 - index])
    for pair in bitext.pairs:
        if pair.left is None or pair.right is None or pair.left.kind not in TEXT_KINDS:
            continue
        left, right = pair.left, pair.right
        if _loosely_paired(left, right):
            continue
        folded = {left.lang: fold(left.text), right.lang: fold(right.text)}
        lonely: dict[str, list[tuple[re.Match, list[str]]]] = {}
        for lang, index in ((first, 0), (second, 1)):
            node = left if left.lang == lang else right
            other = right if node is left else left
            lonely[lang] = []
            for term, wanted in translations_by_side[index].items():
                match = find_term(folded[lang], term, lang, strict=True)
                if match is None or _accent_clash(node.text[match.start():match.end()], term):
                    continue
                if any(find_term(folded[other.lang], w, other.lang, strict=False) for w in wanted):
                    continue
                if _related_form(folded[other.lang], wanted):
                    continue   # rendered by a paraphrase built on the term's own word
                if _inside_longer_term(folded[lang], match, terms, index, lang):
                    continue
                lonely[lang].append((match, wanted))
        # a term whose counterpart is absent is reported only against a conflicting term:
        # the other version uses a glossary term whose own counterpart is absent here.
        # A term merely absent (a pronoun, a paraphrase, an implicit subject) is silent.
        if not lonely[left.lang] or not lonely[right.lang]:
            continue
        for (match, wanted), (their_match, their_wanted) in zip(sorted(lonely[left.lang], key=lambda x: x[0].start()),
                                                               sorted(lonely[right.lang], key=lambda x: x[0].start())):
            here = match.start() / max(1, len(left.text))
            there = their_match.start() / max(1, len(right.text))
            if abs(here - there) > 0.2:
                continue   # not where a translation of the term would stand: another subject
            mine = left.text[match.start():match.end()]
            theirs = right.text[their_match.start():their_match.end()]
            listed = "' or '".join(wanted)
            yield Finding(left.locate(match.start(), match.end()),
                          f"glossary: '{mine}' is '{listed}' in {right.lang}, but the {right.lang} version of this "
                          f"{left.kind} says '{theirs}' (the glossary's '{' or '.join(their_wanted)}')",
                          related=(Related(right.locate(their_match.start(), their_match.end()),
                                           f"the {right.lang} {right.describe()}", right.text[:160]),))


_STEM = 6   # letters a word keeps of a glossary rendering's word to match its related forms


def _related_form(folded: str, wanted: list[str]) -> bool:
    """The other version renders the term by a paraphrase or a related form built on a
    word of one of its glossary renderings: ``par envoi recommandé`` for ``lettre
    recommandée`` (``aangetekende brief``), ``condamnation`` for ``condamné``. Each
    word of six letters or more of a rendering is looked for by its stem (the word less
    its last three letters, at least six): the paraphrase shares it."""
    for rendering in wanted:
        for word in fold(rendering).split():
            if len(word) < _STEM:
                continue
            stem = word[:max(_STEM, len(word) - 3)]
            if re.search(r"(?<!\w)" + re.escape(stem), folded):
                return True
    return False


def _loosely_paired(left: Node, right: Node) -> bool:
    """Two nodes the alignment paired by position only (items ``I`` and ``II``, a paragraph
    twice as long as its counterpart): their terms are not each other's translations."""
    if left.label and right.label and _label_key(left) != _label_key(right):
        return True
    leads = [_LEAD.match(node.text) for node in (left, right)]
    if all(leads) and leads[0].group(1) != leads[1].group(1):
        return True   # "I natuurlijke personen …" / "II sans préjudice …": numbered inline
    shorter, longer = sorted((len(left.text), len(right.text)))
    return longer > 2 * shorter + 40


_LEAD = re.compile(r"\s*([IVXLC]+|\d+)(?:[.)°]|\s)")


def _label_key(node: Node) -> str:
    """The alignment's key of a labelled node (``item:2``), the same in both languages."""
    return node.key.rsplit("/", 1)[-1]


def _accent_clash(written: str, term: str) -> bool:
    """``amendé`` is not ``amende``: an accent in the text where the term has none.

    Terms are found without accents (capitals often lose theirs: ``DELITS``), so a match is
    checked back against what is written.
    """
    for char, want in zip(written.lower(), term.lower()):
        if char != want and fold(char) == want and fold(want) == want:
            return True
    return False


def _inside_longer_term(folded: str, match: re.Match, terms: list[tuple[str, str]], index: int,
                        lang: str) -> bool:
    """``hof van beroep`` is not a loose ``beroep``: a longer entry covering the match wins."""
    for entry in terms:
        longer = entry[index]
        if len(longer) <= match.end() - match.start():
            continue
        for other in term_pattern(longer, lang).finditer(folded):
            if other.start() <= match.start() and match.end() <= other.end():
                return True
    return False


RULES = [glossary_term]
