"""The two versions as rows of aligned provisions, each finding placed on its characters.

The HTML and CSV reports share this view. A row is one pair of ``bitext.pairs`` (in the
order bilint aligned them), a cell one node's own text: its body without the text of its
children, which have rows of their own. Every character of a cell keeps its source
offset, so a finding (a line and column span in a file) lands on exactly the characters
it flags, and its related span lands in the other version's cell.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Sequence

from ..model import Bitext, Diagnostic, Node, Span

PRIMARY = "primary"
RELATED = "related"


@dataclass
class Mark:
    """Characters ``start:end`` of a cell's label or text (``start == end``: a point)."""

    start: int
    end: int
    number: int          # the finding's number in the report, from 1
    role: str            # PRIMARY or RELATED
    part: str = "text"   # "text" or "label"
    wide: bool = False   # a related span of a whole provision (shown only when its finding is chosen)


@dataclass
class Cell:
    node: Node
    label: str
    text: str
    offsets: list[int]
    label_offsets: list[int] | None    # None: the label is not the source's characters as written
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Row:
    key: str
    kind: str
    depth: int
    cells: tuple[Cell | None, Cell | None]
    notes: list[int] = field(default_factory=list)   # numbers of the findings placed in this row


@dataclass
class Finding:
    number: int
    diagnostic: Diagnostic
    row: int | None = None       # the row of its highlight; None: about the document as a whole
    excerpts: dict[str, str] = field(default_factory=dict)   # language -> provision text


@dataclass
class DocumentView:
    languages: tuple[str, str]
    paths: tuple[str, ...]
    rows: list[Row]
    findings: list[Finding]
    whole: list[int] = field(default_factory=list)   # findings placed on no provision


@dataclass
class _Run:
    """Consecutive characters of one cell whose source offsets follow each other."""

    start: int        # source offset of its first character
    end: int
    cell: Cell
    index: int        # index of its first character in the cell's text (or label)
    part: str


def _own_text(node: Node) -> tuple[str, list[int]]:
    """The node's body without the characters its children cover."""
    offsets = list(node.body.offsets[:-1])
    if not node.children:
        return node.text, offsets
    ranges = sorted((child.whole().start, child.whole().end) for child in node.children)
    starts = [start for start, _ in ranges]
    kept_text, kept_offsets = [], []
    for char, offset in zip(node.text, offsets):
        index = bisect_right(starts, offset) - 1
        if index >= 0 and ranges[index][0] <= offset < ranges[index][1]:
            continue
        kept_text.append(char)
        kept_offsets.append(offset)
    text = "".join(kept_text)
    stripped = text.strip()
    if not stripped:
        return "", []
    left = len(text) - len(text.lstrip())
    return stripped, kept_offsets[left:left + len(stripped)]


def _cell(node: Node) -> Cell:
    text, offsets = _own_text(node)
    label = node.label or ""
    label_offsets = None
    if node.label_range is not None:
        start, end = node.label_range
        if node.source.text[start:end] == label:
            label_offsets = list(range(start, end))
    return Cell(node, label, text, offsets, label_offsets)


def _depth(node: Node) -> int:
    depth, parent = 0, node.parent
    while parent is not None and parent.kind != "document":
        depth, parent = depth + 1, parent.parent
    return depth


def _runs(cell: Cell, part: str, offsets: Sequence[int]) -> list[_Run]:
    runs: list[_Run] = []
    begin = 0
    for index in range(1, len(offsets) + 1):
        if index == len(offsets) or offsets[index] != offsets[index - 1] + 1:
            runs.append(_Run(offsets[begin], offsets[index - 1] + 1, cell, begin, part))
            begin = index
    return runs


class _Index:
    """Source offsets to cell characters, per (path, language)."""

    def __init__(self) -> None:
        self.runs: dict[tuple[str, str], list[_Run]] = {}
        self.starts: dict[tuple[str, str], list[int]] = {}

    def add(self, path: str, lang: str, cell: Cell) -> None:
        bucket = self.runs.setdefault((path, lang), [])
        if cell.label_offsets:
            bucket.extend(_runs(cell, "label", cell.label_offsets))
        bucket.extend(_runs(cell, "text", cell.offsets))

    def freeze(self) -> None:
        for key, runs in self.runs.items():
            runs.sort(key=lambda run: (run.start, run.end))
            self.starts[key] = [run.start for run in runs]

    def place(self, path: str, lang: str, start: int, end: int) -> list[tuple[_Run, int, int]]:
        """The runs holding source characters ``start:end`` and the run-relative range in each."""
        runs = self.runs.get((path, lang))
        if not runs:
            return []
        starts = self.starts[(path, lang)]
        index = bisect_right(starts, start) - 1
        while index > 0 and runs[index - 1].end > start:   # separators repeat an offset
            index -= 1
        index = max(index, 0)
        if end <= start:   # a point: the character at it, else the end of the run before it
            for run in runs[index:index + 3]:
                if run.start <= start < run.end:
                    return [(run, start - run.start, start - run.start)]
            for run in runs[index:index + 3]:
                if run.end == start:
                    return [(run, run.end - run.start, run.end - run.start)]
            return []
        found = []
        for run in runs[index:]:
            if run.start >= end:
                break
            if run.end > start:
                found.append((run, max(start, run.start) - run.start, min(end, run.end) - run.start))
        return found


def _offsets(source, span: Span) -> tuple[int, int] | None:
    """Source offsets of a 1-based line/column span."""
    starts = source.line_starts
    if not 1 <= span.line <= len(starts) or not 1 <= span.end_line <= len(starts):
        return None
    start = min(starts[span.line - 1] + span.column - 1, len(source.text))
    end = min(starts[span.end_line - 1] + span.end_column - 1, len(source.text))
    return start, max(start, end)


def build(bitext: Bitext, diagnostics: Sequence[Diagnostic], first_number: int = 1) -> DocumentView:
    """Rows for every aligned pair; the document's diagnostics numbered and placed."""
    rows: list[Row] = []
    index = _Index()
    row_of: dict[int, int] = {}
    by_key: dict[tuple[str, str], Cell] = {}
    for pair in bitext.pairs:
        node = pair.left or pair.right
        assert node is not None
        cells = (_cell(pair.left) if pair.left else None, _cell(pair.right) if pair.right else None)
        for cell in cells:
            if cell is not None:
                index.add(cell.node.source.path, cell.node.lang, cell)
                row_of[id(cell)] = len(rows)
                by_key.setdefault((cell.node.lang, cell.node.key), cell)
        rows.append(Row(pair.key, node.kind, _depth(node), cells))
    index.freeze()
    sources = {(document.source.path, lang): document.source for lang, document in bitext.documents.items()}
    view = DocumentView(tuple(bitext.languages), tuple(bitext.paths), rows, [])
    for number, diagnostic in enumerate(diagnostics, first_number):
        finding = Finding(number, diagnostic)
        view.findings.append(finding)
        langs = [diagnostic.lang] if diagnostic.lang else list(bitext.languages)
        placed = _mark(index, sources, diagnostic.path, langs, diagnostic.span, number, PRIMARY)
        if not placed:
            placed = _mark_by_key(by_key, diagnostic.key, number)
        if placed:
            finding.row = row_of[id(placed[0])]
            rows[finding.row].notes.append(number)
        else:
            view.whole.append(number)
        for related in diagnostic.related:
            where = related.location
            langs = [where.lang] if where.lang else list(bitext.languages)
            _mark(index, sources, where.path, langs, where.span, number, RELATED)
        finding.excerpts = _excerpts(bitext, placed[0] if placed else None, diagnostic, by_key)
    return view


_WIDE = 80


def _mark(index: _Index, sources: dict, path: str, langs: Sequence[str], span: Span,
          number: int, role: str) -> list[Cell]:
    """Mark the span's characters in their cells; the cells marked, in order."""
    for lang in langs:
        source = sources.get((path, lang))
        if source is None:
            continue
        offsets = _offsets(source, span)
        if offsets is None:
            continue
        cells: list[Cell] = []
        wide = role == RELATED and offsets[1] - offsets[0] > _WIDE
        for run, start, end in index.place(path, lang, *offsets):
            run.cell.marks.append(Mark(run.index + start, run.index + end, number, role, run.part, wide))
            if run.cell not in cells:
                cells.append(run.cell)
        if cells:
            return cells
    return []


def _mark_by_key(by_key: dict, key: str, number: int) -> list[Cell]:
    """A finding between characters (on markup, or past a provision): a point at its provision."""
    lang, _, node_key = key.partition(":")
    cell = by_key.get((lang, node_key))
    if cell is None:
        return []
    part = "text" if cell.text or not cell.label else "label"
    cell.marks.append(Mark(0, 0, number, PRIMARY, part))
    return [cell]


_EXCERPT = 600


def _excerpts(bitext: Bitext, cell: Cell | None, diagnostic: Diagnostic, by_key: dict) -> dict[str, str]:
    """Each version's provision text around the finding (the CSV's two excerpt columns)."""
    excerpts: dict[str, str] = {}
    if cell is not None:
        excerpts[cell.node.lang] = _clip(cell.label, cell.text)
        counterpart = cell.node.attrs.get("counterpart")
        if counterpart is not None:
            other = by_key.get((counterpart.lang, counterpart.key))
            if other is not None:
                excerpts[counterpart.lang] = _clip(other.label, other.text)
    for related in diagnostic.related:
        lang = related.location.lang
        if lang and lang not in excerpts and related.text:
            excerpts[lang] = related.text[:_EXCERPT]
    return excerpts


def _clip(label: str, text: str) -> str:
    whole = f"{label} {text}".strip()
    return whole if len(whole) <= _EXCERPT else whole[:_EXCERPT - 1] + "…"


def complete(bitexts: Sequence[Bitext], files: Sequence[dict]) -> list[Bitext]:
    """The documents given, and those of the other files read again from disk.

    ``bilint check`` passes every document it linted; ``bilint fix`` passes none, and its
    remaining findings point into the files as fixed, which are read here.
    """
    from ..cli import documents
    from ..engine import Settings, build_bitext
    from ..source import InputError

    shown = [*bitexts]
    covered = {path for bitext in bitexts for path in bitext.paths}
    rest = [f for f in files if f.get("path") not in covered and len(f.get("languages", ())) == 2]
    by_setting: dict[tuple, list[str]] = {}
    for file in rest:
        by_setting.setdefault((tuple(file["languages"]), file.get("layout", "auto")), []).append(file["path"])
    for (languages, layout), paths in by_setting.items():
        for group in documents(paths, languages):
            try:
                shown.append(build_bitext(group, Settings(languages=languages, layout=layout)))
            except InputError:   # gone or unreadable since: its findings are listed apart
                continue
    return shown


def build_all(bitexts: Sequence[Bitext], diagnostics: Sequence[Diagnostic]) -> tuple[list[DocumentView], list[Finding]]:
    """One view a document; diagnostics of no shown document (e.g. a file that could not be
    parsed) are returned apart, numbered after the others."""
    views: list[DocumentView] = []
    taken: set[int] = set()
    number = 1
    for bitext in bitexts:
        paths = set(bitext.paths)
        mine = [d for i, d in enumerate(diagnostics) if i not in taken and d.path in paths]
        taken.update(i for i, d in enumerate(diagnostics) if d.path in paths)
        views.append(build(bitext, mine, number))
        number += len(mine)
    rest = [Finding(n, d) for n, d in enumerate((d for i, d in enumerate(diagnostics) if i not in taken), number)]
    return views, rest
