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

FAMILIES: dict[str, Family] = {
    "agreement": Family("agreement", "gn", _DETERMINER),
    "conjugation": Family("verb agreement", "conj", _NEAR_SUBJECT),
    "elision": Family("elision", "eleu", _ANY),
    # off by default: noisy on legislative prose (measured on the dev corpus)
    "agreement-wide": Family("agreement", "gn", _ANY),
    "conjugation-wide": Family("verb agreement", "conj", _ANY),
    "participles": Family("past participle", "ppas", _ANY),
    "confusions": Family("confusion", "conf", _ANY),
    "infinitives": Family("infinitive", "infi", _ANY),
    "moods": Family("verb mood", "vmode", _ANY),
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
        return grammalecte.GrammarChecker("fr")
    except Exception:
        return None


def available() -> bool:
    return load_checker() is not None


class Slip(NamedTuple):
    start: int
    end: int
    label: str
    message: str
    suggestion: str | None


def check_paragraph(text: str, families: tuple[str, ...]) -> list[Slip]:
    """Grammalecte's findings in one paragraph, of the chosen families, one per problem.

    Memoised on (paragraph text, families), bounded: a language server that re-lints a
    file after an edit gives Grammalecte only the paragraphs that changed."""
    return list(_check_paragraph(text, tuple(sorted(set(families)))))


@lru_cache(maxsize=4096)
def _check_paragraph(text: str, families: tuple[str, ...]) -> tuple[Slip, ...]:
    checker = load_checker()
    if checker is None:
        return ()
    chosen = [FAMILIES[name] for name in families if name in FAMILIES]
    options = _options(tuple(sorted({family.kind for family in chosen})))
    errors, _ = checker.getParagraphErrors(text, dOptions=options)
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
                                    or _LOCUTION.match(text, error["nStart"])):
            continue   # ``les père, mère et…``; ``au plus égaux``
        label, message = family.label, _clean(error["sMessage"])
        if family.kind == "conj":
            participle = _participle(checker, text, error["nStart"], flagged)
            if participle is not None:
                label, suggestion = "accent", participle
                message = "a verb form in -es with no subject of the second person: a past participle without its accent"
            elif "2s_sans_sujet" in error["sRuleId"]:
                continue   # a second person with no subject: a misread, not a slip
        slips.append(Slip(error["nStart"], error["nEnd"], label, message, suggestion))
    return tuple(slips)


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


@rule("BL603", "french-grammar", "grammar", "warning", families=list(DEFAULT_FAMILIES))
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
    pronoun or noun right before it) and ``elision`` (``de administration``). The message is Grammalecte's;
    quotations and italics are not checked, nor what a BL601 pattern already reports. The fix is Grammalecte's first suggestion
    (unsafe: read it first).

    Example:
        fr: ``leurs décision`` → ``leur``; ``les parties comprend`` → ``comprennent``;
            ``la dispositions`` → ``disposition``; ``sont empêches`` → ``empêchés``
        nl: not concerned.

    Options:
        families (["agreement", "conjugation", "elision"]): the families used. Also
            available, off by default because they are noisy on legislative prose:
            ``agreement-wide`` (adjectives and participles further from their noun),
            ``conjugation-wide`` (subjects further from their verb, inverted or coordinated),
            ``participles``, ``confusions``, ``infinitives``, ``moods``, ``locutions``,
            ``hyphens``, ``capitals``. E.g. ``[rules.BL603] families = ["agreement",
            "conjugation", "elision", "confusions"]``.
    """
    families = tuple(options.get("families", DEFAULT_FAMILIES) or ())
    if "fr" not in bitext.languages or not families or not available():
        return
    patterns = load_patterns(str(DATA / "grammar-fr.tsv"))
    for node in text_nodes(bitext.documents["fr"]):
        text = node.text
        exempt = exempt_spans(node)
        # a slip a curated pattern (BL601) reports is left to it: one problem, one finding
        exempt += [(m.start(), m.end()) for pattern in patterns for m in pattern.regex.finditer(text)]
        for slip in check_paragraph(text, families):
            if inside(slip.start, exempt) or slip.end > len(text):
                continue
            flagged = text[slip.start:slip.end]
            told = f"{slip.label}: {slip.message}"
            if slip.suggestion and slip.suggestion != flagged:
                yield Finding(node.locate(slip.start, slip.end), f"{told}: '{flagged}' → '{slip.suggestion}'",
                              fix=Fix(slip.suggestion, safe=False))
            else:
                yield Finding(node.locate(slip.start, slip.end), f"{told}: '{flagged}'")


RULES = [french_grammar]
