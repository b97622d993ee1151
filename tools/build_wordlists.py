"""Build the embedded word lists in rules/data/words/ from the wordfreq package.

Run at development time only (wordfreq is not a runtime dependency):

    python tools/build_wordlists.py [--min-zipf nl=1.0 fr=1.0 en=1.5]

Each list is gzip-compressed UTF-8 text, one ``word<TAB>zipf*10`` per line, sorted by
word.  Only words made of letters (plus inner apostrophes, hyphens and periods)
are kept: the checker never looks at tokens with digits, so storing them would waste
space and load time.
"""
from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "rules" / "data" / "words"
DEFAULT_MIN_ZIPF = {"nl": 1.0, "fr": 1.0, "en": 1.5}
_WORD = re.compile(r"^[^\W\d_]+(?:['’\-][^\W\d_]+)*$")


def build(lang: str, min_zipf: float) -> Path:
    """Write ``<lang>.tsv.gz`` and return its path."""
    import wordfreq  # development-time dependency only

    rows = []
    for word in wordfreq.iter_wordlist(lang, wordlist="large"):
        zipf = wordfreq.zipf_frequency(word, lang, wordlist="large")
        if zipf < min_zipf:
            break  # iter_wordlist yields the most frequent words first
        word = word.replace("’", "'")
        if _WORD.match(word):
            rows.append((word, round(zipf * 10)))
    rows = sorted(dict(rows).items())
    text = "".join(f"{w}\t{f}\n" for w, f in rows)
    path = OUT_DIR / f"{lang}.tsv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{lang}: {len(rows)} words >= zipf {min_zipf}, {path.stat().st_size / 1e6:.2f} MB")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-zipf", nargs="*", default=[], metavar="LANG=ZIPF",
                        help="per-language threshold (default nl=1.0 fr=1.0 en=1.5)")
    args = parser.parse_args()
    thresholds = dict(DEFAULT_MIN_ZIPF)
    for item in args.min_zipf:
        lang, _, value = item.partition("=")
        thresholds[lang] = float(value)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for lang, min_zipf in thresholds.items():
        build(lang, min_zipf)


if __name__ == "__main__":
    main()
