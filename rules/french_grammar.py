"""French grammar from Grammalecte, an optional back-end found at run time.

Grammalecte (GPL v3, https://grammalecte.net) is not a dependency of bilint: it is used
when it can be imported, either installed in the environment or as Debian's
``python3-grammalecte`` (``apt-get install python3-grammalecte``), whose package directory
is looked up under ``/usr/lib/python3/dist-packages`` or the directory named by the
environment variable ``BILINT_GRAMMALECTE``. bilint only calls it; it ships none of its
code or data. Without it, rule BL603 finds nothing.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple

from bilint.api import Bitext, Finding, Fix, rule

from ._french_candidates import candidate
from ._prose import exempt_spans, inside, text_nodes
from .grammar import DATA, load_patterns

_DEBIAN = Path("/usr/lib/python3/dist-packages")


class Family(NamedTuple):
    """A group of Grammalecte rules, picked by its option (``sType``) and rule id."""

    label: str
    kind: str            # Grammalecte's option name (sType)
    rule_id: re.Pattern  # which of its rules belong to the family


_ANY = re.compile("")
# determiner + one word: ``leur décisions``, ``les Puissance``, ``le présente`` (not the
# idiom ``à ce dûment autorisés``, numbers, or a word opening the sentence)
_DETERMINER = re.compile(r"^g3__gn_(?!ce_|nombre_|start_|vingt)\w*?_1m__")

# a verb and the subject right before it: a personal pronoun (``il passé``), a determiner
# and its noun (``les parties comprend``), a reflexive pronoun (``se déclaré``); and a form
# in -es with no subject (a participle without its accent). Not: subjects further away,
# inverted or coordinated (``sur lesquels reposent la sécurité … et le bien-être``)
_NEAR_SUBJECT = re.compile(r"conj_(?:je|tu|il|elle|on|nous|vous|ils|elles|les_nom|le_la_leur_nom)__"
                           r"|conf_non_verbe_après_préverbes__|2s_sans_sujet")

# a missing elision (``de administration``, ``si il``); not a superfluous one, whose list of
# words that refuse elision is Grammalecte's and disagrees with usage (``l'énième``)
_MISSING_ELISION = re.compile(r"eleu_élisions_manquantes")

FAMILIES: dict[str, Family] = {
    "agreement": Family("agreement", "gn", _DETERMINER),
    "conjugation": Family("verb agreement", "conj", _NEAR_SUBJECT),
    "elision": Family("elision", "eleu", _MISSING_ELISION),
    # off by default: noisy on legislative prose (measured on the dev corpus)
    "agreement-wide": Family("agreement", "gn", _ANY),
    "conjugation-wide": Family("verb agreement", "conj", _ANY),
    "participles": Family("past participle", "ppas", _ANY),
    "confusions": Family("confusion", "conf", _ANY),
    "infinitives": Family("infinitive", "infi", _ANY),
    "moods": Family("verb mood", "vmode", _ANY),
    "elision-wide": Family("elision", "eleu", _ANY),
    "locutions": Family("locution", "loc", _ANY),
    "hyphens": Family("hyphen", "tu", _ANY),
    "capitals": Family("capital", "maj", _ANY),
}
DEFAULT_FAMILIES = ("agreement", "conjugation", "elision")

# an abbreviation next to the flagged words (``le Mt Bauso``, ``aux art. 3``): Grammalecte
# reads it as a noun of some gender
_ABBREVIATION = re.compile(r"\s*(?:[A-Z][b-df-hj-np-tv-z]\b|[^\W\d_]{1,4}\.)")


def _import_from(directory: Path) -> Any | None:
    init = directory / "grammalecte" / "__init__.py"
    if not init.is_file():
        return None
    spec = importlib.util.spec_from_file_location(
        "grammalecte", init, submodule_search_locations=[str(init.parent)])
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules["grammalecte"] = module
    try:
        spec.loader.exec_module(module)
    except Exception:   # a broken or foreign installation: behave as if absent
        del sys.modules["grammalecte"]
        return None
    return module


@lru_cache(maxsize=1)
def load_checker() -> Any | None:
    """Grammalecte's French checker, or None when it cannot be found."""
    try:
        import grammalecte  # type: ignore[import-not-found]
    except ImportError:
        grammalecte = None
        for directory in (os.environ.get("BILINT_GRAMMALECTE"), _DEBIAN):
            if directory and (grammalecte := _import_from(Path(directory))) is not None:
                break
    if grammalecte is None:
        return None
    try:
        checker = grammalecte.GrammarChecker("fr")
    except Exception:
        return None
    _compact_dictionary(checker)
    return checker


def _compact_dictionary(checker: Any) -> None:
    """Hold Grammalecte's word graph as an array of integers instead of a list of them.

    Its dictionary arrives from JSON as a list of some 400,000 Python integers (about
    17 MB of objects, the largest single holder of a Criminal Code run); the graph is
    only indexed and measured (``lByDic[i]``, ``len``), so a 64-bit array answers the same
    in a fifth of the memory. Anything unexpected leaves the list as it is."""
    from array import array

    try:
        dictionary = checker.getSpellChecker().oMainDic
        values = dictionary.lByDic
        if isinstance(values, list) and values and all(type(v) is int for v in values) \
                and 0 <= min(values) and max(values) < 2 ** 63:
            dictionary.lByDic = array("q", values)
    except Exception:   # another Grammalecte version: keep its own structure
        return


def available() -> bool:
    return load_checker() is not None


class Slip(NamedTuple):
    start: int
    end: int
    label: str
    message: str
    suggestion: str | None


def check_families(families: tuple[str, ...]) -> None:
    """Raise ValueError naming the first unknown family, the nearest known one and the list
    (the engine turns it into a one-line configuration error, exit 2)."""
    from bilint.selectors import did_you_mean

    for name in families:
        if not isinstance(name, str) or name not in FAMILIES:
            raise ValueError(f"no BL603 family {name!r}{did_you_mean(str(name), FAMILIES)} "
                             f"(families: {', '.join(FAMILIES)})")


def check_paragraph(text: str, families: tuple[str, ...], foreign: tuple[str, ...] = ()) -> list[Slip]:
    """Grammalecte's findings in one paragraph, of the chosen families, one per problem.

    ``foreign`` names the other languages of the text: a sentence more likely in one of
    them than in French (a heading left untranslated) is not checked. Memoised on its
    arguments, bounded: a language server that re-lints a file after an edit gives
    Grammalecte only the paragraphs that changed."""
    check_families(families)
    return list(_check_paragraph(text, tuple(sorted(set(families))), tuple(sorted(set(foreign) - {"fr"}))))


@lru_cache(maxsize=4096)
def _check_paragraph(text: str, families: tuple[str, ...], foreign: tuple[str, ...]) -> tuple[Slip, ...]:
    checker = load_checker()
    if checker is None:
        return ()
    chosen = [FAMILIES[name] for name in families]
    kinds = tuple(sorted({family.kind for family in chosen}))
    errors = []
    for start, end in _sentences(text):
        sentence = text[start:end]
        if not candidate(sentence, families, _morph):
            continue
        found = _sentence_errors(sentence, kinds)
        if found and not _foreign(sentence, foreign):   # asked only when there is something to report
            errors.extend(dict(error, nStart=error["nStart"] + start, nEnd=error["nEnd"] + start)
                          for error in found)
    slips: list[Slip] = []
    previous: dict[str, Any] | None = None
    for error in sorted(errors, key=lambda e: (e["nStart"], e["nEnd"])):
        family = next((f for f in chosen if f.kind == error["sType"]
                       and f.rule_id.search(error["sRuleId"])), None)
        if family is None:
            continue
        # one rule's match often marks two words of one slip (``leur`` and ``décisions``)
        if previous is not None and previous["sLineId"] == error["sLineId"] \
                and error["nStart"] <= previous["nEnd"] + 2:
            continue
        previous = error
        if _ABBREVIATION.match(text, error["nEnd"]) or _ABBREVIATION.match(text, error["nStart"]) \
                or _foreign_name(checker, text, error["nStart"]):
            continue
        suggestions = error.get("aSuggestions") or []
        flagged = text[error["nStart"]:error["nEnd"]]
        suggestion = suggestions[0] if suggestions else None
        if family.kind == "gn" and (_distributive(text, error["nEnd"], flagged, suggestion)
                                    or _LOCUTION.match(text, error["nStart"])
                                    or _acronym(text, error["nStart"], error["nEnd"])):
            continue   # ``les père, mère et…``; ``au plus égaux``; ``un ATM``
        label, message = family.label, _clean(error["sMessage"])
        if family.kind == "conj":
            if _in_name(text, error["nStart"], flagged) or _relative_person(checker, text, error["nStart"], flagged):
                continue   # ``le Conseil Affaires étrangères``; ``c'est vous, … qui préférez``
            participle = _participle(checker, text, error["nStart"], flagged)
            if participle is not None:
                label, suggestion = "accent", participle
                message = "a verb form in -es with no subject of the second person: a past participle without its accent"
            elif "2s_sans_sujet" in error["sRuleId"]:
                continue   # a second person with no subject: a misread, not a slip
        slips.append(Slip(error["nStart"], error["nEnd"], label, message, suggestion))
    return tuple(slips)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Grammalecte's own sentence bounds, so that a sentence checked alone is the one it
    would have checked inside its paragraph."""
    import grammalecte.text  # type: ignore[import-not-found]  # loaded with the checker

    return list(grammalecte.text.getSentenceBoundaries(text))


@lru_cache(maxsize=65536)
def _morph(word: str) -> tuple[str, ...]:
    """Grammalecte's morphologies of a word (of its lower case when it has none capitalised)."""
    checker = load_checker()
    if checker is None:
        return ()
    speller = checker.getSpellChecker()
    return tuple(speller.getMorph(word) or (speller.getMorph(word.lower()) if word[:1].isupper() else []))


@lru_cache(maxsize=16384)
def _sentence_errors(sentence: str, kinds: tuple[str, ...]) -> tuple[dict[str, Any], ...]:
    """Grammalecte's errors in one sentence (its grammar pass only: bilint has its own
    spelling rule), memoised: legislative texts repeat their formulas."""
    checker = load_checker()
    if checker is None or not 4 < len(sentence) < 2000:
        return ()
    return tuple(dict(error) for error in checker.getGCEngine().parse(sentence, "FR", dOptions=_options(kinds)))


def _foreign(sentence: str, languages: tuple[str, ...]) -> bool:
    """A sentence of the text's other language inside the French version (``Goedkeuring
    van de agenda`` in a French record): Grammalecte would read its words as French."""
    if not languages or len(_WORD.findall(sentence)) < 4:   # fewer words: too few to tell
        return False
    from bilint.langid import probabilities

    odds = probabilities(sentence, ("fr",) + languages)
    return bool(odds) and max(odds, key=odds.get) != "fr"


_DETERMINERS = frozenset("le la les l un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa ses "
                         "notre nos votre vos leur leurs lesdits lesdites ledit ladite auxdits auxdites "
                         "desdits desdites dudit".split())
_LIST_GOES_ON = re.compile(r"\s*,|\s+(?:et|ou)\b")
_LOCUTION = re.compile(r"[Aa]u\s+(?:plus|moins|mieux|pis)\b")


def _distributive(text: str, end: int, flagged: str, suggestion: str | None) -> bool:
    """``les père, mère ou autres ascendants``, ``les nom, prénoms et adresse``: a plural
    determiner shared by a list of singular nouns, as legislative French writes it."""
    return (suggestion is not None and flagged.lower() not in _DETERMINERS
            and suggestion.lower() in (flagged.lower() + "s", flagged.lower() + "x")
            and _LIST_GOES_ON.match(text, end) is not None)


_SUBJECT_BEFORE = re.compile(r"(?:\b(?:je|tu|il|elle|on|ils|elles|qui|nous|vous)|['’])\s*$", re.IGNORECASE)


def _participle(checker: Any, text: str, start: int, word: str) -> str | None:
    """``les objets destines à``, ``sont condamnes``: a verb form in -es that no pronoun
    precedes and that is a past participle with its accent (``destinés``)."""
    if not word.endswith("es") or _SUBJECT_BEFORE.search(text, max(0, start - 12), start):
        return None
    candidate = word[:-2] + "és"
    return candidate if checker.getSpellChecker().isValid(candidate) else None


_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W\d_]+(?:[&][^\W\d_]+)*['’]?")


def _acronym(text: str, start: int, end: int) -> bool:
    """The flagged words or the word after them is an acronym (``un ATM``) or a name glued
    by ``&`` (``le cd&v``): its gender is its expansion's, which the letters do not tell."""
    tokens = []
    for match in _TOKEN.finditer(text, start):
        tokens.append(match.group())
        if match.start() >= end:
            break
    return any("&" in token or (len(token) >= 2 and token.isupper() and token.isalpha()) for token in tokens)


def _in_name(text: str, start: int, word: str) -> bool:
    """A capitalised word after another capitalised word (``le Conseil Affaires
    étrangères``): part of a name, not a verb."""
    before = _WORD.findall(text, max(0, start - 40), start)
    return word[:1].isupper() and bool(before) and before[-1][:1].isupper()


_PERSON = re.compile(r":[12][sp]")
_FIRST_SECOND = re.compile(r"\b(?:je|j|tu|nous|vous|moi|toi)\b", re.IGNORECASE)
_QUI = re.compile(r"\bqui\s+(?:(?:ne|n['’]|[mts]e|[mts]['’]|nous|vous|y|en)\s*)*$", re.IGNORECASE)


def _relative_person(checker: Any, text: str, start: int, word: str) -> bool:
    """A verb in the first or second person after ``qui``, whose antecedent is a pronoun of
    that person further back (``c'est vous, l'aile droite, qui préférez``)."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind(";", 0, start), 0)
    if not _QUI.search(text, max(sentence_start, start - 30), start):
        return False
    persons = {m for morph in checker.getSpellChecker().getMorph(word) for m in _PERSON.findall(morph)}
    return bool(persons) and _FIRST_SECOND.search(text, sentence_start, start) is not None




def _foreign_name(checker: Any, text: str, start: int) -> bool:
    """A capitalised word Grammalecte does not know among the four words from ``start``
    (``des Joint Investigation Teams``, ``aux Cime de Golla Longa``): a name in another
    language, whose words it would misread as French ones."""
    speller = checker.getSpellChecker()
    for number, match in enumerate(_WORD.finditer(text, start)):
        if number == 4:
            break
        word = match.group()
        if word[0].isupper() and not speller.isValid(word):
            return True
    return False


@lru_cache(maxsize=16)
def _options(kinds: tuple[str, ...]) -> dict[str, bool]:
    checker = load_checker()
    names = checker.getGCEngine().getOptions() if checker is not None else {}
    return {name: name in kinds for name in names}


def _clean(message: str) -> str:
    return " ".join(message.replace("\u00a0", " ").split()).rstrip(".")


_MARKUP = re.compile(r"<[^>]*>|&\w+;")


def _line(source: str, start: int) -> str:
    """The source line that holds ``start``."""
    end = source.find("\n", start)
    return source[source.rfind("\n", 0, start) + 1:end if end >= 0 else len(source)]


def _entry_break(source: str, start: int, end: int) -> bool:
    """A determiner and a capitalised word on two source lines (``Transports, min. des`` /
    ``Loi maritime du Canada``): the line break ends an index entry or a heading, and
    the capitalised word opens the next one; it is not the determiner's noun."""
    before = _ENDS_WITH_DETERMINER.search(source[max(0, start - 40):start])
    return bool(before and source[start:start + 1].isupper()) \
        or bool(_LINE_OPENS_WITH_CAPITAL.match(source, end))


_ENDS_WITH_DETERMINER = re.compile(r"\b(?:le|la|les|du|des|au|aux|un|une|ce|cet|cette|ces|leur|leurs)[ \t]*\n[ \t]*$")
_LINE_OPENS_WITH_CAPITAL = re.compile(r"[ \t]*\n[ \t]*[A-ZÀ-Þ]")


@rule("BL603", "french-grammar", "grammar", "warning", choices={"families": tuple(FAMILIES)},
      families=list(DEFAULT_FAMILIES))
def french_grammar(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A French grammar slip found by Grammalecte: agreement, verb person, elision.

    Why: ``leurs décision``, ``les Puissance``, ``les parties comprend``, ``le présente
    Convention``: a reader sees these within three words, and a word-by-word spelling
    check never does. Grammalecte, the reference open-source French grammar checker, is
    used when installed (it is GPL v3 and optional: ``apt-get install
    python3-grammalecte`` on Debian, or its package directory named by the environment
    variable ``BILINT_GRAMMALECTE``); without it this rule finds nothing. Only the
    families that were right at least 9 times in 10 on real legislative texts are on by
    default: ``agreement`` (a determiner and its noun), ``conjugation`` (a verb and the
    pronoun or noun right before it) and ``elision`` (a missing one: ``de
    administration``). Not checked: quotations and italics, sentences more likely in the
    text's other language, a determiner before an acronym (``un ATM``), a capitalised word
    inside a name (``le Conseil Affaires étrangères``), a first- or second-person verb after
    ``qui`` (``c'est vous … qui préférez``), and what a BL601 pattern already reports. Only
    the sentences whose words (by Grammalecte's own lexicon) can hold an error of the
    default families are given to it, each once. The message is Grammalecte's; the fix is
    its first suggestion (unsafe: read it first).

    Example:
        fr: ``leurs décision`` → ``leur``; ``les parties comprend`` → ``comprennent``;
            ``la dispositions`` → ``disposition``; ``sont empêches`` → ``empêchés``
        nl: not concerned.

    Options:
        families (["agreement", "conjugation", "elision"]): the families used. Also
            available, off by default because they are noisy on legislative prose:
            ``agreement-wide`` (adjectives and participles further from their noun),
            ``conjugation-wide`` (subjects further from their verb, inverted or coordinated),
            ``elision-wide`` (also a superfluous elision, by Grammalecte's list of words
            that refuse it), ``participles``, ``confusions``, ``infinitives``, ``moods``,
            ``locutions``, ``hyphens``, ``capitals``. E.g. ``[rules.BL603] families =
            ["agreement", "conjugation", "elision", "confusions"]``; an unknown name is an
            error. Any family outside the three defaults makes Grammalecte read every
            sentence (slower).
    """
    families = tuple(options.get("families", DEFAULT_FAMILIES) or ())
    check_families(families)   # a typo must not switch a family off silently
    if "fr" not in bitext.languages or not families or not available():
        return
    patterns = load_patterns(str(DATA / "grammar-fr.tsv"))
    others = tuple(lang for lang in bitext.languages if lang != "fr")
    for node in text_nodes(bitext.documents["fr"]):
        text = node.text
        slips = check_paragraph(text, families, tuple(bitext.languages))
        if not slips:
            continue   # most paragraphs: no need to find what would exempt a slip
        exempt = exempt_spans(node)
        # a slip a curated pattern (BL601) reports is left to it: one problem, one finding
        exempt += [(m.start(), m.end()) for pattern in patterns for m in pattern.regex.finditer(text)]
        for slip in slips:
            if inside(slip.start, exempt) or slip.end > len(text):
                continue
            source = node.source.text
            start, end = node.body.source_range(slip.start, slip.end)
            if (slip.label == "agreement" and _entry_break(source, start, end)) \
                    or _foreign(_MARKUP.sub(" ", _line(source, start)), others):
                continue   # an index entry's heading; a line of the other language run into a sentence
            flagged = text[slip.start:slip.end]
            told = f"{slip.label}: {slip.message}"
            if slip.suggestion and slip.suggestion != flagged:
                yield Finding(node.locate(slip.start, slip.end), f"{told}: '{flagged}' → '{slip.suggestion}'",
                              fix=Fix(slip.suggestion, safe=False))
            else:
                yield Finding(node.locate(slip.start, slip.end), f"{told}: '{flagged}'")


RULES = [french_grammar]
