"""Parity rules: the numbers, dates and references of aligned provisions must be the same.

Both versions of a bilingual text are authentic; a fine of 500 euros in one and 5 000 in
the other, or a reference to article 5 in one and article 6 in the other, is a
contradiction in the law. These rules read each pair of aligned provisions (items,
paragraphs, articles, footnotes, headings; the title block as a whole), normalise every
number, date and reference with ``rules.quantities`` and report a value written in one
version only, at its place, with the other version's text alongside.

No fix is offered: which version is right is not known.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Node, Related, rule

from .quantities import Quantity, find_quantities

_SKIPPED = ("document", "title")


@dataclass(frozen=True)
class _Leftover:
    node: Node
    quantity: Quantity
    counterpart: Node
    hint: str      # the other version's only leftover of the same family, if any


def _family(quantity: Quantity) -> str:
    return "reference" if quantity.kind == "reference" else "quantity"


def _inside(node: Node, kind: str) -> bool:
    """One of the node's ancestors is of ``kind``."""
    parent = node.parent
    while parent is not None:
        if parent.kind == kind:
            return True
        parent = parent.parent
    return False


def _in_title(node: Node) -> bool:
    return _inside(node, "title")


def _in_article(node: Node) -> bool:
    return _inside(node, "article")


def _is_law_id(quantity: Quantity) -> bool:
    """``W 1999-05-04/60``: the amending law of a note (its article and in-force date are the
    consolidation's annotations, which the two language services write differently)."""
    return quantity.kind == "reference" and quantity.written[:1].isupper() and "-" in quantity.value


def _compare_notes(left: Node, right: Node) -> list[_Leftover]:
    """The notes of two articles' whole subtrees, as two pools; each leftover at its node."""
    pools = []
    for node in (left, right):
        pools.append([(n, q) for n in node.walk() for q in _quantities(n) if q.note and _is_law_id(q)])
    found: list[_Leftover] = []
    if not pools[0] or not pools[1]:
        return found   # one consolidation annotates, the other does not: not the law's text
    for (mine, theirs), (node, other) in (((pools[0], pools[1]), (left, right)),
                                          ((pools[1], pools[0]), (right, left))):
        outs = _leftovers([q for _, q in mine], [q for _, q in theirs])
        owner = {id(q): n for n, q in mine}
        for q in outs:
            found.append(_Leftover(owner[id(q)], q, other, ""))
    return found


def _unpaired_descendants(node: Node) -> Iterator[Node]:
    """Descendants with no counterpart (and theirs): their values may cancel, never be reported."""
    for child in node.children:
        if child.attrs.get("counterpart") is None:
            yield from child.walk()
        else:
            yield from _unpaired_descendants(child)


def _quantities(node: Node) -> list[Quantity]:
    cache = node.attrs.get("_bl40_quantities")
    if cache is None:
        cache = find_quantities(node.text, node.lang)
        node.attrs["_bl40_quantities"] = cache
    return cache


def _leftovers(mine: list[Quantity], theirs: list[Quantity]) -> list[Quantity]:
    """My reportable quantities that the other version's multiset of values does not hold."""
    # a value the other version writes at least once is matched, however often each
    # version repeats it: a repetition is a matter of wording ("douze mois ou inférieure à
    # douze mois" / "twaalf maanden of minder"), a value absent from one version is not
    available = {q.value for q in theirs}
    return [q for q in mine if not q.weak and q.value not in available]


def _cancel_unread_dates(dates: list[Quantity], numbers: list[Quantity]) -> None:
    """A date one version writes in a way not read as a date (``18 October 1907``, an old
    spelling) leaves its day and year as numbers: they match the other version's date."""
    for date in [q for q in dates if q.kind in ("date", "reference") and len(q.value) == 10
                 and q.value[4] == "-" and q.value[:4].isdigit()]:
        parts = [date.value[:4], str(int(date.value[8:10]))]
        matched = []
        for part in parts:
            match = next((n for n in numbers if n.kind == "number" and n.value == part and n not in matched), None)
            if match is None:
                break
            matched.append(match)
        else:
            dates.remove(date)
            for number in matched:
                numbers.remove(number)


def _compare(left: Node, right: Node, extra_left: list[Quantity], extra_right: list[Quantity],
             keep=lambda q: True) -> list[_Leftover]:
    mine_left = [q for q in _quantities(left) if keep(q)]
    mine_right = [q for q in _quantities(right) if keep(q)]
    out_left = _leftovers(mine_left, mine_right + extra_right)
    out_right = _leftovers(mine_right, mine_left + extra_left)
    _cancel_unread_dates(out_left, out_right)
    _cancel_unread_dates(out_right, out_left)
    found = []
    for node, other, outs, theirs in ((left, right, out_left, out_right), (right, left, out_right, out_left)):
        for q in outs:
            same = [t for t in theirs if _family(t) == _family(q)]
            mine = [m for m in outs if _family(m) == _family(q)]
            hint = same[0].written if len(same) == 1 and len(mine) == 1 else ""
            found.append(_Leftover(node, q, other, hint))
    return found


_CACHE: list = [None, None]


def _differences(bitext: Bitext) -> list[_Leftover]:
    """Every value written in one version of an aligned pair only (computed once per text)."""
    if _CACHE[0] is bitext:
        return _CACHE[1]
    found: list[_Leftover] = []
    for pair in bitext.pairs:
        left, right = pair.left, pair.right
        if left is None or right is None or left.kind in _SKIPPED or _in_title(left):
            continue
        extra_left = [q for n in _unpaired_descendants(left) for q in _quantities(n)]
        extra_right = [q for n in _unpaired_descendants(right) for q in _quantities(n)]
        found.extend(_compare(left, right, [q for q in extra_left if not q.note],
                              [q for q in extra_right if not q.note], keep=lambda q: not q.note))
        # amendment notes: an article's notes are compared together, wherever each
        # version put them (the consolidations split an article's paragraphs differently)
        if left.kind == "article":
            found.extend(_compare_notes(left, right))
        elif not _in_article(left):
            notes_left = [q for n in left.walk() for q in _quantities(n) if q.note and _is_law_id(q)]
            notes_right = [q for n in right.walk() for q in _quantities(n) if q.note and _is_law_id(q)]
            if notes_left and notes_right:
                found.extend(_compare(left, right, notes_left, notes_right,
                                      keep=lambda q: q.note and _is_law_id(q)))
    _CACHE[0], _CACHE[1] = bitext, found
    return found


_KIND_NAMES = {"number": "number", "percentage": "percentage", "date": "date", "reference": "reference"}


def _finding(leftover: _Leftover) -> Finding:
    q, node, other = leftover.quantity, leftover.node, leftover.counterpart
    message = f"{_KIND_NAMES[q.kind]} {q.written} is not in the {other.lang} version"
    if leftover.hint:
        message += f", which has {leftover.hint}"
    related = Related(other.whole(), f"the {other.lang} {other.describe()}", other.text[:200])
    return Finding(node.locate(q.start, q.end), message, related=(related,))


def _ignored(options: Mapping[str, Any]) -> set[str]:
    return {str(value) for value in options.get("ignore", ())}


@rule("BL401", "number-parity", "parity", "warning", ignore=[], words=False)
def number_parity(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A number, amount, percentage, year or date written in one version of a provision only.

    Why: both versions are the law; an amount, a term or a date that differs between
    them is a contradiction a court will have to settle. bilint compares, for each pair
    of aligned provisions (items, paragraphs, articles, footnotes, headings), the values
    written in each version, as a multiset, and reports each value that only one
    version has, at its place, with the other version's text alongside; when each
    version has exactly one unmatched value, the message names the other one.

    Values are normalised before they are compared, so that spelling is not a
    difference: ``19 miljard`` = ``19 milliards``; ``3 tot 5`` = ``3 à 5``;
    ``1.000,50`` = ``1 000,50`` = ``1000,50`` (``1,000.50`` in English); ``24 juli 2020``
    = ``24 juillet 2020`` = ``24/07/2020``; ``1ste`` = ``1er`` = ``1``; ``25 %`` =
    ``25 procent`` = ``25 pour cent``; ``drie`` = ``trois`` = ``3``, ``vijfentwintig`` =
    ``vingt-cinq``, ``derde`` = ``troisième``. The number words are data
    (``rules/data/numbers-<lang>.toml``). Words that are also something else (``een`` and
    ``un`` are also the article, ``in acht nemen``, ``neuf``) may match a number of the
    other version but are never reported. List labels and article numbers are not in
    the text compared (they are aligned already); the values of a provision that has no
    counterpart may match, but are not reported (that is BL003's finding). References
    (``artikel 5``, ``nr. 896/3``, ``de wet van 18 juli 1966``) are BL402's.

    No fix: which version is right is not known.

    Example: ``een geldboete van 500 euro tot 5.000 euro`` / ``une amende de 500 euros à
    50 000 euros``: ``5.000`` is reported in the Dutch item and ``50 000`` in the French.
    ``19 miljard euro, waarvan 3 tot 5 miljard`` / ``19 milliards d'euros, dont 3 à 5
    milliards`` is silent.

    Options: ``ignore`` (default ``[]``): normalised values never reported, e.g.
    ``["1", "2"]`` (a value is written as digits, ``1000.5``, or as a date ``2020-07-24``).
    ``words`` (default ``false``): also report values written only in words
    (``zevenhonderd vijftig``); by default number words are read so that they match
    the other version's digits or words, but a value written in words is not reported
    itself: compound number words are parsed less surely than digits.
    """
    ignored = _ignored(options)
    for leftover in _differences(bitext):
        quantity = leftover.quantity
        if _family(quantity) != "quantity" or quantity.value in ignored:
            continue
        if not options.get("words", False) and not any(ch.isdigit() for ch in quantity.written):
            continue
        yield _finding(leftover)


def _title_lines(bitext: Bitext, lang: str) -> list[Node]:
    titles = list(bitext.documents[lang].nodes("title"))
    lines = [child for title in titles for child in title.walk() if child.kind == "text"]
    return lines or titles


def _title_value(quantity: Quantity) -> bool:
    if quantity.kind == "date" or "/" in quantity.value:
        return True
    return quantity.value.isdigit() and len(quantity.value) == 4 and quantity.value[:2] in ("18", "19", "20")


@rule("BL403", "title-parity", "parity", "warning")
def title_parity(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The two versions' title blocks give different dates, years or document numbers.

    Why: the title block identifies the text: its date of adoption, its document number
    (``896/2``), its session year. When the versions disagree, the text cannot be cited
    with certainty, and date rules such as BL202 read a different adoption date in each
    language. The title block is compared as a whole (its lines need not align one to
    one); a date, a four-digit year or a document number written in one version's title
    only is reported at its place.

    No fix: which version is right is not known.

    Example: ``(aangenomen ter plenaire vergadering van 11 december 2021)`` /
    ``(adoptée en séance plénière du 11 décembre 2020)``: both dates are reported.

    Options: none.
    """
    left_lang, right_lang = bitext.languages
    if not any(bitext.documents[lang].root.children for lang in bitext.languages):
        return
    left_lines, right_lines = _title_lines(bitext, left_lang), _title_lines(bitext, right_lang)
    if not left_lines or not right_lines:
        return
    values = {node: [q for q in _quantities(node) if _title_value(q)] for node in left_lines + right_lines}
    for mine, theirs in ((left_lines, right_lines), (right_lines, left_lines)):
        their_values = [q for node in theirs for q in values[node]]
        my_values = [(node, q) for node in mine for q in values[node]]
        left = _leftovers([q for _, q in my_values], their_values)
        owner = {id(q): node for node, q in my_values}
        other = theirs[0].parent if theirs[0].parent is not None and theirs[0].parent.kind == "title" else theirs[0]
        their_text = " / ".join(node.text for node in theirs)[:200]
        for q in left:
            node = owner[id(q)]
            related = Related(other.whole(), f"the {other.lang} title", their_text)
            kind = "date" if q.kind == "date" else "document number" if "/" in q.value else "year"
            yield Finding(node.locate(q.start, q.end),
                          f"title {kind} {q.written} is not in the {other.lang} title", related=(related,))


RULES = [number_parity, title_parity]   # BL402 (reference-parity) is in rules.references
