"""Classify each block of one language version into a token for the structure grammar.

The tokens are the grammar's terminals: FORMULA (``De Assemblee,``), SECTION (``Gelet op:``),
DIVISION (``HOOFDSTUK II.``), ARTICLE (``Art. 7bis.``), ITEM (a labelled list item), PARA,
FOOTNOTE, and TITLE (what precedes the first structural token). The words come from the
language data, so the lexer knows no language of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .lang import Language
from .readers import Block

_ORDINAL_ENDINGS = frozenset({"er", "re", "e", "ème", "eme", "ste", "de", "st", "nd", "rd", "th"})
_MAX_ROMAN_LABEL = 39   # xxxix: beyond it a "roman numeral" at a block start is a word
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}

# A list label at the start of a block: 1.  1)  1°  a.  a)  a).  (a)  (1)  (iv)  i.  IV.  § 2  -  •
_LABEL = re.compile(
    r"\s*(?:"
    r"\((?P<paren>[0-9]{1,3}|[a-zA-Z]|[ivxlcdm]{2,7}|[IVXLCDM]{2,7})\)\.?"
    r"|(?P<num>[0-9]{1,3})(?P<numsuffix>bis|ter|quater)?(?P<nummark>\)\.|[.)°])(?![0-9])"
    r"|(?P<alpha>[a-zA-Z]|[ivxlcdm]{2,7}|[IVXLCDM]{2,7})(?P<alphamark>\)\.|[.)])"
    r"|(?P<para>§\s*[0-9]{1,3}(?:bis|ter|quater)?)\.?"
    r"|(?P<dash>[-–—•▪])"
    r")(?:[ \t]+|(?<=\))(?=[^\W\d_])|(?<=[0-9][.)])(?=[A-ZÀ-ÖØ-Þ])|(?<=[.)])(?=\*)|$)"
)


def roman_value(text: str) -> int | None:
    """Value of a canonical roman numeral (``iv`` 4, ``XII`` 12), None otherwise."""
    lower = text.lower()
    if not lower or any(char not in _ROMAN_VALUES for char in lower):
        return None
    total = 0
    for index, char in enumerate(lower):
        value = _ROMAN_VALUES[char]
        if index + 1 < len(lower) and _ROMAN_VALUES[lower[index + 1]] > value:
            total -= value
        else:
            total += value
    return total if to_roman(total) == lower else None


def to_roman(value: int) -> str:
    numerals = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for number, numeral in numerals:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


@dataclass(frozen=True)
class Label:
    """A list label as written and what it can mean."""

    text: str            # as written, e.g. "l." or "1)"
    start: int           # offsets in the block text
    end: int             # end of the label including the space after it
    kind: str            # decimal, alpha, roman, section-sign, dash
    mark: str            # ".", ")", ").", "°", "()", "" for dashes
    ordinal: int | None
    roman_ordinal: int | None = None   # a single letter that is also a roman numeral
    upper: bool = False

    def style(self, kind: str | None = None) -> str:
        kind = kind or self.kind
        case = "upper-" if self.upper and kind in ("alpha", "roman") else ("lower-" if kind in ("alpha", "roman") else "")
        if self.mark == "()":
            return f"({case}{kind})"
        return f"{case}{kind}{self.mark}"


def match_label(text: str) -> Label | None:
    match = _LABEL.match(text)
    if not match:
        return None
    matched = text[match.start():match.end()]
    written = matched.strip()
    start = match.start() + len(matched) - len(matched.lstrip())
    if match.group("paren") is not None:
        value = match.group("paren")
        return _letter_or_number(value, written, start, match.end(), "()")
    if match.group("num") is not None:
        return Label(written, start, match.end(), "decimal", match.group("nummark"), int(match.group("num")))
    if match.group("alpha") is not None:
        return _letter_or_number(match.group("alpha"), written, start, match.end(), match.group("alphamark"))
    if match.group("para") is not None:
        number = re.search(r"[0-9]+", match.group("para"))
        return Label(written, start, match.end(), "section-sign", "", int(number.group()) if number else None)
    return Label(written, start, match.end(), "dash", "", None)


def _letter_or_number(value: str, written: str, start: int, end: int, mark: str) -> Label | None:
    if value.isdigit():
        return Label(written, start, end, "decimal", mark, int(value))
    upper = value.isupper()
    if len(value) == 1:
        alpha = ord(value.lower()) - ord("a") + 1
        roman = roman_value(value)
        if roman is not None:
            # i, v, x, l, c, d, m: a letter in an alphabetic list, a numeral in a roman one
            return Label(written, start, end, "alpha", mark, alpha, roman_ordinal=roman, upper=upper)
        return Label(written, start, end, "alpha", mark, alpha, upper=upper)
    roman = roman_value(value)
    if roman is None or roman > _MAX_ROMAN_LABEL:
        return None   # "mix." is MIX (1009) but no list runs that long: a word, not a label
    return Label(written, start, end, "roman", mark, roman, upper=upper)


@dataclass
class Token:
    type: str                 # TITLE, FORMULA, SECTION, DIVISION, ARTICLE, ITEM, PARA, FOOTNOTE
    block: Block
    name: str = ""            # section id, division id
    label: Label | None = None
    heading_text: str = ""    # the article/division label as written
    number: str = ""          # article or division number, normalised
    ordinal: int | None = None
    suffix: str = ""
    body_start: int = 0       # where the body text starts in the block


def _division_numbered_in_roman(article: re.Match, language: Language) -> bool:
    """A word the language uses both for an article and for a division (English "Section":
    a Canadian act's numbered provision, a constitution's group of articles) numbered in
    roman numerals names the division; statutes number their sections in digits."""
    if not re.fullmatch(r"[IVXLC]+", article.group("number"), re.I):
        return False   # the usual case, decided without the division words
    word = article.group("word").rstrip(".").lower()
    return any(word == w.rstrip(".").lower() for words in language.divisions.values() for w in words)


_FOOTNOTE_DEF = re.compile(r"\s*\[\^[^\]]+\]:\s*")
_OPENING_CLEAN = re.compile(r"[\s*_#]+")


def classify(block: Block, language: Language) -> Token:
    """The token for one block, by the language's data and the generic label patterns."""
    text = block.text.text
    if block.kind == "footnote" or _FOOTNOTE_DEF.match(text):
        return Token("FOOTNOTE", block)
    section = language.section_pattern.match(text)
    if section:
        return Token("SECTION", block, name=section.lastgroup or "", body_start=len(text))
    if language.opening_pattern.match(text):
        return Token("FORMULA", block, body_start=len(text))
    if block.unit == "note":
        return Token("PARA", block)   # the markup says: a marginal note (``Section 126 of Criminal Code``)
    article = language.article_pattern.match(text)
    if not article and block.unit == "article" and block.number and text.startswith(block.number):
        # the markup numbers this provision (``<Section><Label>12</Label>``): no article word needed
        number = block.number
        ordinal = int(number) if number.isdigit() else None
        return Token("ARTICLE", block, heading_text=number, number=number.lower(), ordinal=ordinal,
                     body_start=len(number) + len(text[len(number):]) - len(text[len(number):].lstrip()))
    if not article:
        slashed = _slash_article_pattern(language).match(text)
        if slashed:
            number = f"{slashed.group('number')}{slashed.group('suffix')}/{slashed.group('sub')}".lower()
            return Token("ARTICLE", block, heading_text=text[:slashed.start("sep")].strip(), number=number,
                         ordinal=int(slashed.group("number")), suffix=number[len(slashed.group("number")):],
                         body_start=slashed.end())
    if article and not block.heading and not article.group("sep").strip() and article.end() < len(text):
        article = None   # "Artikel 389 is van toepassing …": prose that cites an article
    if article and _division_numbered_in_roman(article, language):
        article = None   # "SECTION I" of a text whose articles are "Article 61": a group of articles
    if article:
        number = article.group("number")
        ordinal = _article_ordinal(number, language)
        suffix = (article.group("suffix") or "").lower()   # "25 A" and "25a" are one article
        label_end = article.start("sep") if article.group("sep") else article.end()
        return Token("ARTICLE", block, heading_text=text[:label_end].strip(),
                     number=f"{ordinal if ordinal is not None else number.lower()}{suffix}",
                     ordinal=ordinal, suffix=suffix, body_start=article.end())
    division = language.division_pattern.match(text)
    if division:
        groups = division.groupdict()
        kind = next(key.lstrip("_") for key, value in groups.items()
                    if value and key not in ("number", "suffix", "ordinal"))
        number = division.group("number") or division.group("ordinal")
        value = _article_ordinal(number, language)
        suffix = (division.group("suffix") or "").lower()
        if suffix in _ORDINAL_ENDINGS:
            suffix = ""   # "CHAPITRE 1er", "2nd Part": an ordinal ending, not a bis/ter
        rest = text[division.end():]
        body = division.end() + len(rest) - len(rest.lstrip(" -–—."))
        return Token("DIVISION", block, name=kind, heading_text=text[:division.end()].strip(),
                     number=f"{value if value is not None else number.lower()}{suffix}",
                     ordinal=value, suffix=suffix, body_start=body)
    paragraph = language.paragraph_pattern.match(text)
    if paragraph:
        written = text[:paragraph.end()].strip()
        label = Label(written, len(text) - len(text.lstrip()), paragraph.end(), "paragraph", "",
                      int(paragraph.group("number")))
        return Token("ITEM", block, label=label, body_start=paragraph.end())
    label = match_label(text)
    if label is None:
        label = _label_after_amendment_mark(text)
    if label is not None and block.heading and label.kind == "dash":
        label = None   # "#### — BILLET DE PASSAGE.": a heading, not a list item
    if label is not None and (label.kind != "dash" or label.end < len(text)):
        return Token("ITEM", block, label=label, body_start=label.end)
    return Token("PARA", block)


# a consolidation's mark that an item was inserted or replaced, before the item's label:
# ``[¹ 41° …]¹`` (the superscript left out), ``(2° … ) <W 2005-07-20/41>`` (Justel's older style)
_AMENDMENT_OPEN = re.compile(r"\s*[\[(]\s*(?=[0-9]{1,3}°|§\s*[0-9])")


def _label_after_amendment_mark(text: str) -> Label | None:
    """The label of an item that opens with an amendment mark: the item is ``41°``."""
    mark = _AMENDMENT_OPEN.match(text)
    if mark is None:
        return None
    label = match_label(text[mark.end():])
    if label is None or label.kind not in ("decimal", "section-sign"):
        return None
    return replace(label, start=label.start + mark.end(), end=label.end + mark.end())


@lru_cache(maxsize=16)
def _slash_article_pattern(language: Language) -> "re.Pattern[str]":
    """An article numbered after another with a slash (``Art. 417/56.``, ``Art.
    433novies/1.``: Belgian law inserts articles so since 2012), as a heading: its number
    followed by a full stop, so that prose citing ``artikel 417/56 van`` is no heading."""
    words = "|".join(re.escape(word) for word in sorted(language.article_words, key=len, reverse=True))
    return re.compile(rf"\s*(?:{words})\.?\s*(?P<number>\d{{1,4}})(?P<suffix>[a-z]*)/(?P<sub>\d{{1,3}})"
                      r"(?P<sep>\s*\.\s*(?!\d))", re.I)


def _article_ordinal(number: str, language: Language) -> int | None:
    if number.isdigit():
        return int(number)
    value = language.ordinal_values.get(number.lower())
    return value if value is not None else roman_value(number)


def starts_unit(block: Block, language: Language) -> bool:
    """True when a block opens a new unit (not the continuation of a cut paragraph)."""
    if block.heading:
        return True
    return classify(block, language).type != "PARA"


# ``M. Benoît Piedboeuf``, ``M. le président``: the French title of a speaker, not item M.
_SPEAKER = re.compile(r"M\.\s+(?:[A-ZÀ-Þ][\w'’-]+|le\s|la\s)")


def _speaker_not_item(token: Token, previous_label: "Label | None") -> bool:
    """An ``M.`` item is a speaker unless it follows an ``L.`` item (a list that got that far)."""
    label = token.label
    if token.type != "ITEM" or label is None or label.text != "M.":
        return False
    if previous_label is not None and previous_label.text == "L.":
        return False
    return _SPEAKER.match(token.block.text.text, label.start) is not None


def tokenize(blocks: list[Block], language: Language) -> list[Token]:
    """Classify all blocks; what precedes the first structural token is the title block."""
    tokens = [classify(block, language) for block in blocks]
    previous: Label | None = None
    for token in tokens:
        if _speaker_not_item(token, previous):
            token.type, token.label, token.body_start = "PARA", None, 0
        elif token.type == "ITEM":
            previous = token.label
    structural = ("FORMULA", "SECTION", "ARTICLE", "DIVISION")
    first = next((index for index, token in enumerate(tokens) if token.type in structural), None)
    if first is not None:
        for token in tokens[:first]:
            if token.type != "FOOTNOTE":
                token.type = "TITLE"
    return tokens
