"""Inject comparison errors into real bilingual texts and count how many bilint finds.

    python tools/inject_errors.py [--corpus ../shared/corpus] [--per-doc 4] [--docs ID,ID]

For each document, a seeded random choice of aligned provisions gets one error on one
side, one document run per error: a number changed, a date changed, a number dropped
(one written once in its article on both sides), a list item dropped, an enumeration member dropped
(of an enumeration BL415 can pair with the other version's). An injection is found when a new
comparison finding (BL003, BL401-BL421) appears that covers the changed place or its
provision, in either language. Prints each injection and the share found.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:   # the rule pack is importable as ``rules`` from the checkout
    sys.path.insert(0, str(ROOT))
SELECT = ("BL003", "BL401", "BL402", "BL411", "BL415", "BL416")   # the default rules (BL403 is opt-in)
DEFAULT_DOCS = ("BWBV0001344", "BWBV0002730", "BWBV0003478", "BWBV0004289", "BWBV0004751",
                "BWBV0005655", "BWBV0006173", "BWBV0002926", "BWBV0002341", "BWBV0001702")


@dataclass(frozen=True)
class Injection:
    kind: str
    path: str
    start: int      # source offsets of the replaced text
    end: int
    replacement: str
    block: tuple[int, int]   # source range of the provision it sits in (both sides' are accepted)
    other: tuple[int, int]
    what: str


def _range(node) -> tuple[int, int]:
    location = node.whole()
    return location.start, max(location.end, location.start + 1)


def _ancestor_ranges(node) -> list[tuple[int, int]]:
    ranges, current = [], node
    while current is not None and current.kind not in ("document", "title"):
        ranges.append(_range(current))
        current = current.parent
    return ranges


def candidates(bitext, rng: random.Random) -> list[Injection]:
    """Possible injections in one parsed document (a few of each kind)."""
    from rules.counterparts import _match_members, enumerations
    from rules.glossary import load_glossary
    from rules.parity import _block, _block_values

    glossary = load_glossary(bitext.languages)
    tables = {lang: glossary.translations(lang) for lang in bitext.languages}
    from rules.quantities import find_quantities

    found: list[Injection] = []
    for pair in bitext.pairs:
        left, right = pair.left, pair.right
        if left is None or right is None or left.kind not in ("paragraph", "item", "article", "text"):
            continue
        node, other = (left, right) if rng.random() < 0.5 else (right, left)
        # values the other version writes in digits (one written in words is read, never reported)
        theirs = {q.value for q in find_quantities(other.text, other.lang) if any(ch.isdigit() for ch in q.written)}
        if len(node.text.strip()) < 40:
            continue   # a heading's number, a table cell: not a provision's value
        for q in find_quantities(node.text, node.lang):
            if q.value not in theirs or not any(ch.isdigit() for ch in q.written) or q.note \
                    or not node.text[:q.start].strip():
                continue
            start, end = node.body.source_range(q.start, q.end)
            if q.kind == "date" and re.search(r"\d{4}", q.written):
                year = re.search(r"\d{4}", q.written)
                new = q.written[:year.start()] + str(int(year.group()) + 3) + q.written[year.end():]
                found.append(Injection("date changed", node.source.path, start, end, new,
                                       _range(node), _range(other), f"{q.written} -> {new}"))
            elif q.kind == "number" and re.fullmatch(r"\d{1,6}", q.written) and int(q.written) > 1:
                new = str(int(q.written) * 10 + 7)
                found.append(Injection("number changed", node.source.path, start, end, new,
                                       _range(node), _range(other), f"{q.written} -> {new}"))
                if _block_values(_block(node))[q.value] == 1 and _block_values(_block(other))[q.value] == 1:
                    # a value written twice in an article is still there when one is
                    # dropped: BL401 compares which values a provision has, by design
                    found.append(Injection("number dropped", node.source.path, start, end, "",
                                           _range(node), _range(other), f"{q.written} dropped"))
        their_enums = enumerations(other.text, other.lang, 4)
        for enum in enumerations(node.text, node.lang, 4):
            # only an enumeration BL415 can pair with the other version's (two members
            # match by cognate or glossary): one it cannot read is not a lost detection
            if len(enum.members) >= 4 and any(
                    len(enum.members) == len(theirs_enum.members)
                    and len(_match_members(enum, node.lang, theirs_enum, other.lang, tables[node.lang])) >= 3
                    for theirs_enum in their_enums):
                s, e = enum.members[1]
                nxt = enum.members[2][0]
                start, end = node.body.source_range(s, nxt)
                found.append(Injection("enumeration member dropped", node.source.path, start, end, "",
                                       _range(node), _range(other), f"'{node.text[s:e]}' dropped"))
    for document in bitext.documents.values():
        for parent in document.nodes():
            items = [c for c in parent.children if c.kind == "item" and c.attrs.get("counterpart") is not None]
            if len(items) >= 3:
                item = items[1]
                start, end = _range(item)
                # found when a finding names the list, or the other version's item that is
                # now left without a counterpart
                block = _range(parent) if parent.kind != "document" else (start, end)
                found.append(Injection("item dropped", item.source.path, start, end, "",
                                       block, _range(item.attrs["counterpart"]),
                                       f"item {item.label} dropped"))
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def run(paths: list[str], per_kind: int, seed: int = 7) -> list[tuple[Injection, bool]]:
    """Inject up to ``per_kind`` errors of each kind into one document; each with its verdict."""
    from bilint.engine import Settings, lint_paths

    settings = Settings(select=list(SELECT))
    bitext, baseline = lint_paths(paths, settings)
    texts = {document.source.path: document.source.text for document in bitext.documents.values()}
    before = {(d.code, d.path, d.span, d.message) for d in baseline}
    rng = random.Random(seed)
    pool = candidates(bitext, rng)
    chosen: list[Injection] = []
    for kind in sorted({i.kind for i in pool}):
        of_kind = [i for i in pool if i.kind == kind]
        rng.shuffle(of_kind)
        chosen.extend(of_kind[:per_kind])
    results = []
    for injection in chosen:
        text = texts[injection.path]
        changed = text[:injection.start] + injection.replacement + text[injection.end:]
        _, diagnostics = lint_paths(paths, settings, {injection.path: changed})
        new = [d for d in diagnostics if (d.code, d.path, d.span, d.message) not in before]
        shift = len(injection.replacement) - (injection.end - injection.start)
        def moved(r: tuple[int, int]) -> tuple[int, int]:
            if r[1] <= injection.start:
                return r
            return (r[0], r[1] + shift) if r[0] <= injection.start else (r[0] + shift, r[1] + shift)
        places = [moved(injection.block), moved(injection.other)]
        hit = False
        for d in new:
            ranges = [(d.fix.location.start, d.fix.location.end)] if d.fix and d.fix.location else []
            spans = [(r.location.start, r.location.end) for r in d.related]
            own = _offsets(d, changed if d.path == injection.path else texts.get(d.path, ""))
            if any(_overlaps(p, s) or _contains(s, p) for p in places for s in [own, *spans, *ranges] if s):
                hit = True
                break
        results.append((injection, hit))
    return results


def _contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _offsets(diagnostic, text: str) -> tuple[int, int]:
    """Source offsets of a diagnostic's span (1-based line and column)."""
    lines = text.splitlines(keepends=True)
    def offset(line: int, column: int) -> int:
        return sum(len(l) for l in lines[: line - 1]) + column - 1
    span = diagnostic.span
    start = offset(span.line, span.column)
    return start, max(start + 1, offset(span.end_line, span.end_column))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--per-kind", type=int, default=2)
    parser.add_argument("--docs", default=",".join(DEFAULT_DOCS))
    args = parser.parse_args()
    corpus = Path(args.corpus)
    total = found = 0
    for doc in args.docs.split(","):
        readme = corpus / "treaties" / doc / "README.md"
        if not readme.is_file():
            continue
        for injection, hit in run([str(readme)], args.per_kind):
            total += 1
            found += hit
            print(f"{'found ' if hit else 'MISSED'} {doc} {injection.kind}: {injection.what}")
    print(f"\n{found}/{total} injected errors found ({100 * found / max(total, 1):.0f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
