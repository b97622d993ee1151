"""Which French sentences can hold an error of BL603's default families.

Grammalecte reads a sentence in about 1 ms a word, whatever families are asked for (its
rule graphs run whole), so BL603 gives it only the sentences this cheap test lets
through. The test reads Grammalecte's own morphology of each word (passed in as a
function, so this module needs no Grammalecte to import) and mirrors what its rules of
the default families look at.
"""

from __future__ import annotations

import re
from typing import Callable

# A sentence passes when one of its determiners disagrees with the next word in gender or
# number, a verb form disagrees with the pronoun or noun right before it or is of the
# first or second person only, a pronoun or clitic stands before a word that is no
# conjugated verb, or a word that elides stands unelided before one that takes elision.
# On the dev corpus 11 % of the French sentences pass, and every slip BL603 reported
# without the filter is in one of them.
_FILTERED = frozenset({"agreement", "conjugation", "elision"})
_TOKENS = re.compile(r"[^\W\d_]+['’]|[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]")
_ELIDES = frozenset("le la de je me te se ce ne que jusque lorsque puisque quoique".split())
_SI_IL = re.compile(r"\bsi\s+ils?\b", re.IGNORECASE)
# a word that takes elision: its lemma opens on a vowel or a mute h (Grammalecte marks an
# aspirate h ``;é``), and it is no grammatical word, nor ``un``/``une``
_ELIDABLE = re.compile(r">[aâàäeéèêëiîïoôöuùûüyœæh]", re.IGNORECASE)
_NOT_ELIDABLE = re.compile(r">une?/|:G|;é")
_GENDER_NUMBER = re.compile(r":([mfe]):([spi])")
_PERSONS = re.compile(r":([123][sp])")
_NOUN = re.compile(r":[NA]")
_NOMINAL = re.compile(r":[NAQ]")
_CONJUGATED = re.compile(r":V.*:(?:I[pqsf]|K|S[pq]|E)\b")
_SUBJECT = {"je": "1s", "j’": "1s", "tu": "2s", "il": "3s", "elle": "3s", "on": "3s",
            "nous": "1p", "vous": "2p", "ils": "3p", "elles": "3p"}
_PREVERB = frozenset("ne n’ se s’ me m’ te t’ je j’ tu il elle on nous vous ils elles".split())


def candidate(sentence: str, families: tuple[str, ...], morph: Callable[[str], tuple[str, ...]]) -> bool:
    """Whether ``sentence`` can hold an error of ``families``, by the morphologies ``morph``
    gives each word; always true when a family outside the three defaults is asked for."""
    if not set(families) <= _FILTERED:
        return True
    if "elision" in families and _SI_IL.search(sentence):
        return True
    tokens = [word.replace("'", "’") for word in _TOKENS.findall(sentence)]
    morphs = [morph(word) for word in tokens]
    for index in range(1, len(tokens)):
        before, word = morphs[index - 1], morphs[index]
        if "elision" in families and tokens[index - 1].lower() in _ELIDES and _elidable(word):
            return True
        if "agreement" in families and _disagree(before, word):
            return True
        if "conjugation" in families and _verb_candidate(tokens, morphs, index):
            return True
    return False


def _elidable(morphs: tuple[str, ...]) -> bool:
    return any(_ELIDABLE.search(m) for m in morphs) and not any(_NOT_ELIDABLE.search(m) for m in morphs)


def _features(morphs: tuple[str, ...], tag: str) -> set[tuple[str, str]]:
    return {pair for morph in morphs if tag in morph for pair in _GENDER_NUMBER.findall(morph)}


def _disagree(determiner: tuple[str, ...], word: tuple[str, ...]) -> bool:
    """A determiner and the next word that share no gender and number (``leurs décision``)."""
    wanted = _features(determiner, ":D")
    if not wanted or _has(word, ":G:[WXD]"):
        return False   # ``la plus``, ``toute la``: an adverb or another grammatical word
    found = {pair for morph in word if _NOMINAL.search(morph) for pair in _GENDER_NUMBER.findall(morph)}
    if not found:
        return False
    return not any((g1 == g2 or "e" in (g1, g2) or "i" in (g1, g2)) and (n1 == n2 or "i" in (n1, n2))
                   for g1, n1 in wanted for g2, n2 in found)


def _verb_candidate(tokens: list[str], morphs: list[tuple[str, ...]], index: int) -> bool:
    """A verb form that may disagree with the pronoun or noun right before it, a verb form of
    the first or second person only (``destines``), or a participle, noun or adjective
    after a subject pronoun or clitic (``il passé``, ``se déclaré``)."""
    word = morphs[index]
    conjugated = [morph for morph in word if _CONJUGATED.search(morph)]
    if not conjugated:
        return (tokens[index - 1].lower() in _PREVERB and _has(word, ":[QNA]")
                and not _has(word, ":(?:W|Y|G:[OXWD])"))
    persons = {person for morph in conjugated for person in _PERSONS.findall(morph)}
    only_verb = len(conjugated) == len(word)
    third = bool(persons & {"3s", "3p"})
    capital = tokens[index][:1].isupper()
    for back in range(index - 1, max(-1, index - 4), -1):
        before = morphs[back]
        subject = _SUBJECT.get(tokens[back].lower())
        if subject is not None and not (subject in ("1p", "2p") and subject not in persons):
            return subject not in persons
        if subject is not None:
            continue   # ``je vous propose``: ``vous`` is an object; the subject is further back
        if _has(before, ":D") and (capital or not _has(before, ":O")):
            return False   # a determiner (``le Président``): the word is its noun
        if _has(before, ":[NA]") and not _has(before, ":G"):
            if not third or _has(word, ":G"):
                return only_verb and not third   # ``les objets destines``; not ``a été commis``
            numbers = {n for morph in before if _NOUN.search(morph) for _, n in _GENDER_NUMBER.findall(morph)}
            return "i" not in numbers and not any(f"3{n}" in persons for n in numbers)
        if not _has(before, ":(?:W|O[ov])"):
            break   # no adverb or clitic between: no subject right before
    return only_verb and not third


_TAGS: dict[str, re.Pattern] = {}


def _has(morphs: tuple[str, ...], tag: str) -> bool:
    """Whether one of the morphologies bears ``tag`` (a regular expression)."""
    pattern = _TAGS.get(tag)
    if pattern is None:
        pattern = _TAGS[tag] = re.compile(tag)
    return any(pattern.search(morph) for morph in morphs)
