"""Findings per rule on the corpus: the example against KNOWN-ERRORS.md, and the rate per
1,000 words on the clean real texts (Criminal Code pair, treaties, UDHR).

    python tools/measure_rules.py [--select BL4] [--samples 5] [--corpus ../shared/corpus]

Prints, for each rule, its findings on the example (line and message) and its findings per
1,000 words on each clean text, with a few sample messages to read.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from pathlib import Path

from bilint.engine import Settings, lint_paths

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[^\W\d_]+")
_TEXT_KINDS = ("text", "formula", "section", "division", "article", "paragraph", "item", "footnote")


def clean_documents(corpus: Path) -> list[tuple[str, list[str]]]:
    documents = [
        ("criminal-code", [str(corpus / "be-strafwetboek/strafwetboek.nl.html"),
                           str(corpus / "be-strafwetboek/strafwetboek.fr.html")]),
        ("udhr", [str(corpus / "udhr/udhr-nl.md"), str(corpus / "udhr/udhr-fr.md")]),
    ]
    for readme in sorted((corpus / "treaties").glob("*/README.md")):
        documents.append((f"treaty {readme.parent.name}", [str(readme)]))
    return documents


def words(bitext) -> int:
    return sum(len(_WORD.findall(node.text)) for document in bitext.documents.values()
               for node in document.nodes() if node.kind in _TEXT_KINDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--select", default="", help="comma-separated code prefixes (default: every rule)")
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = parser.parse_args()
    corpus = Path(args.corpus)
    settings = Settings(select=[s for s in args.select.split(",") if s])

    example = ROOT / "examples" / "benelux-2021-drugs.md"
    _, diagnostics = lint_paths([str(example)], settings)
    print(f"== example ({example.name}): {len(diagnostics)} findings")
    for d in diagnostics:
        print(f"  {d.span.line}:{d.span.column} {d.code} [{d.lang}] {d.message}")

    per_rule: dict[str, list] = collections.defaultdict(list)
    total_words = 0
    started = time.perf_counter()
    for name, paths in clean_documents(corpus):
        bitext, diagnostics = lint_paths(paths, settings)
        total_words += words(bitext)
        for d in diagnostics:
            per_rule[d.code].append((name, d))
    elapsed = time.perf_counter() - started
    print(f"\n== clean texts: {total_words} words, {sum(map(len, per_rule.values()))} findings, {elapsed:.1f} s")
    for code in sorted(per_rule):
        found = per_rule[code]
        print(f"  {code}: {len(found)} findings, {1000 * len(found) / total_words:.2f} per 1,000 words")
        for name, d in found[: args.samples]:
            print(f"      {name} {d.span.line}:{d.span.column} [{d.lang}] {d.message[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
