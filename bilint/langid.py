"""Language identification: langdetect behind one small, deterministic function.

Only the document's own languages are loaded (12 ms instead of 0.3 s for all 55 profiles)
and the detector is seeded, so the same text always gets the same answer. Unrestricted,
langdetect calls ``ASSEMBLÉE`` English and ``RECOMMANDATION`` German; restricted to the
pair it can only choose between the two.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def _factory(languages: tuple[str, ...]):
    from langdetect.detector_factory import DetectorFactory

    factory = DetectorFactory()
    profiles = resources.files("langdetect") / "profiles"
    texts = []
    for code in languages:
        path = profiles / code
        if not path.is_file():
            return None
        texts.append(path.read_text(encoding="utf-8"))
    factory.load_json_profile(texts)
    factory.set_seed(0)
    return factory


def probabilities(text: str, languages: tuple[str, ...]) -> dict[str, float]:
    """Probability of each language for ``text``; empty when nothing can be told."""
    return dict(_cached(text, tuple(sorted(languages))))


@lru_cache(maxsize=65536)
def _cached(text: str, languages: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    from langdetect.lang_detect_exception import LangDetectException

    factory = _factory(languages)
    if factory is None:
        return ()
    detector = factory.create()
    detector._extract_ngrams = lambda: _extract_ngrams(detector)
    detector.append(text.lower())  # the profiles are lower-case: 'RECOMMANDATION' reads as Dutch
    try:
        return tuple((item.lang, item.prob) for item in detector.get_probabilities())
    except LangDetectException:
        return ()


def _extract_ngrams(detector) -> list[str]:
    """langdetect's ``Detector._extract_ngrams``, faster and with the same n-grams in the
    same order, so the same probabilities: the per-character normalisation is cached (it
    looked up the character's Unicode block on every call), and the n-grams of each word
    are worked out once (a law repeats its words; most of langdetect's time went there)."""
    return _grams(detector.text, detector.word_lang_prob_map)


_NORMALIZED: dict[str, str] = {}
_TRANSLATION: dict[int, str] = {}
_WORD_GRAMS: dict[int, dict[tuple[str, bool], tuple[str, ...]]] = {}


def _grams(text: str, known) -> list[str]:
    """The n-grams of ``text`` that the profiles (``known``) have, in langdetect's order.

    langdetect slides a window of up to three characters over the normalised text, started
    anew at each space: a word ``w`` gives the 1- to 3-grams of `` w `` (of `` w`` when the
    text ends with it), never one made of a single space. Words are looked up once each.
    """
    from sys import intern

    from langdetect.utils.ngram import NGram

    for char in set(text):
        if char not in _NORMALIZED:
            _NORMALIZED[char] = NGram.normalize(char)
            _TRANSLATION[ord(char)] = _NORMALIZED[char]
    normal = text.translate(_TRANSLATION)
    if any(char.isupper() for char in set(normal)):
        return _grams_by_character(text, known)   # langdetect's capital-word rule applies
    cache = _WORD_GRAMS.setdefault(id(known), {})
    parts = normal.split(" ")
    last = len(parts) - 1
    result: list[str] = []
    for number, word in enumerate(parts):
        if not word:
            continue
        key = (word, number < last)
        grams = cache.get(key)
        if grams is None:
            padded = f" {word} " if number < last else f" {word}"
            found = []
            for end in range(1, len(padded)):
                for size in (1, 2, 3):
                    if end - size + 1 < 0:
                        break
                    gram = padded[end - size + 1:end + 1]
                    if gram != " " and gram in known:
                        found.append(intern(gram))   # one copy of each gram, not one a word
            grams = cache[key] = tuple(found)
            if len(cache) > 200_000:
                cache.clear()
        result.extend(grams)
    return result


def _grams_by_character(text: str, known) -> list[str]:
    """langdetect's own loop (with the normalisation cached), for texts with capitals."""
    table = _NORMALIZED   # every character of text is in it (``_grams`` filled it)
    result: list[str] = []
    grams = " "
    capital = False
    for char in text:
        normal = table[char]
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False
            if normal == " ":
                continue
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += normal
        if normal.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        for size in (1, 2, 3):
            if len(grams) < size:
                break
            gram = grams[-size:]
            if gram != " " and gram in known:
                result.append(gram)
    return result


@lru_cache(maxsize=1)
def known_profiles() -> tuple[str, ...]:
    """Every language langdetect has a profile for (55: ``af``, ``en``, ``sw``…, not ``xh``)."""
    profiles = resources.files("langdetect") / "profiles"
    return tuple(sorted(entry.name for entry in profiles.iterdir() if entry.is_file()))


def any_language(text: str) -> dict[str, float]:
    """Probability of each of langdetect's languages for ``text``, most likely first.

    Loading every profile costs about 0.4 s, so this is asked only of a file that has
    already shown text in neither language of the pair (``bilint.layouts.foreign``)."""
    found = probabilities(text, known_profiles())
    return dict(sorted(found.items(), key=lambda item: -item[1]))


_CLEAR_HITS = 3   # the fewest function words of one language that tell a passage without langdetect


@lru_cache(maxsize=None)
def _own_function_words(lang: str, other: str) -> frozenset[str]:
    """``lang``'s function words that are not ``other``'s (``de`` and ``en`` are both Dutch
    and French, so they tell neither)."""
    from .lang import get_language

    return frozenset(get_language(lang).function_words) - frozenset(get_language(other).function_words)


def clearly_in(words: list[str], lang: str, other: str) -> bool:
    """The cheap first pass: True when the lower-case ``words`` hold at least three of
    ``lang``'s own function words and none of ``other``'s, so the passage is ``lang``'s
    and the language detector need not be asked. False means "ask it", not "not lang"."""
    own, others = _own_function_words(lang, other), _own_function_words(other, lang)
    if not own or not others:
        return False   # a language without function words in its data: always ask
    hits = 0
    for word in words:
        if word in others:
            return False
        hits += word in own
    return hits >= _CLEAR_HITS
