"""What a reference can point at in one version's structure tree: its articles, their
``§`` paragraphs and their points (``2°``, ``b)``).

``Targets`` reads the tree once; ``resolve`` follows a parsed reference (see
``bilint.citations``) down the tree as far as the tree lets it, and says which part of the
reference points at nothing. Only what is surely missing is said to be missing: an article
number past the text's last one (a text may skip repealed numbers), a paragraph past an
article's last, a point past the last point of the one list it can belong to. Used by
BL430 (references to nothing) and BL431 (the two versions' references resolve to
provisions that are not aligned).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bilint.api import Node
from bilint.citations import Citation, Part, Value, find_citations

# "§ 2. De …": a paragraph's label (a reference is followed by a comma or a word, not a
# period and a capital; when it ends a sentence it is taken for a label: a missed finding)
_PARAGRAPH_LABEL = re.compile(r"§\s*(\d+)(?:er|e|ste)?\.\s+(?=[A-ZÀ-Ý(\[])")


@dataclass(frozen=True)
class Resolution:
    """How far a reference resolves: the deepest provision found, and what is missing."""

    node: Node | None
    missing: Part | None = None
    message: str = ""


@dataclass
class Targets:
    """One version's articles (by number), read once."""

    root: Node
    lang: str
    articles: dict[str, Node | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.articles = _article_numbers(self.root, self.lang)
        self.numeric = sorted(int(n) for n in self.articles if n.isdigit())

    def resolve(self, citation: Citation) -> Resolution:
        """Follow ``citation`` (which points into this text) down the tree."""
        steps = citation.steps
        if not steps or steps[0].levels != frozenset({"article"}):
            return Resolution(None)   # "§§ 2 tot 5" alone: which article it continues is not sure
        first = steps[0]
        for value in first.values:
            for number in _ends(value):
                base = re.match(r"\d+", number)
                # only a number past the last article is surely missing: a text may skip
                # numbers (repealed articles) or write headings bilint does not read
                if self.numeric and base and int(base.group()) > self.numeric[-1] and number not in self.articles:
                    return Resolution(None, value.part, f"article {number} is not in this text "
                                                        f"(its articles run from {self.numeric[0]} to {self.numeric[-1]})")
        if len(first.values) != 1 or first.values[0].high is not None:
            return Resolution(None)
        article = self.articles.get(first.values[0].low.lower())
        if article is None:
            return Resolution(None)
        node, rest = article, steps[1:]
        if rest and rest[0].levels == frozenset({"paragraph"}) and rest[0].word is not None \
                and (rest[0].word.text in ("§", "§§") or rest[0].word.text.lower().startswith("parag")):
            paragraphs = paragraph_numbers(article)
            if not paragraphs:
                return Resolution(article)
            last = max(paragraphs)
            for index, value in enumerate(rest[0].values):
                if index and _plural(first) and value.low.lower() in self.articles:
                    # "de artikelen 43, § 1, 44, tweede lid": after an article's paragraph,
                    # a bare number continues the list of articles
                    continue
                for number in _ends(value):
                    if number.isdigit() and int(number) > last:
                        return Resolution(article, value.part, f"§ {number} is not in article {article.name} "
                                                               f"(its last paragraph is § {last})")
            if len(rest[0].values) != 1 or rest[0].values[0].high is not None:
                return Resolution(article)
            node = _paragraph_node(article, rest[0].values[0].low)
            if node is None:
                opening = _PARAGRAPH_LABEL.match(article.text)
                if opening is None or opening.group(1) != rest[0].values[0].low:
                    return Resolution(article)
                node = article     # "Art. 2. § 1. …": the article's own text is its § 1
            rest = rest[1:]
        where = f"article {article.name}" + (f", § {steps[1].values[0].low}" if len(rest) < len(steps) - 1 else "")
        if rest and rest[0].word is None and rest[0].values and "point" in rest[0].levels:
            return self._point(node, rest[0].values, where)
        return Resolution(node)

    def _point(self, container: Node, values: tuple[Value, ...], where: str) -> Resolution:
        """``artikel 5, § 2, 3°``: a point past the last of the container's one list of points."""
        written = values[0].part.text
        style = "°" if written.rstrip().endswith("°") else (")" if written.endswith(")") and written[:1].isalpha() else None)
        if style is None:
            return Resolution(container)
        points = _points(container, style)
        if not points or sum(1 for ordinal, _ in points if ordinal == 1) != 1:
            return Resolution(container)   # no list, or several: which one is meant is not sure
        last = max(ordinal for ordinal, _ in points)
        for value in values:
            for number in _ends(value):
                ordinal = int(number) if number.isdigit() else (ord(number) - 96 if len(number) == 1 and number.isalpha() else None)
                if ordinal is not None and ordinal > last:
                    shown = f"{last}°" if style == "°" else f"{chr(96 + last)})"
                    return Resolution(container, value.part, f"point {value.part.text} is not in "
                                                             f"{where} (its last point is {shown})")
        return Resolution(container)


def _ends(value: Value) -> list[str]:
    return [value.low.lower(), value.high.lower()] if value.high else [value.low.lower()]


def enclosing_article(node: Node | None) -> Node | None:
    while node is not None and node.kind != "article":
        node = node.parent
    return node


def _article_numbers(document_root: Node, lang: str) -> dict[str, Node | None]:
    """The text's article numbers: its article headings, and the article numbers of a heading
    that lists repealed ones (``Art. 31-34``)."""
    numbers: dict[str, Node | None] = {}
    for node in document_root.walk():
        if node.kind == "article" and node.name:
            numbers.setdefault(node.name.lower(), node)
        elif node.kind == "paragraph" and node.text[:12].lower().startswith(("art", "§")):
            found = find_citations(node.text[:120], lang)
            if found and found[0].start < 3 and found[0].steps and "article" in found[0].steps[0].levels:
                for value in found[0].steps[0].values:
                    for number in _expand(value):
                        numbers.setdefault(number, None)
    return numbers


def _expand(value: Value) -> list[str]:
    if value.high is None:
        return [value.low.lower()]
    if value.low.isdigit() and value.high.isdigit() and int(value.high) - int(value.low) < 500:
        return [str(n) for n in range(int(value.low), int(value.high) + 1)]
    return [value.low.lower(), value.high.lower()]


def _paragraph_label(node: Node) -> int | None:
    label = node.attrs.get("label")
    if node.kind == "item" and label is not None and label.kind in ("section-sign", "paragraph"):
        return label.ordinal
    return None


def paragraph_numbers(article: Node) -> list[int]:
    """The § numbers of an article: its items labelled ``§ 2`` or ``Paragraphe 2``, and the
    ``§ 1.`` labels its paragraphs' text opens with (a consolidation joins some paragraphs)."""
    numbers = []
    for child in article.walk():
        ordinal = _paragraph_label(child)
        if ordinal is not None:
            numbers.append(ordinal)
        if child.kind in ("article", "item", "paragraph"):
            numbers.extend(int(m.group(1)) for m in _PARAGRAPH_LABEL.finditer(child.text))
    return numbers


def _paragraph_node(article: Node, number: str) -> Node | None:
    if not number.isdigit():
        return None
    found = [child for child in article.walk() if _paragraph_label(child) == int(number)]
    return found[0] if len(found) == 1 else None


def _points(container: Node, style: str) -> list[tuple[int, Node]]:
    """The items of ``container`` labelled ``1°`` (style ``°``) or ``a)`` (style ``)``), not
    inside another paragraph item."""
    out = []
    stack = list(container.children)
    while stack:
        node = stack.pop(0)
        if _paragraph_label(node) is not None:
            continue
        label = node.attrs.get("label")
        if node.kind == "item" and label is not None and label.ordinal is not None:
            if (style == "°" and label.kind == "decimal" and label.mark == "°") or \
                    (style == ")" and label.kind == "alpha" and label.mark == ")" and not label.upper):
                out.append((label.ordinal, node))
        stack[:0] = node.children
    return out


def _plural(step) -> bool:
    """The step's word names several provisions (``artikelen``, ``articles``, ``sections``)."""
    word = step.word.text.lower().rstrip(".") if step.word is not None else ""
    return len(word) > 4 and word.endswith(("en", "s"))
