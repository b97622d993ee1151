"""Per-language data: section formulas, month names, ordinals, article words.

A new language is a TOML file here (or one a plugin returns from ``bilint_languages``),
never a change to the grammar. ``Language`` compiles the data into the few regular
expressions the lexer and the rules need, once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

_DIR = Path(__file__).parent
_EXTRA: dict[str, dict] = {}


class UnknownLanguage(ValueError):
    pass


def _alternation(words: list[str]) -> str:
    """Longest first, so that 'Overwegende dat' wins over 'Overwegende'."""
    escaped = [re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]") for word in words]
    return "|".join(sorted(escaped, key=len, reverse=True))


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    months: tuple[str, ...]
    month_abbreviations: tuple[str, ...]
    ordinal_day_suffixes: tuple[str, ...]
    range_words: tuple[str, ...]
    adoption_words: tuple[str, ...]
    article_words: tuple[str, ...]
    paragraph_words: tuple[str, ...]
    first_ordinals: tuple[str, ...]
    ordinal_words: tuple[str, ...]
    opening_formulas: tuple[str, ...]
    footnote_words: tuple[str, ...]
    conjunctions: tuple[str, ...]
    # words between a date's day, month and year ("22 de febrero de 2012"); none in nl, fr, en
    date_joiners: tuple[str, ...] = ()
    # closed-class words: langid's first pass tells a clear passage's language without langdetect
    function_words: tuple[str, ...] = ()
    sections: dict[str, tuple[str, ...]] = field(hash=False, compare=False, default_factory=dict)
    divisions: dict[str, tuple[str, ...]] = field(hash=False, compare=False, default_factory=dict)

    @classmethod
    def from_mapping(cls, data: dict) -> "Language":
        def words(key: str) -> tuple[str, ...]:
            return tuple(data.get(key, ()))
        months = words("months")
        if len(months) != 12:
            raise ValueError(f"language {data.get('code')!r}: 'months' must list 12 names")
        return cls(
            code=data["code"], name=data.get("name", data["code"]), months=months,
            month_abbreviations=words("month_abbreviations"),
            ordinal_day_suffixes=words("ordinal_day_suffixes"), range_words=words("range_words"),
            adoption_words=words("adoption_words"), article_words=words("article_words"),
            paragraph_words=words("paragraph_words"),
            first_ordinals=words("first_ordinals"), ordinal_words=words("ordinal_words"),
            opening_formulas=words("opening_formulas"), footnote_words=words("footnote_words"),
            conjunctions=words("conjunctions"), date_joiners=words("date_joiners"),
            function_words=words("function_words"),
            sections={key: tuple(value) for key, value in data.get("sections", {}).items()},
            divisions={key: tuple(value) for key, value in data.get("divisions", {}).items()},
        )

    @cached_property
    def month_numbers(self) -> dict[str, int]:
        """Lower-case month name or abbreviation to its number."""
        table = {name.lower(): index for index, name in enumerate(self.months, start=1)}
        for index, name in enumerate(self.month_abbreviations, start=1):
            table.setdefault(name.lower().rstrip("."), index)
        return table

    @cached_property
    def section_pattern(self) -> "re.Pattern[str]":
        """Matches a section formula at the start of a block; group names are section ids."""
        parts = [f"(?P<{key}>{_alternation(list(words))})" for key, words in self.sections.items() if words]
        return re.compile(r"\s*(?:" + "|".join(parts) + r")\s*[:,]?\s*$", re.I)

    @cached_property
    def opening_pattern(self) -> "re.Pattern[str]":
        return re.compile(r"\s*(?:" + _alternation(list(self.opening_formulas)) + r")\s*[,:]?\s*$")

    @cached_property
    def article_pattern(self) -> "re.Pattern[str]":
        """``Artikel 1``, ``Article 1er``, ``Art. 7bis``, ``Article I``, ``Art. 8 bis``."""
        words = _alternation(list(self.article_words))
        first = _alternation([w for w in self.first_ordinals if not w[0].isdigit()] or ["premier"])
        return re.compile(
            rf"\s*(?P<word>{words})\.?\s+(?P<number>\d+|[IVXLC]+\b|{first})"
            r"(?P<ord>er|e|ste|st|nd|rd|th)?(?:\s*(?P<suffix>(?:bis|ter|quater|quinquies|sexies|septies|"
            r"octies|novies|nonies|decies|undecies|duodecies|terdecies|quaterdecies|quindecies|"
            r"sexdecies|septdecies|octodecies|novodecies|vicies)\b|[A-Z]\b|[a-z](?=[\s.:]|$)))?"
            r"(?!\s*[-–,/]\s*\d)(?P<sep>\s*[.:]\s*(?!\d)|\s+[-–]\s+|\s+|$)",
            re.I,
        )

    @cached_property
    def paragraph_pattern(self) -> "re.Pattern[str]":
        """``Paragraphe 1er.``, ``Lid 2.``: a numbered paragraph of an article."""
        words = _alternation(list(self.paragraph_words) or ["Paragraph"])
        return re.compile(rf"\s*(?:{words})\s+(?P<number>[0-9]{{1,3}})(?:er|re|e|ste|de|st|nd|rd|th)?\.?(?=\s)", re.I)

    @cached_property
    def division_pattern(self) -> "re.Pattern[str]":
        """``HOOFDSTUK II.``, ``Afdeling Vbis.``; group names are division ids."""
        parts = "|".join(f"(?P<{key}>{_alternation(list(words))})" for key, words in self.divisions.items() if words)
        first = _alternation([w for w in self.first_ordinals if not w[0].isdigit()] or ["premier"])
        ordinal = _alternation(list(self.ordinal_words) or ["first"])
        return re.compile(
            rf"\s*(?:(?:{parts})\s+(?P<number>[0-9]+|[IVXLC]+|{first}|{ordinal})(?P<suffix>[a-z]*)\b\.?"
            rf"|(?P<ordinal>{ordinal})\s+(?:{parts.replace('(?P<', '(?P<_')})\b\.?)", re.I
        )

    @cached_property
    def ordinal_values(self) -> dict[str, int]:
        """Lower-case ordinal word to its value: ``derde`` 3, ``premier`` 1."""
        table = {word.lower(): index for index, word in enumerate(self.ordinal_words, start=1)}
        for word in self.first_ordinals:
            table.setdefault(word.lower(), 1)
        return table


def register_language(data: dict) -> None:
    """Add or replace a language from a plugin's mapping (same keys as the TOML files)."""
    Language.from_mapping(data)  # validate now, fail loudly
    _EXTRA[data["code"]] = data
    get_language.cache_clear()
    language_data.cache_clear()


def available_languages() -> list[str]:
    codes = {path.stem for path in _DIR.glob("*.toml")} | set(_EXTRA)
    return sorted(codes)



@lru_cache(maxsize=None)
def language_data(code: str) -> dict:
    """A language's raw mapping (its TOML file, or what a plugin registered), read once.

    Rules that read tables of their own (the citation words) ask for it at every paragraph,
    and parsing the TOML file each time cost a quarter of a second per lint."""
    if code in _EXTRA:
        return _EXTRA[code]
    path = _DIR / f"{code}.toml"
    if not path.is_file():
        raise UnknownLanguage(
            f"no language data for {code!r} (available: {', '.join(available_languages())})"
        )
    with path.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=None)
def get_language(code: str) -> Language:
    return Language.from_mapping(language_data(code))
