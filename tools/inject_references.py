"""Injected reference errors in real texts: how many BL402 and BL430 find, with the part named.

For each treaty given (the dev corpus's ``treaties/*/README.md``, French then Dutch), the
references of aligned provisions that agree are found; in turn, one of them is changed
in one version only: a number at some level (``artikel 5`` → ``artikel 6``), its level
(``lid 2`` → ``§ 2`` where the other version has ``alinéa 2``: a word that cannot
mean the other version's level), the date of its act (the year
+ 1), or, in both versions, an internal article reference is sent past the text's last
article, or an internal ``§`` past its article's last paragraph. The changed text is
linted again; an injection is found when a BL402 (BL430 for the last two kinds) finding
covers the changed characters, in its own span or its related location, and its message
names the changed part.

    python tools/inject_references.py [--corpus ../shared/corpus] [--docs N] [--per-doc K]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

@dataclass
class Injection:
    kind: str
    lang: str
    start: int       # source offsets of the replaced characters
    end: int
    replacement: str
    named: str       # what the message must name

    def apply(self, text: str) -> str:
        return text[:self.start] + self.replacement + text[self.end:]


def _agreeing(bitext):
    """(left node, right node, left citation, right citation) of references that agree."""
    from rules.references import _pair, citations, compare

    for pair in bitext.pairs:
        if pair.left is None or pair.right is None or pair.left.kind in ("document", "title"):
            continue
        pairs, _, _ = _pair(citations(pair.left), citations(pair.right))
        for a, b in pairs:
            if compare(a, b, pair.right.lang) is None and compare(b, a, pair.left.lang) is None:
                yield pair.left, pair.right, a, b


def _offsets(node, part) -> tuple[int, int]:
    location = node.locate(part.start, part.end)
    return location.start, location.end


def injections(bitext, per_doc: int) -> list[Injection]:
    """Up to ``per_doc`` injections, the kinds in turn, spread over the agreeing references."""
    from rules.references import _clearly_internal, targets

    candidates = list(_agreeing(bitext))
    articles = {lang: targets(bitext, lang) for lang in bitext.languages}
    found: list[Injection] = []
    used: set[int] = set()
    kinds = ["level", "act", "missing", "number", "paragraph"]
    for round_ in range(per_doc):
        kind = kinds[round_ % len(kinds)]
        for index, (left, right, a, b) in enumerate(candidates):
            if index in used:
                continue
            node, citation = (left, a) if (round_ + index) % 2 == 0 else (right, b)
            made = _inject(kind, node, citation, left, right, a, b, articles, _clearly_internal)
            if made:
                found.extend(made)
                used.add(index)
                break
    return found


def _inject(kind, node, citation, left, right, a, b, articles, internal) -> list[Injection]:
    lang = node.lang
    if kind == "number":
        step = citation.steps[-1]
        value = step.values[-1]
        digits = re.search(r"\d+", value.part.text)
        if digits is None:
            return []
        new = str(int(digits.group()) + 1)
        start, _ = _offsets(node, value.part)
        return [Injection(kind, lang, start + digits.start(), start + digits.end(), new, new)]
    if kind == "level":
        # a deeper level's word replaced by one that cannot mean what the other version's does
        from bilint.citations import lexicon

        other = b if citation is a else a
        if len(other.steps) != len(citation.steps):
            return []
        for index in range(1, len(citation.steps)):
            mine, theirs = citation.steps[index], other.steps[index]
            if mine.word is None:
                continue
            words = [w for w, (levels, plural) in lexicon(lang).levels.items()
                     if not plural and "article" not in levels and not levels & theirs.levels
                     and not levels & mine.levels and not w.endswith(".")]
            if words:
                start, end = _offsets(node, mine.word)
                word = sorted(words, key=len)[0]
                return [Injection(kind, lang, start, end, word, word)]
        return []
    if kind == "act":
        if citation.act is None or citation.act.date_part is None:
            return []
        year = re.search(r"\d{4}", citation.act.date_part.text)
        if year is None:
            return []
        start, _ = _offsets(node, citation.act.date_part)
        new = str(int(year.group()) + 1)
        return [Injection(kind, lang, start + year.start(), start + year.end(), new, new)]
    if kind == "paragraph":
        from rules._targets import paragraph_numbers

        made = []
        for side, cit in ((left, a), (right, b)):
            tree = articles[side.lang]
            if len(cit.steps) < 2 or cit.steps[0].levels != {"article"} or len(cit.steps[0].values) != 1 \
                    or cit.steps[1].levels != {"paragraph"} or cit.steps[1].word is None \
                    or cit.steps[1].word.text not in ("§", "§§") and not cit.steps[1].word.text.lower().startswith("parag") \
                    or len(cit.steps[1].values) != 1 or not internal(side, cit):
                return []
            article = tree.articles.get(cit.steps[0].values[0].low.lower())
            numbers = paragraph_numbers(article) if article is not None else []
            digits = re.search(r"\d+", cit.steps[1].values[0].part.text)
            if not numbers or digits is None:
                return []
            new = str(max(numbers) + 2)
            start, _ = _offsets(side, cit.steps[1].values[0].part)
            made.append(Injection(kind, side.lang, start + digits.start(), start + digits.end(), new, f"§ {new}"))
        return made
    if kind == "missing":
        made = []
        for side, cit in ((left, a), (right, b)):
            numbers = sorted(int(n) for n in articles[side.lang].articles if n.isdigit())
            first = cit.steps[0]
            if not numbers or first.levels != {"article"} or len(first.values) != 1 or first.values[0].high \
                    or not internal(side, cit):
                return []
            new = str(numbers[-1] + 7)
            start, end = _offsets(side, first.values[0].part)
            made.append(Injection(kind, side.lang, start, end, new, new))
        return made
    return []


_BOTH = ("missing", "paragraph")    # injected in both versions: a reference to nothing, BL430's


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _covers(span, line: int, column: int) -> bool:
    return (span.line, span.column) <= (line, column) < (span.end_line, span.end_column) or \
        (span.line, span.column) == (line, column)


def measure(corpus: Path, docs: int, per_doc: int) -> tuple[int, int, list[str]]:
    from bilint.engine import Settings, lint_paths

    settings = Settings(languages=("fr", "nl"), select=["BL402", "BL430"])
    readmes = sorted((corpus / "treaties").glob("*/README.md"), key=lambda p: p.stat().st_size)[:docs]
    total = found = 0
    report: list[str] = []
    for readme in readmes:
        path = str(readme)
        original = readme.read_text(encoding="utf-8")
        bitext, _ = lint_paths([path], settings)
        planned = injections(bitext, per_doc)
        groups: list[list[Injection]] = []
        for injection in planned:   # the two halves of a "missing" injection go together
            if injection.kind in _BOTH and groups and groups[-1][0].kind == injection.kind and len(groups[-1]) == 1:
                groups[-1].append(injection)
            else:
                groups.append([injection])
        for group in groups:
            text = original
            for injection in sorted(group, key=lambda i: -i.start):
                text = injection.apply(text)
            first = min(group, key=lambda i: i.start)
            shift = 0
            line, column = _line_col(text, first.start + shift)
            _, diagnostics = lint_paths([path], settings, {path: text})
            code = "BL430" if first.kind in _BOTH else "BL402"
            hit = any(d.code == code and first.named in d.message and
                      (_covers(d.span, line, column) or any(_covers(r.location.span, line, column) for r in d.related)
                       or (first.kind in _BOTH and any(_covers(d.span, *_line_col(text, i.start)) for i in group)))
                      for d in diagnostics)
            total += 1
            found += hit
            report.append(f"{'found ' if hit else 'MISSED'} {readme.parent.name} {first.kind:7} {first.lang} "
                          f"{original[max(0, first.start - 30):first.end + 20]!r} -> {first.replacement!r}")
    return total, found, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared" / "corpus"
    parser.add_argument("--corpus", type=Path, default=default if default.is_dir() else Path("/work/shared/corpus"))
    parser.add_argument("--docs", type=int, default=12, help="the N smallest treaties")
    parser.add_argument("--per-doc", type=int, default=4)
    args = parser.parse_args(argv)
    if not (args.corpus / "treaties").is_dir():
        print(f"no treaties in {args.corpus}", file=sys.stderr)
        return 2
    total, found, report = measure(args.corpus, args.docs, args.per_doc)
    for line in report:
        print(line)
    kinds: dict[str, list[int]] = {}
    for line in report:
        tally = kinds.setdefault(line.split()[2], [0, 0])
        tally[0] += line.startswith("found")
        tally[1] += 1
    print(f"\nfound {found} of {total} injections ({100 * found / max(total, 1):.0f} %), the changed part named: "
          + ", ".join(f"{kind} {hit}/{count}" for kind, (hit, count) in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
