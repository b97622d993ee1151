"""rules.quantities: the values two languages must agree on, normalised."""

from __future__ import annotations

import pytest

from rules.quantities import find_quantities, parse_number_word


def values(text: str, lang: str) -> list[str]:
    return [q.value for q in find_quantities(text, lang) if not q.weak]


@pytest.mark.parametrize("nl,fr", [
    ("19 miljard", "19 milliards"),
    ("3 tot 5", "3 à 5"),
    ("1.000,50", "1 000,50"),
    ("1000,50", "1 000,50"),
    ("24 juli 2020", "24 juillet 2020"),
    ("24/07/2020", "24 juillet 2020"),
    ("1ste", "1er"),
    ("25 %", "25%"),
    ("25 procent", "25 pour cent"),
    ("drie", "trois"),
    ("twaalf", "douze"),
    ("dertig", "trente"),
    ("vijfentwintig", "vingt-cinq"),
    ("honderdvijfentwintig duizend", "cent vingt-cinq mille"),
    ("tweeduizend vijfhonderd", "deux mille cinq cents"),
    ("negentig", "quatre-vingt-dix"),
    ("eenenzeventig", "soixante et onze"),
    ("nr. 896/3", "n° 896/3"),
    ("art. 7bis", "art. 7 bis"),
    ("1949-50", "1949-1950"),
])
def test_equal_values(nl: str, fr: str) -> None:
    assert values(nl, "nl") == values(fr, "fr")


def test_english_grouping() -> None:
    assert values("1,000.50", "en") == values("1.000,50", "nl") == ["1000.5"]


def test_kinds() -> None:
    found = find_quantities("artikel 5, § 2, de wet van 18 juli 1966, 25 procent, 3 dagen", "nl")
    assert [(q.value, q.kind) for q in found] == [
        ("5", "reference"), ("2", "reference"), ("1966-07-18", "reference"),
        ("25", "percentage"), ("3", "number")]


def test_amendment_note() -> None:
    found = find_quantities("<W 1999-05-04/60, art. 5, 024; Inwerkingtreding : 02-07-1999>", "nl")
    assert [q.value for q in found] == ["1999-05-04/60", "5", "1999-07-02"]   # 024 is Justel's counter
    assert all(q.note for q in found)


def test_weak_words() -> None:
    assert [(q.value, q.weak) for q in find_quantities("een maand in beide landen", "nl")] == [("1", True), ("2", True)]
    assert [(q.value, q.weak) for q in find_quantities("les deux pays, deux jours", "fr")] == [("2", True), ("2", False)]


def test_percent_is_not_a_hundred() -> None:
    assert values("vingt pour cent", "fr") == ["20"]


def test_not_numbers() -> None:
    assert values("in acht nemen", "nl") == []          # weak: never reported
    assert values("tienduizenden achten", "nl") == []


@pytest.mark.parametrize("words,lang,value", [
    ("zesentwintig", "nl", 26), ("tweeëntwintig", "nl", 22), ("drieduizend", "nl", 3000),
    ("quatre-vingts", "fr", 80), ("mil huit cent quatre-vingt six", "fr", 1886),
    ("one hundred and twenty-five thousand", "en", 125000),
])
def test_parse_number_word(words: str, lang: str, value: int) -> None:
    assert parse_number_word(words, lang) == value


def test_a_repeated_word_is_segmented_once_with_the_same_quantities(monkeypatch):
    # a law repeats its words: segmenting each occurrence against every number atom was
    # most of BL401's time on the Criminal Code
    from rules import quantities

    calls: list[str] = []
    segment = quantities._segment

    def counting(word, atoms, joiners):
        calls.append(word)
        return segment(word, atoms, joiners)

    monkeypatch.setattr(quantities, "_segment", counting)
    monkeypatch.setattr(quantities, "_NUMBER_LIKE", {})
    text = " ".join(["de termijn van vijfentwintig dagen of zeven weken"] * 40)
    found = [q.value for q in find_quantities(text, "nl") if not q.weak]
    assert found == ["25", "7"] * 40
    assert calls.count("termijn") == calls.count("dagen") == calls.count("weken") == 1
