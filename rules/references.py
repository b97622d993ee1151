"""Reference rules: cross-references compared as references, and resolved inside the text.

Each provision's references are parsed by ``bilint.citations`` into target paths
(article → paragraph → subparagraph → point → subpoint) and acts. BL402 pairs the
references of two aligned provisions and reports the first part that differs: a level, a
number, a member of a list or range, the act. BL430 looks a reference that clearly points
into the text itself up in the text's own structure (``rules._targets``); BL431 checks that
the two versions' agreeing references resolve to aligned provisions. Document numbers, law dates written
without a provision and the amendment references of a consolidation are not citations:
BL402 compares those as values, with ``rules.parity``'s comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Node, Related, rule
from bilint.citations import (LEVELS, Citation, Part, Step, Value, find_citations, has_citation_data, lexicon,
                              reading_marks)

from ._memo import once_per_text
from ._targets import Targets, enclosing_article
from .parity import _differences, _family, _finding, _ignored, _in_title

_SKIPPED = ("document", "title")
_LEVEL_NAMES = {"article": "article", "paragraph": "paragraph", "subparagraph": "subparagraph",
                "point": "point", "subpoint": "subpoint", "clause": "clause"}


# --- the references of a node ---------------------------------------------------------------

_AMENDMENT = re.compile(r"(?<![\w])[A-Z]{1,4}\s+(?:\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})")


def _note_ranges(text: str) -> list[tuple[int, int]]:
    """Amendment notes of a consolidation (``<W 2000-06-26/42, art. 2>``): not the law's text.
    A note runs from its ``<`` (or its amendment reference, when the ``<`` is lost) to its ``>``."""
    starts = sorted({m.start() for m in re.finditer("<", text)} | {m.start() for m in _AMENDMENT.finditer(text)})
    ranges = []
    for start in starts:
        close = text.find(">", start)
        ranges.append((start, close + 1 if close >= 0 else len(text)))
    return ranges


def _quote_ranges(text: str) -> list[tuple[int, int]]:
    """Quoted passages (``« … »``, ``“ … ”``, ``„ … ”``): in an amending act, another act's words."""
    ranges = []
    for match in re.finditer(r"«[^»]*»|“[^”]*”|„[^”“]*[”“]", text):
        ranges.append((match.start(), match.end()))
    return ranges


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


def citations(node: Node) -> list[Citation]:
    """The node's own references outside amendment notes (computed once per node)."""
    cache = node.attrs.get("_bl43_citations")
    if cache is None:
        if not has_citation_data(node.lang):
            cache = []
        else:
            notes = _note_ranges(node.text)
            cache = [c for c in find_citations(node.text, node.lang, node.marks) if not _inside(c.start, notes)]
        node.attrs["_bl43_citations"] = cache
    return cache


# --- comparing two references -------------------------------------------------------------

@dataclass(frozen=True)
class _Difference:
    """What differs between two paired references: the parts to point at, and why."""

    mine: Part           # in the reported version
    theirs: Part | None  # in the other version
    message: str
    missing: tuple[str, ...] = ()   # values one version leaves out, when that is the difference


def _compatible(a: Step, b: Step) -> bool:
    return not a.levels or not b.levels or bool(a.levels & b.levels)


def _level_name(step: Step) -> str:
    """The level by its name when the word means one level only, else the word as written."""
    if len(step.levels) == 1:
        return next(iter(step.levels))
    if step.word is not None:
        return step.word.text
    ordered = [level for level in LEVELS if level in step.levels]
    return _LEVEL_NAMES.get(ordered[0], ordered[0]) if ordered else "level"


def _written_level(step: Step) -> str:
    return step.word.text if step.word is not None else step.values[0].written()


def _describe_levels(levels: frozenset[str]) -> str:
    return " or ".join(level for level in LEVELS if level in levels) or "?"


def _values_text(values: tuple[Value, ...]) -> str:
    return ", ".join(v.written() for v in values)


def _align_steps(a: tuple[Step, ...], b: tuple[Step, ...]) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Pairs of compatible steps in order; the first incompatible pair when no alignment exists."""
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if _compatible(a[i], b[j]):
            pairs.append((i, j))
            i, j = i + 1, j + 1
            continue
        skip_b = next((k for k in range(j + 1, len(b)) if _compatible(a[i], b[k])), None)
        skip_a = next((k for k in range(i + 1, len(a)) if _compatible(a[k], b[j])), None)
        if skip_a is None and skip_b is None:
            return pairs, (i, j)
        if skip_b is not None and (skip_a is None or skip_b - j <= skip_a - i):
            j = skip_b
        else:
            i = skip_a
    return pairs, None


def compare(a: Citation, b: Citation, lang_b: str) -> _Difference | None:
    """The first difference between two references, as seen from ``a``; None when they agree."""
    both = f": “{a.part.text}” / {lang_b} “{b.part.text}”"
    if a.claim is not None and b.claim is not None and not (a.claim.levels & b.claim.levels):
        return _Difference(a.claim.word, b.claim.word,
                           f"the level differs (“{a.claim.word.text}”, {_describe_levels(a.claim.levels)}, "
                           f"against “{b.claim.word.text}”, {_describe_levels(b.claim.levels)}){both}")
    pairs, clash = _align_steps(a.steps, b.steps)
    for i, j in pairs:
        difference = _compare_values(a.steps[i], b.steps[j], lang_b, both)
        if difference is not None:
            return difference
    if clash is not None:
        i, j = clash
        mine, theirs = a.steps[i], b.steps[j]
        return _Difference(mine.word or mine.values[0].part, theirs.word or theirs.values[0].part,
                           f"the level differs (“{_written_level(mine)}”, {_describe_levels(mine.levels)}, "
                           f"against “{_written_level(theirs)}”, {_describe_levels(theirs.levels)}){both}")
    # a level one version adds at the end ("artikel 7, § 2" / "article 7") is not reported:
    # on the dev corpus it was nearly always a level the other version writes elsewhere in
    # its sentence ("onder c) en d)", "aux 1° à 3° du paragraphe 3")
    return _compare_acts(a, b, both)


_LATIN_ORDER = ("", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
_LATIN_NUMBER = re.compile(r"(\d+)(" + "|".join(s for s in _LATIN_ORDER if s) + r")?")


def _expanded(values: tuple[Value, ...]) -> frozenset[str] | None:
    """The numbers a list of values and ranges covers (``136bis à 136septies`` is six
    articles), or None when a range cannot be counted out."""
    out: set[str] = set()
    for value in values:
        if value.high is None:
            out.add(value.low)
            continue
        low, high = _LATIN_NUMBER.fullmatch(value.low), _LATIN_NUMBER.fullmatch(value.high)
        if low is None or high is None:
            return None
        if not low.group(2) and not high.group(2) and 0 <= int(high.group(1)) - int(low.group(1)) <= 500:
            out.update(str(n) for n in range(int(low.group(1)), int(high.group(1)) + 1))
        elif low.group(1) == high.group(1):
            first, last = _LATIN_ORDER.index(low.group(2) or ""), _LATIN_ORDER.index(high.group(2) or "")
            out.update(low.group(1) + suffix for suffix in _LATIN_ORDER[first:last + 1])
        else:
            return None
    return frozenset(out)


def _compare_values(mine: Step, theirs: Step, lang_b: str, both: str) -> _Difference | None:
    my_keys, their_keys = [v.key() for v in mine.values], [v.key() for v in theirs.values]
    if sorted(my_keys, key=str) == sorted(their_keys, key=str):
        return None
    my_set, their_set = _expanded(mine.values), _expanded(theirs.values)
    if my_set is not None and my_set == their_set:
        return None    # "5, 6, 7 en 8" / "5 à 8"
    missing = [v for v in mine.values if v.key() not in their_keys]
    extra = [v for v in theirs.values if v.key() not in my_keys]
    if missing and extra:
        level = _describe_levels(mine.levels & theirs.levels or mine.levels)
        first, other = missing[0], extra[0]
        if first.low == other.low and first.high_part is not None and other.high_part is not None:
            return _Difference(first.high_part, other.high_part,   # "5 tot 8" / "5 à 9": the end differs
                               f"the {level} differs ({first.written()} against {other.written()}){both}")
        if len(missing) > 1 or len(extra) > 1 or first.high is not None or other.high is not None:
            return _Difference(_span(mine.values), _span(theirs.values),   # "1 tot en met 6" / "1 et 6"
                               f"the {level} differs ({_values_text(mine.values)} against "
                               f"{_values_text(theirs.values)}){both}")
        return _Difference(missing[0].part, extra[0].part,
                           f"the {level} differs ({missing[0].written()} against {extra[0].written()}){both}")
    if missing and len(mine.values) > 1:
        return _Difference(missing[0].part, None,
                           f"{_level_name(mine)} {missing[0].written()} is missing from the {lang_b} "
                           f"reference{both}", tuple(v.low for v in missing))
    return None   # the other version lists more: reported there (one problem, one finding)


def _filled(part: Part, node: Node) -> Part:
    return part if part.text else Part(node.text[part.start:part.end], part.start, part.end)


def _span(values: tuple[Value, ...]) -> Part:
    """The characters from a level's first value to its last."""
    first, last = values[0].part, values[-1].part
    if len(values) == 1:
        return first
    return Part("", first.start, last.end)


def _compare_acts(a: Citation, b: Citation, both: str) -> _Difference | None:
    if a.act is None or b.act is None:
        return None
    if a.act.date and b.act.date and a.act.date != b.act.date and a.act.date_part is not None:
        return _Difference(a.act.date_part, b.act.date_part,
                           f"the act's date differs ({a.act.date_part.text} against {b.act.date_part.text}){both}")
    if a.act.number and b.act.number and a.act.number != b.act.number and a.act.number_part is not None:
        return _Difference(a.act.number_part, b.act.number_part,
                           f"the act's number differs ({a.act.number_part.text} against "
                           f"{b.act.number_part.text}){both}")
    if a.act.this != b.act.this and (a.act.date or b.act.date):
        return _Difference(a.act.kind_part or a.act.part, b.act.kind_part or b.act.part,
                           f"the act differs (this text against another){both}")
    return None


def _step_part(step: Step, citation: Citation) -> Part:
    """The characters of one level of a reference: its word and its values."""
    parts = ([step.word] if step.word else []) + [v.part for v in step.values]
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    return Part(citation.part.text[start - citation.start:end - citation.start], start, end)


# --- pairing the references of two provisions -----------------------------------------------

def _signature(citation: Citation) -> tuple:
    act = citation.act
    return (tuple(tuple(sorted(s.numbers(), key=str)) for s in citation.steps),
            (act.date, act.number) if act is not None else None)


def _top(citation: Citation) -> set:
    return {v.key() for v in citation.steps[0].values} if citation.steps else set()


def _same_target_kind(a: Citation, b: Citation) -> bool:
    if not a.steps or not b.steps or not _compatible(a.steps[0], b.steps[0]):
        return False
    kind_a = (a.act.kind, a.act.this) if a.act is not None else None
    kind_b = (b.act.kind, b.act.this) if b.act is not None else None
    return kind_a == kind_b


def _pair(left: list[Citation], right: list[Citation]) -> tuple[list[tuple[Citation, Citation]], list[Citation], list[Citation]]:
    """Pair the two provisions' references: equal ones, then the same top number, then in order."""
    pairs: list[tuple[Citation, Citation]] = []
    rest_left, rest_right = list(left), list(right)
    for matches in (lambda a, b: _signature(a) == _signature(b),
                    lambda a, b: bool(_top(a) & _top(b)) and _compatible(a.steps[0], b.steps[0])):
        for a in list(rest_left):
            b = next((c for c in rest_right if matches(a, c)), None)
            if b is not None:
                pairs.append((a, b))
                rest_left.remove(a)
                rest_right.remove(b)
    # one reference left on each side into the same kind of act ("de la dite Convention" /
    # "van het verdrag"), or to this text: they are the same reference, differently numbered
    for a in list(rest_left):
        same = [b for b in rest_right if _same_target_kind(a, b) and len(a.steps) == len(b.steps)]
        if len(same) == 1 and sum(1 for c in rest_left if _same_target_kind(c, same[0])) == 1:
            pairs.append((a, same[0]))
            rest_left.remove(a)
            rest_right.remove(same[0])
    if len(rest_left) == len(rest_right):
        for a, b in zip(list(rest_left), list(rest_right)):
            if a.steps and b.steps and len(a.steps) == len(b.steps) and _compatible(a.steps[0], b.steps[0]):
                pairs.append((a, b))
                rest_left.remove(a)
                rest_right.remove(b)
    return pairs, rest_left, rest_right


def _cited_elsewhere(values: tuple[str, ...], other: Node, paired: tuple[Citation, Citation]) -> bool:
    """Every left-out value is cited by another reference of the other version, or written
    just before its reference (``aux 1° à 3° du paragraphe 3 de l'article 136quater``)."""
    cited = {v.low for c in citations(other) if c not in paired for s in c.steps for v in s.values}
    theirs = next((c for c in paired if any(c is x for x in citations(other))), None)
    before = other.text[max(0, theirs.start - 150):theirs.start] if theirs is not None else ""
    near = _numbers_in(before)
    return all(value in cited or value.lower() in near for value in values)


def _numbers_in(text: str) -> set[str]:
    return {m.group().lower() for m in re.finditer(r"\d+(?:bis|ter|quater|[a-z])?", text)}




@dataclass(frozen=True)
class _Problem:
    node: Node
    other: Node
    mine: Part
    theirs: Part | None
    message: str


@once_per_text
def _problems(bitext: Bitext) -> list[_Problem]:
    """Every difference between the references of aligned provisions (once per text)."""
    found: list[_Problem] = []
    for pair in bitext.pairs:
        left, right = pair.left, pair.right
        if left is None or right is None or left.kind in _SKIPPED:
            continue      # (the lines of a title block are compared one by one: a preamble cites too)
        mine, theirs = citations(left), citations(right)
        if not mine and not theirs:
            continue
        pairs, rest_left, rest_right = _pair(mine, theirs)
        for a, b in pairs:
            difference = compare(a, b, right.lang)
            node, other = left, right
            if difference is None:
                difference = compare(b, a, left.lang)
                node, other = right, left
            if difference is not None and difference.missing and _cited_elsewhere(difference.missing, other, (a, b)):
                continue    # "artikel 477 tot 477sexies of artikel 488bis": the other version cites it apart
            if difference is not None:
                theirs = difference.theirs
                found.append(_Problem(node, other, _filled(difference.mine, node),
                                      _filled(theirs, other) if theirs is not None else None, difference.message))
        # a reference with no counterpart at all is not reported: on the dev corpus it was
        # nearly always a provision aligned with another one, or a reference the other
        # version words without a number ("het genoemde artikel"); BL003 reports missing text
    return found


def _document_values(bitext: Bitext) -> dict[str, set[str]]:
    """Every reference value each version writes anywhere (once per text)."""
    from .parity import _quantities

    cached = bitext.documents[bitext.languages[0]].root.attrs.get("_bl43_values")
    if cached is None:
        cached = {lang: {q.value for node in bitext.documents[lang].root.walk() for q in _quantities(node)}
                  for lang in bitext.languages}
        for lang in bitext.languages:
            for node in bitext.documents[lang].root.walk():
                if node.marks:
                    cached[lang] |= _superscript_values(node)
                # document numbers and law ids as written ("arrest nr.148/2017"), whether or
                # not the value reader took them for a value at that place
                cached[lang] |= set(_SLASHED.findall(node.text))
        bitext.documents[bitext.languages[0]].root.attrs["_bl43_values"] = cached
    return cached


# starts only where a number starts (not inside "1.2.3"), so a long dotted run is tried once
_SLASHED = re.compile(r"(?<![\d/])(?<!\d[-.])\d+(?:[-.]\d+)*/\d+(?![\d/])")
_SPACED_SUFFIX = re.compile(r"(\d+)\s+[^\W\d_]+")


def _spaced_suffix(written: str, other: Node) -> bool:
    """A number and a word apart (``13 ter``) whose bare number the other version writes:
    the word may be a word of the sentence (``ter keuze``), not a latin suffix."""
    match = _SPACED_SUFFIX.fullmatch(written)
    if match is None:
        return False
    from .parity import _quantities

    return match.group(1) in {q.value for q in _quantities(other)}


def _superscript_values(node: Node) -> set[str]:
    """Numbers whose letters a reader removed as a superscript (``278<sup>bis</sup>``)."""
    _, inserts = reading_marks(node.text, node.marks)
    out = set()
    for position, letters in inserts.items():
        digits = re.search(r"\d+$", node.text[:position])
        if digits:
            out.add(digits.group() + letters.lower())
    return out


def _in_citation(node: Node, start: int) -> bool:
    return any(c.start <= start < c.end for c in citations(node))


@rule("BL402", "reference-parity", "parity", "warning", ignore=[])
def reference_parity(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A reference that points elsewhere in one version of a provision than in the other.

    Why: a reference to the wrong article or the wrong law sends the reader of one
    language to another rule than the reader of the other. bilint parses each reference
    (``artikel 5, § 2, eerste lid, 1°`` / ``article 5, § 2, alinéa 1er, 1°``, ``de
    artikelen 3, 5 en 7`` / ``les articles 3, 5 et 7``, ``het tweede lid van artikel 5`` /
    ``l'alinéa 2 de l'article 5``, ``subsection 2(1)`` / ``paragraphe 2(1)``, ``van de wet
    van 18 juli 1966`` / ``de la loi du 18 juillet 1966``) into its target path and act,
    pairs the references of each pair of aligned provisions, and reports the first part
    that differs, once, at its characters in one version with the other version's part
    alongside: a level (``§ 2`` against ``alinéa 2``; ``section 2(1)`` against
    ``paragraphe 2(1)``), a number at any level, a member of a list or range that one
    version leaves out, the date or number of the act. A reference with no counterpart at all
    is not reported (on real texts it is nearly always a provision aligned with another,
    or a reference the other version words without a number). The words are the
    language data's (``[citation]`` in ``bilint/lang/*.toml``): ``lid`` may be a
    subparagraph (Belgian law) or a numbered paragraph (treaties), ``alinéa`` a
    subparagraph or a Canadian paragraph (a); a word compares equal to any level it may
    mean.

    Values that are references but not citations, document numbers (``nr. 896/3`` /
    ``n° 896/3``), law dates (``de wet van 18 juli 1966``) and the Belgian amendment
    references (``<W 1999-05-04/60, art. 5>`` / ``<L 1999-05-04/60, art. 5>``) are
    compared as values, with BL401's comparison, and reported when the other version
    never writes the value (two consolidations place their notes differently; a law id
    one of them never cites is a misprint).

    No fix: which version is right is not known.

    Example: ``bedoeld in artikel 5, § 2, van het verdrag`` / ``visée à l'article 5, § 3,
    du traité``: ``2`` is reported in the Dutch text, the French ``3`` alongside. ``de
    artikelen 5 tot 8`` / ``les articles 5 à 8`` is silent.

    Options: ``ignore`` (default ``[]``): values never reported (``"7bis"``, ``"896/3"``,
    ``"1999-05-04/60"``).
    """
    ignored = _ignored(options)
    for problem in _problems(bitext):
        if problem.mine.text.strip() in ignored or any(v in ignored for v in _numbers_in(problem.mine.text)):
            continue
        other = problem.other
        if problem.theirs is not None:
            related = Related(other.locate(problem.theirs.start, problem.theirs.end),
                              f"the {other.lang} {other.describe()}", other.text[:200])
        else:
            related = Related(other.whole(), f"the {other.lang} {other.describe()}", other.text[:200])
        yield Finding(problem.node.locate(problem.mine.start, problem.mine.end), problem.message,
                      related=(related,))
    written = _document_values(bitext)
    for leftover in _differences(bitext):
        quantity = leftover.quantity
        if _family(quantity) != "reference" or quantity.value in ignored:
            continue
        if quantity.value in written[leftover.counterpart.lang]:
            continue    # the other version cites it too, elsewhere: two consolidations place notes differently
        if any(value.endswith(("-" + quantity.value, "/" + quantity.value)) for value in written[leftover.counterpart.lang]):
            continue    # "17/37": the tail of an amendment id ("2004-06-17/37") whose start a reader lost
        if _spaced_suffix(quantity.written, leftover.counterpart):
            continue    # "3 en 13 ter keuze": "ter" is a word there, not 13ter
        if _in_citation(leftover.node, quantity.start):
            continue    # a citation's number: compared above, as part of its reference
        if re.fullmatch(r"\d/\d", quantity.written):
            continue    # "2/3": a fraction (a majority), not a document number
        if not re.search(r"\d[/-]\d|[^\W\d_]", quantity.written):
            continue    # a bare number outside a reference ("44° 51'"): not a citation, nor a
            #             document number, a law's date or an amendment reference
        yield _finding(leftover)


# --- resolving internal references ------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.;:!?](?=\s+[A-ZÀ-Ý«\"(\[]|\s*$)|\n\s*\n")


def _sentence(text: str, start: int, end: int, reach: int = 600) -> str:
    """The sentence around ``text[start:end]``, at most ``reach`` characters either side."""
    low = max(0, start - reach)
    before = [m.end() for m in _SENTENCE_END.finditer(text, low, start)]
    following = _SENTENCE_END.search(text, end, end + reach)
    return text[before[-1] if before else low: following.start() if following else min(len(text), end + reach)]


def patterns_possessive(code: str) -> "re.Pattern[str]":
    return lexicon(code).patterns["POSSESSIVE"]


def _clearly_internal(node: Node, citation: Citation) -> bool:
    """The reference points into this text: ``van deze wet``, ``hiervoor``, or no act in its sentence."""
    if citation.act is not None:
        return citation.act.this
    if citation.internal_word is not None:
        return True
    if patterns_possessive(node.lang).search(node.text, max(0, citation.start - 15), citation.start):
        return False    # "in hun artikelen XXII en VIII": their articles, not this text's
    if lexicon(node.lang).patterns["CHAPTER"].search(node.text, max(0, citation.start - 20), citation.start):
        return False    # "[Repealed, 2012, c. 19, s. 221]": a section of the amending act's chapter
    quotes = node.attrs.get("_bl43_quotes")
    if quotes is None:
        quotes = node.attrs["_bl43_quotes"] = _quote_ranges(node.text)
    if _inside(citation.start, quotes):
        return False
    patterns = lexicon(node.lang).patterns
    after = node.text[citation.end:citation.end + 60]
    connector = re.match(r"\s*,?\s*", after)
    connector = patterns["CONNECT"].match(after, connector.end())
    rest = after[connector.end():].lstrip() if connector else ""
    if rest[:1].isalpha() and not patterns["THIS"].match(rest):
        return False    # "artikel 54 van de concessievoorwaarden", "§ 6 du même article": of something else
    sentence = _sentence(node.text, citation.start, citation.end)
    for act in patterns["ACT"].finditer(sentence):
        before = sentence[max(0, act.start() - 30):act.start()]
        if not re.search(rf"(?:{patterns['THIS'].pattern})\s+$", before, re.I):
            return False    # another act is named in the sentence: "artikel 5" may be its article
    return True


def targets(bitext: Bitext, lang: str) -> Targets:
    """The provisions of one version a reference can point at (read once per text)."""
    root = bitext.documents[lang].root
    cached = root.attrs.get("_bl43_targets")
    if cached is None:
        cached = root.attrs["_bl43_targets"] = Targets(root, lang)
    return cached


@rule("BL430", "unresolved-reference", "parity", "warning", min_articles=3)
def unresolved_reference(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A reference to a provision of this text that the text does not have.

    Why: a reference to ``article 17`` in a text of sixteen articles, to ``§ 4`` of an
    article that has three, or to the point ``l)`` of a list that ends at ``k)``, points at
    nothing; it is a renumbering left behind or a typo, and the reader cannot follow it.
    bilint parses each reference (see BL402) and follows it down the text's own
    structure: the article, its ``§`` paragraph, and the point (``3°``, ``c)``) of the one
    list of points that paragraph or article has; only a number past the last is
    reported (a text may skip repealed numbers). It follows the references that clearly
    point into the text itself: those that name
    it (``van deze wet``, ``de la présente loi``, ``of this Act``), those marked
    ``hiervoor``/``ci-dessus``/``above``, and those whose sentence names no act at all. A
    reference in a sentence that names another act (``artikel 5 van de wet van 18 juli
    1966``, ``l'article 3 de la Convention``), inside quotation marks (an amending act's
    new text) or in a consolidation's amendment note is not looked up. Articles listed by
    a heading of repealed ones (``Art. 31-34``) exist; a section cited after the chapter of
    an annual statute (``[Repealed, 2012, c. 19, s. 221]``) is that statute's. Only texts
    that have articles (at least ``min_articles``) are checked.

    No fix: what was meant is not known.

    Example: in a text whose articles run from 1 to 16, ``overeenkomstig artikel 17`` /
    ``conformément à l'article 17``: ``17`` is reported in each version; ``artikel 2, § 1,
    3°`` where that paragraph lists ``1°`` and ``2°``: ``3°`` is reported. ``artikel 5 van
    de wet van 18 juli 1966`` is not looked up.

    Options: ``min_articles`` (default 3): the number of articles a text must have for its
    references to be looked up.
    """
    minimum = int(options.get("min_articles", 3))
    found: list[tuple[Node, Part, str]] = []
    for lang in bitext.languages:
        document = bitext.documents[lang]
        if not has_citation_data(lang) or sum(1 for _ in document.nodes("article")) < minimum:
            continue
        tree = targets(bitext, lang)
        for node in document.root.walk():
            if node.kind in _SKIPPED or _in_title(node):
                continue
            for citation in citations(node):
                if _clearly_internal(node, citation):
                    resolution = tree.resolve(citation)
                    if resolution.missing is not None:
                        found.append((node, resolution.missing, resolution.message))
    # the same missing target in both versions of a provision is one problem: one finding
    # in the first version, the other version's reference alongside
    first = bitext.languages[0]
    echoes = {(id(node.attrs.get("counterpart")), message): (node, part)
              for node, part, message in found if node.lang != first}
    used: set = set()
    for node, part, message in found:
        if node.lang != first:
            continue
        echo = echoes.get((id(node), message))
        related: tuple[Related, ...] = ()
        if echo is not None:
            used.add((id(node), message))
            other, other_part = echo
            related = (Related(other.locate(other_part.start, other_part.end),
                               f"the {other.lang} {other.describe()} has the same reference", other.text[:200]),)
        yield Finding(node.locate(part.start, part.end), message, related=related)
    for node, part, message in found:
        if node.lang != first and (id(node.attrs.get("counterpart")), message) not in used:
            yield Finding(node.locate(part.start, part.end), message)


def _resolved(bitext: Bitext, node: Node, citation: Citation) -> Node | None:
    if not _clearly_internal(node, citation):
        return None
    return targets(bitext, node.lang).resolve(citation).node


@rule("BL431", "reference-target-mismatch", "parity", "warning")
def reference_target_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A reference whose two versions point at provisions that are not each other's counterparts.

    Why: the versions of a text may number their articles differently (one renumbered
    after an insertion, one left behind); then ``artikel 12`` / ``article 12`` read the same
    and still send the two readers to different rules. bilint pairs the references of each
    pair of aligned provisions (see BL402), follows the two that agree and clearly point
    into the text itself (see BL430) down each version's own structure tree, to the article
    and its ``§`` paragraph, and reports a pair whose two targets were not aligned with
    each other, or whose one target is aligned with an article the other version's
    reference does not name while that version has no article of the number it names;
    the message names both targets. References to another act are compared
    (BL402), not resolved; a reference to nothing is BL430's.

    No fix: which version numbers its provisions right is not known.

    Example: the Dutch articles run 1, 2, 3, the French 1, 2, 4 (its third article is
    misnumbered, and aligned with the Dutch ``Artikel 3``): ``bedoeld in artikel 3`` /
    ``visé à l'article 3`` is reported in the Dutch text (the French ``article 3`` points at
    no article of the French text); ``bedoeld in artikel 2`` / ``visé à l'article 2`` is
    silent.

    Options: none.
    """
    for pair in bitext.pairs:
        left, right = pair.left, pair.right
        if left is None or right is None or left.kind in _SKIPPED or _in_title(left):
            continue
        mine, theirs = citations(left), citations(right)
        if not mine or not theirs:
            continue
        for a, b in _pair(mine, theirs)[0]:
            if compare(a, b, right.lang) is not None or compare(b, a, left.lang) is not None:
                continue     # BL402's finding
            found = _mismatch(bitext, left, a, right, b) or _mismatch(bitext, right, b, left, a)
            if found is not None:
                yield found


def _mismatch(bitext: Bitext, node: Node, a: Citation, other: Node, b: Citation) -> Finding | None:
    """``a``'s target has a counterpart that ``b`` does not point at."""
    target = _resolved(bitext, node, a)
    counterpart = target.attrs.get("counterpart") if target is not None else None
    if counterpart is None or not _clearly_internal(other, b):
        return None
    resolution = targets(bitext, other.lang).resolve(b)
    theirs = resolution.node
    if theirs is counterpart or resolution.missing is not None:
        return None     # aligned targets; or a reference to nothing, BL430's finding
    if theirs is None:
        first = b.steps[0] if b.steps else None
        if first is None or first.levels != frozenset({"article"}) or len(first.values) != 1 \
                or first.values[0].high is not None \
                or first.values[0].low.lower() in targets(bitext, other.lang).articles:
            return None     # not resolved, but not surely missing either
        pointed = f"no article of the {other.lang} text"
    elif theirs.kind != target.kind:
        return None         # resolved to different depths: not comparable
    else:
        pointed = _named(theirs)
    part = a.steps[0].values[0].part
    their_part = b.steps[0].values[0].part
    message = (f"“{a.part.text}” points at the {node.lang} {_named(target)}, whose {other.lang} counterpart is "
               f"{_named(counterpart)}; the {other.lang} “{b.part.text}” points at {pointed}")
    related = Related(other.locate(their_part.start, their_part.end), f"the {other.lang} reference", other.text[:200])
    return Finding(node.locate(part.start, part.end), message, related=(related,))


def _named(node: Node) -> str:
    article = enclosing_article(node)
    if node.kind == "article" or article is None:
        return f"article {node.name}" if node.kind == "article" else node.describe()
    return f"article {article.name}, {node.label or node.describe()}"


RULES = [reference_parity, unresolved_reference, reference_target_mismatch]
