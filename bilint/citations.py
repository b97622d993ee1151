"""Cross-references parsed into target paths: ``artikel 5, § 2, eerste lid, 1°``.

A reference is found where a level word of the language (``artikel``, ``alinéa``,
``subsection``) or an ordinal before one (``eerste lid``) is followed by a number. From
there a small contextual lexer classifies the words that follow, with the language's
``[citation]`` data, into the terminals of ``grammar/citation.lark``, and the LALR parser
takes the longest prefix that is a whole reference. The result is a ``Citation``: the
target path (article → paragraph → subparagraph → point → subpoint, each level a list of
numbers and ranges) and the external act, if one is named; every part keeps its span in
the text, so a rule can point at exactly the differing characters.

Nothing here knows a language: a language is its ``[citation]`` table. The grammar is
compiled on first use only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

LEVELS = ("article", "paragraph", "subparagraph", "point", "subpoint", "clause")

_LATIN = ("bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies|undecies|duodecies|"
          "terdecies|quaterdecies|quindecies|sexdecies|septdecies|octodecies|novodecies|vicies")
_ORDINAL_ENDING = "(?:ère|ème|eme|sten|ste|den|er|re|de|st|nd|rd|th|e)"
_VALUE_TYPES = ("NUM", "SUB", "DEGREE", "LETTER", "ORD")


@dataclass(frozen=True)
class Part:
    """A piece of the text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Value:
    """One number of a level, or a range of them (``3 à 7``): normalised ``low``/``high``."""

    part: Part
    low: str
    high: str | None = None
    high_part: Part | None = None   # the written end of a range

    def written(self) -> str:
        return self.part.text

    def key(self) -> tuple[str, str | None]:
        return (self.low, self.high)


@dataclass(frozen=True)
class Step:
    """One level of the path: the levels its word may mean, and its values."""

    levels: frozenset[str]
    values: tuple[Value, ...]
    word: Part | None = None      # the level word as written ("lid", "§"), None for a bare 1°

    @property
    def part(self) -> Part:
        parts = [self.word] if self.word else []
        parts += [v.part for v in self.values]
        start, end = min(p.start for p in parts), max(p.end for p in parts)
        return Part("", start, end)

    def numbers(self) -> tuple[tuple[str, str | None], ...]:
        return tuple(v.key() for v in self.values)


@dataclass(frozen=True)
class Act:
    """The act a reference points into: the text itself (``this``) or another one."""

    part: Part
    kind: str | None = None       # law, treaty, code… (the language data's id)
    kind_part: Part | None = None
    this: bool = False
    date: str | None = None       # ISO date or a year
    date_part: Part | None = None
    number: str | None = None
    number_part: Part | None = None
    title: str | None = None


@dataclass(frozen=True)
class Citation:
    """A parsed reference: its path from the outermost level down, and its act."""

    part: Part
    steps: tuple[Step, ...]
    act: Act | None = None
    internal_word: Part | None = None      # "hiervoor", "ci-dessus"
    claim: Step | None = None              # "subsection 2(1)": the word names the deepest level
    tokens: tuple = field(default=(), repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.part.start

    @property
    def end(self) -> int:
        return self.part.end

    def parts(self) -> Iterator[Part]:
        """Every parsed part, for round-trip checks."""
        yield self.part
        for step in self.steps:
            if step.word is not None:
                yield step.word
            for value in step.values:
                yield value.part
        if self.act is not None:
            yield self.act.part
            for extra in (self.act.kind_part, self.act.date_part, self.act.number_part):
                if extra is not None:
                    yield extra
        if self.internal_word is not None:
            yield self.internal_word
        for step in self.steps:
            for value in step.values:
                if value.high_part is not None:
                    yield value.high_part

    def describe(self) -> str:
        return self.part.text


# --- the language data --------------------------------------------------------------------

def _alt(words) -> str:
    escaped = [re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in words]
    return "|".join(sorted(escaped, key=len, reverse=True)) or "(?!x)x"


@dataclass(frozen=True)
class Lexicon:
    """One language's citation words, compiled into the lexer's patterns."""

    code: str
    levels: dict
    ordinals: dict
    month_numbers: dict
    acts: dict
    patterns: dict


def _raw_language(code: str) -> dict:
    from .lang import language_data

    return language_data(code)   # unknown languages fail here, with the usual message


def has_citation_data(code: str) -> bool:
    return bool(_raw_language(code).get("citation"))


@lru_cache(maxsize=None)
def lexicon(code: str) -> Lexicon:
    """The compiled citation data of a language (once per process)."""
    from .lang import get_language

    language = get_language(code)
    data = _raw_language(code).get("citation", {})
    levels: dict[str, tuple[frozenset, bool]] = {}
    for plural, table in ((False, data.get("levels", {})), (True, data.get("plural_levels", {}))):
        for word, names in table.items():
            unknown = [n for n in names if n not in LEVELS]
            if unknown:
                raise ValueError(f"language {code!r}: unknown citation level {unknown[0]!r} for {word!r}")
            levels[word.lower()] = (frozenset(names), plural)
    ambiguous = {w.lower() for w in data.get("ambiguous_ordinals", ())}
    ordinals = {k: str(v) for k, v in language.ordinal_values.items() if not k[:1].isdigit() and k not in ambiguous}
    acts = {word.lower(): kind for word, kind in data.get("acts", {}).items()}
    level_alt = _alt(levels)
    # "§" and "art." carry their own boundary; words need one on both sides
    level_re = rf"(?<![\w§])(?:{level_alt})(?![\w§])|(?<!\w)(?:{level_alt})(?=\s|\d)"
    act_alt = _alt(acts)
    if data.get("compound_acts"):
        act_re = rf"(?<![\w-])[^\W\d_]*(?i:{act_alt})(?!\w)"
    elif data.get("title_before"):
        act_re = (rf"(?<![\w'’.-])(?:[A-Z][\w'’-]*\s+(?:(?:of|to|and|on|for|in|the)\s+)*){{0,6}}"
                  rf"(?i:{act_alt})(?!\w)")
    else:
        act_re = rf"(?<![\w-])(?i:{act_alt})(?!\w)"
    if data.get("act_qualifiers"):
        # "van het boven aangehaald verdrag", "du susdit traité": the act named before
        act_re = rf"(?:(?<!\w)(?i:{_alt(data['act_qualifiers'])})\s+)?(?:{act_re})"
    month_numbers = {**language.month_numbers, **{k.lower(): int(v) for k, v in data.get("month_spellings", {}).items()}}
    months = _alt(month_numbers)
    ord_any = rf"{_alt(ordinals)}|\d+{_ORDINAL_ENDING}(?!\w)"
    joins = _alt([*data.get("list_words", ()), *data.get("range_words", ())])
    dets = _alt(data.get("determiners", ()))
    patterns = {
        "INDEFINITE": re.compile(rf"(?<!\w)(?:{_alt(data.get('indefinite_words', ()))})\s+$", re.I),
        "POSSESSIVE": re.compile(rf"(?<!\w)(?:{_alt(data.get('possessives', ()))})\s+(?:\w+\s+)?$", re.I),
        "ROMAN": re.compile(r"[IVXLC]+(?![\w°]|\.\d)"),
        "LEVEL": re.compile(level_re, re.I),
        "ORD": re.compile(rf"(?<!\w)(?:{_alt(ordinals)})(?!\w)", re.I),
        "ORDNUM": re.compile(rf"\d+{_ORDINAL_ENDING}(?=\s+(?:{level_alt})(?!\w))", re.I),
        "NUM": re.compile(rf"\d+(?:\.\d+)*(?:{_ORDINAL_ENDING}(?![^\W\d_]))?(?:\s?(?:{_LATIN})(?:decies)?(?!\w)|[a-z](?![\w)]))?"
                          r"(?:/\d+)?(?!(?![a-z]\))[\w°/]|\.\d|,\d\d\d)",
                          re.I),
        "DEGREE": re.compile(rf"\d+°(?:\s?(?:{_LATIN})(?!\w))?"),
        "LETTER": re.compile(rf"(?<![\w(])[a-z](?:{_LATIN})?\)"),
        "SUB": re.compile(r"\((?:\d+(?:\.\d+)?|[a-zA-Z]{1,2}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})\)"),
        "ATTACHED": re.compile(r"[a-z]\)"),
        "LIST": re.compile(rf",?\s*(?:{_alt(data.get('list_words', ()))})(?:\s+(?:{_alt(data.get('determiners', ()))}))?(?!\w)"
                           r"|,", re.I),
        "RANGE": re.compile(rf"(?:{_alt(data.get('range_words', ()))})(?:\s+(?:{dets})(?!\w))?(?!\w)"
                            r"|[-–—](?=\s?\(?\w)", re.I),
        "COMMA": re.compile(r","),
        "CONNECT": re.compile(rf"(?<!\w)(?:{_alt([c for c in data.get('connectors', ()) if c.endswith(chr(39))])})"
                              rf"|(?<!\w)(?:{_alt(data.get('connectors', ()))})(?!\w)",
                              re.I),
        "THIS": re.compile(rf"(?<!\w)(?:{_alt(data.get('this_words', ()))})(?!\w)", re.I),
        "ACT": re.compile(act_re),
        "DATE": re.compile(rf"(?P<day>\d{{1,2}})(?:{_ORDINAL_ENDING})?\s+(?P<month>{months})\.?\s+(?P<year>\d{{4}})(?!\d)"
                           rf"|(?P<month2>{months})\s+(?P<day2>\d{{1,2}}),?\s+(?P<year2>\d{{4}})(?!\d)"
                           r"|(?P<year3>1[5-9]\d\d|20\d\d)(?![\w/-])", re.I),
        "ACTNUM": re.compile(rf"(?<!\w)(?:{_alt(data.get('number_words', ()))})\s*(?P<number>\d+(?:[/.-]\d+)*)",
                             re.I),
        # "2012, c. 19, s. 221": a chapter of annual statutes just before a reference (another act)
        "CHAPTER": re.compile(rf"(?<![\w.])(?:{_alt(data.get('chapter_words', ()))})\s*[\w.-]+,?\s*$", re.I),
        "QUALIFIER": re.compile(rf"(?:{_alt(data.get('act_qualifiers', ()))})\s+", re.I),
        "INTERNAL": re.compile(rf"(?<!\w)(?:{_alt(data.get('internal_words', ()))})(?!\w)", re.I),
        "ANCHOR": re.compile(rf"{level_re}|(?<!\w)(?:{ord_any})(?=(?:\s*(?:,|{joins})(?:\s+(?:{dets}))?\s*(?:{ord_any}))*\s+(?:{level_alt})(?!\w))",
                             re.I),
    }
    return Lexicon(code, levels, ordinals, month_numbers, acts, patterns)


# --- the lexer ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tok:
    type: str
    start: int
    end: int
    text: str
    value: object = None


_SPACE = re.compile(r"[ \t\u00a0\u202f]*(?:\n[ \t\u00a0\u202f]*)?")


def _match(lex: Lexicon, kind: str, text: str, pos: int):
    return lex.patterns[kind].match(text, pos)


def _item_at(lex: Lexicon, text: str, pos: int, attached: bool) -> Tok | None:
    """A value token at ``pos``: NUM, SUB, DEGREE, LETTER or ORD (digit ordinals before a level)."""
    if attached:
        m = _match(lex, "SUB", text, pos) or _match(lex, "ATTACHED", text, pos)
        return Tok("SUB", pos, m.end(), m.group()) if m else None
    for kind in ("ORDNUM", "DEGREE", "NUM", "SUB", "LETTER", "ORD"):
        m = _match(lex, kind, text, pos)
        if m and m.end() > pos:
            return Tok("ORD" if kind == "ORDNUM" else kind, pos, m.end(), m.group())
    return None


def _class(tok: Tok) -> str:
    """Values of one class follow each other in a list or range: ``3, 5 en 7``, ``1° à 3°``."""
    return "SUB" if tok.type == "LETTER" else tok.type


def _skip(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()


def tokenize(text: str, start: int, lex: Lexicon, limit: int = 60, splits: frozenset[int] = frozenset()) -> list[Tok]:
    """Tokens of a reference from ``start`` on, as far as they look like one; ``splits``: the
    positions where a number ends before an emphasised letter (``lid 2*a*``)."""
    tokens: list[Tok] = []
    pos = start
    last_item: Tok | None = None      # the last value token (for LIST/RANGE: same class follows)
    in_act = False
    # the level word is plural, names articles; the list has had its "en"
    state: dict = {"plural": False, "top": False, "joined": False, "head": None}
    while len(tokens) < limit and pos < len(text):
        prev = tokens[-1] if tokens else None
        # attached compact parts: "12(3)(a)", "12(3)a)"
        if prev is not None and prev.type in ("NUM", "SUB") and prev.end == pos:
            tok = _item_at(lex, text, pos, attached=True)
            if tok is not None and prev.type == "NUM" and re.fullmatch(r"\([A-Z]\)", tok.text):
                break     # "s. 225(E)": a consolidation's language mark, not a clause
            if tok is None and prev.type == "NUM" and pos in splits and re.match(r"[a-z](?![\w])", text[pos:pos + 2]):
                tok = Tok("SUB", pos, pos + 1, text[pos])   # "lid 2*a*": an emphasised point letter
            if tok is not None:
                tokens.append(tok)
                last_item, pos = tok, tok.end
                continue
        here = _skip(text, pos)
        if here >= len(text):
            break
        closed = prev is not None and prev.type == "LEVEL" and len(tokens) > 1 and tokens[-2].type == "ORD"
        tok = _next(lex, text, here, prev, last_item, in_act, closed, state)
        if tok is None:
            break
        if tok.type == "NUM":
            cut = next((p for p in sorted(splits) if tok.start < p < tok.end), None)
            if cut is not None:
                tok = Tok("NUM", tok.start, cut, text[tok.start:cut])
        if tok.type == "LEVEL":
            levels, state["plural"] = lex.levels.get(re.sub(r"\s+", " ", tok.text.lower()), (frozenset(), False))
            state["top"] = "article" in levels
            state["joined"] = False
        elif tok.type in ("STEP", "OF"):
            state["joined"] = False
        elif tok.type == "LIST" and tok.text.strip(", "):
            state["joined"] = True
        if tok.type in _VALUE_TYPES:
            last_item = state["head"] = tok
        if tok.type == "CONNECT":
            in_act = True
        tokens.append(tok)
        pos = tok.end
    return tokens


def _next(lex: Lexicon, text: str, pos: int, prev: Tok | None, last_item: Tok | None, in_act: bool,
          closed: bool = False, state: dict | None = None) -> Tok | None:
    """The next token after ``prev``; ``closed``: ``prev`` ends an ordinal step (``eerste lid``)."""
    level = _match(lex, "LEVEL", text, pos)
    if prev is None:
        if level:
            return Tok("LEVEL", pos, level.end(), level.group())
        tok = _item_at(lex, text, pos, attached=False)
        return tok if tok is not None and tok.type == "ORD" else None
    after_value = prev.type in _VALUE_TYPES or closed
    if in_act:
        return _act_token(lex, text, pos, prev)
    if prev.type == "LEVEL" and not closed and pos == prev.end and prev.text[-1:].isalpha():
        return None     # "letter(s)", "article5": a word, not a reference
    if prev.type in ("LEVEL", "LIST", "RANGE", "STEP", "OF") and not closed:
        roman = _match(lex, "ROMAN", text, pos)
        if roman and prev.type == "LEVEL" and _is_top(lex, prev_level_match(lex, prev)):
            return Tok("NUM", pos, roman.end(), roman.group())     # "Article XII", "artikel I"
        if prev.type in ("STEP", "OF") and level:
            return Tok("LEVEL", pos, level.end(), level.group())
        if prev.type == "LEVEL" and _names_points(lex, prev):
            letter = _BARE_LETTER.match(text, pos)
            if letter:
                return Tok("LETTER", pos, letter.end(), letter.group())    # "letter a", "punt b"
        tok = _item_at(lex, text, pos, attached=False)
        if tok is None and prev.type in ("LIST", "RANGE") and last_item is not None \
                and _match(lex, "ROMAN", text, last_item.start):
            roman = _match(lex, "ROMAN", text, pos)
            return Tok("NUM", pos, roman.end(), roman.group()) if roman else None
        if tok is not None and prev.type in ("LIST", "RANGE") and last_item is not None:
            head = (state or {}).get("head") or last_item
            if _class(tok) not in (_class(last_item), _class(head)) and not (tok.type == "SUB" and last_item.type == "SUB"):
                return None
        return tok
    if after_value:
        if prev.type == "ORD" and level:
            return Tok("LEVEL", pos, level.end(), level.group())
        if (level and not closed and not _is_top(lex, level)) or (_match(lex, "ORD", text, pos) and _level_follows(lex, text, _match(lex, "ORD", text, pos).end())) \
                or _match(lex, "ORDNUM", text, pos):
            return Tok("STEP", pos, pos, "")          # "artikel 5 lid 2": no comma between the levels
        state = state or {"plural": True, "top": True, "joined": False}
        for kind in ("RANGE", "LIST"):
            m = _match(lex, kind, text, pos)
            if m and m.end() > pos:
                if kind == "LIST" and state["joined"] and not m.group().strip(", "):
                    continue    # "alinéas 2 et 3, 372": the list ended with its "et"
                nxt = _item_at(lex, text, _skip(text, m.end()), attached=False)
                if nxt is None and last_item is not None and _match(lex, "ROMAN", text, last_item.start):
                    roman = _match(lex, "ROMAN", text, _skip(text, m.end()))
                    nxt = Tok("NUM", roman.start(), roman.end(), roman.group()) if roman else None
                    if nxt is not None and m.end() > pos:
                        return Tok(kind, pos, m.end(), m.group())     # "artikelen CVIII tot en met CXVII"
                if nxt is not None and nxt.type == "NUM" and not state["top"] and _too_deep(nxt.text):
                    continue    # "alinéa 1er, 402", "alinéas 2 et 3, 372": no article has 372 paragraphs
                head = (state.get("head") or prev) if prev.type in _VALUE_TYPES else prev
                if nxt is not None and (_class(nxt) == _class(prev) or _class(nxt) == _class(head)
                                        or (nxt.type == "SUB" and last_item.type == "SUB")):
                    return Tok(kind, pos, m.end(), m.group())     # "alinéas 1, 2a) et 3": the head's class
        comma = _match(lex, "COMMA", text, pos)
        if comma:
            after = _skip(text, comma.end())
            if "\n" in text[comma.end():after]:
                return None      # "under subsection (3),⏎(a) if …": the next line is a list item
            # "section 2(1), paragraph 3(a)": after a compact number a level word starts anew
            next_level = _match(lex, "LEVEL", text, after)
            if next_level and (_is_top(lex, next_level) or _COMPACT_AHEAD.match(text, next_level.end())):
                return None          # "artikel 5, artikel 7": a second reference, not a deeper level
            if next_level and not (last_item is not None and last_item.type == "SUB"):
                return Tok("STEP", pos, comma.end(), ",")
            nxt = _item_at(lex, text, after, attached=False)
            if nxt is not None and nxt.type in ("ORD", "DEGREE", "LETTER", "SUB") and _class(nxt) != _class(prev):
                if nxt.type != "ORD" or _ordinals_then_level(lex, text, nxt.start):
                    return Tok("STEP", pos, comma.end(), ",")
            # ", van de wet": the comma before the act
            connect = _match(lex, "CONNECT", text, after)
            if connect and _act_follows(lex, text, connect.end()):
                return Tok("CONNECT", after, connect.end(), connect.group())
        connect = _match(lex, "CONNECT", text, pos)
        if connect:
            after = _skip(text, connect.end())
            if _match(lex, "LEVEL", text, after) or _ordinals_then_level(lex, text, after):
                return Tok("OF", pos, connect.end(), connect.group())
            if _act_follows(lex, text, connect.end()):
                return Tok("CONNECT", pos, connect.end(), connect.group())
        internal = _match(lex, "INTERNAL", text, pos)
        if internal:
            return Tok("INTERNAL", pos, internal.end(), internal.group())
        return None
    return None


_PLACE = re.compile(r"\s+(?:['’]s[ -]|[Ll]a |[Ll]e )?[A-Z][\w'’-]{1,30}(?: [A-Z][\w'’-]{1,30})?,?\s+")
_COMPACT_AHEAD = re.compile(r"\s*\d[\w.]*\(")   # "subsection 534(3)": a whole reference of its own


_BARE_LETTER = re.compile(r"[a-z](?![\w'’)])")


def _names_points(lex: Lexicon, tok: Tok) -> bool:
    """A singular level word for points only (``letter``, ``punt``, ``lettre``)."""
    levels, plural = lex.levels.get(re.sub(r"\s+", " ", tok.text.lower()), (frozenset(), True))
    return not plural and bool(levels) and levels <= {"point", "subpoint"}


def prev_level_match(lex: Lexicon, tok: Tok):
    return lex.patterns["LEVEL"].match(tok.text)


def _too_deep(number: str) -> bool:
    digits = re.match(r"\d+", number)
    return bool(digits) and int(digits.group()) > 99


def _is_top(lex: Lexicon, level_match) -> bool:
    levels = lex.levels.get(re.sub(r"\s+", " ", level_match.group().lower()), (frozenset(), False))[0]
    return "article" in levels


def _ordinals_then_level(lex: Lexicon, text: str, pos: int) -> bool:
    """``eerste lid``, ``tweede en derde lid``, ``2de lid`` start at ``pos``."""
    if not (_match(lex, "ORD", text, pos) or _match(lex, "ORDNUM", text, pos)):
        return False
    return _level_follows(lex, text, _last_ordinal_end(lex, text, pos))


def _last_ordinal_end(lex: Lexicon, text: str, pos: int) -> int:
    m = _match(lex, "ORD", text, pos) or _match(lex, "ORDNUM", text, pos)
    end = m.end() if m else pos
    while m:
        joiner = _match(lex, "LIST", text, _skip(text, end)) or _match(lex, "RANGE", text, _skip(text, end))
        if not joiner:
            break
        after = _skip(text, joiner.end())
        m = _match(lex, "ORD", text, after) or _match(lex, "ORDNUM", text, after)
        if m:
            end = m.end()
    return end


def _level_follows(lex: Lexicon, text: str, pos: int) -> bool:
    return bool(_match(lex, "LEVEL", text, _skip(text, pos)))


def _act_follows(lex: Lexicon, text: str, pos: int) -> bool:
    here = _skip(text, pos)
    this = _match(lex, "THIS", text, here)
    if this:
        here = _skip(text, this.end())
    return bool(_match(lex, "ACT", text, here))


def _act_token(lex: Lexicon, text: str, pos: int, prev: Tok) -> Tok | None:
    if prev.type == "CONNECT" and prev.value:
        m = _match(lex, "DATE", text, pos)
        return Tok("DATE", pos, m.end(), m.group(), m) if m else None
    order = {"CONNECT": ("THIS", "ACT"), "THIS": ("ACT",), "ACT": ("CONNECT", "DATE", "ACTNUM", "INTERNAL"),
             "DATE": ("ACTNUM", "INTERNAL"), "ACTNUM": ("INTERNAL",)}
    for kind in order.get(prev.type, ()):
        if kind == "CONNECT" and prev.type == "ACT":
            m = _match(lex, "CONNECT", text, pos)
            if m and _match(lex, "DATE", text, _skip(text, m.end())):
                return Tok("CONNECT", pos, m.end(), m.group(), True)   # the act's date follows
            # "het verdrag van 's Gravenhage van 18 October 1907": a place between act and date
            place = _PLACE.match(text, m.end()) if m else None
            if place:
                again = _match(lex, "CONNECT", text, place.end())
                if again and _match(lex, "DATE", text, _skip(text, again.end())):
                    return Tok("CONNECT", pos, again.end(), text[pos:again.end()], True)
            continue
        m = _match(lex, kind, text, pos)
        if m and m.end() > pos:
            return Tok(kind, pos, m.end(), m.group(), m)
    return None


# --- the parser -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _parser():
    from lark import Lark
    from lark.lexer import Lexer

    class NoLexer(Lexer):
        """Tokens are fed one by one by ``_longest``."""

        def __init__(self, lexer_conf) -> None:  # noqa: D401 - Lark's interface
            pass

        def lex(self, *args):  # type: ignore[override]
            return iter(())

    grammar = (Path(__file__).parent / "grammar" / "citation.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=NoLexer, maybe_placeholders=False)


def _longest(tokens: list[Tok]):
    """The parse tree of the longest prefix of ``tokens`` that is a whole reference."""
    from lark.exceptions import UnexpectedInput
    from lark.lexer import Token as LarkToken

    interactive = _parser().parse_interactive("")
    best = None
    for index, tok in enumerate(tokens):
        try:
            interactive.feed_token(LarkToken(tok.type, str(index)))
        except UnexpectedInput:
            break
        if "$END" in interactive.choices():
            try:
                tree = interactive.copy().feed_eof()
            except UnexpectedInput:
                continue
            best = (index + 1, tree)
    return best


_LETTERS = re.compile(r"[^\W\d_]{1,12}")


def reading_marks(text: str, marks) -> tuple[frozenset[int], dict[int, str]]:
    """What a reader's removed markup says about the numbers of ``text``: the positions where
    a number ends before an emphasised letter (``lid 2*a*``: paragraph 2, point a) and the
    superscript letters removed right after a digit (``1<sup>er</sup>``, ``278<sup>bis</sup>``),
    by position. ``marks`` are ``bilint.model.Mark``-like (kind, start, end, value)."""
    splits: set[int] = set()
    inserts: dict[int, str] = {}
    for mark in marks:
        if not 0 < mark.start <= len(text) or not text[mark.start - 1].isdigit():
            continue
        if mark.kind == "emphasis" and mark.end - mark.start == 1 and text[mark.start].islower():
            splits.add(mark.start)
        elif mark.kind == "footnote-ref" and mark.start == mark.end and _LETTERS.fullmatch(mark.value or ""):
            inserts[mark.start] = mark.value
    return frozenset(splits), inserts


def find_citations(text: str, code: str, marks=()) -> list[Citation]:
    """Every reference in ``text`` (language ``code``), in order; ``marks``: the markup a
    reader removed from ``text``, which may belong to a number (see ``reading_marks``)."""
    if not has_citation_data(code):
        return []
    lex = lexicon(code)
    splits, inserts = reading_marks(text, marks) if marks else (frozenset(), {})
    found: list[Citation] = []
    pos = 0
    anchor = lex.patterns["ANCHOR"]
    while True:
        match = anchor.search(text, pos)
        if match is None:
            break
        citation = parse_at(text, match.start(), lex, splits, inserts)
        if citation is not None and _ordinal_first(citation) \
                and lex.patterns["INDEFINITE"].search(text, max(0, match.start() - 12), match.start()):
            citation = None     # "een derde lid der Commissie": a member, not a paragraph
        if citation is None:
            pos = match.end()
            continue
        found.append(citation)
        pos = citation.end
    return found


def _ordinal_first(citation: Citation) -> bool:
    """``derde lid``: the number before its level word."""
    first = citation.steps[-1] if citation.steps else None
    return first is not None and first.word is not None and bool(first.values) \
        and first.values[0].part.start < first.word.start


def parse_at(text: str, start: int, lex: Lexicon, splits: frozenset[int] = frozenset(),
             inserts: dict[int, str] | None = None) -> Citation | None:
    tokens = tokenize(text, start, lex, splits=splits)
    result = _longest(tokens) if tokens else None
    if result is None:
        return None
    count, tree = result
    return _Builder(text, tokens[:count], lex, inserts or {}).citation(tree)


def parse(text: str, code: str) -> Citation | None:
    """The reference that starts ``text`` (after spaces), or None."""
    lex = lexicon(code)
    start = _skip(text, 0)
    return parse_at(text, start, lex)


# --- tree to Citation -------------------------------------------------------------------------

_ROMAN = re.compile(r"[ivxlcdm]+")


def _normal_number(written: str, lex: Lexicon) -> str:
    if re.fullmatch(r"[IVXLC]+", written):
        from .lexer import roman_value

        value = roman_value(written)
        if value is not None:
            return str(value)
    text = re.sub(r"\s+", "", written.lower()).rstrip("°)").lstrip("(")
    text = text.replace("°", "")
    m = re.fullmatch(rf"(\d+(?:\.\d+)*)(?:{_ORDINAL_ENDING})?((?:{_LATIN})(?:decies)?|[a-z]?)(/\d+)?", text)
    if m:
        return f"{int(m.group(1)) if '.' not in m.group(1) else m.group(1)}{m.group(2)}{m.group(3) or ''}"
    if text in lex.ordinals:
        return lex.ordinals[text]
    return text


class _Builder:
    def __init__(self, text: str, tokens: list[Tok], lex: Lexicon, inserts: dict[int, str] | None = None) -> None:
        self.text = text
        self.tokens = tokens
        self.lex = lex
        self.inserts = inserts or {}
        self.outer_article = False     # an outer path names the article ("alinéa 2a) de l'article 22")

    def normal(self, tok: Tok) -> str:
        """The token's number, with the superscript letters a reader removed put back
        (``1<sup>e</sup>r`` is ``1er``, ``278<sup>bis</sup>`` is ``278bis``)."""
        written = tok.text
        for position in sorted((p for p in self.inserts if tok.start < p <= tok.end), reverse=True):
            offset = position - tok.start
            written = written[:offset] + self.inserts[position] + written[offset:]
        return _normal_number(written, self.lex)

    def tok(self, lark_token) -> Tok:
        return self.tokens[int(lark_token)]

    def part(self, start: int, end: int) -> Part:
        return Part(self.text[start:end], start, end)

    def citation(self, tree) -> Citation:
        citation = tree.children[0]
        paths, act, internal, claim = [], None, None, None
        path_trees = [child for child in citation.children if getattr(child, "data", None) == "path"]
        for child in citation.children:
            if getattr(child, "data", None) == "tail":
                act, internal = self.tail(child)
        for child in reversed(path_trees):   # "lid 2 van artikel 5": the outer path comes last
            path, path_claim = self.path(child)
            paths.insert(0, path)
            claim = path_claim or claim
        steps: list[Step] = []
        for path in reversed(paths):
            steps.extend(path)
        first, last = self.tokens[0], self.tokens[-1]
        return Citation(self.part(first.start, last.end), tuple(steps), act, internal, claim, tuple(self.tokens))

    def path(self, tree) -> tuple[list[Step], Step | None]:
        steps: list[Step] = []
        claim = None
        for child in tree.children:
            if not hasattr(child, "data"):
                continue     # STEP
            made, made_claim = self.step(child)
            for step in made:
                previous = steps[-1] if steps else None
                if previous is not None and previous.word is not None and step.word is not None \
                        and previous.word.text.lower() == step.word.text.lower() and "article" not in step.levels:
                    # "eerste lid, tweede lid": one level listed, not two levels
                    steps[-1] = Step(previous.levels, previous.values + step.values, previous.word)
                else:
                    steps.append(step)
                if "article" in step.levels:
                    self.outer_article = True
            claim = claim or made_claim
        return steps, claim

    def step(self, tree) -> tuple[list[Step], Step | None]:
        word = None
        levels: frozenset[str] = frozenset()
        values_tree = ords_tree = None
        for child in tree.children:
            if hasattr(child, "data"):
                if child.data == "values":
                    values_tree = child
                else:
                    ords_tree = child
            else:
                tok = self.tok(child)
                word = self.part(tok.start, tok.end)
                levels = self.lex.levels.get(re.sub(r"\s+", " ", tok.text.lower()), (frozenset(), False))[0]
        if ords_tree is not None:
            return [Step(levels, self.ords(ords_tree), word)], None
        items = self.values(values_tree)
        if self.outer_article and word is not None and "article" not in levels and any(c for _, c in items):
            return self.inner_steps(items, word, levels), None
        compact = [value for value in items if value[1]]
        if compact and not (compact[0] is items[0] and compact[0][0].part.text[:1].isdigit()):
            compact = []    # "1°, a) en b)": letters, not a compact number
        if not compact:
            values = tuple(v for v, _ in items)
            if tree.data == "bare":
                levels = self.bare_levels(values_tree)
            return [Step(levels, values, word)], None
        # "subsection 2(1)", "paragraph 12(3)(a) and (b)": the number's shape gives the levels,
        # the word names the deepest one (a claim compared across versions)
        return self.compact_steps(items, word, levels)

    def inner_steps(self, items, word: Part, levels: frozenset[str]) -> list[Step]:
        """``alinéa 2a) de l'article 22``, ``artikel 3, lid 2*a*``: the article is named apart,
        so the number is the word's level and the attached parts go deeper (point a)."""
        depths: list[list[Value]] = []
        for value, compact in items:
            if compact and compact[0][1].start == value.part.start:
                compact = compact[1:]     # "paragraphe (4)": the first part is the number itself
                head = self.part(value.part.start, compact[0][1].start) if compact else value.part
            else:
                head = self.part(value.part.start, compact[0][1].start) if compact else value.part
            parts = [(value.low, head)] + [(v, self.part(t.start, t.end)) for v, t in compact]
            for depth, (number, part) in enumerate(parts):
                if len(depths) <= depth:
                    depths.append([])
                if not any(v.low == number for v in depths[depth]):
                    depths[depth].append(Value(part, number))
        steps = [Step(levels, tuple(depths[0]), word)]
        for values in depths[1:]:
            steps.append(Step(frozenset({"point", "subpoint"}), tuple(values), None))
        return steps

    def bare_levels(self, values_tree) -> frozenset[str]:
        first = self.tok(values_tree.children[0].children[0].children[0])
        if first.type == "DEGREE":
            return frozenset({"point"})
        if first.type in ("LETTER", "SUB"):
            return frozenset({"point", "subpoint"})
        return frozenset()

    def ords(self, tree) -> tuple[Value, ...]:
        values: list[Value] = []
        children = tree.children
        index = 0
        while index < len(children):
            tok = self.tok(children[index])
            if tok.type == "RANGE" and values and index + 1 < len(children):
                high = self.tok(children[index + 1])
                low = values.pop()
                values.append(Value(self.part(low.part.start, high.end), low.low,
                                    self.normal(high), self.part(high.start, high.end)))
                index += 2
                continue
            if tok.type == "ORD":
                values.append(Value(self.part(tok.start, tok.end), self.normal(tok)))
            index += 1
        return tuple(values)

    def values(self, tree) -> list[tuple[Value, list[tuple[str, Tok]]]]:
        """Each value, with its compact parts (``12(3)(a)``: [("3", tok), ("a", tok)]) if any."""
        out = []
        for value_tree in tree.children:
            if not hasattr(value_tree, "data"):
                continue      # LIST
            items = [c for c in value_tree.children if hasattr(c, "data")]
            low_toks = [self.tok(t) for t in items[0].children]
            low, compact = self.item(items[0].data, low_toks)
            start, end = low_toks[0].start, low_toks[-1].end
            high = high_part = None
            if len(items) > 1:
                high_toks = [self.tok(t) for t in items[1].children]
                high, _ = self.item(items[1].data, high_toks)
                end = high_toks[-1].end
                high_part = self.part(high_toks[0].start, end)
            out.append((Value(self.part(start, end), low, high, high_part), compact))
        return out

    def item(self, kind: str, toks: list[Tok]) -> tuple[str, list]:
        if kind == "number":
            return self.normal(toks[0]), [(self.normal(t), t) for t in toks[1:]]
        if kind == "compact":
            parts = [(self.normal(t), t) for t in toks]
            return parts[0][0], parts
        return self.normal(toks[0]), []

    def compact_steps(self, items, word: Part | None, levels: frozenset[str]) -> tuple[list[Step], Step | None]:
        """Expand ``2(1)(a)`` into article 2 → paragraph 1 → point a; a list member written
        ``(b)`` continues the previous member's path at the level of its shape."""
        paths: list[list[tuple[str, Part, str]]] = []     # per list member: (level, part, value)
        for value, compact in items:
            relative = value.part.text.startswith("(") or not value.part.text[:1].isdigit()
            if not compact:
                compact = [(value.low, Tok("SUB", value.part.start, value.part.end, value.part.text))]
            if not relative:
                number_end = compact[0][1].start if compact else value.part.end
                path = [("article", self.part(value.part.start, number_end), value.low)]
                for v, t in compact:
                    path.append((self.shape(v, path), self.part(t.start, t.end), v))
            elif paths:
                previous = paths[-1]
                level = self.shape(compact[0][0], previous[:-1])
                keep = next((i for i, entry in enumerate(previous) if entry[0] == level), len(previous))
                path = list(previous[:keep])
                for v, t in compact:
                    path.append((self.shape(v, path), self.part(t.start, t.end), v))
            else:
                path = []
                for v, t in compact:
                    level = self.deepest(levels) if len(compact) == 1 else self.shape(v, path)
                    path.append((level, self.part(t.start, t.end), v))
            paths.append(path)
        # one step per depth; the members' values at that depth, once each
        steps: list[Step] = []
        for depth in range(max(len(p) for p in paths)):
            values: list[Value] = []
            level = next(p[depth][0] for p in paths if depth < len(p))
            for path in paths:
                if depth < len(path) and not any(v.low == path[depth][2] for v in values):
                    values.append(Value(path[depth][1], path[depth][2]))
            steps.append(Step(frozenset({level}), tuple(values), None))
        # an abbreviation ("s. 38(2)" in a Canadian amendment note) names no level: the notes
        # write "s." for any part of a section, where the French writes "par."
        claim = Step(levels, (), word) if word is not None and not word.text.endswith(".") else None
        return steps, claim

    def deepest(self, levels: frozenset[str]) -> str:
        ordered = [lvl for lvl in LEVELS if lvl in levels]
        return ordered[0] if ordered else "point"

    def shape(self, value: str, path) -> str:
        """The level a compact part's shape gives: ``(3)`` paragraph, ``(a)`` point, ``(ii)`` subpoint."""
        above = path[-1][0] if path else "article"
        if value[:1].isdigit():
            return "paragraph"
        if value.isupper():
            return "clause"
        if _ROMAN.fullmatch(value) and above == "point" and (len(value) > 1 or value in "iv"):
            return "subpoint"
        return "point"

    def tail(self, tree) -> tuple[Act | None, Part | None]:
        act, internal = None, None
        for child in tree.children:
            if hasattr(child, "data"):
                act = self.act(child)
            else:
                tok = self.tok(child)
                internal = self.part(tok.start, tok.end)
        return act, internal

    def act(self, tree) -> Act:
        toks = [self.tok(c) for c in tree.children]
        kind = kind_part = date = date_part = number = number_part = title = None
        this = False
        for tok in toks:
            if tok.type == "THIS":
                this = True
            elif tok.type == "ACT":
                qualifier = self.lex.patterns["QUALIFIER"].match(tok.text)
                words = tok.text[qualifier.end() if qualifier else 0:].split()
                last = words[-1].lower()
                kind = self.lex.acts.get(last) or next((k for w, k in sorted(self.lex.acts.items(), key=lambda i: -len(i[0]))
                                                       if last.endswith(w)), None)
                kind_part = self.part(tok.start, tok.end)
                if len(words) > 1 or last not in self.lex.acts:
                    title = " ".join(words)
            elif tok.type == "DATE":
                date = self.date(tok.value)
                date_part = self.part(tok.start, tok.end)
            elif tok.type == "ACTNUM":
                number = tok.value.group("number")
                number_part = self.part(tok.start, tok.end)
        return Act(self.part(toks[0].start, toks[-1].end), kind, kind_part, this, date, date_part,
                   number, number_part, title)

    def date(self, match) -> str:
        if match.group("year3"):
            return match.group("year3")
        day = match.group("day") or match.group("day2")
        month = (match.group("month") or match.group("month2")).lower().rstrip(".")
        year = match.group("year") or match.group("year2")
        number = self.lex.month_numbers.get(month)
        if number is None:
            return f"{year}-?-{int(day):02d}"
        return f"{year}-{number:02d}-{int(day):02d}"
