"""Notations of one value that ``rules.dates`` and the number scanner do not read.

Older and other ways of writing a date or a time, and text that is not the law's text:

* dates with a day suffix or an older month spelling (``de 5de april 1962``, ``den 26sten
  Junij 1839``), in capitals without accents (``1er FEVRIER 1954``), with the day or the year
  in words (``de eerste Januari 1940``, ``le premier juillet mil neuf cent soixante-dix``),
  with a Roman month (``1. III. 1954``);
* times (``14 h 28``, ``14.28 uur``): one value, ``14:28``, not two numbers;
* editorial notes (``(Zie NOTA 1 onder TITEL)``, ``[Red: …]``), image and link targets
  (``![…](…/10000050203)``): their numbers are not the law's.

The words are data (``rules/data/numbers-<lang>.toml``: ``date_day_suffixes``,
``old_months``, ``hour_words``, ``editorial_notes``); month names come from the language data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bilint.lang import UnknownLanguage, get_language

__all__ = ["fold_same_length", "skipped_spans", "extra_dates", "day_months", "times", "metres"]

_ROMAN_MONTHS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8,
                 "ix": 9, "x": 10, "xi": 11, "xii": 12}


def fold_same_length(text: str) -> str:
    """Lower case without accents, one character for one: offsets stay valid."""
    out = []
    for char in text.lower():
        base = unicodedata.normalize("NFD", char)[0] if not char.isascii() else char
        out.append(base if len(base) == 1 else char)
    return "".join(out)


def _alt(words) -> str:
    escaped = [re.escape(w).replace(r"\ ", r"\s+") for w in words if w]
    return "|".join(sorted(set(escaped), key=len, reverse=True)) or r"(?!x)x"


def _numbers(code: str):
    from .quantities import number_words   # the data loader lives with the scanner
    return number_words(code)


@lru_cache(maxsize=None)
def _skip_pattern(code: str) -> "re.Pattern[str]":
    notes = _alt(_numbers(code).editorial_notes)
    status = _alt(_numbers(code).status_words)
    return re.compile(
        # (Zie NOTA 1 onder TITEL), [Red: …], (NOTA : … (B.St. 12-01-2018, p. 1393) …): one level of
        # brackets inside; a note the source never closes runs to the end of the text
        rf"[(\[]\s*(?:{notes})(?!\w)(?:[^()\[\]]|\([^()\[\]]{{0,120}}\)){{0,300}}(?:[)\]]|$)"
        rf"|\b(?:{status})\s*:\s*[^<>\n]{{0,40}}?\d{{1,4}}[-./]\d{{1,2}}[-./]\d{{2,4}}"   # Inwerkingtreding : 01-04-2005
        r"|!\[[^\]\n]{0,300}\]\([^)\s]{0,500}\)"             # a markdown image
        r"|(?<![\w!])![^\W_][^\s!]{0,300}"                    # what a reader left of an image: "!10000050203"
        r"|<sup>\s*\*?\d{1,3}\s*\)?"                            # a footnote's call or label: "<sup> 1)"
        r"|\]\([^)\s]{1,500}\)"                              # a link target
        r"|\b(?:https?://|www\.)\S+",                        # an address
        re.I)


# a list label inline, at the text's start or after a clause ("; (3)44° 23'"), and a
# footnote call left as "1)" after a word where a reader dropped its superscript
_INLINE_LABEL = re.compile(r"(?:^|(?<=[;:.])|(?<=[;:.] ))\(\d{1,2}\)")
_CALL = re.compile(r"(?<=[^\W\d_] )\d{1,2}\)(?=\s)")


def skipped_spans(text: str, code: str) -> list[tuple[int, int]]:
    """Spans whose numbers are not the law's: editorial notes, image and link targets,
    inline list labels and footnote calls."""
    spans = [m.span() for m in _skip_pattern(code).finditer(text)]
    spans += [m.span() for m in _INLINE_LABEL.finditer(text)]
    spans += [m.span() for m in _CALL.finditer(text) if not _open_paren(text, m.start())]
    return spans


def _open_paren(text: str, index: int) -> bool:
    """A parenthesis opened before ``index`` (in the 200 characters before) is still open."""
    window = text[max(0, index - 200):index]
    return window.count("(") > window.count(")")


@lru_cache(maxsize=None)
def _date_pattern(code: str) -> "tuple[re.Pattern[str], dict[str, int], dict[str, int]] | None":
    try:
        language = get_language(code)
    except UnknownLanguage:
        return None
    data = _numbers(code)
    months = {fold_same_length(name).rstrip("."): number for name, number in language.month_numbers.items()}
    months.update({fold_same_length(k): v for k, v in (data.old_months or {}).items()})
    suffixes = _alt(fold_same_length(s) for s in data.date_day_suffixes)
    joiners = _alt(fold_same_length(s) for s in data.date_day_joiners)
    month_alt = _alt(months)
    day = (rf"(?:(?P<day>\d{{1,2}})(?:{suffixes})?\.?|(?P<dayword>(?:[^\W\d_]+\s+(?:en|et|and)\s+)?[^\W\d_]+(?:-[^\W\d_]+)*))"
           rf"(?:\s+(?:{joiners}))?")
    # a year glued to the next element's capital ("le 14 mai 1964Monsieur l'Ambassadeur") ends there
    year = r"(?P<year>\d{4})(?:(?![\w/-]|[.,]\d)|(?=[^\W\d_]))|(?P<yearwords>[^\W\d_]+(?:[\s-]+[^\W\d_]+){0,7})"
    pattern = re.compile(
        # the day may be glued to its month where a superscript suffix was dropped ("1<sup>er</sup>septembre")
        rf"(?<![\w/.,-])(?:{day})(?:\s+|(?<=\d)(?=[^\W\d_]))(?:(?:van|de|of)\s+)?(?P<month>{month_alt})(?![\w])\.?,?\s+(?:{year})"
        r"|(?<![\w/.,-])(?P<rday>\d{1,2})\.\s?(?P<rmonth>(?:i{1,3}|iv|vi{0,3}|ix|xi{0,2}))\.\s?(?P<ryear>\d{4})(?!\d)")
    return pattern, months, {}


def _day_value(word: str, code: str) -> int | None:
    """A day of the month written as a word: ``eerste``, ``vijftiende``, ``twintigsten``, ``quinze``."""
    from .quantities import parse_number_word

    data = _numbers(code)
    tables = {fold_same_length(k): v for k, v in {**data.cardinals, **data.ordinals}.items()}
    candidates = [word] + [word[: -len(end)] for end in data.ordinal_word_endings if word.endswith(end)]
    candidates += [c + "e" for c in candidates[1:]]   # quinzième -> quinz -> quinze
    for candidate in candidates:
        value = tables.get(candidate)
        if value is None and candidate:
            try:
                value = parse_number_word(candidate, code)
            except RecursionError:
                value = None
        if isinstance(value, int) and 1 <= value <= 31:
            return value
    return None


def extra_dates(text: str, code: str) -> list[tuple[int, int, str]]:
    """Dates in the notations above: (start, end, ISO date)."""
    import datetime

    compiled = _date_pattern(code)
    if compiled is None:
        return []
    pattern, months, day_words = compiled
    folded = fold_same_length(text)
    found = []
    position = 0
    while True:
        match = pattern.search(folded, position)
        if match is None:
            break
        position = match.start() + 1   # a failed reading ("le sept" read as a month) retries further on
        end = match.end()
        if match.group("rday"):
            day, month, year = int(match.group("rday")), _ROMAN_MONTHS[match.group("rmonth")], int(match.group("ryear"))
        else:
            day = int(match.group("day")) if match.group("day") else _day_value(match.group("dayword"), code)
            if day is None:
                continue
            month = months[re.sub(r"\s+", " ", match.group("month"))]
            if match.group("year"):
                after = text[match.end("year"):match.end("year") + 1]
                if after.isalpha() and not after.isupper():
                    continue   # "1964abc": no year; "1964Monsieur": the next element glued on
                year = int(match.group("year"))
            else:
                parsed = _year_in_words(folded, match.start("yearwords"), match.end("yearwords"), code)
                if parsed is None:
                    continue
                year, end = parsed
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            continue
        found.append((match.start(), end, date.isoformat()))
        position = end
    return found


@lru_cache(maxsize=None)
def _day_month_pattern(code: str) -> "tuple[re.Pattern[str], dict[str, int]] | None":
    compiled = _date_pattern(code)
    if compiled is None:
        return None
    _, months, _ = compiled
    suffixes = _alt(fold_same_length(s) for s in _numbers(code).date_day_suffixes)
    return re.compile(rf"(?<![\w/.,-])(?P<day>\d{{1,2}})(?:{suffixes})?\.?\s+(?:(?:van|de|of)\s+)?"
                      rf"(?P<month>{_alt(months)})(?![\w])\.?"), months


def day_months(text: str, code: str) -> list[tuple[int, int, str]]:
    """A day and month without a year (``5 Novembre dernier``, ``den 5den November ll.``):
    (start, end, ``--11-05``), which matches any full date of that day."""
    compiled = _day_month_pattern(code)
    if compiled is None:
        return []
    pattern, months = compiled
    found = []
    for match in pattern.finditer(fold_same_length(text)):
        day, month = int(match.group("day")), months[re.sub(r"\s+", " ", match.group("month"))]
        if 1 <= day <= 31:
            found.append((match.start(), match.end(), f"--{month:02d}-{day:02d}"))
    return found


def _year_in_words(text: str, start: int, end: int, code: str) -> tuple[int, int] | None:
    """The longest run of words from ``start`` that reads as a year (1000 to 2199)."""
    from .quantities import parse_number_word

    words = list(re.finditer(r"[^\W\d_]+", text[start:end]))
    for count in range(len(words), 0, -1):
        stop = start + words[count - 1].end()
        value = parse_number_word(text[start:stop], code)
        if value is not None and 1000 <= value < 2200:
            return value, stop
    return None


@lru_cache(maxsize=None)
def _time_pattern(code: str) -> "re.Pattern[str]":
    hours = _alt(_numbers(code).hour_words)
    return re.compile(
        rf"(?<![\w.,:])(?P<h>[01]?\d|2[0-3])\s?(?:(?:{hours})\s?(?P<m1>[0-5]\d)(?!\d)(?:\s?(?:{hours})\b)?"
        rf"|[.:](?P<m2>[0-5]\d)\s?(?:{hours})(?![\w]))", re.I)


def times(text: str, code: str) -> list[tuple[int, int, str]]:
    """Times of day: ``14 h 28``, ``14.28 uur`` → (start, end, ``14:28``)."""
    found = []
    for match in _time_pattern(code).finditer(text):
        minutes = match.group("m1") or match.group("m2")
        found.append((match.start(), match.end(), f"{int(match.group('h'))}:{minutes}"))
    return found


_METRES = re.compile(r"(?<![\w.,])(?P<m>\d{1,4})\s?m\.?\s?(?P<cm>\d{2})(?![\w.,]?\d)", re.I)


def metres(text: str) -> list[tuple[int, int, str]]:
    """Metres and centimetres written apart (``2 m. 10``, older French): one value, ``2.1``."""
    from decimal import Decimal

    found = []
    for match in _METRES.finditer(text):
        value = Decimal(f"{match.group('m')}.{match.group('cm')}").normalize()
        found.append((match.start(), match.end(), format(value, "f")))
    return found
