"""Counterpart rules: an aligned provision and its counterpart that do not say the same thing.

Each rule reads ``bitext.pairs`` (a provision and its aligned node in the other
language) and compares what must be equal across languages: the section formula, the
number of items, acronyms, addresses, footnote markers, the members of an enumeration,
the length, the emphasis. What has no counterpart at all is BL003's finding, not these.
"""

from __future__ import annotations

import math
import re
import statistics
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Node, Related, rule
from bilint.lang import get_language

from .glossary import TEXT_KINDS, find_term, fold, glossary_for


def _related(node: Node, what: str = "") -> tuple[Related, ...]:
    return (Related(node.whole(), what or f"the {node.lang} {node.describe()}", node.text[:160]),)


def _both(bitext: Bitext, kinds: tuple[str, ...] = TEXT_KINDS) -> Iterator[tuple[Node, Node]]:
    """Aligned pairs with both sides present, of kinds whose body is their own text."""
    for pair in bitext.pairs:
        if pair.left is not None and pair.right is not None and pair.left.kind in kinds \
                and pair.right.kind in kinds:
            yield pair.left, pair.right


# --- BL410 section formulas ----------------------------------------------------------------

def _formula(node: Node) -> str:
    text = node.text.strip()
    return text[:40] + ("…" if len(text) > 40 else "")


@rule("BL410", "formula-mismatch", "parity", "warning")
def formula_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Aligned sections whose formulas do not correspond.

    Why: the formulas of a resolution (``Gelet op`` / ``Vu``, ``Overwegende dat`` /
    ``Considérant que``) say what the items under them are: references, reasons, requests.
    A section aligned with a section of another kind means one version files its items
    under the wrong heading, or that a section was dropped and another took its place.
    Divisions (``Deel`` / ``Section``) are not compared: older translations name ranks
    freely, and the numbering rules see their order.

    Example:
        nl: ``Gelet op: 1. de aanbeveling …``
        fr: ``Considérant que: 1. la recommandation …`` → ``visa`` against ``considering``

    Options: none.
    """
    for left, right in _both(bitext, ("section",)):
        if not left.name or not right.name or left.name == right.name:
            continue
        yield Finding(right.locate_label() if right.label_range else right.locate(),
                      f"section formula '{_formula(right)}' ({right.name}) is aligned with "
                      f"'{_formula(left)}' ({left.name}) in the {left.lang} version",
                      related=_related(left))


# --- BL411 number of items -------------------------------------------------------------------

@rule("BL411", "item-count-mismatch", "parity", "warning")
def item_count_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Aligned provisions with a different number of list items, none of them paired.

    Why: when the items of two aligned lists pair up, an item left over is reported by
    BL003 (missing-counterpart) by name. When the two lists are labelled so differently
    that no item pairs (``1. 2. 3.`` against ``a) b)``), BL003 cannot say which item is
    missing; this rule still says that the counts differ.

    Example:
        nl: ``Vraagt de regeringen: 1. … 2. … 3. …``
        fr: ``Demande aux gouvernements: a) … b) …`` → 3 items against 2

    Options: none.
    """
    parents = [(bitext.documents[bitext.languages[0]].root, bitext.documents[bitext.languages[1]].root)]
    parents += [(p.left, p.right) for p in bitext.pairs if p.left is not None and p.right is not None]
    for left, right in parents:
        items = {n.lang: [c for c in n.children if c.kind == "item"] for n in (left, right)}
        a, b = items[left.lang], items[right.lang]
        if not a or not b or len(a) == len(b):
            continue
        if any(c.attrs.get("counterpart") is not None for c in a + b):
            continue   # some items pair: BL003 names the ones left over
        longer, shorter = (left, right) if len(a) > len(b) else (right, left)
        n_long, n_short = len(items[longer.lang]), len(items[shorter.lang])
        where = shorter.describe() if shorter.kind != "document" else "the text"
        yield Finding(items[shorter.lang][0].whole(),
                      f"{where} has {n_short} list items in {shorter.lang} and {n_long} in the "
                      f"{longer.lang} version; their labels do not pair, so the missing one cannot be named",
                      related=_related(items[longer.lang][0], f"the {longer.lang} list"))


# --- tokens that must be equal: acronyms, addresses, quoted titles, footnote markers ----------

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”‘’«»()]+[^\s<>\"“”‘’«»().,;:!?]")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")   # starts only where an address can
# two capitals at least; written so that a long run of capitals is read once
_ACRONYM = re.compile(r"(?<![\w])([A-Z][0-9]*[A-Z][A-Z0-9]*)(?![\w])")
_MAX_ACRONYM = 7   # letters: DISMARK; BELAGING or REISBILJET is a word set in capitals
_ROMAN = re.compile(r"[IVXLCDM]+")
_QUOTED = re.compile(r"“([^”\n]{3,300})”|‘([^’\n]{3,300})’|«\s?([^»\n]{3,300}?)\s?»|\"([^\"\n]{3,300})\"")


def _without_addresses(text: str) -> str:
    return _EMAIL.sub(lambda m: " " * len(m.group()), _URL.sub(lambda m: " " * len(m.group()), text))


@lru_cache(maxsize=8)
def _lexicon(lang: str):
    try:
        from .spellcheck import EmbeddedLexicon
        return EmbeddedLexicon(lang)
    except Exception:   # no word list for this language: every capital token may be an acronym
        return None


def _is_word(token: str, langs: tuple[str, ...]) -> bool:
    """``NOTE``, ``TITRE``, ``DE``, ``AL``: a common word set in capitals, not an acronym."""
    for lang in langs:
        lexicon = _lexicon(lang)
        if lexicon is not None and lexicon.zipf(token.lower()) >= (2.5 if len(token) >= 4 else 3.5):
            return True
    return False


# a digit followed by a letter inside a token: a code (the postal code ``K1A 0S5``, a form
# number), not an acronym; an acronym with a number attached keeps its digits at the end
# (``ABC12``, ``KB148``)
_CODE_SHAPE = re.compile(r"\d[A-Za-z]")


def _acronyms(node: Node, langs: tuple[str, ...], known: frozenset[str] = frozenset()) -> dict[str, int]:
    """Acronyms of a node: upper-case tokens of 2+ letters that stand among lower-case words.

    A token next to another capitalised word (``LA PEINE DE TRAVAIL``, a heading set in
    capitals) is not one; nor is a Roman numeral, a code with a digit inside (``K1A``), or
    a common word in capitals, unless the glossary lists it (``known``: ``EU`` is also the
    French word ``eu``).
    """
    text = _without_addresses(node.text)
    tokens = list(re.finditer(r"[^\W_]+", text))
    found: dict[str, int] = {}
    for index, match in enumerate(tokens):
        token = match.group()
        if not _ACRONYM.fullmatch(token) or _ROMAN.fullmatch(token) or _CODE_SHAPE.search(token) \
                or sum(c.isalpha() for c in token) > _MAX_ACRONYM:
            continue
        neighbours = tokens[max(0, index - 1):index] + tokens[index + 1:index + 2]
        if any(n.group().isupper() and sum(c.isalpha() for c in n.group()) >= 2
               and not _ROMAN.fullmatch(n.group()) for n in neighbours):
            continue
        if token not in known and _is_word(token, langs):
            continue
        found.setdefault(token, match.start())
    return found


def _unpaired_neighbours(node: Node) -> str:
    """The text of the node's neighbours that have no counterpart: a paragraph the other
    version cut elsewhere holds there part of what this pair compares."""
    parent = node.parent
    if parent is None:
        return ""
    siblings = parent.children
    index = next((i for i, child in enumerate(siblings) if child is node), None)
    if index is None:
        return ""
    return " ".join(n.text for n in siblings[max(0, index - 1):index] + siblings[index + 1:index + 2]
                    if n.attrs.get("counterpart") is None)


def _listed(names: list[str]) -> str:
    return ", ".join(names)


@rule("BL412", "acronym-mismatch", "parity", "info", glossary=[])
def acronym_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """An acronym in one version that the aligned provision does not carry.

    Why: acronyms are often the same in both languages (``DISMARK``, ``EURIEC``), and
    often not (``NAVO`` / ``OTAN``, ``EU`` / ``UE``, ``NRW`` / ``RNW``). Pairs known to be
    equivalent come from the glossary and are silent; any other difference is worth a
    look: either the two are equivalent (add them to a project glossary) or one version
    names another body. A provision is reported only when each version has an acronym the
    other lacks (an acronym against a name spelt out is a translator's choice), and it is
    information, not an error. One finding a pair of provisions, at the first version's
    acronym, names each version's unmatched acronyms, with the other version's first one
    as the related location. Words in capitals (headings, names of signatories, tokens
    longer than seven letters) and codes with a digit inside (the postal code ``K1A
    0S5``) are not acronyms; an acronym the other version writes in a neighbouring
    paragraph that has no counterpart (a paragraph cut elsewhere) is not missing. The same
    acronyms are reported once a document, where they first differ: one glossary entry
    settles all their occurrences.

    Example:
        nl: ``de samenwerking met Duitsland (NRW)``
        fr: ``la coopération avec l'Allemagne (RNW)`` → NRW and RNW, no glossary entry

    Options:
        glossary ([]): extra glossary files whose acronym pairs are equivalent.
    """
    equivalent = glossary_for(bitext, options).acronym_pairs()
    known = frozenset(a for pair in equivalent for a in pair)
    seen: set[tuple] = set()
    for left, right in _both(bitext):
        acronyms = {n.lang: _acronyms(n, bitext.languages, known) for n in (left, right)}
        lonely: dict[str, list[str]] = {}
        for node, other in ((left, right), (right, left)):
            around = other.text + " " + _unpaired_neighbours(other)
            lonely[node.lang] = [a for a in acronyms[node.lang]
                                 if a not in acronyms[other.lang]
                                 and not re.search(rf"(?<![\w]){re.escape(a)}(?![\w])", around, re.I)
                                 and not any(_equivalent(a, b, equivalent) for b in acronyms[other.lang])]
        if not lonely[left.lang] or not lonely[right.lang]:
            continue   # one side spells the name out, or names a person in capitals: no pair to compare
        key = (tuple(sorted(lonely[left.lang])), tuple(sorted(lonely[right.lang])))
        if key in seen:
            continue   # the same acronyms again: one finding a document (add the pair once)
        seen.add(key)
        mine, theirs = lonely[left.lang], lonely[right.lang]
        start = acronyms[left.lang][mine[0]]
        other_start = acronyms[right.lang][theirs[0]]
        several = len(mine) > 1
        message = (f"acronym{'s' if several else ''} {_listed(mine)} {'do' if several else 'does'} not appear in "
                   f"the {right.lang} version of this {left.kind}, which has {_listed(theirs)}; if they are "
                   f"equivalent, add the pair{'s' if several or len(theirs) > 1 else ''} to a glossary")
        related = Related(right.locate(other_start, other_start + len(theirs[0])),
                          f"the {right.lang} {right.describe()}: {_listed(theirs)}", right.text[:160])
        yield Finding(left.locate(start, start + len(mine[0])), message, related=(related,))


def _host(address: str) -> str:
    """``www.benelux.int`` of a URL, ``benelux.int`` of an e-mail address."""
    address = address.lower()
    if "@" in address and "/" not in address:
        return address.rsplit("@", 1)[1]
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", address).split("/", 1)[0]


def _equivalent(a: str, b: str, pairs: set[frozenset[str]]) -> bool:
    """``KB148`` and ``AR148``: the glossary's ``KB``/``AR`` with the same number attached."""
    if frozenset((a, b)) in pairs:
        return True
    ma, mb = re.fullmatch(r"([A-Z]+)(\d*)", a), re.fullmatch(r"([A-Z]+)(\d*)", b)
    return bool(ma and mb and ma.group(2) == mb.group(2) and frozenset((ma.group(1), mb.group(1))) in pairs)


def _quotations(text: str) -> list[tuple[str, int, int]]:
    """Quoted passages of three words or more: titles, not a quoted term."""
    out = []
    for match in _QUOTED.finditer(text):
        group = next(i for i in range(1, 5) if match.group(i) is not None)
        quote = match.group(group)
        if len(_WORD.findall(quote)) >= 3:
            out.append((quote.strip(), match.start(group), match.end(group)))
    return out


@rule("BL413", "verbatim-mismatch", "parity", "warning", similarity=0.8)
def verbatim_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A web address, e-mail address or quoted title that the aligned provision gives differently.

    Why: addresses are copied, not translated: a URL or e-mail address present in one
    version only, or written differently, sends one language's readers elsewhere. A title
    quoted in its original language (a Dutch study quoted in the French text) is copied
    too: when both versions quote nearly the same title, the difference is a slip.
    Translated quotations (``‘drugs on demand’`` / ``‘drogues à la demande’``) are not
    compared.

    Example:
        nl: ``zie https://www.benelux.int/nl/aanbevelingen``
        fr: ``voir https://www.benelux.org/recommandations`` → another site (the same site
        under another path, ``/nl/`` and ``/fr/``, is silent)
        nl: ``het rapport “Grenzeloos samenwerken”`` / fr: ``le rapport “Grenzelos samenwerken”``

    Options:
        similarity (0.8): how alike (0 to 1, difflib's ratio) two quoted titles must be to
            be taken as the same title copied with a slip.
    """
    threshold = float(options.get("similarity", 0.8))
    for left, right in _both(bitext):
        for node, other in ((left, right), (right, left)):
            for pattern, what in ((_URL, "web address"), (_EMAIL, "e-mail address")):
                theirs = {m.group().rstrip("/").lower() for m in pattern.finditer(other.text)}
                for match in pattern.finditer(node.text):
                    if match.group().rstrip("/").lower() in theirs:
                        continue
                    if _host(match.group()) in {_host(t) for t in theirs}:
                        continue   # the same site in the other language (``/nl/`` and ``/fr/``)
                    alt = f" (it has {', '.join(sorted(theirs))})" if theirs else ""
                    yield Finding(node.locate(match.start(), match.end()),
                                  f"{what} {match.group()} is not in the {other.lang} version of this "
                                  f"{node.kind}{alt}", related=_related(other))
        quotes = {n.lang: _quotations(n.text) for n in (left, right)}
        theirs = {q[0] for q in quotes[right.lang]}
        for quote, start, end in quotes[left.lang]:
            if quote in theirs:
                continue
            best = max(quotes[right.lang], key=lambda q: SequenceMatcher(None, quote, q[0]).ratio(), default=None)
            if best is None or best[0] in {q[0] for q in quotes[left.lang]}:
                continue
            if SequenceMatcher(None, quote, best[0]).ratio() >= threshold:
                for node, other, (s, e), mine, theirs_q in ((left, right, (start, end), quote, best[0]),
                                                            (right, left, (best[1], best[2]), best[0], quote)):
                    yield Finding(node.locate(s, e),
                                  f"quoted title “{mine}” is written “{theirs_q}” in the {other.lang} version",
                                  related=_related(other))


_NOTE_MARKER = re.compile(r"\(?\d{1,3}\)?|[*†‡§¶]{1,3}")


@rule("BL414", "footnote-ref-mismatch", "parity", "warning", opt_in=True)
def footnote_ref_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A footnote marker in one version that the aligned provision does not carry.

    Why: a footnote qualifies the provision that calls it; a marker present in one
    version only leaves the other language's readers without the note, or ties it to the
    wrong provision.

    Example:
        nl: ``het begrip ondermijning¹ …``
        fr: ``la notion d'« ondermijning » …`` → note 1 is called in nl only

    A superscript that is not a note marker (``1<sup>er</sup>``, ``2<sup>e</sup>``) is not
    compared: markers are numbers or symbols (``*``, ``†``). A marker the other version
    calls elsewhere in the same article (or, outside articles, the same aligned block: a
    table laid out otherwise) is not missing.

    Opt-in (``--extend-select BL414``): on the labelled dev corpus its few findings were
    all wrong (forms whose two versions number their notes in different series), below the
    80 % precision a default rule must reach.

    Options: none.
    """
    for left, right in _both(bitext):
        refs = {n.lang: [m for m in n.marks if m.kind == "footnote-ref"] for n in (left, right)}
        for node, other in ((left, right), (right, left)):
            theirs = {m.value for m in refs[other.lang]}
            if any(m.value not in theirs for m in refs[node.lang]):
                theirs |= _block_markers(node)   # a table or provision divided otherwise
            reported: set[str] = set()
            for mark in refs[node.lang]:
                if mark.value in theirs or mark.value in reported or not _NOTE_MARKER.fullmatch(mark.value):
                    continue
                if _not_a_note_call(node.text, mark):
                    continue
                reported.add(mark.value)
                yield Finding(node.locate(mark.start, mark.end),
                              f"footnote marker {mark.value or '?'} has no counterpart in the "
                              f"{other.lang} version of this {node.kind}", related=_related(other))


def _block_markers(node: Node) -> set[str]:
    """The footnote markers of the other version's block that holds ``node``'s counterpart:
    the article, or outside articles the highest aligned ancestor (a table laid out
    otherwise calls its notes from other cells)."""
    block, current = node, node.parent
    while current is not None and current.kind not in ("document", "title"):
        if current.attrs.get("counterpart") is not None:
            block = current
            if current.kind == "article":
                break
        current = current.parent
    other = block.attrs.get("counterpart")
    if other is None:
        return set()
    return {m.value for n in other.walk() for m in n.marks if m.kind == "footnote-ref"}


def _not_a_note_call(text: str, mark) -> bool:
    """A superscript that calls no note of the text: a consolidation's amendment number
    beside its ``[`` … ``]`` (Justel), the numerator of a fraction (``³⁸³/₁₁₆``), a
    table's column call (``⁸)`` inside a table row)."""
    before = text[max(0, mark.start - 2):mark.start]
    after = text[mark.end:mark.end + 2]
    if "[" in before or "]" in before or after.startswith("/"):
        return True
    line_start = text.rfind("\n", 0, mark.start) + 1
    line_end = text.find("\n", mark.end)
    return "|" in text[line_start:line_end if line_end >= 0 else len(text)]


# --- BL415 enumerations ----------------------------------------------------------------------

_SEGMENT_END = re.compile(r";|[.!?](?=\s|$)|:")
_WORD = re.compile(r"[^\W\d_][\w'’/-]*")


class _Enumeration:
    def __init__(self, members: list[tuple[int, int]], text: str) -> None:
        self.members = members              # (start, end) in the node's text
        self.words = [text[s:e].strip() for s, e in members]

    @property
    def span(self) -> tuple[int, int]:
        return self.members[0][0], self.members[-1][1]


def _conjunctions(lang: str) -> list[str]:
    language = get_language(lang)
    ranges = {w.lower() for w in language.range_words}
    return [w for w in language.conjunctions if w.lower() not in ranges]


def _split_top(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated parts of text[start:end], commas inside brackets ignored."""
    parts, depth, begin = [], 0, start
    for index in range(start, end):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == "," and not depth:
            parts.append((begin, index))
            begin = index + 1
    parts.append((begin, end))
    return parts


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# a hyphen, a space, then a word: a compound cut at a line end (``Waals- Brabant`` in a PDF),
# one word; before a short word it is a suspended compound (``land- en tuinbouw``)
_CUT_COMPOUND = re.compile(r"(?<=[^\W\d_])-\s+(?=[^\W\d_]{4})")


def _n_words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) - len(_CUT_COMPOUND.findall(text, start, end))


# a conjunction between two numbers (``de artikelen 135 en 136``) joins them inside one
# member; it does not close the list
_BETWEEN_NUMBERS = (re.compile(r"\d\s*$"), re.compile(r"\s*\d"))


def _list_conjunction(conj_re, text: str, start: int, end: int):
    """The first conjunction of text[start:end] that is not between two numbers."""
    position = start
    while True:
        match = conj_re.search(text, position, end)
        if match is None or not (_BETWEEN_NUMBERS[0].search(text, start, match.start())
                                 and _BETWEEN_NUMBERS[1].match(text, match.end())):
            return match
        position = match.end()


def enumerations(text: str, lang: str, max_words: int = 4) -> list[_Enumeration]:
    """Runs of 3+ comma-separated members: ``a, b en c``, ``a, b, c, etc.``, ``: a, b, c;``."""
    conj = _conjunctions(lang)
    conj_re = re.compile(r"(?<![\w/])(?:" + "|".join(
        rf"{re.escape(c)}/\w+|{re.escape(c)}" for c in sorted(conj, key=len, reverse=True)) + r")(?![\w/])", re.I) \
        if conj else None
    found: list[_Enumeration] = []
    position = 0
    # keeps offsets: 'etc.' does not end a segment
    text_etc = re.sub(r"\b(etc|enz|usw)\.", lambda m: m.group(1) + "_", text)
    while position <= len(text):
        match = _SEGMENT_END.search(text_etc, position)
        end = match.start() if match else len(text)
        after_colon = position > 0 and text[position - 1] == ":"
        found.extend(_run(text, position, end, after_colon, conj_re, max_words))
        if not match:
            break
        position = match.end()
    return found


_ETC = ("etc.", "etc", "enz.", "enz", "e.a.", "…", "usw.", "usw", "&c.", "e.d.", "e.d")


def _run(text: str, start: int, end: int, after_colon: bool, conj_re, max_words: int) -> list[_Enumeration]:
    parts = [_trim(text, s, e) for s, e in _split_top(text, start, end)]
    out: list[_Enumeration] = []
    index = 0
    while index < len(parts) - 1:
        members: list[tuple[int, int]] = []
        head_s, head_e = parts[index]
        from_clause = _n_words(text, head_s, head_e) > max_words
        if from_clause:
            # a long head: its last words are the first member (``… zowel A, B en C``)
            if after_colon and index == 0:
                index += 1
                continue
            words = list(_WORD.finditer(text, head_s, head_e))
            head_s = words[-1].start() if words else head_s
        members.append((head_s, head_e))
        closed = False
        j = index + 1
        while j < len(parts):
            s, e = parts[j]
            piece = text[s:e]
            if piece.lower() in _ETC:
                closed = True
                break
            conj = _list_conjunction(conj_re, text, s, e) if conj_re else None
            if conj is not None:
                before = _trim(text, s, conj.start())
                after = _trim(text, conj.end(), e)
                if before[1] > before[0] and _n_words(text, *before) > max_words:
                    break
                if before[1] > before[0]:
                    members.append(before)
                words = list(_WORD.finditer(text, after[0], after[1]))[:max_words]
                if words:
                    members.append((after[0], words[-1].end()))
                closed = True
                break
            if _n_words(text, s, e) > max_words or _n_words(text, s, e) == 0:
                break
            members.append((s, e))
            j += 1
        else:
            closed = after_colon   # ``: a, b, c;`` ends with the segment
        # "etc." / "enz." closes a list; it is never one of its members ("Roi de Bohême etc., et …")
        members = [m for m in members if text[m[0]:m[1]].strip(" ,;").lower() not in _ETC]
        if from_clause and _clause_end(text, members):
            members = members[1:]
        if closed and len(members) >= 3:
            out.append(_Enumeration(members, text))
            index = j + 1
        else:
            index += 1
    return out


def _first_word(text: str, member: tuple[int, int]) -> str:
    match = _WORD.search(text, *member)
    return match.group().lower() if match else ""


def _clause_end(text: str, members: list[tuple[int, int]]) -> bool:
    """The first member, cut from the end of a clause, is not one when the members after it
    all open with one short word it lacks (``… cinq cents [euros], les officiers de
    réserve, les officiers pensionnés, les officiers et …``: an article opens each member)."""
    if len(members) < 4:
        return False
    middle = {_first_word(text, m) for m in members[1:-1]}
    if len(middle) != 1:
        return False
    word = middle.pop()
    return 0 < len(word) <= 4 and _first_word(text, members[0]) != word


def _content_words(member: str) -> list[str]:
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", member)]
    return [w for w in words if len(w) >= 4] or words


def _stem(word: str) -> str:
    for ending in ("en", "es", "s", "x"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _cognate(a: str, b: str, threshold: float = 0.75) -> bool:
    if len(a) < 4 or len(b) < 4 or a[0] != b[0]:
        return False
    a, b = _stem(a), _stem(b)
    return a == b or SequenceMatcher(None, a, b).ratio() >= threshold


def _members_match(a: str, lang_a: str, b: str, lang_b: str, translations: dict[str, set[str]]) -> bool:
    fa, fb = fold(a), fold(b)
    for term, wanted in translations.items():
        if find_term(fa, term, lang_a) and any(find_term(fb, w, lang_b, strict=False) for w in wanted):
            return True
    return any(_cognate(x, y) for x in _content_words(a) for y in _content_words(b))


def _match_members(a: _Enumeration, lang_a: str, b: _Enumeration, lang_b: str,
                   translations: dict[str, set[str]]) -> list[tuple[int, int]]:
    """The longest order-keeping chain of matching members (an LCS)."""
    n, m = len(a.words), len(b.words)
    ok = [[_members_match(a.words[i], lang_a, b.words[j], lang_b, translations) for j in range(m)]
          for i in range(n)]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if ok[i][j] else 0)
    chain, i, j = [], 0, 0
    while i < n and j < m:
        if ok[i][j] and best[i][j] == best[i + 1][j + 1] + 1:
            chain.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return chain


@rule("BL415", "enumeration-mismatch", "parity", "warning", max_words=4, min_matches=2, glossary=[])
def enumeration_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """An enumeration with fewer members than its counterpart in the aligned provision.

    Why: a list of actors, offences or goods written out in running text is not numbered,
    so no structural check sees a member dropped in translation; yet every member counts.
    bilint finds enumerations (three or more short comma-separated members, after a
    colon, or closed by ``en``/``et``/``and`` or ``etc.``), pairs each with the
    enumeration of the counterpart that shares members with it (same words, cognates such
    as ``justitie``/``justice``, or glossary pairs), and reports the shorter one with the
    member that has no counterpart. It reports only what it can name: a member missing
    between two members that match; when the matching cannot tell which member is
    missing, or the difference is at the list's edge (where running text makes the
    list's bounds uncertain), it stays silent.

    Example:
        nl: ``met alle actoren: rechters, advocaten, notarissen, griffiers, enz.``
        fr: ``avec tous les acteurs: juges, notaires, greffiers, etc.`` → ``advocaten`` is missing

    Options:
        max_words (4): the most words a member may have.
        min_matches (2): members that must match before two enumerations are compared.
        glossary ([]): extra glossary files used to match members.
    """
    max_words = int(options.get("max_words", 4))
    min_matches = int(options.get("min_matches", 2))
    glossary = glossary_for(bitext, options)
    tables = {lang: glossary.translations(lang) for lang in bitext.languages}
    for left, right in _both(bitext):
        found = {n.lang: enumerations(n.text, n.lang, max_words) for n in (left, right)}
        if not found[left.lang] or not found[right.lang]:
            continue
        used: set[int] = set()
        for a in found[left.lang]:
            candidates = []
            for index, b in enumerate(found[right.lang]):
                if index in used:
                    continue
                chain = _match_members(a, left.lang, b, right.lang, tables[left.lang])
                candidates.append((len(chain), index, b, chain))
            if not candidates:
                continue
            score, index, b, chain = max(candidates, key=lambda c: (c[0], -c[1]))
            if score < min_matches:
                continue
            used.add(index)
            if len(a.members) == len(b.members):
                continue
            finding = _enumeration_finding(left, a, right, b, chain)
            if finding is not None:
                yield finding


def _enumeration_finding(left: Node, a: _Enumeration, right: Node, b: _Enumeration,
                         chain: list[tuple[int, int]]) -> Finding | None:
    """The finding, when the members left over can be named and stand inside the list.

    The first member of an enumeration found in running text may be cut wrong (``… tot
    Europa, transport, …``: where does it start?), and the last may run on into the
    sentence; a difference there is the parser's, not the text's, so only a member
    missing between two others is reported.
    """
    if len(a.members) < len(b.members):
        short_node, short, long_node, long_, pairs = left, a, right, b, chain
        long_index = [j for _, j in chain]
    else:
        short_node, short, long_node, long_, pairs = right, b, left, a, chain
        long_index = [i for i, _ in chain]
    short_index = [i for i, _ in chain] if short is a else [j for _, j in chain]
    # unmatched members of the long list that face an empty gap in the short one
    missing: list[int] = []
    bounds = list(zip([-1] + short_index, [-1] + long_index)) + [(len(short.members), len(long_.members))]
    ambiguous = False
    for (s0, l0), (s1, l1) in zip(bounds, bounds[1:]):
        gap_short, gap_long = s1 - s0 - 1, l1 - l0 - 1
        if gap_long > gap_short:
            if gap_short == 0:
                missing.extend(range(l0 + 1, l1))
            else:
                ambiguous = True
    if ambiguous or not missing or len(missing) != len(long_.members) - len(short.members):
        return None
    if min(missing) == 0 or max(missing) == len(long_.members) - 1:
        return None
    s, e = short.span
    l_s, l_e = long_.span
    named = ": " + ", ".join(f"'{long_.words[i]}'" for i in missing) + \
            (" has" if len(missing) == 1 else " have") + " no counterpart here"
    message = (f"this enumeration has {len(short.members)} members in {short_node.lang} and "
               f"{len(long_.members)} in the {long_node.lang} version{named}")
    return Finding(short_node.locate(s, e), message,
                   related=(Related(long_node.locate(l_s, l_e), f"the {long_node.lang} enumeration",
                                    long_node.text[l_s:l_e]),))


# --- BL416 length outliers -------------------------------------------------------------------

# an editor's note in brackets, standing in for text given in the other version only
_EDITORIAL = re.compile(r"[\[(]\s*(?:zie|voir|see|red|nota|note|n\.d\.l\.r)\b[^\[\]()]{0,300}[\])]", re.I)
# a database's amendment note <W 2014-02-07/15, art. 7, …> with its call (1), and dot leaders
_NOT_PROSE = re.compile(r"(?:\(\d{1,3}\)\s*)?<[^<>]{0,600}>|(?:\.\s?){4,}|(?:…\s?)+")


def _prose(text: str) -> str:
    """The text whose length a translation sets: without notes and dot leaders."""
    return _NOT_PROSE.sub(" ", text).strip()


@rule("BL416", "length-outlier", "parity", "info", opt_in=True, threshold=6.0, min_gap=0.35, min_chars=150,
      min_pairs=12)
def length_outlier(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """An aligned pair whose lengths differ far more than the document's other pairs do.

    Why: translations keep a steady length ratio (French runs about 10 % longer than
    Dutch); a provision much shorter or longer than that ratio predicts has often lost or
    gained a phrase. The estimate is Gale and Church's: the ratio ``c`` and the variance
    ``s²`` are measured on the document's own pairs (robustly: median and median absolute
    deviation, so that the outliers do not hide themselves), and a pair is reported when
    ``(l₂ − c·l₁) / √(l₁·s²)`` is beyond the threshold. It is information: a long
    paraphrase can be correct. Tables (text with ``|`` cells) are not measured: their
    layout, not their translation, sets their length; nor are amendment notes
    (``<W 2014-02-07/15, art. 7>``), dot leaders, or a provision that holds an editor's note
    standing in for text (``[Zie de Franse tekst voor een opsomming van Staatshoofden]``).

    Example:
        nl: ``… met gevangenisstraf van een maand tot een jaar en met geldboete van zesentwintig
        euro tot honderd euro, of met een van die straffen alleen.``
        fr: ``… d'un emprisonnement d'un mois à un an.`` → much shorter than the ratio predicts

    Opt-in (``--extend-select BL416``): on the labelled dev corpus (850,355 words) none of its
    27 findings was a real error and 13 were noise (editions that break paragraphs
    differently, PDF records), below the 80 % precision a default rule must reach.

    Options:
        threshold (6.0): how many (robust) standard deviations away a pair must be.
        min_gap (0.35): how far, as a fraction, the shorter side must also fall below
            the length the ratio predicts (a long pair is many deviations away for a
            few words).
        min_chars (150): pairs shorter than this (on the shorter side) are not judged.
        min_pairs (12): pairs the document needs for its ratio to be estimated.
    """
    threshold = float(options.get("threshold", 6.0))
    min_gap = float(options.get("min_gap", 0.35))
    min_chars = int(options.get("min_chars", 150))
    min_pairs = int(options.get("min_pairs", 12))
    first = bitext.languages[0]
    measured = []
    for left, right in _both(bitext):
        a, b = (left, right) if left.lang == first else (right, left)
        if "|" in a.text or "|" in b.text:
            continue   # a table: laid out differently in the two versions, not translated prose
        if _EDITORIAL.search(a.text) or _EDITORIAL.search(b.text):
            continue   # "[Zie de Franse tekst voor …]": an editor's stand-in for text left out
        la, lb = len(_prose(a.text)), len(_prose(b.text))
        if la >= 40 and lb >= 40:
            measured.append((a, b, la, lb))
    if len(measured) < min_pairs:
        return
    ratio = statistics.median(lb / la for _, _, la, lb in measured)
    residuals = [(lb - ratio * la) / math.sqrt(la) for _, _, la, lb in measured]
    # at least one character per square root of characters: a document of equal
    # paragraphs has no spread, and a single added word must not be a deviation
    spread = max(1.0, 1.4826 * statistics.median(abs(r) for r in residuals))
    for (a, b, la, lb), residual in zip(measured, residuals):
        if min(la, lb) < min_chars:
            continue
        z = residual / spread
        expected = ratio * la
        gap = 1 - min(lb, expected) / max(lb, expected)
        if abs(z) < threshold or gap < min_gap:
            continue
        (short, short_len), (long_, long_len) = ((a, la), (b, lb)) if lb > ratio * la else ((b, lb), (a, la))
        yield Finding(short.whole(),
                      f"this {short.kind} is much shorter than its {long_.lang} counterpart "
                      f"({short_len} against {long_len} characters, {abs(z):.1f} deviations "
                      f"from the document's ratio {ratio:.2f}): a phrase may be missing here or added there",
                      related=_related(long_))


# --- BL417 emphasis ---------------------------------------------------------------------------

_KIND_NAME = {"emphasis": "italic", "strong": "bold"}


@rule("BL417", "emphasis-mismatch", "formatting", "warning", min_letters=4)
def emphasis_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Words emphasised in one version and written plain (or otherwise) in the other.

    Why: italics mark foreign terms, titles and defined terms; when the same words stand
    in both versions but only one sets them in italics, one version is wrong, and the
    difference shows in the published texts side by side.

    Example:
        nl: ``door te werken met *Joint Investigation Teams*``
        fr: ``en travaillant avec des Joint Investigation Teams`` → italic in nl only

    Words the other version wraps in stars written loosely (``*Garantie *relative``, markup
    a reader could not take as emphasis) are taken as emphasised there too.

    Options:
        min_letters (4): emphasised passages with fewer letters are not compared.
    """
    min_letters = int(options.get("min_letters", 4))
    for left, right in _both(bitext):
        for node, other in ((left, right), (right, left)):
            for mark in node.marks:
                if mark.kind not in _KIND_NAME or mark.end <= mark.start:
                    continue
                words = node.text[mark.start:mark.end].strip(" ,.;:()")
                if sum(c.isalpha() for c in words) < min_letters:
                    continue
                if node.text.strip(" ,.;:()") == words:
                    continue   # the whole node is emphasised: a heading's style, not a word's
                where = _occurrences(other.text, words)
                if not where:
                    continue
                kinds = [{m.kind for m in other.marks if m.start < e and s < m.end and m.kind in _KIND_NAME}
                         for s, e in where]
                if any(mark.kind in k for k in kinds):
                    continue
                if any(_loose_emphasis(other.text, s, e) for s, e in where):
                    continue   # "*Garantie *relative": meant as italic, written so a reader keeps the stars
                if node is right and any(k for k in kinds):
                    continue   # italic against bold: reported once, from the left
                elsewhere = next((k for k in kinds if k), set())
                style = _KIND_NAME[next(iter(elsewhere))] if elsewhere else "plain"
                s, e = where[0]
                yield Finding(other.locate(s, e),
                              f"'{words}' is {_KIND_NAME[mark.kind]} in the {node.lang} version, "
                              f"{style} here",
                              related=(Related(node.locate(mark.start, mark.end),
                                               f"{_KIND_NAME[mark.kind]} in the {node.lang} version", words),))


def _loose_emphasis(text: str, start: int, end: int) -> bool:
    """Stars or underscores around the words, a space inside them (``*Garantie *``): the
    markup of an emphasis a reader could not take as one, not plain text."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return before.rstrip(" ").endswith(("*", "_")) and after.lstrip(" ").startswith(("*", "_"))


def _occurrences(text: str, words: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words.split()) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


RULES = [formula_mismatch, item_count_mismatch, acronym_mismatch, verbatim_mismatch,
         footnote_ref_mismatch, enumeration_mismatch, length_outlier, emphasis_mismatch]
