"""Inject grammar slips into real sentences of the dev corpus and count how many the
grammar rules (BL6) find, per kind and language.

    python tools/inject_grammar.py [--corpus ../shared/corpus] [--per-kind 25]

Sentences come from the corpus's Dutch and French treaty splits and the UDHR. Each kind
of slip is a rewrite of a correct construction into the slip a reviewer catches (``au
Conseil`` → ``à le Conseil``, ``de regering`` → ``het regering``, ``om te`` → ``om toe``);
each slipped sentence becomes an item of a small bilingual text (the other version gets
real sentences untouched) and counts as found when a BL6 finding overlaps the rewritten
words. A recurring name (written the same way three times or more in a document) is
changed once in its real document. The untouched sentences are linted too: findings on
them are reported as false alarms.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
_MARKUP = re.compile(r"<[^>]+>|[*_`#|\[\]]")
_SENTENCE = re.compile(r"[^.;:!?]+[.;]")


@dataclass(frozen=True)
class Injector:
    kind: str
    pattern: re.Pattern
    rewrite: Callable[[re.Match], str]


def _person_fr(match: re.Match) -> str:
    subject, verb = match.group(1), match.group(2)
    if verb.endswith("ut"):
        return f"{subject} {verb[:-1]}x"
    if verb.endswith("d"):
        return f"{subject} {verb}s"
    return f"{subject} {verb[:-1]}s"


INJECTORS: dict[str, list[Injector]] = {
    "fr": [
        Injector("contraction", re.compile(r"\bau ([a-zéèêàâîôûç]{3,}|[A-ZÉ][a-zéèêàâîôûç]+)\b"),
                 lambda m: f"à le {m.group(1)}"),
        Injector("contraction", re.compile(r"\bdu ([a-zéèêàâîôûç]{3,}|[A-ZÉ][a-zéèêàâîôûç]+)\b"),
                 lambda m: f"de le {m.group(1)}"),
        Injector("contraction", re.compile(r"\baux ([a-zéèêàâîôûç]{3,}|[A-ZÉ][a-zéèêàâîôûç]+)\b"),
                 lambda m: f"à les {m.group(1)}"),
        Injector("agreement", re.compile(r"\bleurs ([a-zéèêàâîôûç]{3,}s)\b"), lambda m: f"leur {m.group(1)}"),
        Injector("agreement", re.compile(r"\b(?<!')la (présente|présent) "), lambda m: "le présente "),
        Injector("person", re.compile(r"\b(il|elle|on) ((?:[a-z]*(?:pren|ren|enten|atten|répon)d)"
                                      r"|(?:[a-z]*me|doi|fai|di|[a-z]*vien|[a-z]*tien|reçoi)t|peut|veut)\b"),
                 _person_fr),
        Injector("elision", re.compile(r"\bqu['’](il|elle|ils|elles|on)\b"), lambda m: f"que {m.group(1)}"),
        Injector("elision", re.compile(r"\bs['’](ils?)\b"), lambda m: f"si {m.group(1)}"),
    ],
    "nl": [
        Injector("article gender", re.compile(r"\bde ([a-z]{3,}(?:ing|heid|teit|tie))\b"),
                 lambda m: f"het {m.group(1)}"),
        Injector("agreement", re.compile(r"\bdeze ([a-z]{3,}(?:ing|heid|teit|tie))\b"),
                 lambda m: f"dit {m.group(1)}"),
        Injector("te-infinitive", re.compile(r"\bom te ([a-z]{3,}en)\b"), lambda m: f"om toe {m.group(1)}"),
        Injector("person", re.compile(r"\b(hij|zij|het|men|er|dit|dat|wat) wordt\b"),
                 lambda m: f"{m.group(1)} word"),
    ],
}
HEADS = {"nl": "Overwegende dat:", "fr": "Considérant que:"}


@dataclass
class Case:
    lang: str
    kind: str
    sentence: str     # the slipped sentence
    start: int        # the rewritten words in it
    end: int
    original: str


def real_sentences(corpus: Path, lang: str) -> list[str]:
    """Sentences of 8 to 45 words from the treaty splits and the UDHR, markup removed."""
    files = sorted((corpus / "treaties").glob(f"*/split.{lang}.md"))
    udhr = corpus / "udhr" / f"udhr-{lang}.md"
    if udhr.is_file():
        files.append(udhr)
    found: list[str] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = _MARKUP.sub(" ", line).strip()
            for match in _SENTENCE.finditer(line):
                sentence = " ".join(match.group().split())
                if 8 <= len(sentence.split()) <= 45 and sentence[:1].isalpha():
                    found.append(sentence)
    return list(dict.fromkeys(found))


def make_cases(sentences: list[str], lang: str, per_kind: int, seed: int = 16) -> list[Case]:
    rng = random.Random(seed)
    by_kind: dict[str, list[Case]] = {}
    for sentence in sentences:
        for injector in INJECTORS[lang]:
            match = injector.pattern.search(sentence)
            if match is None:
                continue
            slip = injector.rewrite(match)
            slipped = sentence[:match.start()] + slip + sentence[match.end():]
            by_kind.setdefault(injector.kind, []).append(
                Case(lang, injector.kind, slipped, match.start(), match.start() + len(slip), sentence))
            break
    cases: list[Case] = []
    for kind in sorted(by_kind):
        pool = by_kind[kind]
        cases.extend(rng.sample(pool, min(per_kind, len(pool))))
    return cases


def _document(items: dict[str, list[str]]) -> tuple[str, dict[str, list[int]]]:
    """A bilingual text, one numbered item a sentence; the line of each item per language."""
    lines: list[str] = [""]
    where: dict[str, list[int]] = {}
    for lang in ("nl", "fr"):
        lines += [HEADS[lang], ""]
        where[lang] = []
        for number, sentence in enumerate(items[lang], 1):
            where[lang].append(len(lines) + 1)
            lines += [f"{number}. {sentence}", ""]
    return "\n".join(lines), where


def lint_items(cases: list[Case], filler: list[str], lang: str, select: list[str],
               slipped: bool = True) -> tuple[list[bool], int]:
    """Whether each case's slip is found; and how many findings fell elsewhere."""
    from bilint.engine import Settings, lint_text

    other = "fr" if lang == "nl" else "nl"
    sentences = [case.sentence if slipped else case.original for case in cases]
    text, where = _document({lang: sentences, other: filler[:len(cases)]})
    diagnostics = lint_text(text, Settings(select=select), path="injected.md")
    found = [False] * len(cases)
    elsewhere = 0
    line_to_case = {line: index for index, line in enumerate(where[lang])}
    for d in diagnostics:
        index = line_to_case.get(d.span.line)
        if index is None or d.lang != lang:
            elsewhere += 1
            continue
        case = cases[index]
        offset = len(f"{index + 1}. ")
        start, end = case.start + offset + 1, case.end + offset + 1
        if slipped and d.span.column < end and d.span.end_column > start:
            found[index] = True
        else:
            elsewhere += 1
    return found, elsewhere


# ---------------------------------------------------------------------------------------
# a recurring name changed once

_NAME = {
    "fr": re.compile(r"\b[A-ZÉ][a-zéèêàâîôûç]+ (?:des|de|du) [A-ZÉ][a-zéèêàâîôûç]+\b"),
    "nl": re.compile(r"\b[A-Z][a-zë]+ (?:van|voor) (?:de |het )?[A-Z][a-zë]+\b"),
}
_SWAP = {"fr": {"des": "de", "de": "des", "du": "de"}, "nl": {"van": "voor", "voor": "van"}}


def recurring_cases(corpus: Path, lang: str, limit: int) -> Iterator[tuple[str, str, int, int]]:
    """(document text with one occurrence of a recurring name changed, path, start, end)."""
    for path in sorted((corpus / "treaties").glob(f"*/split.{lang}.md")):
        text = path.read_text(encoding="utf-8")
        names = Counter(m.group() for m in _NAME[lang].finditer(text))
        recurring = sorted(name for name, count in names.items() if count >= 4)
        if not recurring:
            continue
        name = recurring[0]
        occurrences = [m for m in re.finditer(re.escape(name), text)]
        target = occurrences[len(occurrences) // 2]
        words = name.split()
        position = next(i for i, w in enumerate(words) if w in _SWAP[lang])
        words[position] = _SWAP[lang][words[position]]
        changed = " ".join(words)
        yield (text[:target.start()] + changed + text[target.end():], str(path), target.start(),
               target.start() + len(changed))
        limit -= 1
        if limit == 0:
            return


def lint_recurring(corpus: Path, lang: str, limit: int) -> list[bool]:
    from bilint.engine import Settings, lint_text

    found = []
    for text, path, start, end in recurring_cases(corpus, lang, limit):
        settings = Settings(select=["BL602"], languages=("nl", "fr"), layout="sectioned")
        diagnostics = lint_text(text, settings, path=Path(path).name)
        line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        hit = False
        for d in diagnostics:
            offset = line_starts[d.span.line - 1] + d.span.column - 1
            if start <= offset < end:
                hit = True
        found.append(hit)
    return found


def measure(corpus: Path, per_kind: int, recurring: int = 8) -> dict[tuple[str, str], tuple[int, int]]:
    """(lang, kind) → (found, injected); ("lang", "false alarms") → (findings, sentences)."""
    results: dict[tuple[str, str], tuple[int, int]] = {}
    sentences = {lang: real_sentences(corpus, lang) for lang in ("nl", "fr")}
    for lang in ("nl", "fr"):
        other = "fr" if lang == "nl" else "nl"
        cases = make_cases(sentences[lang], lang, per_kind)
        found, _ = lint_items(cases, sentences[other], lang, ["BL6"])
        for kind in sorted({case.kind for case in cases}):
            hits = [f for f, case in zip(found, cases) if case.kind == kind]
            results[(lang, kind)] = (sum(hits), len(hits))
        _, alarms = lint_items(cases, sentences[other], lang, ["BL6"], slipped=False)
        results[(lang, "false alarms on the originals")] = (alarms, len(cases))
        hits = lint_recurring(corpus, lang, recurring)
        results[(lang, "recurring name")] = (sum(hits), len(hits))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--per-kind", type=int, default=25)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"inject_grammar: no corpus at {corpus}", file=sys.stderr)
        return 2
    results = measure(corpus, args.per_kind)
    for lang in ("nl", "fr"):
        found = injected = 0
        for (language, kind), (hits, total) in sorted(results.items()):
            if language != lang:
                continue
            print(f"{lang} {kind:32} {hits:3} / {total}")
            if not kind.startswith("false"):
                found, injected = found + hits, injected + total
        print(f"{lang} {'all slips':32} {found:3} / {injected} = {100 * found / max(1, injected):.0f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
