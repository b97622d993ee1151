"""Find the calendar dates written in a text, and the lists they are written in.

Every word comes from the language data (``months``, ``month_abbreviations``,
``ordinal_day_suffixes``, ``conjunctions``, ``range_words``, ``date_joiners``): a new language is a TOML file,
never a change here. Recognised forms:

* day, month name, year: ``24 juli 2020``, ``1er janvier 2021``, ``1ste januari 2021``,
  ``5 okt. 2021``, ``8 JUNI 1867``, ``22 de febrero de 2012``; and month-first ``March 5, 2021``;
* numeric, day first as in Belgian, French and Dutch usage: ``24/07/2020``, ``24.07.2020``,
  ``24-07-2020`` (a four-digit year only: ``1.2.3`` is a paragraph number);
* ISO, year first: ``2020-07-24``. The Belgian amendment reference ``W 1999-05-04/60``
  (``L`` in French) names a law by its date and number: its ``1999-05-04`` *is* the date of
  that law, so it is returned as a date; the ``/60`` is not part of it.
* a year shared by a list: in ``op 30 oktober, 4 december 2021 en 12 februari 2022`` the
  first two dates take 2021, the year of the next dated mention *of the same list*. A
  day and month that no list gives a year (``op 1ste januari``) is not returned: its date
  is unknown.

Not dates: document numbers (``896/2``), ``24/7``, year ranges (``2021-2025``), article
references (``artikel 5, § 2``), and impossible dates (``31 februari 2021``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from bilint.lang import Language

__all__ = ["DateMention", "find_dates", "find_lists", "list_separator"]


@dataclass(frozen=True)
class DateMention:
    """A date as written: ``text[start:end] == written``; ``date`` may carry an elided year."""

    start: int
    end: int
    date: datetime.date
    written: str


@dataclass(frozen=True)
class _Raw:
    """A match before year elision: the year may still be missing."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    written: str


def _words(words: tuple[str, ...] | list[str]) -> str:
    """An alternation, longest first, spaces as any whitespace, a final dot optional."""
    escaped = [re.escape(w.rstrip(".")).replace(r"\ ", r"\s+") for w in words if w.strip(".")]
    return "|".join(sorted(set(escaped), key=len, reverse=True))


_ENGLISH_SUFFIXES = "st|nd|rd|th"
_NUMERIC = (r"(?<![\w/.,-])(?P<nd>\d{1,2})(?P<sep>[./-])(?P<nm>\d{1,2})(?P=sep)(?P<ny>\d{4})"
            r"(?![\w/]|[.,-]\d)")
_ISO = r"(?<![\w/.,-])(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?![\w-]|[.,]\d)"


@lru_cache(maxsize=None)
def _pattern(language: Language) -> "re.Pattern[str]":
    """One regular expression for every form, built once per language from its data."""
    months = _words(list(language.months) + list(language.month_abbreviations))
    suffixes = _words(language.ordinal_day_suffixes)
    suffix = f"(?:{suffixes})?" if suffixes else ""
    joiners = _words(language.date_joiners)
    joiner = rf"(?:(?:{joiners})\s+)?" if joiners else ""   # "22 de febrero de 2012"
    year = r"(?:{}\s+" + joiner.replace("{", "{{").replace("}", "}}") + r"(?P<{}>\d{{4}})(?![\w/-]|[.,]\d))?"
    day_first = (rf"(?<![\w/.,-])(?P<dd>\d{{1,2}}){suffix}\.?\s+{joiner}(?P<dm>{months})(?![\w])\.?"
                 + year.format("", "dy"))
    month_first = (rf"(?<![\w-])(?P<mm>{months})(?![\w])\.?\s+(?P<md>\d{{1,2}})(?:{_ENGLISH_SUFFIXES})?"
                   r"(?![\w/-]|[.,]\d)" + year.format(",?", "my"))
    return re.compile("|".join([_ISO, _NUMERIC, day_first, month_first]), re.IGNORECASE)


def list_separator(language: Language) -> "re.Pattern[str]":
    """What may stand between two dates of one list: ``, `` ``; `` ``en`` ``et le`` ``tot``.

    A comma or semicolon and/or one conjunction or range word of the language, optionally
    followed by one short function word (``le``, ``op``, ``on``): nothing else, so
    ``ondertekend op 23 juli 2018 en op 4 maart 2021 geratificeerd`` is not a list.
    """
    return _separator(language)


@lru_cache(maxsize=None)
def _separator(language: Language) -> "re.Pattern[str]":
    joins = _words(list(language.conjunctions) + list(language.range_words))
    joined = rf"(?:(?:{joins})\b\s*)" if joins else ""
    short = r"(?:[^\W\d_]{1,3}\s+)?"
    return re.compile(rf"\s*(?:[,;]\s*{joined}?|{joined}){short}\s*$", re.IGNORECASE)


def _month(language: Language, name: str) -> int:
    return language.month_numbers[re.sub(r"\s+", " ", name.lower().rstrip("."))]


def _raw_mentions(text: str, language: Language) -> list[_Raw]:
    found: list[_Raw] = []
    for match in _pattern(language).finditer(text):
        group = match.groupdict()
        if group["iy"]:
            day, month, year = int(group["id"]), int(group["im"]), int(group["iy"])
        elif group["ny"]:
            day, month, year = int(group["nd"]), int(group["nm"]), int(group["ny"])
        elif group["dd"]:
            day, month = int(group["dd"]), _month(language, group["dm"])
            year = int(group["dy"]) if group["dy"] else None
        else:
            day, month = int(group["md"]), _month(language, group["mm"])
            year = int(group["my"]) if group["my"] else None
        found.append(_Raw(match.start(), match.end(), day, month, year, match.group(0)))
    return found


def _chains(text: str, raws: list[_Raw], language: Language) -> list[list[_Raw]]:
    """Group consecutive mentions that nothing but a list separator divides."""
    separator = _separator(language)
    chains: list[list[_Raw]] = []
    for raw in raws:
        if chains and separator.match(text[chains[-1][-1].end:raw.start]):
            chains[-1].append(raw)
        else:
            chains.append([raw])
    return chains


def _dated(chain: list[_Raw]) -> list[DateMention]:
    """Give each yearless mention the year of the next dated one; drop what stays unknown."""
    mentions: list[DateMention] = []
    following: int | None = None
    for raw in reversed(chain):
        if raw.year is not None:
            following = raw.year
        year = raw.year if raw.year is not None else following
        if year is None:
            continue
        try:
            date = datetime.date(year, raw.month, raw.day)
        except ValueError:
            continue   # 31 februari, 30-02-2021, month 13: not a date
        mentions.append(DateMention(raw.start, raw.end, date, raw.written))
    return mentions[::-1]


def find_lists(text: str, language: Language) -> list[list[DateMention]]:
    """The dates of ``text``, grouped by the list they are written in (a lone date is a list of one)."""
    lists = []
    for chain in _chains(text, _raw_mentions(text, language), language):
        dated = _dated(chain)
        if dated:
            lists.append(dated)
    return lists


def find_dates(text: str, language: Language) -> list[DateMention]:
    """Every date written in ``text``, in order, with elided years filled in."""
    return [mention for group in find_lists(text, language) for mention in group]
