"""Unit tests of ``find_dates``: every written form, elided years, and what is not a date."""

from __future__ import annotations

import datetime

import pytest

from bilint.lang import get_language
from bilint_rules.dates import find_dates, find_lists

D = datetime.date


@pytest.mark.parametrize("lang,text,written,date", [
    ("nl", "de mededeling van 24 juli 2020 over drugs", "24 juli 2020", D(2020, 7, 24)),
    ("nl", "met ingang van 1ste januari 2021", "1ste januari 2021", D(2021, 1, 1)),
    ("nl", "vanaf 1e mei 2020", "1e mei 2020", D(2020, 5, 1)),
    ("nl", "bij koninklijk besluit van 8 JUNI 1867.", "8 JUNI 1867", D(1867, 6, 8)),
    ("nl", "de brief van 5 okt. 2021 aan de minister", "5 okt. 2021", D(2021, 10, 5)),
    ("fr", "à partir du 1er janvier 2021", "1er janvier 2021", D(2021, 1, 1)),
    ("fr", "la loi votée le 4 mars 2021 par la Chambre", "4 mars 2021", D(2021, 3, 4)),
    ("fr", "l'arrêté du 17 décembre 1998", "17 décembre 1998", D(1998, 12, 17)),
    ("en", "signed on March 5, 2021 in Brussels", "March 5, 2021", D(2021, 3, 5)),
    ("en", "signed on 5 March 2021 in Brussels", "5 March 2021", D(2021, 3, 5)),
    ("en", "in force since the 21st September 2015", "21st September 2015", D(2015, 9, 21)),
    ("nl", "gepubliceerd op 24/07/2020", "24/07/2020", D(2020, 7, 24)),
    ("fr", "publié le 24.07.2020", "24.07.2020", D(2020, 7, 24)),
    ("nl", "Inwerkingtreding : 02-07-1999", "02-07-1999", D(1999, 7, 2)),
    ("en", "published 2020-07-24 online", "2020-07-24", D(2020, 7, 24)),
    ("nl", "<Ingevoegd bij W 1999-05-04/60, art. 5>", "1999-05-04", D(1999, 5, 4)),
    ("fr", "<Inséré par L 2003-04-23/33, art. 2>", "2003-04-23", D(2003, 4, 23)),
])
def test_single_date(lang: str, text: str, written: str, date: datetime.date) -> None:
    mentions = find_dates(text, get_language(lang))
    assert [(m.written, m.date) for m in mentions] == [(written, date)]
    assert text[mentions[0].start:mentions[0].end] == written


@pytest.mark.parametrize("lang,text,dates", [
    ("nl", "op 30 oktober, 4 december 2021 en 12 februari 2022",
     [D(2021, 10, 30), D(2021, 12, 4), D(2022, 2, 12)]),
    ("fr", "les 3 mars, 7 avril et 9 juin 2019", [D(2019, 3, 3), D(2019, 4, 7), D(2019, 6, 9)]),
    ("fr", "du 3 mars au 5 avril 2018", [D(2018, 3, 3), D(2018, 4, 5)]),
    ("en", "on October 30, December 4, 2021 and 2 February 2022",
     [D(2021, 10, 30), D(2021, 12, 4), D(2022, 2, 2)]),
    ("nl", "van 14 tot en met 28 mei 2020", [D(2020, 5, 28)]),   # "14" alone names no month
])
def test_elided_years_come_from_the_same_list(lang: str, text: str, dates: list) -> None:
    assert [m.date for m in find_dates(text, get_language(lang))] == dates


@pytest.mark.parametrize("lang,text", [
    ("nl", "op 1ste januari treedt het in werking"),              # no year anywhere: unknown
    ("nl", "op 3 mei werd het verdrag ondertekend; de wet dateert van 2019"),
    ("fr", "le 3 mai, la Chambre a voté. En 2019, le Sénat"),
])
def test_a_year_from_outside_the_list_is_not_taken(lang: str, text: str) -> None:
    assert find_dates(text, get_language(lang)) == []


@pytest.mark.parametrize("lang,text", [
    ("nl", "op 31 februari 2021"),
    ("fr", "le 30 février 2020"),
    ("en", "on February 29, 2021"),
    ("nl", "op 31/04/2020"),
    ("fr", "le 12.13.2020"),
    ("en", "on 2021-02-30"),
])
def test_impossible_dates_are_rejected(lang: str, text: str) -> None:
    assert find_dates(text, get_language(lang)) == []


@pytest.mark.parametrize("lang,text", [
    ("nl", "de aanbeveling nr. 896/2 en het antwoord nr. 896/3"),
    ("nl", "artikel 5, § 2, van de wet"),
    ("nl", "het werkprogramma 2021-2025 van de Benelux"),
    ("fr", "le programme de travail commun 2021-2024"),
    ("nl", "callcenters die 24/7 bereikbaar zijn"),
    ("fr", "l'article 3.1.2 du règlement et 1.000.000 euros"),
    ("en", "Article 5 may apply to 3 March"),
    ("nl", "zo'n 3 tot 5 miljard euro"),
    ("fr", "doc. 55 1234/005 du dossier"),
])
def test_non_dates_are_ignored(lang: str, text: str) -> None:
    assert find_dates(text, get_language(lang)) == []


def test_dates_with_different_roles_are_separate_lists() -> None:
    text = "dat op 23 juli 2018 is ondertekend en op 4 maart 2021 is geratificeerd"
    assert [len(group) for group in find_lists(text, get_language("nl"))] == [1, 1]


def test_an_enumeration_is_one_list() -> None:
    text = "les 30 octobre 2021, 4 décembre 2021, 12 février 2021 et 5 mars 2021;"
    groups = find_lists(text, get_language("fr"))
    assert [[m.written for m in g] for g in groups] == [
        ["30 octobre 2021", "4 décembre 2021", "12 février 2021", "5 mars 2021"]]


def test_month_names_come_from_the_language_data() -> None:
    assert find_dates("le 4 mars 2021", get_language("nl")) == []
    assert find_dates("op 4 maart 2021", get_language("fr")) == []
