"""Measure the spelling engine (rules/spellcheck.py) on the shared corpus.

    python tools/measure_spelling.py [--corpus DIR] [--backends embedded hunspell] [--show N]

Prints: typos found on the Benelux example against KNOWN-ERRORS.md (both ways of
protecting the quoted Dutch titles), the words wrongly flagged there, flags per 1,000
words on the Belgian Criminal Code, the treaties and the UDHR (old spellings counted
apart: BL302 reports them once per version), the most frequent flagged words, time per
1,000 words and the load time of each embedded list. The texts are checked without the
other version's words (the rule adds that evidence), so they flag more than BL301 does.
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "rules"))
import spellcheck  # noqa: E402  (the module itself, without installing bilint_rules)

OTHER = {"nl": "fr", "fr": "nl"}
EXPECTED = [  # (lang, line, word, first suggestion) from KNOWN-ERRORS.md
    *[("nl", n, "criminale", "criminele") for n in (95, 107, 109, 129, 131, 169, 175, 179)],
    ("nl", 35, "stabilitet", "stabiliteit"),
    ("nl", 177, "samenwerkingsopportuniteten", "samenwerkingsopportuniteiten"),
    ("nl", 175, "targetting", "targeting"),
    ("fr", 191, "targetting", "targeting"),
    ("fr", 89, "métamphétamines", "méthamphétamines"),
    ("fr", 209, "égalelement", "également"),
]
MUST_NOT_FLAG = ("Waar een klein land groot in kan zijn Illegale drugsmarkten België Nederland "
                 "communicerende vaten follow the money drugs on demand big data darknet non "
                 "conviction based EncroChat ARIEC RIEC EURIEC DISMARK NRW Zaventem Schiphol "
                 "drugsprecursoren witwasconstructies uitvoeringsovereenkomsten "
                 "opsporingshandelingen havens").split()
_NL_HINTS = set("de het een van en in dat op te voor met zijn is niet die aan worden ook om "
                "naar bij door deze tussen".split())
_FR_HINTS = set("le la les des du de et en un une que qui dans pour sur par est au aux "
                "entre ces".split())
_WORDS = re.compile(r"[^\W\d_]+")


# -- the example ---------------------------------------------------------------

def split_example(path: Path) -> dict[str, tuple[str, list[int]]]:
    """Per language: text made of its lines, and the 1-based line of each text line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    current, per_lang = "nl", {"nl": ([], []), "fr": ([], [])}
    for number, line in enumerate(lines, 1):
        words = [w.lower() for w in _WORDS.findall(line)]
        nl = sum(w in _NL_HINTS for w in words) + ("ij" in line) * 0.5
        fr = sum(w in _FR_HINTS for w in words) + (("é" in line) or ("è" in line)) * 0.5
        if number >= 3 and (nl or fr) and nl != fr:
            current = "nl" if nl > fr else "fr"
        if number == 15:  # the French title block carries few function words
            current = "fr"
        if line.strip():
            text_lines, numbers = per_lang[current]
            text_lines.append(line)
            numbers.append(number)
    return {lang: ("\n".join(t), n) for lang, (t, n) in per_lang.items()}


def italic_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\*[^*\n]+\*", text)]


def quote_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"“[^”\n]+”|‘[^’\n]+’", text)]


def line_of(text: str, numbers: list[int], offset: int) -> int:
    return numbers[text.count("\n", 0, offset)]


def measure_example(path: Path, backend: str) -> None:
    parts = split_example(path)
    for mode in ("foreign", "exempt"):
        found: list[tuple[str, int, str, str]] = []
        for lang, (text, numbers) in parts.items():
            if mode == "foreign":  # quoted titles protected by the other language
                hits = spellcheck.find_misspellings(
                    text, lang, foreign_langs=(OTHER[lang], "en"), exempt=italic_spans(text),
                    backend=backend)
            else:  # quoted titles protected as exempt ranges, English only as foreign
                hits = spellcheck.find_misspellings(
                    text, lang, foreign_langs=("en",),
                    exempt=italic_spans(text) + quote_spans(text), backend=backend)
            found += [(lang, line_of(text, numbers, h.start), h.word,
                       h.suggestions[0] if h.suggestions else "") for h in hits]
        got = sum(1 for e in EXPECTED if e in found)
        extra = [f for f in found if f not in EXPECTED]
        trap = [f for f in extra if f[2] in MUST_NOT_FLAG]
        print(f"  example [{mode:7}] typos found {got}/{len(EXPECTED)} "
              f"(with right first suggestion); other flags {len(extra)}; trap words flagged "
              f"{len(trap)}")
        for miss in (e for e in EXPECTED if e not in found):
            print(f"      MISSED {miss}")
        for f in extra:
            print(f"      extra  {f}")


# -- corpora -------------------------------------------------------------------

class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("p", "br", "div", "tr", "td", "li", "h1", "h2", "h3", "table"):
            self.chunks.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)


def html_text(path: Path) -> str:
    parser = _TextExtractor()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return "".join(parser.chunks)


def measure_text(name: str, text: str, lang: str, backend: str, show: int,
                 flagged_words: collections.Counter) -> None:
    words = len(_WORDS.findall(text))
    t0 = time.perf_counter()
    found = spellcheck.find_misspellings(text, lang, foreign_langs=(OTHER.get(lang, "en"), "en"),
                                         backend=backend)
    elapsed = time.perf_counter() - t0
    hits = [h for h in found if getattr(h, "kind", "typo") != "old"]   # old spellings are BL302 information
    old = len(found) - len(hits)
    counts = collections.Counter((h.word, h.suggestions[0] if h.suggestions else "") for h in hits)
    flagged_words.update({f"{lang}:{w}->{s}": c for (w, s), c in counts.items()})
    print(f"  {name:34} {lang} {words:7d} words  {len(hits):4d} flags "
          f"({len(counts):3d} distinct, {old:4d} old spellings)  "
          f"{1000 * len(hits) / max(words, 1):5.2f}/1000 words  "
          f"{1000 * elapsed / max(words, 1) * 1000:6.1f} ms/1000 words")
    if show:
        sample = ", ".join(f"{w}->{s} x{c}" for (w, s), c in counts.most_common(show))
        if sample:
            print(f"      {sample}")


def measure_load_times() -> None:
    for lang in ("nl", "fr", "en"):
        spellcheck._load_lines.cache_clear()
        t0 = time.perf_counter()
        spellcheck._load_lines(lang)
        print(f"  embedded list {lang}: loaded in {1000 * (time.perf_counter() - t0):.0f} ms")
    spellcheck._load_lines.cache_clear()
    spellcheck._load_cached.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--backends", nargs="*", default=["embedded", "hunspell"])
    parser.add_argument("--show", type=int, default=12, help="flagged words shown per text")
    parser.add_argument("--texts", nargs="*", default=["example", "code", "treaties", "udhr"],
                        help="which texts to measure (example code treaties udhr)")
    args = parser.parse_args()
    corpus = args.corpus
    measure_load_times()
    for backend in args.backends:
        if backend == "hunspell" and not all(spellcheck.hunspell_available(l)
                                             for l in ("nl", "fr", "en")):
            print(f"backend {backend}: unavailable (chunspell or dictionaries missing)")
            continue
        print(f"backend {backend}")
        if "example" in args.texts:
            measure_example(corpus / "benelux-2021-drugs" / "recommendation.md", backend)
        flagged: collections.Counter = collections.Counter()
        for lang in ("nl", "fr") if "code" in args.texts else ():
            text = html_text(corpus / "be-strafwetboek" / f"strafwetboek.{lang}.html")
            measure_text("be-strafwetboek", text, lang, backend, args.show, flagged)
        for lang in ("nl", "fr") if {"treaties", "udhr"} & set(args.texts) else ():
            texts = [p.read_text(encoding="utf-8")
                     for p in sorted(corpus.glob(f"treaties/*/split.{lang}.md"))]
            if "treaties" in args.texts:
                measure_text(f"treaties ({len(texts)} files)", "\n\n".join(texts), lang, backend,
                             args.show, flagged)
            udhr = corpus / "udhr" / f"udhr-{lang}.md"
            if "udhr" in args.texts:
                measure_text("udhr", udhr.read_text(encoding="utf-8"), lang, backend,
                             args.show, flagged)


if __name__ == "__main__":
    main()
