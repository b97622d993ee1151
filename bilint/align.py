"""Pair the two language trees: section with section, item with item.

Siblings are matched by key with ``difflib.SequenceMatcher`` (keys that agree anchor the
alignment); within a gap between anchors, nodes of the same kind are paired in order when
both sides hold as many, so a mislabelled item (``1)`` where ``l.`` belongs) still meets
its counterpart. What is left has no counterpart: a pair with one side missing.
"""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher

from .model import Node, Pair

_UNLABELLED = ("paragraph", "text")


def align(left: Node, right: Node) -> list[Pair]:
    """All pairs below two roots, in document order of the left tree."""
    pairs: list[Pair] = []
    _align_children(left, right, pairs)
    return pairs


def _local(node: Node) -> str:
    return node.key.rsplit("/", 1)[-1]


def _align_children(left: Node, right: Node, pairs: list[Pair]) -> None:
    a, b = left.children, right.children
    plain_a = [n for n in a if n.kind in _UNLABELLED and not n.label]
    plain_b = [n for n in b if n.kind in _UNLABELLED and not n.label]
    if plain_a and plain_b:
        _align_paragraphs(plain_a, plain_b, pairs)
        a = [n for n in a if not (n.kind in _UNLABELLED and not n.label)]
        b = [n for n in b if not (n.kind in _UNLABELLED and not n.label)]
    matcher = SequenceMatcher(None, [_local(n) for n in a], [_local(n) for n in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2]):
                if _comparable(x, y):
                    _pair(x, y, pairs)
                else:
                    _unpaired(x, y, pairs)
            continue
        gap_a, gap_b = a[i1:i2], b[j1:j2]
        if len(gap_a) == len(gap_b) and all(x.kind == y.kind and _comparable(x, y) for x, y in zip(gap_a, gap_b)):
            for x, y in zip(gap_a, gap_b):
                _pair(x, y, pairs)
            continue
        _pair_by_kind(gap_a, gap_b, pairs)


# Unlabelled blocks (paragraphs, footnotes) are keyed by position; two that share a
# position but not a size are not translations of each other (a paragraph split in two
# in one version shifts every one after it), and pairing them would make every parity
# rule compare unrelated text.
_MIN_COMPARED = 60
_MAX_RATIO = 2.2


def _comparable(x: Node, y: Node) -> bool:
    if x.kind not in ("paragraph", "footnote", "text") or x.label or y.label:
        return True
    shorter, longer = sorted((len(x.text), len(y.text)))
    return longer < _MIN_COMPARED or longer <= _MAX_RATIO * max(shorter, 1)


def _unpaired(x: Node, y: Node, pairs: list[Pair]) -> None:
    for node in x.walk():
        pairs.append(Pair(node.key, node, None))
    for node in y.walk():
        pairs.append(Pair(node.key, None, node))


_NUMBER = re.compile(r"\d+")
_SKIP_COST = 2.0
_BAND = 25


def _align_paragraphs(a: list[Node], b: list[Node], pairs: list[Pair]) -> None:
    """Unlabelled paragraphs carry no key: pair them by length and shared numbers.

    A Gale–Church-style dynamic programme (1–1, 1–0 and 0–1 steps) over the two
    sequences, kept to a band around the diagonal so that it stays linear: a paragraph
    split differently in one version, or missing, does not shift every pairing after it.
    """
    n, m = len(a), len(b)
    inf = math.inf
    cost = {(0, 0): 0.0}
    step: dict[tuple[int, int], tuple[int, int]] = {}
    numbers_a = [set(_NUMBER.findall(x.text)) for x in a]
    numbers_b = [set(_NUMBER.findall(y.text)) for y in b]
    for i in range(n + 1):
        centre = i * m // max(n, 1)
        for j in range(max(0, centre - _BAND), min(m, centre + _BAND) + 1):
            if i == 0 and j == 0:
                continue
            best, move = inf, (0, 0)
            if i and j and (i - 1, j - 1) in cost:
                value = cost[i - 1, j - 1] + _pair_cost(a[i - 1], b[j - 1], numbers_a[i - 1], numbers_b[j - 1])
                best, move = value, (1, 1)
            if i and (i - 1, j) in cost and cost[i - 1, j] + _SKIP_COST < best:
                best, move = cost[i - 1, j] + _SKIP_COST, (1, 0)
            if j and (i, j - 1) in cost and cost[i, j - 1] + _SKIP_COST < best:
                best, move = cost[i, j - 1] + _SKIP_COST, (0, 1)
            if best < inf:
                cost[i, j] = best
                step[i, j] = move
    if (n, m) not in cost:   # outside the band: fall back to order
        for x, y in zip(a, b):
            _pair(x, y, pairs)
        return
    i, j, matched = n, m, []
    while i or j:
        di, dj = step[i, j]
        if di and dj:
            matched.append((a[i - 1], b[j - 1]))
        elif di:
            matched.append((a[i - 1], None))
        else:
            matched.append((None, b[j - 1]))
        i, j = i - di, j - dj
    for x, y in reversed(matched):
        if x is not None and y is not None:
            _pair(x, y, pairs)
        else:
            for node in (x or y).walk():
                pairs.append(Pair(node.key, node if x else None, node if y else None))


def _pair_cost(x: Node, y: Node, numbers_x: set, numbers_y: set) -> float:
    """Low for two paragraphs of like length that cite the same numbers."""
    length = abs(math.log((len(x.text) + 20) / (len(y.text) + 20)))
    union = numbers_x | numbers_y
    numbers = len(numbers_x ^ numbers_y) / len(union) if union else 0.0
    return 2.5 * length + 1.5 * numbers


def _pair_by_kind(gap_a: list[Node], gap_b: list[Node], pairs: list[Pair]) -> None:
    """Unequal gaps: pair what shares kind and label, leave the rest alone."""
    used: set[int] = set()
    for x in gap_a:
        match = next((j for j, y in enumerate(gap_b) if j not in used and y.kind == x.kind
                      and _local(y) == _local(x)), None)
        if match is None:
            pairs.append(Pair(x.key, x, None))
            for node in x.walk():
                if node is not x:
                    pairs.append(Pair(node.key, node, None))
            continue
        used.add(match)
        _pair(x, gap_b[match], pairs)
    for j, y in enumerate(gap_b):
        if j not in used:
            for node in y.walk():
                pairs.append(Pair(node.key, None, node))


def _pair(x: Node, y: Node, pairs: list[Pair]) -> None:
    pairs.append(Pair(x.key, x, y))
    x.attrs["counterpart"] = y
    y.attrs["counterpart"] = x
    _align_children(x, y, pairs)


# --- how well the alignment holds -----------------------------------------------------------
#
# A translation carries its values across, in its sentences' order. Two passages paired by
# position that write six or more values each and share almost none (an index's contents
# pointing each to its own language's pages), or share them in another order (two lists
# each sorted in its own language), are not translations of each other: comparing them
# pair by pair gives one false finding after another. Measured on the dev corpus: no pair
# of a translated text is such a pair; the Canada Gazette's index has three.

_VALUE = re.compile(r"\d+(?:[.,]\d+)*")
_MIN_VALUES = 6      # values on each side: fewer say nothing
_SHARED = 0.2        # of the shorter side's values, fewer than this in common: different values
_IN_ORDER = 0.5      # of the shared values, fewer than this in one order: sorted otherwise
_MIN_DISCORDANT = 2  # pairs in one division: one alone may be a table laid out otherwise
_WHOLE = 0.8         # of the document's text: the division is the document


def _values(node: Node) -> list[str]:
    return [v.replace(",", "").replace(".", "") for v in _VALUE.findall(node.text)]


def discordant(x: Node, y: Node) -> bool:
    """Two paired passages of six or more values each that share almost none of them, or
    share them mostly in a different order."""
    a, b = _values(x), _values(y)
    fewer = min(len(a), len(b))
    if fewer < _MIN_VALUES:
        return False
    shared = set(a) & set(b)
    a = [v for v in a if v in shared]
    b = [v for v in b if v in shared]
    common = sum(min(a.count(v), b.count(v)) for v in shared)
    if common < _SHARED * fewer:
        return True
    in_order = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return common >= _MIN_VALUES and in_order < _IN_ORDER * common


def _division(node: Node) -> Node:
    """The highest ancestor below the root that has a counterpart (the node itself at the top)."""
    best, current = node, node.parent
    while current is not None and current.parent is not None:
        if current.attrs.get("counterpart") is not None:
            best = current
        current = current.parent
    return best


def _root(node: Node) -> Node:
    while node.parent is not None:
        node = node.parent
    return node


def _letters(node: Node) -> int:
    return sum(len(n.text) for n in node.walk())


def uncompared(pairs: list[Pair]) -> list[tuple[Node, Node, int]]:
    """Divisions whose versions do not correspond passage by passage: ``(left division,
    right division, how many of its paired passages are discordant)``, for divisions with
    two such passages or more. A division holding nearly the whole document is given as
    the two roots."""
    counts: dict[int, list] = {}
    for pair in pairs:
        x, y = pair.left, pair.right
        if x is None or y is None or x.kind in ("document", "title") or not discordant(x, y):
            continue
        division = _division(x)
        if division is x:   # a passage at the top: the document is the division
            division, other = _root(x), _root(y)
        else:
            other = division.attrs.get("counterpart")
        if other is None:
            continue
        counts.setdefault(id(division), [division, other, 0])[2] += 1
    found = []
    for division, other, count in counts.values():
        if count < _MIN_DISCORDANT:
            continue
        if _letters(division) >= _WHOLE * _letters(_root(division)):
            division, other = _root(division), _root(other)
        found.append((division, other, count))
    return found


_MIN_UNPAIRED = 5    # passages on each side: fewer, and an unpaired text may just be short


def unaligned(pairs: list[Pair]) -> tuple[int, int] | None:
    """``(passages of the one version, of the other)`` when both have several passages and
    not one of them was paired with a passage of the other (one version reads its whole
    text inside a heading the other lacks, or the two are laid out beyond recognition);
    None when the alignment holds anywhere. Comparing such versions compares nothing, which
    must be said rather than passed in silence."""
    left = right = 0
    for pair in pairs:
        if pair.left is not None and pair.right is not None:
            if pair.left.kind not in ("document", "title"):
                return None
            continue
        left += pair.left is not None
        right += pair.right is not None
    return (left, right) if min(left, right) >= _MIN_UNPAIRED else None

