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

import collections
import re
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Node, Related, rule

from ._memo import once_per_text
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
    available = {q.value for q in theirs} | {q.alt for q in theirs if q.alt}
    # a date without its year ("5 Novembre dernier") and a full date of that day match
    available |= {f"--{q.value[5:10]}" for q in theirs if _ISO_DATE.match(q.value)}
    yearless = {q.value for q in theirs if q.value.startswith("--")}
    return [q for q in mine if not q.weak and q.value not in available
            and not (q.alt and q.alt in available)
            and not (_ISO_DATE.match(q.value) and f"--{q.value[5:10]}" in yearless)]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")


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


_SUM_JOINERS = ("", "et", "en", "and", "y")


def _one_slip(word: str, target: str) -> bool:
    """``word`` is ``target`` with one letter left out, added, changed or two swapped."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and word[diff[0]] == target[diff[1]] and word[diff[1]] == target[diff[0]])
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")


def _scaled(node: Node, q: Quantity) -> tuple[int, int, int] | None:
    """``(value, scale, end)`` of a number followed by a scale word (``2 milliards``), or by
    a word one slip from one (``2 miliards``, which is not read as a scale)."""
    from .quantities import number_words

    if not q.value.isdigit():
        return None
    scales = number_words(node.lang).scales
    words = q.written.lower().split()
    if len(words) > 1 and words[-1] in scales:
        return int(q.value), int(scales[words[-1]]), q.end
    match = _WORD_AFTER.match(node.text, q.end)
    if match is None or match.group(1).lower() in scales:
        return None
    word = match.group(1).lower()
    slipped = [value for scale, value in scales.items() if len(scale) >= 5 and _one_slip(word, scale)]
    if len(set(slipped)) != 1:
        return None
    return int(q.value) * int(slipped[0]), int(slipped[0]), match.end()


def _cancel_scaled_sums(node: Node, mine: list[Quantity], theirs: list[Quantity]) -> None:
    """A sum of scaled numbers (``2 milliards 600 millions``, read as two numbers) or a number
    whose scale word is misspelt by one letter (``2 miliards``) is the other version's
    value written in digits (``2.600.000.000``): neither is a difference. Only a value the
    other version has exactly cancels."""
    ordered = sorted((q for q in mine if q.kind == "number"), key=lambda q: q.start)
    for index, q in enumerate(ordered):
        if q not in mine:
            continue
        scaled = _scaled(node, q)
        if scaled is None:
            continue
        total, scale, end = scaled
        members = [q]
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if following is not None and following.value.isdigit() and int(following.value) < scale \
                and node.text[end:following.start].strip().lower() in _SUM_JOINERS:
            total += int(following.value)
            members.append(following)
        if total == int(q.value):
            continue   # "2 milliards" alone was read as it is: nothing new
        match = next((t for t in theirs if t.value == str(total) or t.alt == str(total)), None)
        if match is None:
            continue
        for member in members:
            mine.remove(member)
        theirs.remove(match)


def _compare(left: Node, right: Node, extra_left: list[Quantity], extra_right: list[Quantity],
             keep=lambda q: True) -> list[_Leftover]:
    mine_left = [q for q in _quantities(left) if keep(q)]
    mine_right = [q for q in _quantities(right) if keep(q)]
    out_left = _leftovers(mine_left, mine_right + extra_right)
    out_right = _leftovers(mine_right, mine_left + extra_left)
    _cancel_unread_dates(out_left, out_right)
    _cancel_unread_dates(out_right, out_left)
    _cancel_scaled_sums(left, out_left, out_right)
    _cancel_scaled_sums(right, out_right, out_left)
    found = []
    for node, other, outs, theirs in ((left, right, out_left, out_right), (right, left, out_right, out_left)):
        for q in outs:
            same = [t for t in theirs if _family(t) == _family(q)]
            mine = [m for m in outs if _family(m) == _family(q)]
            hint = same[0].written if len(same) == 1 and len(mine) == 1 else ""
            if _same_written(hint, q.written):
                hint = ""   # the same characters on both sides: naming them would contradict the message
            found.append(_Leftover(node, q, other, hint))
    return found


def _same_written(a: str, b: str) -> bool:
    return bool(a) and " ".join(a.lower().split()) == " ".join(b.lower().split())


def _differences(bitext: Bitext) -> list[_Leftover]:
    """Every value written in one version of an aligned pair only (computed once per text)."""
    return _compared_values(bitext)[0]


@once_per_text
def _compared_values(bitext: Bitext) -> tuple[list[_Leftover], list[tuple[Node, Node, list[_Leftover]]]]:
    """The values written in one version only, and the blocks summarised for their number."""
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
    return _settle_in_blocks(found)


_MAX_LEFTOVERS = 4   # above this many values left over in one aligned block: one finding


def _block(node: Node) -> Node:
    """The unit at which two versions still correspond: the article holding the node, or
    (outside articles) its highest ancestor that has a counterpart."""
    best, current = node, node
    while current is not None and current.kind not in ("document", "title"):
        if current.attrs.get("counterpart") is not None:
            best = current
            if current.kind == "article":
                return current
        current = current.parent
    return best


def _block_values(block: Node) -> "collections.Counter[str]":
    """How often each value (or its other reading) is written in a block."""
    cache = block.attrs.get("_bl40_block_values")
    if cache is None:
        cache = collections.Counter()
        for node in block.walk():
            quantities = _quantities(node)
            for q in quantities:
                cache[q.value] += 1
                if q.alt and q.alt != q.value:
                    cache[q.alt] += 1
            for value in _range_members(node.text, quantities):
                cache[value] += 1
        block.attrs["_bl40_block_values"] = cache
    return cache


_RANGE_WORD = re.compile(r"\s*(?:à|a|tot en met|tot|t/m|to|through|-|–)\s*$", re.I)
_LATIN_ORDER = ("", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
_NUMBERED = re.compile(r"(\d+)([a-z]*)$")


def _range_members(text: str, quantities: list[Quantity]) -> list[str]:
    """The provisions a range of references names between its bounds: ``articles … 393 à
    397`` holds 394, 395 and 396, ``136bis à 136septies`` holds 136ter to 136sexies (the
    other version may list them). Ranges of amounts or days are not expanded."""
    members: list[str] = []
    for first, last in zip(quantities, quantities[1:]):
        if not _RANGE_WORD.match(text[first.end:last.start]):
            continue
        if not any(q.kind == "reference" and q.end <= first.start < q.end + 100 for q in quantities + [first]) \
                and first.kind != "reference":
            continue   # only a range of provisions: "3 tot 30 dagen" keeps every day it could hide
        a, b = _NUMBERED.match(first.value), _NUMBERED.match(last.value)
        if a is None or b is None:
            continue
        if not a.group(2) and not b.group(2) and 0 < int(b.group(1)) - int(a.group(1)) <= 50:
            members += [str(n) for n in range(int(a.group(1)) + 1, int(b.group(1)))]
        elif a.group(1) == b.group(1) and a.group(2) in _LATIN_ORDER and b.group(2) in _LATIN_ORDER:
            inside = _LATIN_ORDER[_LATIN_ORDER.index(a.group(2)) + 1:_LATIN_ORDER.index(b.group(2))]
            members += [a.group(1) + suffix for suffix in inside]
    return members


def _neighbour_values(block: Node) -> "collections.Counter[str]":
    """The values of the block's neighbours that have no counterpart: an article whose
    heading the other version misspells (``Artice 20``) is read there as part of the
    article before it, and its values belong to this comparison, not to many findings."""
    parent = block.parent
    if parent is None:
        return collections.Counter()
    siblings = parent.children
    index = next((i for i, child in enumerate(siblings) if child is block), None)
    values: "collections.Counter[str]" = collections.Counter()
    if index is None:
        return values
    for neighbour in siblings[max(0, index - 1):index] + siblings[index + 1:index + 2]:
        if neighbour.attrs.get("counterpart") is None:
            values += _block_values(neighbour)
    return values


def _settle_in_blocks(found: list[_Leftover]) -> tuple[list[_Leftover], list[tuple[Node, Node, list[_Leftover]]]]:
    """Compare at the level where the versions still correspond.

    When the two versions divide a provision differently (a paragraph split in two, a
    table laid out otherwise, items numbered inline), the pairs below the article do not
    hold the same text and every value would be reported. A value the other version's
    whole article (or block) holds is not missing; when more than a few values are left
    over in one block, the block is reported once, not value by value.
    """
    kept: dict[int, list[_Leftover]] = {}
    blocks: dict[int, tuple[Node, Node]] = {}
    for leftover in found:
        block = _block(leftover.node)
        other_block = block.attrs.get("counterpart")
        if other_block is None:
            kept.setdefault(id(leftover), []).append(leftover)
            continue
        # as multisets: a value this block writes more often than the other block is not
        # matched by a mention elsewhere (a dropped "8" beside an "artikel 8")
        theirs = _block_values(other_block) + _neighbour_values(other_block)
        mine = _block_values(block)
        q = leftover.quantity
        # references are repeated freely ("alinéas 1 et 2" / "deze leden"): for them, one
        # mention anywhere in the other block is enough
        needed = (lambda v: 1) if q.kind == "reference" else (lambda v: mine[v])
        if any(v and theirs[v] >= needed(v) for v in (q.value, q.alt)):
            continue
        key = min(id(block), id(other_block))
        blocks[key] = (block, other_block)
        kept.setdefault(key, []).append(leftover)
    out: list[_Leftover] = []
    summaries: list[tuple[Node, Node, list[_Leftover]]] = []
    for key, leftovers in kept.items():
        # values written only in words are read to cancel, never reported: they do not count
        reportable = [x for x in leftovers if any(ch.isdigit() for ch in x.quantity.written)]
        if key in blocks and len(reportable) > _MAX_LEFTOVERS:
            # a block whose leftovers are all references ("393 à 397" written out as "393, 394,
            # 395, 396, 397" in the other version) differs in no value: nothing for BL401
            if any(_family(x.quantity) == "quantity" for x in reportable):
                summaries.append((*blocks[key], reportable))
        else:
            out.extend(leftovers)
    return out, summaries


def _summaries(bitext: Bitext) -> list[tuple[Node, Node, list[_Leftover]]]:
    return _compared_values(bitext)[1]


@dataclass(frozen=True)
class BlockValues:
    """The values left over where BL003 reports a provision divided differently."""

    leftovers: tuple

    def describe(self, first: str) -> str:
        """``26 values differ too: 18 in fr only (2 · 3 · 71 …), 8 in nl only (71.76 …)``."""
        langs = list(dict.fromkeys([first] + [x.node.lang for x in self.leftovers]))
        parts = []
        for lang in langs:
            mine = [x for x in self.leftovers if x.node.lang == lang]
            if not mine:
                continue
            shown = " · ".join(dict.fromkeys(" ".join(x.quantity.written.split()) for x in mine))
            if len(shown) > 40:
                shown = shown[:40].rsplit(" · ", 1)[0] + " …"
            parts.append(f"{len(mine)} in {lang} only ({shown})")
        count = len(self.leftovers)
        return f"{count} value{'s' if count != 1 else ''} differ{'s' if count == 1 else ''} too: " + ", ".join(parts)


def _within(node: Node, ancestor: Node) -> bool:
    current = node
    while current is not None:
        if current is ancestor:
            return True
        current = current.parent
    return False




@once_per_text
def _owned(bitext: Bitext) -> tuple[dict[int, BlockValues], set[int]]:
    """Which values BL003's findings name: for each provision divided differently, the
    summary of the block holding it (named once, in the first such finding) and the values
    left over inside it; and the ids of those summaries and values, which BL401 leaves."""
    from .unpaired import divided

    values: dict[int, BlockValues] = {}
    taken: set[int] = set()
    summaries = _summaries(bitext)
    singles = [x for x in _differences(bitext) if _family(x.quantity) == "quantity"
               and any(ch.isdigit() for ch in x.quantity.written)]
    for found in divided(bitext):
        leftovers: list[_Leftover] = []
        for summary in summaries:
            block, other, outs = summary
            if id(summary) not in taken and any(_within(n, b) for n in (found.parent, found.counterpart)
                                                for b in (block, other)):
                taken.add(id(summary))
                leftovers.extend(outs)
        for single in singles:
            if id(single) not in taken and any(_within(single.node, n) for n in (found.parent, found.counterpart)):
                taken.add(id(single))
                leftovers.append(single)
        if leftovers:
            values[id(found)] = BlockValues(tuple(leftovers))
    return values, taken


def divided_values(bitext: Bitext, found) -> "BlockValues | None":
    """The values BL003's finding for ``found`` (a ``rules.unpaired.Divided``) names."""
    return _owned(bitext)[0].get(id(found))


def _summary_finding(block: Node, other: Node, leftovers: list[_Leftover]) -> Finding:
    """One finding for a block whose versions differ in many values."""
    first, second = sorted((block, other), key=lambda n: n.lang != leftovers[0].node.lang)
    counts = {n.lang: sum(1 for x in leftovers if x.node.lang == n.lang) for n in (first, second)}
    examples = {n.lang: " · ".join(dict.fromkeys(" ".join(x.quantity.written.split()) for x in leftovers
                                                 if x.node.lang == n.lang)) for n in (first, second)}
    examples = {lang: text if len(text) <= 80 else text[:80].rsplit(" · ", 1)[0] + " …"
                for lang, text in examples.items()}
    parts = [f"{counts[n.lang]} value{'s' if counts[n.lang] != 1 else ''} in {n.lang} only"
             + (f" ({examples[n.lang]})" if examples[n.lang] else "") for n in (first, second)]
    message = (f"the two versions of this {first.kind} differ in {len(leftovers)} values: " + "; ".join(parts)
               + " (laid out differently, or values changed: compare the two)")
    return Finding(first.whole(), message,
                   related=(Related(second.whole(), f"the {second.lang} {second.describe()}", second.text[:200]),))


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

    When the two versions divide a provision differently (a paragraph split in two, a
    table laid out otherwise, items numbered inline), the comparison moves up to the
    article (or, outside articles, the highest aligned block), as multisets of values: a
    value the other version's article holds as often is not missing, and an article
    with more than four values left over is one finding that lists them (``the two
    versions of this article differ in 14 values: …``), with both locations. Where BL003
    reports the provision divided differently (its items do not pair), the values left
    over there are named in BL003's finding, not here: one structural difference, one
    finding (select BL003 to see them). Editorial
    notes (``(Zie NOTA 1 onder TITEL)``, ``[Red: …]``), a database's status dates, image
    and link targets hold no values.

    Values are normalised before they are compared, so that spelling is not a
    difference: ``19 miljard`` = ``19 milliards``; ``3 tot 5`` = ``3 à 5``;
    ``1.000,50`` = ``1 000,50`` = ``1000,50`` (``1,000.50`` in English); ``24 juli 2020``
    = ``24 juillet 2020`` = ``24/07/2020``; ``1ste`` = ``1er`` = ``1``; ``25 %`` =
    ``25 procent`` = ``25 pour cent``; ``drie`` = ``trois`` = ``3``, ``vijfentwintig`` =
    ``vingt-cinq``, ``derde`` = ``troisième``; older notations too: ``de 4de Juni 1945``,
    ``den 26sten Junij 1839``, ``de eerste Januari 1940``, ``1er FEVRIER 1954``,
    ``1. III. 1954``, ``le premier juillet mil neuf cent soixante-dix``, ``negentien
    honderd drie en twintig``, ``14 h 28`` = ``14.28 uur``, and ``1.40`` in a French text
    matches ``1,40``; ``2 milliards 600 millions`` = ``2.600.000.000``, and a scale word
    misspelt by one letter (``2 miliards``) still makes the amount when the other version
    has exactly that value. The number words are data
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
    _, owned = _owned(bitext)   # the values of a provision divided differently are BL003's
    for summary in _summaries(bitext):
        if id(summary) not in owned:
            yield _summary_finding(*summary)
    for leftover in _differences(bitext):
        if id(leftover) in owned:
            continue
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


_CHAPTER_AFTER = re.compile(r"(?:-\d+)*,\s*(?:ch|c|chap)\.\s*\d")


def _title_value(quantity: Quantity, text: str = "") -> bool:
    if text and _CHAPTER_AFTER.match(text, quantity.end):
        return False   # "1985, ch. 26": a statute cited in a history note, not the title's year
    if quantity.kind == "date" or "/" in quantity.value:
        return True
    return quantity.value.isdigit() and len(quantity.value) == 4 and quantity.value[:2] in ("18", "19", "20")


@rule("BL403", "title-parity", "parity", "warning", opt_in=True)
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

    Opt-in (``--extend-select BL403``): where a text has no title block of its own (a
    treaty's preamble, a database's front matter, a bilingual report's cover), what is
    read as the title differs between the versions; on the labelled dev corpus most of its
    findings were such, below the 80 % precision a default rule must reach. A date that
    differs in the body is BL401's finding either way.

    Options: none.
    """
    left_lang, right_lang = bitext.languages
    if not any(bitext.documents[lang].root.children for lang in bitext.languages):
        return
    left_lines, right_lines = _title_lines(bitext, left_lang), _title_lines(bitext, right_lang)
    if not left_lines or not right_lines:
        return
    values = {node: [q for q in _quantities(node) if _title_value(q, node.text)] for node in left_lines + right_lines}
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
