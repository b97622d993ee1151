"""The numbers, dates and references written in a text, normalised so two languages compare.

``find_quantities(text, lang)`` returns every ``Quantity`` of a text: its span, what is
written, its normalised ``value`` (a string: ``"19000000000"``, ``"2020-07-24"``,
``"896/3"``, ``"7bis"``), its ``kind`` (``number``, ``percentage``, ``date``, ``reference``)
and whether it is ``weak`` (a word that is also something else: ``een``/``un`` is also the
article, ``in acht nemen``: it may cancel a number of the other version, it is never reported).

Equal values, whatever the language and the spelling:

* ``19 miljard`` = ``19 milliards`` = ``negentien miljard``; ``3 tot 5`` = ``3 à 5`` (each
  bound is a value); ``1.000,50`` = ``1 000,50`` = ``1000,50`` (and ``1,000.50`` in English);
* ``24 juli 2020`` = ``24 juillet 2020`` = ``24/07/2020`` (dates come from ``rules.dates``);
* ``1er`` = ``1ste`` = ``1``; ``25 %`` = ``25%`` = ``25 procent`` = ``25 pour cent``;
* ``drie`` = ``trois`` = ``three`` = ``3``, ``vijfentwintig`` = ``vingt-cinq`` = ``25``,
  ``honderdvijfentwintig duizend`` = ``cent vingt-cinq mille`` = ``125 000``; ``derde`` =
  ``troisième`` = ``3``.

References: a number after an article, paragraph, ``lid``/``alinéa`` or number word
(``artikel 5``, ``§ 2``, ``nr. 896/3``, ``n° 896/3``), a number with a slash (``896/2``), an
item number (``2°``), the numbers that continue such a list (``artikelen 5 tot 8``), a
date after a law word (``de wet van 18 juli 1966``) and the Belgian amendment reference
(``W 1999-05-04/60`` / ``L 1999-05-04/60``: value ``1999-05-04/60``, whatever the letter).

The words are data: ``rules/data/numbers-<lang>.toml``, read once, when first needed; a
language without such a file still has its digits, dates and references by symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from bilint.lang import UnknownLanguage, get_language

from .dates import find_dates
from .notations import day_months, extra_dates, metres, skipped_spans, times

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = ["Quantity", "NumberWords", "find_quantities", "number_words", "parse_number_word"]

_DATA = Path(__file__).parent / "data"
_LATIN = ("bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies|undecies|duodecies|"
          "terdecies|quaterdecies|quindecies|sexdecies|septdecies|octodecies|novodecies|vicies")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    written: str
    value: str
    kind: str            # number, percentage, date, reference
    weak: bool = False
    note: bool = False   # inside an amendment note, <W 1999-05-04/60, art. 5>
    alt: str = ""        # another reading of the same notation (``1.40`` in French: 1.4)


@dataclass(frozen=True)
class NumberWords:
    """One language's number data (see ``rules/data/numbers-nl.toml``)."""

    code: str
    decimal: str
    group: tuple[str, ...]
    joiners: tuple[str, ...]
    word_joiners: tuple[str, ...]
    percent: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    weak: frozenset[str]
    cardinals: dict
    ordinals: dict
    scales: dict
    references: dict
    weak_after: dict
    idioms: dict
    words_apart: bool = False   # a number's words are written apart ("vingt et un")
    date_day_suffixes: tuple[str, ...] = ()
    old_months: dict = None  # type: ignore[assignment]
    hour_words: tuple[str, ...] = ()
    ordinal_word_endings: tuple[str, ...] = ()
    date_day_joiners: tuple[str, ...] = ()
    editorial_notes: tuple[str, ...] = ()
    status_words: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, code: str, data: dict) -> "NumberWords":
        def low(words) -> tuple[str, ...]:
            return tuple(w.lower() for w in words)
        return cls(
            code=code, decimal=data.get("decimal", ","), group=tuple(data.get("group", [".", " "])),
            joiners=low(data.get("joiners", [])), word_joiners=low(data.get("word_joiners", [])),
            percent=low(data.get("percent", [])), ordinal_suffixes=low(data.get("ordinal_suffixes", [])),
            weak=frozenset(low(data.get("weak", []))),
            cardinals={k.lower(): v for k, v in data.get("cardinals", {}).items()},
            ordinals={k.lower(): v for k, v in data.get("ordinals", {}).items()},
            scales={k.lower(): v for k, v in data.get("scales", {}).items()},
            references={k: tuple(v) for k, v in data.get("references", {}).items()},
            weak_after={k.lower(): tuple(w.lower() for w in v) for k, v in data.get("weak_after", {}).items()},
            idioms={k.lower(): v for k, v in data.get("idioms", {}).items()},
            words_apart=bool(data.get("words_apart", bool(data.get("word_joiners")))),
            date_day_suffixes=low(data.get("date_day_suffixes", [])),
            ordinal_word_endings=low(data.get("ordinal_word_endings", [])),
            date_day_joiners=low(data.get("date_day_joiners", [])),
            old_months={k.lower(): v for k, v in data.get("old_months", {}).items()},
            hour_words=low(data.get("hour_words", [])),
            editorial_notes=low(data.get("editorial_notes", [])),
            status_words=low(data.get("status_words", [])),
        )


@lru_cache(maxsize=None)
def number_words(code: str) -> NumberWords:
    """The number data of a language, read on first use; empty for a language without a file."""
    path = _DATA / f"numbers-{code}.toml"
    data: dict = {}
    if path.is_file():
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    return NumberWords.from_mapping(code, data)


def _alt(words) -> str:
    escaped = [re.escape(w).replace(r"\ ", r"\s+") for w in words if w]
    return "|".join(sorted(set(escaped), key=len, reverse=True)) or r"(?!x)x"


# --- numbers written as words ------------------------------------------------------------

def _segment(word: str, atoms: dict, joiners: tuple[str, ...]) -> list[int] | None:
    """Split a word into number atoms (``vijfentwintig`` -> 5, 20), joiners between atoms only."""
    if word in atoms:
        return [atoms[word]]
    best: list[int] | None = None

    def walk(pos: int, found: list[int], after_atom: bool) -> bool:
        nonlocal best
        if pos == len(word):
            if after_atom:
                best = list(found)
                return True
            return False
        for atom in sorted((a for a in atoms if word.startswith(a, pos)), key=len, reverse=True):
            if walk(pos + len(atom), found + [atoms[atom]], True):
                return True
        if after_atom:
            for joiner in joiners:
                if word.startswith(joiner, pos) and walk(pos + len(joiner), found, False):
                    return True
        return False

    walk(0, [], False)
    return best


def _combine(parts: list[int]) -> int:
    """Values of atoms to one number: hundreds and scales multiply, the rest adds."""
    total, current = 0, 0
    for part in parts:
        if part >= 1000:
            total += max(current, 1) * part
            current = 0
        elif part == 100:
            current = max(current, 1) * 100 if current < 100 else current + 100
        else:
            current += part
    return total + current


def parse_number_word(words: str, code: str) -> int | None:
    """The value of a number written in words (``drieduizend``, ``cent vingt-cinq mille``)."""
    data = number_words(code)
    atoms = {key.replace("-", ""): value for key, value in {**data.cardinals, **data.scales}.items()}
    parts: list[int] = []
    lowered = words.lower()
    for key in data.cardinals:
        if "-" in key:   # quatre-vingt (or quatre vingt): one atom, 80, not 4 + 20
            lowered = lowered.replace(key, key.replace("-", "")).replace(key.replace("-", " "), key.replace("-", ""))
    for word in re.findall(r"[^\W\d_]+", lowered):
        if word in data.word_joiners and parts:
            continue
        if word in data.ordinals and (len(parts) == 0 or data.ordinals[word] < 10):
            parts.append(data.ordinals[word])   # "troisième", and the last word of "trente et unième"
            continue
        segment = _segment(word, atoms, data.joiners)
        if segment is None:
            return None
        parts.extend(segment)
    return _combine(parts) if parts else None


# --- the scanner -------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _patterns(code: str) -> dict:
    data = number_words(code)
    group = "".join(re.escape(g) for g in data.group if g != data.decimal)
    dec = re.escape(data.decimal)
    grouped = rf"\d{{1,3}}(?:[{group}]\d{{3}})+(?![{group}]?\d)(?:{dec}\d+)?" if group else r"(?!x)x"
    dotted = r"\d+(?:\.\d+)+" if data.decimal != "." else r"(?!x)x"
    number = re.compile(
        rf"(?<![\w])(?<!\d[.,])(?P<num>\d+(?:/\d+)+|{grouped}|\d+{dec}\d+|{dotted}|\d+)"
        rf"(?P<suffix>\s?(?i:{_LATIN})\b|[^\W\d_]{{1,4}}\b)?(?P<degree>°)?"
    )
    refs = data.references
    ref_words = _alt([*refs.get("article", ()), *refs.get("alinea", ()), *refs.get("number", ())])
    # "artikel 5", "§ 2", "subsection (1)", and a number's own subdivision: "65(3)", "26(1)"
    reference_before = re.compile(rf"(?:(?:(?<![\w])(?:{ref_words})\.?|§+|\bart\.|\bn°)\s*\(?|\d\()\s*$", re.I)
    list_words = _alt([*refs.get("list_words", ())])
    continues = re.compile(rf"\s*(?:[,\-–/]|(?:{list_words})\b)?\s*$", re.I)
    law_before = re.compile(rf"(?<![\w])(?:{_alt(refs.get('law', ()))})\b(?:\s+[^\W\d_]{{1,12}}\.?){{0,2}}\s*$")
    after = re.compile(rf"\s*(?P<percent>%|(?:{_alt(data.percent)})\b)|\s+(?P<scale>{_alt(data.scales)})\b", re.I)
    alinea_after = re.compile(rf"\s+(?:{_alt(refs.get('alinea', ()))})\b", re.I)
    word_atoms = [*data.cardinals, *data.scales, *data.ordinals]
    return {"number": number, "reference_before": reference_before, "continues": continues,
            "law_before": law_before, "after": after, "alinea_after": alinea_after,
            "has_words": bool(word_atoms)}


_AMENDMENT = re.compile(r"(?<![\w])[A-Z]{1,4}\s+(?P<date>\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})(?P<num>/\d+)?(?![\w-])")
_BAD_DATE = re.compile(r"(?<![\w/.,-])\d{1,2}([./-])\d{1,2}\1\d{4}(?![\w/]|[.,-]\d)")
_ROMAN_LABEL = re.compile(r"(?<![\w.])[IVXLC]+\.\d+(?:/\d+)?\b")
_WORD = re.compile(r"[^\W\d_]+")


def _canonical(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _digits_value(written: str, code: str) -> str:
    data = number_words(code)
    if "/" in written:
        return written
    text = written
    for g in data.group:
        if g != data.decimal:
            if re.fullmatch(rf"\d{{1,3}}(?:{re.escape(g)}\d{{3}})+(?:{re.escape(data.decimal)}\d+)?", text):
                text = text.replace(g, "")
    if data.decimal != ".":
        if text.count(".") >= 1 and data.decimal not in text:
            return written    # 1.2.3, 12.5 in a comma language: a label, compared as written
        text = text.replace(data.decimal, ".")
    try:
        return _canonical(Decimal(text))
    except InvalidOperation:
        return written


def _other_reading(written: str, code: str) -> str:
    """The value of a number written in another language's notation: ``1.40`` (a decimal
    point in a comma language), ``1,40`` in English, ``1,000`` grouped with a comma."""
    decimal = number_words(code).decimal
    other = "." if decimal == "," else ","
    if re.fullmatch(rf"\d+{re.escape(other)}\d+", written):
        try:
            return _canonical(Decimal(written.replace(",", ".")))
        except InvalidOperation:
            return ""
    return ""


def _scaled(value: str, scale: int) -> str:
    try:
        return _canonical(Decimal(value) * scale)
    except InvalidOperation:
        return value


def find_quantities(text: str, code: str) -> list[Quantity]:
    """Every number, date and reference of ``text`` (language ``code``), in order."""
    data = number_words(code)
    patterns = _patterns(code)
    taken = bytearray(len(text))
    found: list[Quantity] = []

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(q: Quantity) -> None:
        taken[q.start:q.end] = b"\x01" * (q.end - q.start)
        found.append(q)

    for start, end in skipped_spans(text, code):   # editorial notes, image and link targets
        if text.rfind("<", 0, start) > text.rfind(">", 0, start):
            continue   # inside an amendment note: its values are read as the note's (see _mark_notes)
        taken[start:end] = b"\x01" * (end - start)
    for match in _AMENDMENT.finditer(text):
        day = match.group("date")
        iso = day if day[4] == "-" else f"{day[6:]}-{day[3:5]}-{day[:2]}"
        take(Quantity(match.start(), match.end(), match.group(0), iso + (match.group("num") or ""), "reference"))
    try:
        language = get_language(code)
    except UnknownLanguage:
        language = None
    if language is not None:
        for mention in find_dates(text, language):
            if not free(mention.start, mention.end):
                continue
            is_law = bool(patterns["law_before"].search(text, 0, mention.start))
            take(Quantity(mention.start, mention.end, mention.written, mention.date.isoformat(),
                          "reference" if is_law else "date"))
    for start, end, iso in extra_dates(text, code):   # "4de Juni 1945", "premier juillet 1967"
        if free(start, end):
            is_law = bool(patterns["law_before"].search(text, 0, start))
            take(Quantity(start, end, text[start:end], iso, "reference" if is_law else "date"))
    for start, end, value in day_months(text, code):   # "5 Novembre dernier": a date without its year
        if free(start, end):   # its day alone is its other reading ("22 Août" quoted in a Dutch text)
            take(Quantity(start, end, text[start:end], value, "date", alt=str(int(value[-2:]))))
    for start, end, value in metres(text):   # "2 m. 10" / "2.10 M."
        if free(start, end):
            take(Quantity(start, end, text[start:end], value, "number"))
    for start, end, value in times(text, code):   # "14 h 28" / "14.28 uur"
        if free(start, end):
            take(Quantity(start, end, text[start:end], value, "number"))
    for match in _BAD_DATE.finditer(text):   # 29-02-2014: no date, but one value, not three numbers
        if free(match.start(), match.end()):
            take(Quantity(match.start(), match.end(), match.group(0), match.group(0), "date"))
    for match in _ROMAN_LABEL.finditer(text):
        if free(match.start(), match.end()):
            take(Quantity(match.start(), match.end(), match.group(0), match.group(0), "reference"))

    for idiom, value in data.idioms.items():
        for match in re.finditer(rf"(?<![\w]){_alt([idiom])}(?![\w])", text, re.I):
            if free(match.start(), match.end()):
                literal = re.match(r"\d+", match.group(0))
                take(Quantity(match.start(), match.end(), match.group(0), str(value), "number",
                              alt=literal.group(0) if literal else str(parse_number_word(match.group(0), code) or "")))
    for match in patterns["number"].finditer(text):
        start, end = match.start(), match.end()
        if not free(start, end):
            continue
        written_number = match.group("num")
        value = _digits_value(written_number, code)
        suffix = (match.group("suffix") or "").strip().lower()
        kind = "number"
        if suffix and suffix not in data.ordinal_suffixes:
            if re.fullmatch(_LATIN, suffix):
                value += suffix
            elif not re.fullmatch(r"[a-z]", suffix):
                end = match.start("suffix")   # a unit or a word glued on: the number alone
        if match.group("degree"):
            kind = "reference"
        extra = patterns["after"].match(text, end)
        if extra and not match.group("degree"):
            if extra.group("percent"):
                kind = "percentage"
            else:
                value = _scaled(value, data.scales[re.sub(r"\s+", " ", extra.group("scale").lower())])
            end = extra.end()
        if "/" in written_number or patterns["reference_before"].search(text, 0, start):
            kind = "reference"
        take(Quantity(start, end, text[start:end], value, kind, alt=_other_reading(written_number, code)))

    if patterns["has_words"]:
        for quantity in _word_numbers(text, code, free):
            take(quantity)

    found.sort(key=lambda q: q.start)
    _expand_year_ranges(text, found)
    _continue_references(text, found, patterns["continues"])
    return _mark_notes(text, found)


_NOTE = re.compile(r"<[^<>]*>")
_SEQUENCE = re.compile(r"0\d{2}")


def _mark_notes(text: str, found: list[Quantity]) -> list[Quantity]:
    """Mark what an amendment note holds; drop the consolidation's own sequence numbers.

    Justel's notes end ``art. 5, 024``: ``024`` numbers the consolidation's versions, is
    given in one language's notes and not the other's, and is not part of the law.
    """
    # a note runs from its "<" (or its amendment reference, when the "<" is lost) to its
    # ">" (or the end of the text, when that is lost)
    starts = sorted({m.start() for m in re.finditer("<", text)} | {m.start() for m in _AMENDMENT.finditer(text)})
    notes = []
    for start in starts:
        close = text.find(">", start)
        notes.append((start - 1, close if close >= 0 else len(text) + 1))
    notes.extend(_orphan_notes(text))
    if not notes:
        return found
    marked = []
    for q in found:
        inside = any(start < q.start and q.end <= end for start, end in notes)
        if inside and q.kind in ("number", "reference") and _SEQUENCE.fullmatch(q.written):
            continue
        if re.fullmatch(r"\(\d+\)\s*<", text[q.start - 1:q.end + 2].rstrip()[:q.end - q.start + 3]):
            continue   # "(2)<W …>": the number of a note, not a value
        marked.append(replace(q, note=inside))
    return marked


_SENTENCE_END = re.compile(r"(?<!\bart)(?<!\bArt)(?<!\.)\.+\s")
_NOTE_SIGNATURE = re.compile(r"\d{2}-\d{2}-\d{4}|\bart\.\s*\d|\d,\s*0\d\d\b")


def _orphan_notes(text: str) -> list[tuple[int, int]]:
    """Notes whose ``<`` the source lost (``…bereikt.. 21, 018; Inwerkingtreding :
    11-08-1996>``, ``…2001>-03-1987, art. 97>``): a ``>`` with no ``<`` since the previous
    ``>`` closes a note that starts there or at the sentence's end, when it reads as one."""
    found = []
    previous = -1
    for close in (m.start() for m in re.finditer(">", text)):
        segment_start = previous + 1
        previous = close
        if "<" in text[segment_start:close]:
            continue
        ends = [m.end() for m in _SENTENCE_END.finditer(text, segment_start, close)]
        start = ends[-1] if ends else segment_start
        if _NOTE_SIGNATURE.search(text, start, close):
            found.append((start - 1, close))
    return found


def _expand_year_ranges(text: str, found: list[Quantity]) -> None:
    """``1949-50`` is ``1949-1950``: the second year takes the century of the first."""
    for index in range(1, len(found)):
        before, current = found[index - 1], found[index]
        if (re.fullmatch(r"1[5-9]\d\d|20\d\d", before.written) and re.fullmatch(r"\d\d", current.written)
                and text[before.end:current.start] in ("-", "–", "/")):
            value = str(int(before.written[:2] + current.written))
            if int(value) > int(before.written):
                found[index] = Quantity(current.start, current.end, current.written, value, current.kind)


def _continue_references(text: str, found: list[Quantity], continues: "re.Pattern[str]") -> None:
    """``artikelen 5, 6 en 8``, ``art. 215-221``: the numbers of a reference list are references."""
    for index in range(1, len(found)):
        before, current = found[index - 1], found[index]
        if (before.kind == "reference" and current.kind == "number" and not current.weak
                and continues.fullmatch(text, before.end, current.start)):
            found[index] = replace(current, kind="reference")


def _word_numbers(text: str, code: str, free) -> list[Quantity]:
    data = number_words(code)
    patterns = _patterns(code)
    atoms = {**data.cardinals, **data.scales}
    number_like_words = _number_like_words(data)
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    runs: list[list[tuple[int, int, str]]] = []
    for index, (start, end, word) in enumerate(words):
        if not free(start, end):
            continue
        number_like = number_like_words.get(word)
        if number_like is None:
            number_like = word in data.ordinals or _segment(word, atoms, data.joiners) is not None
            if len(number_like_words) >= _NUMBER_LIKE_WORDS:
                number_like_words.clear()
            number_like_words[word] = number_like
        joiner = word in data.word_joiners
        if number_like:
            previous = runs[-1][-1] if runs else None
            gap = text[previous[1]:start] if previous else ""
            # Dutch writes a number as one word ("vijfentwintig") and sets apart its scales only
            # ("honderd duizend"); French and English (with word joiners) write separate words
            # older Dutch sets apart "negentien honderd drie en twintig" too
            hundreds = [w for w, v in data.cardinals.items() if v == 100]
            joined = (data.words_apart or word in data.scales or word in hundreds
                      or bool(previous and any(previous[2].endswith(scale) for scale in (*data.scales, *hundreds))))
            # a unit ordinal may close a compound: "trente et unième", "vingt-deuxième", "thirty-first"
            closes = word in data.ordinals and data.ordinals[word] < 10 and previous is not None \
                and previous[2] not in data.ordinals and (previous[2] in data.word_joiners or gap == "-")
            if previous and joined and re.fullmatch(r"[\s\-]+", gap) and previous[2] not in data.ordinals \
                    and (word not in data.ordinals or closes):
                runs[-1].append((start, end, word))
            elif previous and previous[2] in data.word_joiners and re.fullmatch(r"[\s\-]+", gap) \
                    and (word not in data.ordinals or closes):
                runs[-1].append((start, end, word))
            else:
                runs.append([(start, end, word)])
        elif joiner and runs and runs[-1][-1][1] == _last_end(words, index) and len(runs[-1]) >= 1 \
                and runs[-1][-1][2] not in data.ordinals:
            runs[-1].append((start, end, word))
    quantities = []
    for run in runs:
        while run and run[-1][2] in data.word_joiners:
            run.pop()
        if not run:
            continue
        start, end = run[0][0], run[-1][1]
        before = text[max(0, start - 12):start].lower()
        if re.search(r"\b(?:pour|per)\s+$", before):   # "vingt pour cent": cent is not a hundred
            continue
        written = text[start:end]
        value = parse_number_word(written, code)
        if value is None:
            continue
        weak = len(run) == 1 and run[0][2] in data.weak
        if len(run) == 1 and run[0][2] in data.weak_after:
            previous = re.search(r"([^\W\d_]+)\W*$", text[max(0, start - 20):start])
            weak = weak or bool(previous and previous.group(1).lower() in data.weak_after[run[0][2]])
        kind = "number"
        extra = patterns["after"].match(text, end)
        if extra and extra.group("percent"):
            kind, end = "percentage", extra.end()
        elif patterns["alinea_after"].match(text, end) and run[0][2] in data.ordinals:
            kind = "reference"
        quantities.append(Quantity(start, end, text[start:end], str(value), kind, weak))
    return quantities


# words whose number-likeness is remembered, a language: a law repeats its words, and
# segmenting each one against every number atom was most of BL401's time (the Criminal
# Code: 154,000 segmentations for a few thousand distinct words)
_NUMBER_LIKE_WORDS = 100_000
_NUMBER_LIKE: dict[int, tuple[NumberWords, dict[str, bool]]] = {}


def _number_like_words(data: NumberWords) -> dict[str, bool]:
    """The memo of ``word -> is a number word`` for one language's number data."""
    entry = _NUMBER_LIKE.get(id(data))
    if entry is None or entry[0] is not data:
        entry = _NUMBER_LIKE[id(data)] = (data, {})
    return entry[1]


def _last_end(words: list[tuple[int, int, str]], index: int) -> int:
    return words[index - 1][1] if index else -1
