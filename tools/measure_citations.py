"""How many of a corpus's reference-like phrases the citation grammar parses.

A reference-like phrase is found by a simple pattern, independent of the grammar: a
citation word (article, paragraph, § …) followed by a number. Each is counted parsed when
``bilint.citations.find_citations`` returns a reference that covers that word and its number (``§ 2`` in
``artikel 5, § 2`` is part of the reference to article 5). Prints
the coverage per corpus part and a sample of the misses.

    python tools/measure_citations.py [--corpus ../shared/corpus] [--misses 30]
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bilint.citations import find_citations  # noqa: E402

# independent of the language data on purpose: the words a reader would look for
_PHRASE = {
    "nl": re.compile(r"(?<![\w§])(?:artikelen|artikel|art\.|paragrafen|paragraaf|§§|§|leden|lid|punten|punt)\s*\d", re.I),
    "fr": re.compile(r"(?<![\w§])(?:articles|article|art\.|paragraphes|paragraphe|§§|§|alinéas|alinéa|points|point)\s*\d",
                     re.I),
    "en": re.compile(r"(?<![\w§])(?:articles|article|sections|section|subsections|subsection|paragraphs|paragraph|§§|§)"
                     r"\s*\(?\d", re.I),
}


def _text_of(path: Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".html", ".xml"):
        raw = re.sub(r"<[^>]+>", " ", raw)
        raw = html.unescape(raw)
    return raw


def _parts(corpus: Path) -> list[tuple[str, str, Path]]:
    parts = [("be-strafwetboek", lang, corpus / "be-strafwetboek" / f"strafwetboek.{lang}.html") for lang in ("nl", "fr")]
    for folder in sorted((corpus / "treaties").glob("BWBV*")):
        for lang in ("fr", "nl"):
            parts.append(("treaties", lang, folder / f"split.{lang}.md"))
    for path in sorted((corpus / "ca-laws").glob("*.xml")):
        parts.append(("ca-laws", path.name.split(".")[-2], path))
    return [p for p in parts if p[2].is_file()]


def measure(corpus: Path, misses: int, seed: int = 1) -> int:
    totals: dict[tuple[str, str], list[int]] = {}
    missed: list[str] = []
    for name, lang, path in _parts(corpus):
        text = _text_of(path)
        covered = bytearray(len(text) + 1)
        for citation in find_citations(text, lang):
            covered[citation.start:citation.end] = b"\x01" * (citation.end - citation.start)
        found = [m for m in _PHRASE[lang].finditer(text)]
        total = totals.setdefault((name, lang), [0, 0])
        for match in found:
            total[0] += 1
            if covered[match.start()] and covered[match.end() - 1]:
                total[1] += 1
            else:
                context = re.sub(r"\s+", " ", text[max(0, match.start() - 30):match.end() + 50])
                missed.append(f"{name} {lang}: …{context}…")
    grand = [0, 0]
    for (name, lang), (count, parsed) in totals.items():
        grand[0] += count
        grand[1] += parsed
        print(f"{name:16} {lang}  {parsed:6d} / {count:6d}  {100 * parsed / max(count, 1):5.1f} %")
    for label, keys in (("criminal code + treaties", ("be-strafwetboek", "treaties")), ("all", None)):
        count = sum(v[0] for k, v in totals.items() if keys is None or k[0] in keys)
        parsed = sum(v[1] for k, v in totals.items() if keys is None or k[0] in keys)
        print(f"{label:26}  {parsed:6d} / {count:6d}  {100 * parsed / max(count, 1):5.1f} %")
    random.Random(seed).shuffle(missed)
    if misses and missed:
        print(f"\nsample of misses ({min(misses, len(missed))} of {len(missed)}):")
        for line in missed[:misses]:
            print("  " + line)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared" / "corpus"
    parser.add_argument("--corpus", type=Path, default=default if default.is_dir() else Path("/work/shared/corpus"))
    parser.add_argument("--misses", type=int, default=30)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    return measure(args.corpus, args.misses)


if __name__ == "__main__":
    raise SystemExit(main())
