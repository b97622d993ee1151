"""The plain data that flows between bilint's stages.

Every stage (source, layout, parse, align, rules, engine, formatters) takes and returns
these types, so that a rule never sees a Lark tree, file bytes or the command line.
Offsets are character offsets into the decoded source text; spans shown to users are
1-based lines and columns in the file as it is on disk.
"""

from __future__ import annotations

import enum
from array import array
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Protocol


class Source(Protocol):
    """What the model needs of a decoded file (``bilint.source.Source`` is one): the model
    does not import the reader side, so that ``source`` can import the model."""

    path: str
    text: str

    def location(self, start: int, end: int, lang: str | None) -> "Location": ...


class Severity(enum.IntEnum):
    """Ordered so that a fail level compares with ``>=``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


CATEGORIES = (
    "structure", "numbering", "parity", "chronology", "spelling",
    "grammar", "language", "typography", "terminology", "formatting",
)


@dataclass(frozen=True, order=True)
class Span:
    """1-based, end exclusive: ``end_column`` is the column just after the last character."""

    line: int
    column: int
    end_line: int
    end_column: int


class MappedText:
    """A string whose every character remembers its offset in the source.

    Page-break re-joins, removed hyphens and stripped markup make the text of a node
    differ from the bytes on disk; the per-character map keeps every finding exact.
    ``offsets`` has ``len(text) + 1`` entries: the last is the offset just past the end.
    """

    __slots__ = ("text", "offsets")

    def __init__(self, text: str, offsets: array) -> None:
        if len(offsets) != len(text) + 1:
            raise ValueError("offsets must have one entry per character plus an end entry")
        self.text = text
        self.offsets = offsets

    @classmethod
    def contiguous(cls, text: str, start: int) -> "MappedText":
        return cls(text, array("l", range(start, start + len(text) + 1)))

    @classmethod
    def join(cls, parts: "list[MappedText]", separator: str = " ") -> "MappedText":
        """Join parts; each separator character maps to the end of the part before it."""
        texts: list[str] = []
        offsets = array("l")
        for index, part in enumerate(parts):
            if index and separator:
                texts.append(separator)
                offsets.extend([offsets[-1] if offsets else part.offsets[0]] * len(separator))
            texts.append(part.text)
            offsets.extend(part.offsets[:-1])
        end = parts[-1].offsets[-1] if parts else 0
        offsets.append(end)
        return cls("".join(texts), offsets)

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, item: slice) -> "MappedText":
        start, stop, _ = item.indices(len(self.text))
        stop = max(start, stop)
        offsets = self.offsets[start:stop]
        offsets.append(self.offsets[stop - 1] + 1 if stop > start else self.offsets[start])
        return MappedText(self.text[start:stop], offsets)

    def strip(self) -> "MappedText":
        start, stop = 0, len(self.text)
        while start < stop and self.text[start].isspace():
            start += 1
        while stop > start and self.text[stop - 1].isspace():
            stop -= 1
        return self[start:stop]

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering text[start:end] (end exclusive)."""
        if end <= start:
            offset = self.offsets[min(start, len(self.text))]
            return offset, offset
        return self.offsets[start], self.offsets[end - 1] + 1

    def __repr__(self) -> str:
        return f"MappedText({self.text!r})"


@dataclass(frozen=True)
class Mark:
    """Inline markup removed from the text: emphasis, strong, footnote reference, quote."""

    kind: str
    start: int
    end: int
    value: str = ""


@dataclass(frozen=True)
class Location:
    path: str
    span: Span
    lang: str | None
    start: int = 0   # source character offsets, for fixes
    end: int = 0


@dataclass(eq=False)
class Node:
    """One structural unit of one language version.

    ``kind`` is one of: document, title, formula, section, article, heading, paragraph,
    item, footnote, text. ``label`` is the number as written (``l.``, ``1)``, ``Art. 7bis``);
    ``style`` its marker style (``decimal.``, ``lower-alpha)``…); ``ordinal`` its value in
    its sequence (``c`` is 3, ``iv`` is 4, ``7bis`` is 7); ``key`` the normalised path used
    to align the two versions (``considering/l``).
    """

    kind: str
    lang: str
    body: MappedText
    source: "Source"
    label: str | None = None
    label_range: tuple[int, int] | None = None   # source offsets of the label
    style: str | None = None
    ordinal: int | None = None
    suffix: str = ""          # bis, ter, … after an article number
    key: str = ""
    name: str = ""            # a section's formula id (e.g. "visa"), an article's number
    marks: list[Mark] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, repr=False)
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.text

    def walk(self) -> Iterator["Node"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def locate(self, start: int = 0, end: int | None = None) -> Location:
        """Location of body[start:end] in the source file."""
        if end is None:
            end = len(self.body)
        s, e = self.body.source_range(start, end)
        return self.source.location(s, e, self.lang)

    def locate_label(self) -> Location:
        if self.label_range is None:
            return self.locate(0, 0)
        return self.source.location(*self.label_range, self.lang)

    def whole(self) -> Location:
        """The node from its label to the end of its body."""
        start = self.label_range[0] if self.label_range else self.body.source_range(0, 0)[0]
        end = self.body.source_range(0, len(self.body))[1] if len(self.body) else start
        return self.source.location(start, max(start, end), self.lang)

    def describe(self) -> str:
        """A short human name: ``item l.``, ``article 7bis``, ``section visa``."""
        if self.label:
            return f"{self.kind} {self.label}"
        return f"{self.kind} {self.name}".strip()


@dataclass
class Document:
    """One language version, parsed."""

    lang: str
    source: "Source"
    root: Node
    problems: list["Finding"] = field(default_factory=list)  # reader/parser findings

    def nodes(self, kind: str | None = None) -> Iterator[Node]:
        for node in self.root.walk():
            if kind is None or node.kind == kind:
                yield node


@dataclass(frozen=True)
class Pair:
    """Two aligned nodes; either side may be missing."""

    key: str
    left: Node | None
    right: Node | None


@dataclass(frozen=True)
class Fix:
    """Replace the finding's span (or ``location`` when given) with ``replacement``."""

    replacement: str
    safe: bool = True
    location: Location | None = None


@dataclass(frozen=True)
class Related:
    location: Location
    message: str = ""
    text: str = ""   # the other version's text, for display


@dataclass(frozen=True)
class Finding:
    """What a rule yields; the engine adds code, name, category, severity."""

    location: Location
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    code: str | None = None   # set by parser-level findings that are not rules
    key: str | None = None    # the structural position (a node key); the engine finds it when None


@dataclass(frozen=True)
class Diagnostic:
    """A finding stamped by the engine with its rule's identity and effective severity."""

    path: str
    span: Span
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    lang: str | None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    source_line: str = ""
    key: str = ""            # the node key of the finding's structural position (``considering/l``)
    fingerprint: str = ""    # a hash of the rule and the flagged text, for baselines and SARIF
    where: str = ""          # the structural position in words: ``art. 7, § 2, 1°``, ``s. 12(3)(a)``,
                             # ``page 4, left column, line 12`` (what a user finds in a one-line XML file)

    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.code, self.message)


@dataclass(frozen=True)
class Rule:
    """A rule: identity, defaults, the check function; its docstring is its documentation."""

    code: str
    name: str
    category: str
    severity: Severity
    check: Callable[["Bitext", Mapping[str, Any]], Iterator[Finding]]
    options: Mapping[str, Any] = field(default_factory=dict)
    # an opt-in rule runs only when a selector names it by its full code or name: a rule
    # whose measured precision on real law is too low to run on every text unasked
    opt_in: bool = False
    # the values an option accepts, when they are a closed set: anything else is a config error
    choices: Mapping[str, tuple] = field(default_factory=dict)

    @property
    def doc(self) -> str:
        return self.check.__doc__ or ""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""


@dataclass
class Bitext:
    """The two parsed versions of one text and their alignment: what rules see."""

    languages: tuple[str, str]
    documents: dict[str, Document]
    pairs: list[Pair]
    layout: str
    paths: tuple[str, ...]
    config: Mapping[str, Any] = field(default_factory=dict)

    def other(self, lang: str) -> str:
        return self.languages[1] if lang == self.languages[0] else self.languages[0]
