"""bilint's n-gram extraction gives langdetect exactly the n-grams its own loop gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bilint import langid

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "benelux-2021-drugs.md"


def _langdetect_grams(text: str, known) -> list[str]:
    """langdetect's own ``Detector._extract_ngrams`` (langdetect/detector.py), on appended text."""
    from langdetect.utils.ngram import NGram

    result = []
    ngram = NGram()
    for char in text:
        ngram.add_char(char)
        if ngram.capitalword:
            continue
        for size in range(1, NGram.N_GRAM + 1):
            if len(ngram.grams) < size:
                break
            gram = ngram.get(size)
            if gram and gram != " " and gram in known:
                result.append(gram)
    return result


def _texts() -> list[str]:
    lines = [line for line in EXAMPLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    rng = random.Random(5)
    alphabet = "abcdeéèçàëïô  .,;:-'’«»()0123456789ABCÉ\u00a0\tẞſ"
    noise = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(3000)]
    return lines + [line.lower() for line in lines] + noise + ["", " ", "a", " a ", "ab", "A", "AB c"]


@pytest.mark.parametrize("languages", [("fr", "nl"), ("en", "fr")])
def test_same_ngrams_in_the_same_order_as_langdetect(languages):
    factory = langid._factory(languages)
    known = factory.word_lang_prob_map
    for text in _texts():
        detector = factory.create()
        detector.append(text)
        assert langid._grams(detector.text, known) == _langdetect_grams(detector.text, known), text
    # and once more, with every word's n-grams read back from the cache
    for text in _texts()[:200]:
        detector = factory.create()
        detector.append(text)
        assert langid._grams(detector.text, known) == _langdetect_grams(detector.text, known), text


def test_probabilities_are_deterministic_and_decide_clear_cases():
    dutch = "De minister van Justitie beslist over de samenwerking tussen de politiediensten."
    french = "Le ministre de la Justice décide de la coopération entre les services de police."
    assert max(langid.probabilities(dutch, ("nl", "fr")).items(), key=lambda item: item[1])[0] == "nl"
    assert max(langid.probabilities(french, ("nl", "fr")).items(), key=lambda item: item[1])[0] == "fr"
    first = langid.probabilities(dutch, ("nl", "fr"))
    langid._cached.cache_clear()
    langid._WORD_GRAMS.clear()
    assert langid.probabilities(dutch, ("fr", "nl")) == first   # seeded: the same answer every time


def test_each_gram_is_held_once_whatever_the_words_holding_it():
    # the per-word n-gram cache held a copy of each gram for every word (8 MB on the
    # Criminal Code); identical grams are one string now, with the same list as before
    factory = langid._factory(("fr", "nl"))
    known = factory.word_lang_prob_map
    first = langid._grams(" verdrag verdragen verdragsluitende", known)
    seconds = [gram for gram in first if gram == "ve"]
    assert len(seconds) >= 2 and all(gram is seconds[0] for gram in seconds)


@pytest.mark.parametrize("text,lang,other,clear", [
    # three of its own function words and none of the other's: told without langdetect
    ("de rechter kan de straf verminderen wanneer het misdrijf door een minderjarige is gepleegd", "nl", "fr", True),
    ("le juge peut réduire la peine lorsque l'infraction est commise par un mineur", "fr", "nl", True),
    # 'de' and 'en' are both Dutch and French: they tell neither
    ("de en de en de en prononcées", "fr", "nl", False),
    # one word of the other language's own: the detector is asked
    ("le juge peut réduire la peine van het mineur", "fr", "nl", False),
    # a Dutch sentence in the French version is never taken for French
    ("de rechter kan de straf verminderen wanneer het misdrijf is gepleegd", "fr", "nl", False),
    # too few function words to be sure
    ("amende emprisonnement réclusion criminelle", "fr", "nl", False),
])
def test_the_first_pass_tells_only_clear_passages(text, lang, other, clear):
    from bilint.langid import clearly_in

    assert clearly_in(text.split(), lang, other) is clear


def test_the_first_pass_spares_the_detector_on_a_law_and_keeps_bl701s_findings():
    from bilint import langid
    from bilint.engine import Settings, lint_paths

    nl = ("Artikel 1\n\nDe rechter kan de straf verminderen wanneer het misdrijf door een minderjarige "
          "is gepleegd en de schade volledig werd hersteld.\n\n"
          "Artikel 2\n\nLe juge peut réduire la peine lorsque l'infraction est commise par un mineur "
          "et que le dommage a été entièrement réparé.\n")
    fr = ("Article 1er\n\nLe juge peut réduire la peine lorsque l'infraction est commise par un mineur "
          "et que le dommage a été entièrement réparé.\n\n"
          "Article 2\n\nLe juge peut réduire la peine lorsque l'infraction a été commise avec violence "
          "et que la victime est un mineur.\n")
    langid._cached.cache_clear()
    _, diagnostics = lint_paths(["wet.nl.md", "wet.fr.md"], Settings(select=("BL701",)),
                                texts={"wet.nl.md": nl, "wet.fr.md": fr})
    codes = [(d.code, d.lang) for d in diagnostics]
    asked = langid._cached.cache_info().misses
    assert asked == 1          # only the French sentence of the Dutch version needs the detector
    assert codes == [("BL701", "nl")]


def test_an_interleaved_files_blocks_are_told_by_their_function_words_first():
    from bilint import langid
    from bilint.lang import get_language
    from bilint.layouts import block_language
    from bilint.readers import read_blocks
    from bilint.source import Source

    text = ("De rechter kan de straf verminderen wanneer het misdrijf door een minderjarige is gepleegd.\n\n"
            "Le juge peut réduire la peine lorsque l'infraction est commise par un mineur.\n\n"
            "Samenwerking politie justitie douane grensoverschrijdend.\n")
    blocks = read_blocks(Source("wet.md", text))
    data = {code: get_language(code) for code in ("nl", "fr")}
    langid._cached.cache_clear()
    told = [block_language(block, ("nl", "fr"), data) for block in blocks]
    assert told[:2] == [("nl", "nl"), ("fr", "fr")]
    # the third block has no function word: langdetect is asked for it alone
    assert langid._cached.cache_info().misses == 1
