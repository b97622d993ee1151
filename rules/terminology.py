"""Terminology: one term written more than one way within one language version."""

from __future__ import annotations

import collections
import re
from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Fix, Related, rule

from ._prose import text_nodes

_L = r"[^\W\d_]"
_HYPHENATED = re.compile(rf"(?<![\w-])({_L}{{2,}})-({_L}{{2,}})(?![\w-])")
# overlapping: "het Benelux Politieverdrag" has two candidate pairs
_SPACED = re.compile(rf"(?<![\w-])({_L}{{2,}}) (?=({_L}{{2,}})(?![\w-]))")
_WORD = re.compile(rf"(?<![\w-]){_L}{{5,}}(?![\w-])")

# second parts of a hyphenated form that make a different word when spaced or closed:
# "peut-être"/"peut être", "celui-ci", "dit-il", "a-t-il", "lui-même"
_CLITICS = {"ci", "là", "il", "ils", "elle", "elles", "on", "ce", "t", "être", "même", "mêmes",
            "je", "tu", "nous", "vous", "le", "la", "les", "lui", "leur", "y", "en", "moi", "toi"}
# first or second parts too common to make a term when spaced ("op dat", "voor dat", "de la")
_FUNCTION = {
    "de", "het", "een", "en", "of", "van", "in", "op", "te", "dat", "die", "voor", "met", "aan", "om",
    "tot", "door", "bij", "er", "als", "is", "zijn", "wordt", "la", "le", "les", "des", "du", "et",
    "ou", "que", "qui", "un", "une", "au", "aux", "par", "pour", "sur", "dans", "est", "ne", "pas",
    "se", "sa", "son", "ses", "the", "and", "of", "to", "a", "an", "for", "non", "niet", "geen",
}


@rule("BL801", "term-variants", "terminology", "warning", min_length=8)
def term_variants(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One term written two ways in one version: hyphenated, spaced or closed.

    Why: a term of a law is a defined thing; ``Benelux-Politieverdrag`` in one article and
    ``Benelux Politieverdrag`` in another make the reader ask whether they are the same
    treaty, and a search for one misses the other. bilint groups the hyphenated
    (``Benelux-landen``), spaced (``Benelux landen``) and closed (``Beneluxlanden``)
    spellings of the same words within one version and reports each occurrence of the
    less frequent form, with the most frequent one as suggestion (the hyphenated or
    closed one when they are as frequent) and an occurrence of it as related location.
    Forms whose parts are function words (``op dat``/``opdat``) or French clitics
    (``peut-être``/``peut être``, ``celui-ci``) are different words and are left alone.

    Example:
        nl: ``het Benelux-Politieverdrag`` … ``het Benelux Politieverdrag`` → the second
        fr: ``la sous-section 2`` … ``la sous section 3`` → ``sous-section``

    Options:
        min_length (8): the shortest term (letters, without hyphen or space) considered.
    """
    minimum = int(options.get("min_length", 8))
    for lang in bitext.languages:
        occurrences: dict[str, list] = collections.defaultdict(list)   # key -> [(form kind, node, start, end, text)]
        nodes = list(text_nodes(bitext.documents[lang]))
        for node in nodes:
            for match in _HYPHENATED.finditer(node.text):
                first, second = match.group(1), match.group(2)
                if second.lower() in _CLITICS or first.lower() in _FUNCTION or second.lower() in _FUNCTION:
                    continue
                key = (first + second).lower()
                if len(key) >= minimum:
                    occurrences[key].append(("hyphenated", node, match.start(), match.end(), match.group()))
        if not occurrences:
            continue
        for node in nodes:
            for match in _SPACED.finditer(node.text):
                _collect_spaced(node, match, occurrences)
            for match in _WORD.finditer(node.text):
                key = match.group().lower()
                if key in occurrences:
                    occurrences[key].append(("closed", node, match.start(), match.end(), match.group()))
        for key, found in occurrences.items():
            if _broken_word(key, found, lang):
                continue
            yield from _report(found, lang)


def _collect_spaced(node, match, occurrences) -> None:
    first, second = match.group(1), match.group(2)
    if first.lower() in _FUNCTION or second.lower() in _FUNCTION or second.lower() in _CLITICS:
        return
    key = (first + second).lower()
    if key in occurrences:
        end = match.end() + len(second)
        occurrences[key].append(("spaced", node, match.start(), end, node.text[match.start():end]))


_PREFERENCE = {"hyphenated": 0, "closed": 1, "spaced": 2}


def _zipf(word: str, lang: str) -> float | None:
    """The word's frequency in the language's embedded list; None without a list."""
    from .counterparts import _lexicon   # shared, cached per language

    lexicon = _lexicon(lang)
    return None if lexicon is None else lexicon.zipf(word)


def _broken_word(key: str, found: list, lang: str) -> bool:
    """``author-ities`` beside ``authorities``: a word cut by a line break, not a variant.

    When the closed form is a dictionary word and a part of a split form is not, the
    split form is a broken word; respelling the whole word after it would corrupt it.
    """
    closed = _zipf(key, lang)
    if not closed:
        return False
    for kind, _node, _start, _end, text in found:
        if kind != "closed":
            parts = [p for p in re.split(r"[-\s]+", text) if p]
            if any((_zipf(part, lang) or 0) == 0 for part in parts):
                return True
    return False


def _report(found: list, lang: str = "") -> Iterator[Finding]:
    kinds = collections.Counter(kind for kind, *_ in found)
    if len(kinds) < 2:
        return
    majority = min(kinds, key=lambda kind: (-kinds[kind], _PREFERENCE[kind]))
    if lang and "closed" in kinds and majority != "closed" and kinds["closed"] * 2 >= kinds[majority] \
            and (_zipf(next(t for k, *_, t in found if k == "closed"), lang) or 0) > 0:
        majority = "closed"   # toward the form the dictionary knows, unless far outnumbered
    reference = next(entry for entry in found if entry[0] == majority)
    _, ref_node, ref_start, ref_end, ref_text = reference
    related = (Related(ref_node.locate(ref_start, ref_end),
                       f"'{ref_text}' ({kinds[majority]} time{'s' if kinds[majority] > 1 else ''} in this version)",
                       ref_text),)
    seen: set[tuple[str, int, int]] = set()
    for kind, node, start, end, text in found:
        location = node.locate(start, end)
        if kind == majority or (location.path, location.start, location.end) in seen:
            continue   # the same characters reached through two nodes
        seen.add((location.path, location.start, location.end))
        replacement = _respell(text, ref_text)
        yield Finding(location,
                      f"'{text}' is written '{ref_text}' elsewhere in this version ({kind} vs {majority})",
                      fix=Fix(replacement, safe=False), related=related)


def _respell(text: str, model: str) -> str:
    """The model's spelling (hyphen, space or none), keeping the text's own capitals where it can."""
    letters = [c for c in text if c not in "- "]
    model_letters = [c for c in model if c not in "- "]
    if len(letters) != len(model_letters):
        return model
    out, index = [], 0
    for char in model:
        if char in "- ":
            out.append(char)
        else:
            out.append(letters[index] if letters[index].lower() == char.lower() else char)
            index += 1
    return "".join(out)


RULES = [term_variants]
