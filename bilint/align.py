"""Pair the two language trees: section with section, item with item.

Siblings are matched by key with ``difflib.SequenceMatcher`` (keys that agree anchor the
alignment); within a gap between anchors, nodes of the same kind are paired in order when
both sides hold as many, so a mislabelled item (``1)`` where ``l.`` belongs) still meets
its counterpart. What is left has no counterpart: a pair with one side missing.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from .model import Node, Pair


def align(left: Node, right: Node) -> list[Pair]:
    """All pairs below two roots, in document order of the left tree."""
    pairs: list[Pair] = []
    _align_children(left, right, pairs)
    return pairs


def _local(node: Node) -> str:
    return node.key.rsplit("/", 1)[-1]


def _align_children(left: Node, right: Node, pairs: list[Pair]) -> None:
    a, b = left.children, right.children
    matcher = SequenceMatcher(None, [_local(n) for n in a], [_local(n) for n in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2]):
                _pair(x, y, pairs)
            continue
        gap_a, gap_b = a[i1:i2], b[j1:j2]
        if len(gap_a) == len(gap_b) and all(x.kind == y.kind for x, y in zip(gap_a, gap_b)):
            for x, y in zip(gap_a, gap_b):
                _pair(x, y, pairs)
            continue
        _pair_by_kind(gap_a, gap_b, pairs)


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
