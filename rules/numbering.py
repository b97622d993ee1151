"""Numbering rules: list items and articles that break their sequence or their marker style.

A numbered sequence is read as a whole before anything is reported: the rule looks for
the explanation that needs the fewest changes (a missing item, a repeated number, two
items swapped, one wrong label, one look-alike character), so one slip gives one finding
and the items after it are not reported again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Sequence

from bilint.api import Bitext, Finding, Fix, Node, Related, rule
from bilint.lang import get_language
from bilint.lexer import to_roman

# Characters a typist, a font or an OCR engine confuses in a list label. Each pair is
# symmetric: ``1)`` where ``l.`` is expected, or ``l.`` where ``1.`` is expected. The
# ``i``/``1`` pair is weaker (the dot of the ``i`` usually survives) but occurs in
# scanned texts; the other pairs are the classic letter/digit confusions.
LOOKALIKES: frozenset[frozenset[str]] = frozenset(frozenset(pair) for pair in (
    ("l", "1"), ("I", "1"), ("I", "l"), ("i", "1"), ("|", "1"), ("|", "l"),
    ("O", "0"), ("o", "0"), ("D", "0"),
    ("S", "5"), ("s", "5"),
    ("B", "8"),
    ("Z", "2"), ("z", "2"),
))

# The latin suffixes of inserted articles and points (7bis, 7ter…), in their order.
SUFFIXES = ("", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
            "decies", "undecies", "duodecies", "terdecies", "quaterdecies", "quindecies",
            "sexdecies", "septdecies", "octodecies", "novodecies", "vicies")
# Other spellings of the same suffix: Belgian texts write ``nonies`` as often as ``novies``.
SUFFIX_VARIANTS = {"nonies": "novies"}
_SUFFIX_IN_LABEL = re.compile(r"[0-9]\s*(" + "|".join(sorted([*SUFFIXES[1:], *SUFFIX_VARIANTS], key=len, reverse=True))
                              + r")\b", re.IGNORECASE)

Value = tuple[int, int]   # (number, suffix rank): 7 is (7, 0), 7bis (7, 1), 7ter (7, 2)


# --- values and labels ---------------------------------------------------------------

def suffix_rank(suffix: str) -> int | None:
    """Rank of ``bis``/``ter``… (or of a Dutch letter suffix ``7a``), None when unknown."""
    suffix = suffix.strip().lower()
    suffix = SUFFIX_VARIANTS.get(suffix, suffix)
    if suffix in SUFFIXES:
        return SUFFIXES.index(suffix)
    if len(suffix) == 1 and suffix.isalpha():
        return ord(suffix) - ord("a") + 1
    return None


def item_value(node: Node) -> Value | None:
    if node.ordinal is None:
        return None
    match = _SUFFIX_IN_LABEL.search(node.label or "")
    return (node.ordinal, suffix_rank(match.group(1)) if match else 0)  # type: ignore[return-value]


def article_value(node: Node) -> Value | None:
    suffix = node.suffix
    if not suffix and re.fullmatch(r"[A-Za-z]", node.text.strip()):
        suffix = node.text.strip()   # ``Article 25 A``: the lexer leaves the letter in the body
    rank = suffix_rank(suffix)
    if node.ordinal is None or rank is None:
        return None
    return (node.ordinal, rank)


# The longest run of spent articles one heading may stand for (``94 to 99``); a larger span
# is more likely a misread label than a consolidation's placeholder.
_MAX_RANGE = 500


def article_range(node: Node) -> tuple[int, int] | None:
    """The first and last number of an article whose label names several (``94 to 99``,
    ``104 and 105``, ``94 à 99``): a consolidation's one heading for articles that are
    repealed or amend other acts. The words come from the language data (its range words
    and conjunctions), so a new language needs no change here."""
    if node.ordinal is not None or not node.label:
        return None
    language = get_language(node.lang)
    words = sorted({*language.range_words, *language.conjunctions}, key=len, reverse=True)
    if not words:
        return None
    match = re.fullmatch(r"\D{0,12}?(\d+)\s+(?:" + "|".join(map(re.escape, words)) + r")\s+(\d+)\W*",
                         node.label.strip(), re.IGNORECASE)
    if match is None:
        return None
    first, last = int(match.group(1)), int(match.group(2))
    return (first, last) if first < last <= first + _MAX_RANGE else None


def article_entries(node: Node) -> list["Entry"]:
    """The values an article stands for in its sequence: one, or each of a range's."""
    span = article_range(node)
    if span is None:
        return [Entry(node, article_value(node))]
    return [Entry(node, (number, 0)) for number in range(span[0], span[1] + 1)]


def article_end(node: Node) -> Value | None:
    """The last value an article stands for: its own, or the end of its range."""
    span = article_range(node)
    return (span[1], 0) if span else article_value(node)


def successors(value: Value) -> tuple[Value, Value]:
    """What may follow: the next number, or the next suffix of the same number."""
    return (value[0] + 1, 0), (value[0], value[1] + 1)


def render_item(value: Value, style: str) -> str:
    """The label a value takes in a list style: (12, 0) in ``lower-alpha.`` is ``l.``."""
    number, rank = value
    body = style.strip("()") if style.startswith("(") else style
    suffix = SUFFIXES[rank] if rank < len(SUFFIXES) else ""
    if style == "section-sign":
        return f"§ {number}{suffix}"
    for kind in ("decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman"):
        if body.startswith(kind):
            mark = body[len(kind):]
            break
    else:
        return f"{number}{suffix}"
    if kind == "decimal":
        core = f"{number}{suffix}"
    elif kind.endswith("alpha"):
        core = chr(ord("a") + number - 1) if 1 <= number <= 26 else str(number)
    else:
        core = to_roman(number) if number > 0 else str(number)
    if kind.startswith("upper"):
        core = core.upper()
    return f"({core})" if style.startswith("(") else f"{core}{mark}"


def render_article(value: Value, roman: bool = False) -> str:
    number, rank = value
    written = to_roman(number).upper() if roman and number > 0 else str(number)
    return f"{written}{SUFFIXES[rank] if rank < len(SUFFIXES) else ''}"


def label_core(label: str) -> str:
    """A label without its marks: ``1)`` is ``1``, ``(iv)`` is ``iv``, ``§ 2`` is ``2``."""
    return re.sub(r"[\s().°§]", "", label)


def label_mark(label: str) -> str:
    core = label_core(label)
    return label.replace(core, "", 1).strip() if core else label


def lookalike_pairs(written: str, expected: str) -> list[tuple[str, str]] | None:
    """The confused characters when ``written`` is ``expected`` with look-alikes, else None."""
    if len(written) != len(expected) or written == expected:
        return None
    pairs = [(w, e) for w, e in zip(written, expected) if w != e]
    if all(frozenset((w, e)) in LOOKALIKES for w, e in pairs):
        return pairs
    return None


# --- the sequence model ----------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One numbered node in a sequence; ``value`` None for an item in another style."""

    node: Node
    value: Value | None


@dataclass(frozen=True)
class Event:
    """What the best explanation says about one entry."""

    index: int
    kind: str              # ok, slot, skip, gap, repeat, back, wrong, swap
    value: Value           # the value the entry stands for
    expected: Value        # what the sequence expected there


_COSTLY = {"gap", "repeat", "back", "wrong", "swap"}
_REWRITES = {"wrong", "skip"}   # tie-breaks: prefer reading labels as written


@dataclass(frozen=True)
class _State:
    cost: int
    rewrites: int
    events: tuple[Event, ...]

    def then(self, *events: Event) -> "_State":
        return _State(self.cost + sum(e.kind in _COSTLY for e in events),
                      self.rewrites + sum(e.kind in _REWRITES for e in events),
                      self.events + events)

    @property
    def score(self) -> tuple[int, int]:
        return (self.cost, self.rewrites)


def _keep_kind(value: Value, previous: Value) -> str:
    if value in successors(previous):
        return "ok"
    if value == previous:
        return "repeat"
    return "back" if value < previous else "gap"


def _add(layer: dict[Value, _State], value: Value, state: _State) -> None:
    if value not in layer or state.score < layer[value].score:
        layer[value] = state


def _prune(layer: dict[Value, _State], width: int = 12) -> dict[Value, _State]:
    ranked = sorted(layer.items(), key=lambda item: item[1].score)
    return dict(ranked[:width])


def _initial(entries: Sequence[Entry]) -> dict[Value, _State]:
    """Where the sequence may start: at its first written value, or at 1."""
    layer: dict[Value, _State] = {}
    first = next(((i, e.value) for i, e in enumerate(entries) if e.value is not None), None)
    if first is not None:
        index, (number, rank) = first
        start = (number, rank - 1) if index == 0 and rank > 0 else (max(number - index - 1, 0), 0)
        _add(layer, start, _State(0, 0, ()))
    _add(layer, (0, 0), _State(0, 0, ()))
    return layer


def explain(entries: Sequence[Entry]) -> list[Event]:
    """The cheapest reading of a sequence, as one event per entry.

    Each entry either keeps its written value (free when it follows the previous one, one
    change for a gap, a repeat or a step back), is read as the value expected there (one
    change: a wrong label), or, for an item in another style, fills the expected place
    (a style slip) or stands outside the count (an unnested sub-item). Two neighbours
    written in reverse order are one change.
    """
    layers: list[dict[Value, _State]] = [_initial(entries)]
    for index, entry in enumerate(entries):
        layer: dict[Value, _State] = {}
        for previous, state in layers[-1].items():
            expected = successors(previous)[0]
            if entry.value is None:
                _add(layer, expected, state.then(Event(index, "slot", expected, expected)))
                _add(layer, previous, state.then(Event(index, "skip", previous, expected)))
                continue
            kind = _keep_kind(entry.value, previous)
            if kind == "gap" and entry.value[0] == previous[0]:
                expected = successors(previous)[1]
            _add(layer, entry.value, state.then(Event(index, kind, entry.value, expected)))
            if kind != "ok":
                _add(layer, expected, state.then(Event(index, "wrong", expected, expected)))
        if index >= 1:
            _add_swaps(layers[-2], entries, index, layer)
        layers.append(_prune(layer))
    best = min(layers[-1].values(), key=lambda state: state.score)
    return list(best.events)


def _add_swaps(before: dict[Value, _State], entries: Sequence[Entry], index: int,
               layer: dict[Value, _State]) -> None:
    """Entries index-1 and index written in reverse order (``1. 3. 2. 4.``)."""
    first, second = entries[index - 1].value, entries[index].value
    if first is None or second is None:
        return
    for previous, state in before.items():
        if second in successors(previous) and first in successors(second) and first not in successors(previous):
            _add(layer, first, state.then(Event(index - 1, "swap", first, second),
                                          Event(index, "ok", first, first)))


def counts(entries: list[Entry]) -> list[list[Entry]]:
    """The sequence cut where a new count starts: 1 followed by 2 after higher numbers is a
    new list whose separator was lost, a protocol after its treaty, or a text after its
    table of contents, not one count going back."""
    found: list[list[Entry]] = [[]]
    for index, entry in enumerate(entries):
        following = entries[index + 1].value if index + 1 < len(entries) else None
        earlier = [e.value for e in found[-1] if e.value is not None]
        if entry.value == (1, 0) and following == (2, 0) and earlier and max(earlier) > (1, 0):
            found.append([])
        found[-1].append(entry)
    return found


# --- lists of items ----------------------------------------------------------------------

def item_runs(parent: Node) -> Iterator[list[Node]]:
    """Maximal runs of item children; a footnote does not break a run, anything else does."""
    run: list[Node] = []
    for child in parent.children:
        if child.kind == "item":
            run.append(child)
        elif child.kind != "footnote":
            if run:
                yield run
            run = []
    if run:
        yield run


def list_style(run: Sequence[Node]) -> str | None:
    """The majority style among numbered items; a tie goes to the style that comes first."""
    counts = Counter(node.style for node in run if node.style and node.ordinal is not None)
    if not counts:
        return None
    best = max(counts.values())
    return next(node.style for node in run if node.style in counts and counts[node.style] == best)


def _unnested_sublists(run: Sequence[Node], style: str) -> set[int]:
    """Positions of runs of two or more items in another style counting on their own:
    a sub-list whose introducing item lacks its colon, not a numbering slip."""
    found: set[int] = set()
    index = 0
    while index < len(run):
        end = index
        while (end + 1 < len(run) and run[end + 1].style == run[index].style
               and run[index].style != style and run[index].ordinal is not None
               and run[end + 1].ordinal == (run[end].ordinal or 0) + 1):
            end += 1
        if end > index:
            found.update(range(index, end + 1))
        index = end + 1
    return found


def item_entries(run: Sequence[Node], style: str) -> list[Entry]:
    """The run as a sequence: items in the list's style count as written; a lone item in
    another style is a wildcard; dashes and unnested sub-lists stay out of the count."""
    sublists = _unnested_sublists(run, style)
    entries = []
    for index, node in enumerate(run):
        if index in sublists or node.ordinal is None:
            continue
        entries.append(Entry(node, item_value(node) if node.style == style else None))
    return entries


@dataclass
class _Context:
    """What the messages of one sequence need."""

    entries: list[Entry]
    events: list[Event]
    noun: str                 # "label" or "article"
    style: str | None = None  # the list style, for items
    roman: bool = False       # articles numbered I, II, III

    def show(self, value: Value) -> str:
        if self.style is None:
            return render_article(value, self.roman)
        return render_item(value, self.style)

    def written(self, index: int) -> str:
        node = self.entries[index].node
        if self.style is None:
            value = article_value(node)
            return render_article(value, self.roman) if value else (node.label or "")
        return node.label or ""

    def after(self, index: int) -> str:
        """`` after k.`` or `` at the start of the list``: the previous entry as written."""
        for before in range(index - 1, -1, -1):
            if self.events[before].kind != "skip":
                return f" after {self.written(before)}"
        return " at the start of the list" if self.style else " at the start"


def split_levels(run: list[Node]) -> list[list[Node]]:
    """A run of items that holds two levels of numbering, counted level by level.

    A ``§`` divides an article into paragraphs, each with its own list of points: the
    ``§`` items are one list and the points between two of them another each. Likewise
    any style whose items count on their own (``2.``, ``3.``) while the list's own style
    starts again at its first label after each of them (``a) b) 2. a) b) 3.``), or counts
    on across them (a heading ``II.`` among ``d) e)``): the flattened text lost the
    nesting, and neither level is a slip of the other.
    """
    parent, restarts = _parent_level(run)
    if parent is None:
        return [run]
    levels: list[list[Node]] = [[node for node in run if node.style == parent]]
    if not restarts:
        return [*levels, [node for node in run if node.style != parent]]
    segment: list[Node] = []
    for node in run:
        if node.style == parent:
            levels.append(segment)
            segment = []
        else:
            segment.append(node)
    levels.append(segment)
    return [level for level in levels if level]


def _parent_level(run: Sequence[Node]) -> tuple[str | None, bool]:
    """The style of a second level in the run, and whether the list restarts under it."""
    styles = [node.style for node in run if node.style and node.ordinal is not None]
    if "section-sign" in styles and any(style != "section-sign" for style in styles):
        return "section-sign", True
    main = list_style(run)
    for style in dict.fromkeys(styles):
        if style == main:
            continue
        marks = [index for index, node in enumerate(run) if node.style == style and node.ordinal is not None]
        ordinals = [run[index].ordinal for index in marks]
        if any(b != a + 1 for a, b in zip(ordinals, ordinals[1:])):
            continue
        if any(_slip_of_main(run, index, main) for index in marks):
            continue
        segments = [[node.ordinal for node in run[start + 1:stop] if node.style == main and node.ordinal is not None]
                    for start, stop in zip(marks, [*marks[1:], len(run)])]
        if all(not segment or segment[0] == 1 for segment in segments) and any(segments):
            return style, True
        main_ordinals = [node.ordinal for node in run if node.style == main and node.ordinal is not None]
        if all(b == a + 1 for a, b in zip(main_ordinals, main_ordinals[1:])):
            return style, False
        if not any(segments) and _kind_of(style) != _kind_of(main):
            return style, True   # "a) … g) 2.": the list ended, the next paragraph follows
    return None, False


def _slip_of_main(run: Sequence[Node], index: int, main: str | None) -> bool:
    """The item at ``index`` looks like the main list's next label (``1)`` for ``l.``)."""
    before = [node for node in run[:index] if node.style == main and node.ordinal is not None]
    if main is None or not before:
        return False
    expected = label_core(render_item((before[-1].ordinal + 1, 0), main))
    written = label_core(run[index].label or "")
    return written == expected or lookalike_pairs(written, expected) is not None


def _kind_of(style: str | None) -> str:
    """``decimal``, ``alpha`` or ``roman``, whatever the case and the marks."""
    return next((kind for kind in ("alpha", "roman", "decimal", "section-sign") if kind in (style or "")), "")


def item_findings(run: list[Node], bitext: Bitext, reported: set[int]) -> Iterator[Finding]:
    for level in split_levels(run):
        yield from _list_findings(level, bitext, reported)


def _list_findings(run: list[Node], bitext: Bitext, reported: set[int]) -> Iterator[Finding]:
    style = list_style(run)
    if style is None:
        return
    for entries in counts(item_entries(run, style)):
        if len(entries) < 2:
            continue
        events = explain(entries)
        context = _Context(entries, events, "label", style)
        for event in events:
            finding = _item_event(context, event, bitext)
            if finding is not None:
                reported.add(id(entries[event.index].node))
                yield finding


def _item_event(context: _Context, event: Event, bitext: Bitext) -> Finding | None:
    if event.kind == "slot":
        return _style_finding(context, event, bitext)
    return _sequence_finding(context, event)


def _style_finding(context: _Context, event: Event, bitext: Bitext) -> Finding:
    """An item in another style standing where the list expects its next label."""
    node = context.entries[event.index].node
    written, expected = node.label or "", context.show(event.expected)
    lead = f"label {written} where {expected} is expected{context.after(event.index)}"
    mark, list_mark = label_mark(written), label_mark(expected)
    marker = f"its marker {mark!r} differs from the list's {list_mark!r}" if mark != list_mark else ""
    pairs = lookalike_pairs(label_core(written), label_core(expected))
    if pairs:
        confusion = ", ".join(f"{w}/{e}" for w, e in pairs)
        message = f"{lead}: {expected} was probably meant ({confusion} confusion)"
        message += f", and {marker}" if marker else ""
    elif label_core(written) == label_core(expected):
        message = f"{lead}: {marker or 'its style differs from the list'}"
    else:
        message = f"{lead}: it does not follow the list's style {context.style}"
        message += f" ({marker})" if marker else ""
    return Finding(node.locate_label(), message, fix=Fix(expected, safe=False),
                   related=_counterpart_with(node, expected, bitext))


def _counterpart_with(node: Node, expected: str, bitext: Bitext) -> tuple[Related, ...]:
    """The other version's label, when it is the one expected here."""
    counterpart = node.attrs.get("counterpart")
    if counterpart is None or label_core(counterpart.label or "") != label_core(expected):
        return ()
    return (Related(counterpart.locate_label(), f"the {counterpart.lang} version has {counterpart.label}",
                    counterpart.label or ""),)


def _sequence_finding(context: _Context, event: Event) -> Finding | None:
    """A gap, repeat, step back, swap or wrong number; None when the entry is in order."""
    if event.kind not in _COSTLY:
        return None
    index = event.index
    node = context.entries[index].node
    written, expected = context.written(index), context.show(event.expected)
    noun = context.noun
    lead = f"{noun} {written} where {expected} is expected{context.after(index)}"
    fix = None
    if event.kind == "gap":
        value = context.entries[index].value
        missing = expected
        if value and event.expected[1] == 0 and value[1] == 0 and value[0] - event.expected[0] > 1:
            missing = f"{expected} to {context.show((value[0] - 1, 0))} are"
        else:
            missing += " is"
        message = f"{lead}: {missing} missing"
    elif event.kind == "repeat":
        message = f"{lead}: it repeats the number of the {'item' if context.style else noun} before it"
    elif event.kind == "back":
        message = f"{lead}: the numbering goes back"
    elif event.kind == "swap":
        second = context.written(index + 1)
        message = f"{noun}s {written} and {second} are in reverse order: {second} is expected{context.after(index)}"
    else:
        following = _next_written(context, index)
        message = f"{lead}: {expected} was probably meant" + (f", since {following} follows" if following else "")
        fix = Fix(expected, safe=False) if context.style else None
    return Finding(node.locate_label(), message, fix=fix)


def _next_written(context: _Context, index: int) -> str:
    for after in range(index + 1, len(context.entries)):
        if context.events[after].kind != "skip":
            return context.written(after)
    return ""


# --- articles ------------------------------------------------------------------------------

def is_table_of_contents(node: Node) -> bool:
    """An article heading with no body and no children lists the article, it does not enact it."""
    return not node.text.strip() and not node.children


_QUOTE_MARKS = "«»\"“”„‟‘’‚‛‹›"


def is_quoted(node: Node) -> bool:
    """An article whose text opens with a quotation mark quotes another act (``articles dont
    la teneur suit: Article XI. » Tout individu…``): its number is that act's, not a step of
    this text's count."""
    opening = node.text.strip() or next((child.text for child in node.children if child.text.strip()), "")
    return opening.lstrip(" .:;-–—\u00a0\n").startswith(tuple(_QUOTE_MARKS))


def article_runs(parent: Node) -> Iterator[list[Node]]:
    """The enacted articles among a parent's children; an annex starts a new count, and
    articles quoted from another act count on their own while this text's count goes on
    around them."""
    run: list[Node] = []
    quoted: list[Node] = []
    for child in parent.children:
        if child.kind == "division" and child.name == "annex":
            yield from (found for found in (run, quoted) if found)
            run, quoted = [], []
        elif child.kind == "article" and not is_table_of_contents(child) and article_end(child):
            if is_quoted(child):
                quoted.append(child)
                continue
            if quoted:
                yield quoted
                quoted = []
            run.append(child)
    yield from (found for found in (run, quoted) if found)




def is_numbered(entries: list[Entry]) -> bool:
    """Articles whose numbers mostly follow each other; a run with more jumps than steps
    (and three jumps at least) lists selected articles (a table of contents, an extract)
    and has no sequence to check."""
    values = [entry.value for entry in entries]
    steps = sum(b in successors(a) for a, b in zip(values, values[1:]) if a and b)
    jumps = len(values) - 1 - steps
    return jumps < 3 or steps >= jumps


def article_findings(run: list[Node], options: Mapping[str, Any], reported: set[int]) -> Iterator[Finding]:
    roman = all(_roman_number(node) for node in run)
    for entries in counts([entry for node in run for entry in article_entries(node)]):
        if len(entries) >= 2 and is_numbered(entries):
            yield from _count_findings(entries, options, reported, roman)


def _roman_number(node: Node) -> bool:
    """``Article IV``: the article is numbered in roman numerals."""
    return bool(re.search(r"\b[IVXLC]+\b", node.label or "")) and not re.search(r"\d", node.label or "")


def _count_findings(entries: list[Entry], options: Mapping[str, Any], reported: set[int],
                    roman: bool) -> Iterator[Finding]:
    events = explain(entries)
    context = _Context(entries, events, "article", roman=roman)
    for event in events:
        related: tuple[Related, ...] = ()
        if event.kind == "gap":
            other = _other_version_before(context, event)
            if other is None and not options.get("article-gaps", False):
                continue
            if other is not None:
                related = (Related(other.locate_label(), f"the {other.lang} version has {other.label} here",
                                   other.label or ""),)
        finding = _sequence_finding(context, event)
        if finding is not None:
            reported.add(id(entries[event.index].node))
            yield Finding(finding.location, finding.message, finding.fix, related)


def _other_version_before(context: _Context, event: Event) -> Node | None:
    """The article the other version has before this one when it is not the one before it
    here: the other version does not share the gap. A gap both versions share is usually an
    abrogated or renumbered article, not a slip (None)."""
    node = context.entries[event.index].node
    previous = context.entries[event.index - 1].node if event.index else None
    counterpart = node.attrs.get("counterpart")
    if counterpart is None or previous is None:
        return None
    before = _previous_article(counterpart)
    if before is None or article_end(before) == article_end(previous):
        return None
    return before


def _previous_article(node: Node) -> Node | None:
    siblings = node.parent.children if node.parent else []
    position = next(i for i, child in enumerate(siblings) if child is node)
    for child in reversed(siblings[:position]):
        if child.kind == "article" and not is_table_of_contents(child):
            return child
    return None


# --- the two versions -------------------------------------------------------------------------

def version_findings(bitext: Bitext, reported: set[int]) -> Iterator[Finding]:
    """Aligned labels with different values, reported once per shift, on the second language."""
    first, second = bitext.languages
    for parent in bitext.documents[second].nodes():
        shift: int | None = None
        for node in parent.children:
            if node.kind not in ("item", "article") or (node.kind == "article" and is_table_of_contents(node)):
                continue
            delta = _version_delta(node, reported)
            if delta is not None and delta != shift:
                counterpart = node.attrs["counterpart"]
                yield Finding(node.locate_label(),
                              f"{node.kind} {node.label} where the {first} version has {counterpart.label}: "
                              f"the two versions number this {node.kind} differently",
                              related=(Related(counterpart.locate_label(), f"the {first} label",
                                               counterpart.label or ""),))
            shift = delta


def _version_delta(node: Node, reported: set[int]) -> int | None:
    """How far the label is from its counterpart's (in numbers), None when they agree."""
    counterpart = node.attrs.get("counterpart")
    if counterpart is None or counterpart.kind != node.kind:
        return None
    if id(node) in reported or id(counterpart) in reported:
        return None
    value_of = item_value if node.kind == "item" else article_value
    mine, theirs = value_of(node), value_of(counterpart)
    if mine is None or theirs is None or mine == theirs:
        return None
    if node.kind == "item" and node.style != counterpart.style and _kind(node) != _kind(counterpart):
        return None   # one version letters, the other numbers: a house style, not a value
    return (mine[0] - theirs[0]) * 100 + (mine[1] - theirs[1])


def _kind(node: Node) -> str:
    return re.sub(r"[^a-z-]|lower-|upper-", "", node.style or "")


# --- the rule ----------------------------------------------------------------------------------

@rule("BL101", "list-numbering", "numbering", "error", **{"article-gaps": False, "compare-versions": True})
def list_numbering(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """List items or articles that break their sequence or their list's marker style.

    Why: a list item is cited by its label (``point l``, ``article 7bis``); a label that
    skips, repeats or changes style makes the citation ambiguous, and a label that differs
    between the two authentic versions makes the two versions cite different provisions.

    A list is a run of items of one parent (footnotes between items do not break it, a
    paragraph does); its style is the majority marker style (``a.``, ``1)``, ``(i)``,
    ``1°``, ``§ 1``); it may start at any value. bilint reads the whole list and keeps the
    explanation that needs the fewest changes, so one slip is reported once, at the
    offending label: ``1. 2. 2. 3.`` reports the second ``2.`` (a repeat), ``a. b. d. e.``
    reports ``d.`` (``c.`` is missing), ``1. 3. 2. 4.`` reports ``3.`` and ``2.`` as
    swapped, ``1. 2. 5. 4.`` reports ``5.`` (``3.`` was meant). An item in another style
    where the list expects its next label is reported as a style change, or as a
    look-alike (``1`` for ``l``, ``0`` for ``O``, ``5`` for ``S``, ``8`` for ``B``, ``2``
    for ``Z``, see ``LOOKALIKES``) with the label that was probably meant and, when the
    other version has that label, the other version's label as related information.
    Two or more items in another style counting on their own are a sub-list whose
    introducing item lacks its colon, and a lone item of another style that the count
    skips is an unnested sub-item: neither is reported. ``§`` items are the paragraphs
    of an article: they are one list, and the points (``1°``, ``a)``) between two of them
    another each. A count that starts again at 1 followed by 2 is a new list whose
    separator was lost. Dashes and bullets carry no number and are not checked; a single
    item is not a list.

    Articles of one parent are checked the same way (``Art. 1, 2, 3, 3bis, 4``: bis, ter,
    quater… follow their number), across chapter headings. An article heading with no
    body and no children is a table-of-contents entry and is skipped; a new count from
    article 1 (a protocol or annex after the treaty, the text after its table of
    contents) is not an error, and a run with more jumps than steps (three at least)
    lists selected articles (an extract) and is not checked.

    Finally, aligned items and articles whose numbers differ between the versions (NL
    ``3.`` against FR ``4.``) are reported once per shift, on the second language, with
    the first language's label, unless one side is already reported above.

    The fixes are unsafe: a label is the handle other texts cite, so changing it in an
    authentic text is a decision for the lawyer-linguist, even when the other version
    agrees.

    Example: ``Overwegende dat: … k. … l. … m. …`` / ``Considérant que: … k. … 1) …
    m. …``: ``1)`` stands where ``l.`` is expected; ``l.`` was probably meant (l/1
    confusion), and its marker ``)`` differs from the list's ``.``.

    Options: ``article-gaps`` (default false): report every gap in article numbers;
    by default a gap is reported only when the other version does not share it, since a
    gap in both versions is usually an abrogated article (the Criminal Code) rather than
    a slip. ``compare-versions`` (default true): compare the numbers of aligned items and
    articles between the two versions.
    """
    reported: set[int] = set()
    for lang in bitext.languages:
        for parent in bitext.documents[lang].nodes():
            for run in item_runs(parent):
                yield from item_findings(run, bitext, reported)
            for run in article_runs(parent):
                yield from article_findings(run, options, reported)
    if options.get("compare-versions", True):
        yield from version_findings(bitext, reported)


RULES = [list_numbering]
