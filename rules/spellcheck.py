"""Spelling engine for bilingual legislative texts.

Two lexicon back-ends share one decision procedure:

* ``embedded``: curated spelling dictionaries (OpenTaal nl, Grammalecte fr, en_GB)
  expanded into their word forms by ``tools/build_wordlists.py`` and shipped in
  ``rules/data/words``, with wordfreq frequencies.  Always available, offline.
* ``hunspell``: the system Hunspell dictionaries through ``chunspell`` decide what else
  is a word; the embedded lexicon answers first and gives the frequencies.

A word is known because a dictionary has it (a word or a name), because it is a compound
of dictionary parts, or because running text uses it often (Zipf >= 3).  An unknown word
is reported only with a close dictionary word much more frequent than itself; a form
running text uses although the dictionary lacks it is a typo only by a free slip (an
accent, a doubled letter, a swap).  Only dictionary words (never a recombined compound
part) are suggested, free slips first, then a word the document itself uses.

Evidence from the document: a word the other version also uses is a name or a term; a
capitalised word is a typo only when its correction is a word the document uses (or a
free slip); words run together (``hetverdrag``, ``larticle``), a word broken by a hyphen
and a space (``ver- drag``) and ligatures (``ﬁ``) get their obvious fix.

Exempt ranges (quotations, italic foreign terms...) are skipped, except for a foreign
word spoilt by a free slip (``*joint targetting*``).

Old spellings (tusschen, algemeenen, produkten, traitemens) are no typos: a word that
one or two spelling-reform rewrites (``reform_variants``, ``old_endings``) turn into a
dictionary word is reported as kind ``old`` (BL302 says so once per version), and a
reformed spelling (``current_variants``: coopèrera, entrainer) is a word.  Unlisted
inflected forms (``endings``) are left alone; the price: a typo that only drops or adds
such an ending (criminele -> criminel) is not found.
"""
from __future__ import annotations

import bisect
import functools
import gzip
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Protocol, Sequence

if TYPE_CHECKING:
    from ._wordtable import WordTable

__all__ = ["Misspelling", "Lexicon", "load_lexicon", "find_misspellings",
           "LexiconUnavailable"]


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]
    kind: str = "typo"   # typo, run-together, split, ligature, old (a pre-reform spelling)


class Lexicon(Protocol):
    def known(self, word: str) -> bool: ...
    def suggest(self, word: str) -> list[str]: ...


class LexiconUnavailable(RuntimeError):
    """The requested back-end cannot serve this language on this machine."""


# ---------------------------------------------------------------------------
# Language data (small, hand-written: everything else comes from the word lists)

@dataclass(frozen=True)
class LangInfo:
    compounds: bool = False                  # closed compounds (nl, de)
    linkers: tuple[str, ...] = ()            # linking elements between compound parts
    elisions: tuple[str, ...] = ()           # leading elided words before an apostrophe
    apostrophe_suffixes: tuple[str, ...] = ()  # endings after an apostrophe
    hunspell: tuple[str, ...] = ()           # dictionary names, preferred first
    reform_variants: tuple[tuple[str, str], ...] = ()  # (old, new) spellings: not typos
    endings: tuple[str, ...] = ("s", "e", "es")  # inflection endings (unlisted forms)
    old_endings: tuple[tuple[str, str], ...] = ()  # (old, new) inflections: elken, algemeenen
    current_variants: tuple = ()   # (pattern, replacement): a reform's new spelling of a listed word


LANGS: dict[str, LangInfo] = {
    "nl": LangInfo(compounds=True, linkers=("s", "e", "en", "-"),
                   apostrophe_suffixes=("s", "n", "t", "tje", "tjes", "je", "jes", "er", "ers",
                                        "en"),
                   hunspell=("nl", "nl_BE", "nl_NL"),
                   endings=("e", "n", "en", "s", "t", "d", "de", "te", "r", "er", "ere", "ste"),
                   reform_variants=(("ee", "e"), ("oo", "o"), ("sch", "s"), ("gt", "cht"),
                                    ("ph", "f"), ("c", "k"), ("k", "c"), ("ae", "aa"),
                                    ("y", "ij"), ("ien", "ies"), ("ie", "ies"), ("eij", "ei"),
                                    ("oeije", "oei"), ("oeij", "oei"), ("aauw", "auw")),
                   old_endings=(("en", "e"),)),
    "de": LangInfo(compounds=True, linkers=("s", "es", "e", "en", "n", "er", "-"),
                   hunspell=("de_DE", "de_AT", "de_CH", "de")),
    "fr": LangInfo(elisions=("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
                             "puisqu", "quoiqu", "presqu", "quelqu"),
                   hunspell=("fr_BE", "fr_FR", "fr"),
                   endings=("e", "s", "es", "x", "nt", "ent", "r", "er", "a", "ai", "é", "ée",
                            "és", "ées", "ra", "rai", "ait", "aient"),
                   reform_variants=(("ens", "ents"), ("ans", "ants")),
                   # the 1990 rectifications: coopèrera, règlementation, entrainer, connaitre
                   current_variants=((re.compile(r"è(?=[^aeiouyéèêë]+e)"), "é"),
                                     (re.compile(r"(?<=[aeo])i(?=[a-z])"), "î"),
                                     (re.compile(r"u(?=[a-z])"), "û"))),
    "en": LangInfo(apostrophe_suffixes=("s", "t", "re", "ve", "ll", "d", "m"),
                   hunspell=("en_GB", "en_US")),
    # Spanish: the embedded list is RLA-ES es_ES (rules/data/words); plurals in -s, -es
    "es": LangInfo(hunspell=("es_ES", "es")),
}

# Latin ordinal suffixes of inserted articles (art. 5bis, 12quinquies ...).
LATIN_SUFFIXES = frozenset(
    "bis ter quater quinquies sexies septies octies novies nonies decies undecies "
    "duodecies terdecies tredecies quaterdecies quinquiesdecies quindecies sexiesdecies "
    "sexdecies septiesdecies septdecies octiesdecies duodevicies undevicies novodecies "
    "vicies".split())

# Tuning (Zipf scale: 7 = "the", 1 = once in a billion words).
ZIPF_SCALE = 10           # the lists store round(zipf * 10)
COMPOUND_PART_ZIPF = 2.5  # a corrected compound part must be an ordinary word
MIN_PART_LEN = 3
MAX_PARTS = 4
FOREIGN_MIN_ZIPF = 2.0    # a foreign word is accepted only if this common
FOREIGN_NEAR_MISS_GAP = 1.5
SLIP_ZIPF = 3.0           # a compound this close to a word this common is a typo
MIN_CHECK_LEN = 3         # shorter words are never reported
# ... nor longer ones: the longest listed words have 37 letters, and the edits and the
# compound splits grow with the square of a word's length (a 50 KB "word" of one
# repeated byte took 47 s, a 1 MB one would never end)
MAX_CHECK_LEN = 60
SUGGEST_ZIPF = 1.0        # a dictionary word must be at least this common to be suggested
SUGGEST_GAP = 1.5         # ... and this much more common than the word itself
RARE_ZIPF = 3.0           # running-text forms rarer than this may be frequent typos
NEAR_MISS_GAP = 2.0       # ... when a dictionary word one slip away is this much commoner
USAGE_KNOWN_ZIPF = 3.0    # a form the dictionary lacks is a word when running text has it this often
ATTESTED_ZIPF = 1.0       # a form of running text this common is a typo only by a free slip
JUNK_ZIPF = 2.0           # ... or, rarer than this, a letter dropped or added (gouvernment)
JUNK_MARGIN = 0.5         #     with a suggestion this much above the usual gap
IN_DOCUMENT_BONUS = 1.0
OLD_FORM_ZIPF = 2.0       # the modern form of an old spelling is an ordinary word
FREE_SLIP_BONUS = 1.0     # rank a free slip's word (accent, doubled letter, swap) first   # the suggestion occurs elsewhere in the document: a likelier slip
FUNCTION_WORD_ZIPF = 7.0  # short words this common are no compound parts
RUN_TOGETHER_HEAD_ZIPF = 5.5   # de, la, het, les: the short words that get glued on
RUN_TOGETHER_TAIL_ZIPF = 3.0
CAPITAL_MARGIN = 1.5      # ... or, opening a sentence, a suggestion this far above the gap
CAPITAL_MIN_LEN = 7       # a capitalised word this long may be checked as a typo


def _part_min_zipf(length: int) -> float:
    """Short compound parts must be common: short dictionary words make spurious splits."""
    if length <= 3:
        return 4.0
    if length == 4:
        return 3.0
    if length == 5:
        return 2.5
    return 1.0 if length < 8 else 0.0


# ---------------------------------------------------------------------------
# Candidate generation (edit distance 1, cheap edit distance 2)

def _strip_accents(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0]


def _edits1(word: str, alphabet: str) -> Iterator[tuple[str, float]]:
    """Yield (candidate, penalty); common typing slips cost nothing."""
    n = len(word)
    for i in range(n):  # deletions
        doubled = (i > 0 and word[i - 1] == word[i]) or (i + 1 < n and word[i + 1] == word[i])
        yield word[:i] + word[i + 1:], 0.0 if doubled else 0.3
    for i in range(n - 1):  # transpositions
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:], 0.0
    for i in range(n):  # substitutions
        base = _strip_accents(word[i])
        for ch in alphabet:
            if ch != word[i]:
                yield word[:i] + ch + word[i + 1:], 0.0 if _strip_accents(ch) == base else 0.6
    for i in range(n + 1):  # insertions
        for ch in alphabet:
            doubled = (i > 0 and word[i - 1] == ch) or (i < n and word[i] == ch)
            yield word[:i] + ch + word[i:], 0.0 if doubled else 0.3


def _free_edits(word: str, alphabet: str) -> Iterator[tuple[str, float]]:
    """The edits of ``_edits1`` that cost nothing: a doubled letter dropped or added, a
    swap, an accent changed (same candidates and penalties, without the costly ones)."""
    n = len(word)
    for i in range(n):
        if (i > 0 and word[i - 1] == word[i]) or (i + 1 < n and word[i + 1] == word[i]):
            yield word[:i] + word[i + 1:], 0.0
    for i in range(n - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:], 0.0
    bases = {ch: _strip_accents(ch) for ch in alphabet}
    for i in range(n):
        base = _strip_accents(word[i])
        for ch in alphabet:
            if ch != word[i] and bases[ch] == base:
                yield word[:i] + ch + word[i + 1:], 0.0
    for i in range(n + 1):
        for ch in {word[i - 1] if i > 0 else "", word[i] if i < n else ""} - {""}:
            if ch in alphabet:
                yield word[:i] + ch + word[i:], 0.0


def _cheap_edits(word: str) -> Iterator[str]:
    """Deletions and transpositions only: the second step of a cheap distance 2."""
    for i in range(len(word)):
        yield word[:i] + word[i + 1:]
    for i in range(len(word) - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2:]


def damerau(a: str, b: str) -> int:
    """Optimal string alignment distance (to rank Hunspell's suggestions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


# ---------------------------------------------------------------------------
# Embedded lexicon

@functools.lru_cache(maxsize=None)
def _load_lines(lang: str) -> "WordTable":
    """The sorted ``word\t[p~]zipf10`` lines of a language, looked up by bisection."""
    from ._wordtable import WordTable

    path = Path(__file__).resolve().parent / "data" / "words" / f"{lang}.tsv.gz"
    if not path.exists():
        raise LexiconUnavailable(f"no embedded word list for {lang!r} ({path})")
    return WordTable.open(path)


WORD, NAME, PART, USAGE = "w", "n", "p", "~"   # kinds of entries (rules/data/words/README.md)
_ABSENT = ("", 0.0)


class EmbeddedLexicon:
    """A curated dictionary expanded into its forms, with word frequencies, compound
    splitting and edit-distance suggestions (only dictionary words are ever suggested)."""

    def __init__(self, lang: str, extra_words: Iterable[str] = ()) -> None:
        self.lang = lang
        self.info = LANGS.get(lang, LangInfo())
        self._lines = _load_lines(lang)
        self._extra = frozenset(w.lower().replace("’", "'") for w in extra_words)
        self._alphabet: Optional[str] = None
        self._entry_cache: dict[str, tuple[str, float]] = {}
        self._compound_cache: dict[str, Optional[float]] = {}
        self._cand_cache: dict[str, list[tuple[str, float]]] = {}
        self._slip_cache: dict[tuple[str, float], float] = {}

    # -- entries -----------------------------------------------------------
    def _raw_entry(self, w: str) -> tuple[str, float]:
        """(kind, zipf) of a lower-case form; ("", 0) when absent. Extra words are words."""
        if w in self._extra:
            return WORD, 5.0
        value = self._lines.value(w)
        if value is not None:
            kind = value[0] if value[:1] in (PART, USAGE, NAME) else WORD
            return kind, int(value.lstrip("pn~")) / ZIPF_SCALE
        return _ABSENT

    def entry(self, word: str) -> tuple[str, float]:
        w = word.lower().replace("’", "'")
        cached = self._entry_cache.get(w)
        if cached is None:
            cached = self._raw_entry(w)
            if len(self._entry_cache) < 200_000:
                self._entry_cache[w] = cached
        return cached

    def zipf(self, word: str) -> float:
        """Frequency in running text (Zipf scale) of the word, listed or not in the dictionary."""
        return self.entry(word)[1]

    def is_word(self, word: str) -> bool:
        """The dictionary has this form (or the project's word list does)."""
        return self.entry(word)[0] == WORD

    def _dict_zipf(self, w: str) -> Optional[float]:
        """Zipf of a dictionary word (0 for one the frequency list lacks); None if not one."""
        kind, z = self._raw_entry(w)
        return z if kind == WORD else None

    def _part_zipf(self, w: str) -> Optional[float]:
        """Zipf of a form that may stand in a compound: a word, or a compound-only form."""
        kind, z = self._raw_entry(w)
        return z if kind in (WORD, PART) else None

    @property
    def alphabet(self) -> str:
        """Letters used by the language's common words (sampled: every 50th line)."""
        if self._alphabet is None:
            counts: dict[str, int] = {}
            for line in self._lines.every(50):
                word, _, freq = line.partition("\t")
                if int(freq.lstrip("pn~")) >= 25:
                    for ch in word:
                        counts[ch] = counts.get(ch, 0) + 1
            self._alphabet = "".join(sorted(c for c, k in counts.items() if k >= 3 and c.isalpha()))
        return self._alphabet

    # -- compounds ---------------------------------------------------------
    def compound_zipf(self, word: str) -> Optional[float]:
        """Zipf of the rarest part if the word splits into dictionary parts, else None."""
        if not self.info.compounds or len(word) > MAX_CHECK_LEN:
            return None
        w = word.lower()
        if w not in self._compound_cache:
            best = self._segment(w, 0, {}, whole_ok=False)
            self._compound_cache[w] = best[1] if best is not None else None
        return self._compound_cache[w]

    def _segment(self, w: str, start: int,
                 memo: dict[int, Optional[tuple[int, float]]],
                 whole_ok: bool = True) -> Optional[tuple[int, float]]:
        """(parts, rarest part zipf) of the best segmentation of w[start:], or None."""
        if whole_ok and start in memo:
            return memo[start]
        best: Optional[tuple[int, float]] = None
        n = len(w)
        for end in range(n - (0 if whole_ok else 1), start + MIN_PART_LEN - 1, -1):
            z = self._part_zipf(w[start:end])
            if z is None or z < _part_min_zipf(end - start) or \
                    (end - start <= 3 and z >= FUNCTION_WORD_ZIPF):
                continue   # het, van, een: glued on, they make no compound (hetverdrag)
            if end == n:
                option: Optional[tuple[int, float]] = (1, z)
            else:
                option = None
                for link in ("",) + self.info.linkers:
                    if w.startswith(link, end) and n - end - len(link) >= MIN_PART_LEN:
                        rest = self._segment(w, end + len(link), memo)
                        if rest is not None and rest[0] < MAX_PARTS:
                            cand = (rest[0] + 1, min(z, rest[1]))
                            if option is None or (cand[0], -cand[1]) < (option[0], -option[1]):
                                option = cand
            if option is not None and (best is None or (option[0], -option[1]) < (best[0], -best[1])):
                best = option
        if whole_ok:
            memo[start] = best
        return best

    def _compound_prefix_ok(self, left: str) -> bool:
        """True if `left` is a dictionary word or compound, optionally ending in a linker."""
        for link in ("",) + self.info.linkers:
            if link and not left.endswith(link):
                continue
            stem = left[: len(left) - len(link)] if link else left
            if len(stem) < MIN_PART_LEN:
                continue
            z = self._part_zipf(stem)
            if (z is not None and z >= _part_min_zipf(len(stem))) or self.compound_zipf(stem) is not None:
                return True
        return False

    # -- public protocol ---------------------------------------------------
    def known(self, word: str) -> bool:
        """In the dictionary (a word or a name), common in running text, or a compound of
        dictionary parts that is not one slip from a common word (uit+voer+ring splits,
        but uitvoerring is a slip for uitvoering)."""
        kind, z = self.entry(word)
        if kind in (WORD, NAME) or (kind == USAGE and z >= USAGE_KNOWN_ZIPF):
            return True
        return self.compound_zipf(word) is not None and self.slip_zipf(word) < SLIP_ZIPF

    def score(self, word: str) -> float:
        """Frequency of a word, or of a compound (its rarest part, minus one)."""
        kind, z = self.entry(word)
        if kind == WORD:
            return z
        c = self.compound_zipf(word)
        return c - 1.0 if c is not None else 0.0

    def candidates(self, word: str) -> list[tuple[str, float]]:
        """Dictionary words close to `word`, ranked by frequency minus edit penalty; for a
        capitalised word, names too (Nederlnadse: Nederlandse)."""
        w = word.lower().replace("’", "'")
        if len(w) > MAX_CHECK_LEN:
            return []
        key = ("N" if word[:1].isupper() else "") + w
        if key not in self._cand_cache:
            self._cand_cache[key] = self._compute_candidates(w, names=word[:1].isupper())
        return self._cand_cache[key]

    def _compute_candidates(self, w: str, names: bool = False) -> list[tuple[str, float]]:
        found: dict[str, float] = {}

        def offer(cand: str, score: float) -> None:
            if cand != w and score > found.get(cand, -9.0):
                found[cand] = score

        ed1 = list(_edits1(w, self.alphabet))
        for cand, pen in ed1:
            kind, z = self._raw_entry(cand)
            if (kind == WORD or (names and kind == NAME)) and z >= SUGGEST_ZIPF:
                offer(cand, z - pen)
        if not found and len(w) >= 9:
            seen: set[str] = set()   # the same string comes from many paths: look it up once
            for cand1, pen in sorted((e for e in ed1 if e[1] <= 0.3), key=lambda e: e[1]):  # cheapest first
                for cand in _cheap_edits(cand1):
                    if cand in seen:
                        continue
                    seen.add(cand)
                    z = self._dict_zipf(cand)
                    if z is not None and z >= SUGGEST_ZIPF + 1.5 and cand[:1] == w[:1]:
                        offer(cand, z - pen - 1.5)
        if self.info.compounds and not found and len(w) >= 2 * MIN_PART_LEN + 2:
            for cand, score in self._compound_candidates(w):
                offer(cand, score)
        return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))

    def _compound_candidates(self, w: str) -> Iterator[tuple[str, float]]:
        """Compounds with exactly one part one edit from a dictionary word of 5+ letters.

        The intact part is the longest dictionary prefix (or suffix) of the word, so the
        part boundary never moves: opsluit+ingvan is no path to opsluit+ingaan.
        """
        n = len(w)
        for i in range(n - 6, MIN_PART_LEN, -1):     # the longest intact left part
            if self._compound_prefix_ok(w[:i]):
                left, right = w[:i], w[i:]
                for cand, pen in _edits1(right, self.alphabet):
                    z = self._dict_zipf(cand)
                    if z is not None and z >= COMPOUND_PART_ZIPF - 0.5 and len(cand) >= 5 \
                            and cand[:2] == right[:2]:
                        yield left + cand, min(z, 3.5) - pen
                break
        for i in range(MIN_PART_LEN + 3, n - 4):         # the longest intact right part
            zr = self._dict_zipf(w[i:])
            if zr is not None and zr >= COMPOUND_PART_ZIPF:
                left, right = w[:i], w[i:]
                for cand, pen in _edits1(left, self.alphabet):
                    z = self._dict_zipf(cand)
                    if z is not None and z >= COMPOUND_PART_ZIPF and cand[-2:] == left[-2:]:
                        yield cand + right, min(zr, 3.5) - pen
                break

    def suggest(self, word: str) -> list[str]:
        return [c for c, _ in self.candidates(word)][:5]

    def accepts_foreign(self, word: str) -> bool:
        """A common word of this language's dictionary, which may appear in another
        language's text: not a frequent typo of a commoner word (en_GB lists targetting)."""
        kind, z = self.entry(word)
        if kind == "":
            return self.compound_zipf(word) is not None and self.slip_zipf(word) < SLIP_ZIPF
        return z >= FOREIGN_MIN_ZIPF and not self._slip_of_commoner(word, z, FOREIGN_NEAR_MISS_GAP)

    def near_miss(self, word: str, gap: float = NEAR_MISS_GAP) -> bool:
        """A form of running text the dictionary lacks, one typing slip (swap, doubling,
        accent) from a far more frequent dictionary word: frequent typos (eigelijk).
        A dictionary word is never one."""
        kind, z = self.entry(word)
        if kind != USAGE or z >= RARE_ZIPF + 1.0:
            return False
        return self._slip_of_commoner(word, z, gap)

    def _slip_of_commoner(self, word: str, z: float, gap: float) -> bool:
        return z < RARE_ZIPF + 1.0 and self.slip_zipf(word) - z >= gap

    def slip_zipf(self, word: str, max_penalty: float = 0.0) -> float:
        """Zipf (minus penalty) of the most frequent dictionary word one cheap edit away.

        Cached, and with ``max_penalty`` below 0.3 only the free edits are generated (a
        swap, a doubled letter, an accent).
        """
        w = word.lower().replace("’", "'")
        if len(w) > MAX_CHECK_LEN:
            return 0.0
        key = (w, max_penalty)
        cached = self._slip_cache.get(key)
        if cached is not None:
            return cached
        edits = _free_edits(w, self.alphabet) if max_penalty < 0.3 else _edits1(w, self.alphabet)
        best = 0.0
        for cand, pen in edits:
            if pen <= max_penalty and cand != w:
                z = self._dict_zipf(cand)
                if z is not None:
                    best = max(best, z - pen)
        if len(self._slip_cache) < 200_000:
            self._slip_cache[key] = best
        return best

    def run_together(self, word: str) -> Optional[str]:
        """``hetverdrag`` → ``het verdrag``, ``larticle`` → ``l'article``, ``opsluitingvan``
        → ``opsluiting van``, ``ciaprès`` → ``ci-après``: a very common short word (or an
        elided one) glued to a dictionary word of 5+ letters."""
        w = word.lower()
        n = len(w)
        for i in range(1, min(4, n - 4)):
            head, tail = w[:i], w[i:]
            tail_z = self._dict_zipf(tail)
            if tail_z is None or tail_z < RUN_TOGETHER_TAIL_ZIPF:
                continue
            if self._dict_zipf(head + "-" + tail) is not None:
                return head + "-" + tail
            if head in self.info.elisions and tail[0] in "aeiouyéèêâîôûàh":
                return head + "'" + tail
            head_z = self._dict_zipf(head)
            if len(head) >= 2 and head_z is not None and head_z >= RUN_TOGETHER_HEAD_ZIPF:
                return head + " " + tail
        for i in range(n - 3, n - 1):
            head, tail = w[:i], w[i:]
            head_z, tail_z = self._dict_zipf(head), self._dict_zipf(tail)
            if head_z is not None and head_z >= RUN_TOGETHER_TAIL_ZIPF and len(head) >= 5 \
                    and tail_z is not None and tail_z >= RUN_TOGETHER_HEAD_ZIPF:
                return head + " " + tail
        return None


# ---------------------------------------------------------------------------
# Hunspell lexicon

def _dic_dirs() -> list[str]:
    dirs = [d for d in os.environ.get("DICPATH", "").split(os.pathsep) if d]
    return dirs + ["/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell"]


def _find_dictionary(lang: str) -> Optional[tuple[str, str]]:
    """(name, directory) of the first installed Hunspell dictionary for `lang`."""
    for name in LANGS.get(lang, LangInfo()).hunspell or (lang,):
        for d in _dic_dirs():
            if os.path.exists(os.path.join(d, name + ".dic")) and \
                    os.path.exists(os.path.join(d, name + ".aff")):
                return name, d
    return None


def hunspell_available(lang: str) -> bool:
    try:
        import hunspell  # noqa: F401  (the chunspell package)
    except ImportError:
        return False
    return _find_dictionary(lang) is not None


class HunspellLexicon:
    """Hunspell (the system's dictionaries) decides what else is a word; the embedded
    lexicon answers first (same verdicts, a tenth of the calls) and gives frequencies."""

    def __init__(self, lang: str, extra_words: Iterable[str] = ()) -> None:
        try:
            import hunspell
        except ImportError as exc:
            raise LexiconUnavailable(
                "backend 'hunspell' needs the chunspell package (pip install chunspell)") from exc
        found = _find_dictionary(lang)
        if found is None:
            raise LexiconUnavailable(
                f"no Hunspell dictionary for {lang!r} in {_dic_dirs()} (set $DICPATH or install "
                f"e.g. the Debian package hunspell-{lang})")
        name, directory = found
        self.lang = lang
        self.dictionary = name
        self._directory = directory
        self._hunspell = None   # loaded on first use: 0.2-0.4 s a dictionary
        self.embedded = EmbeddedLexicon(lang, extra_words)
        self._known: dict[str, bool] = {}
        self._spell: dict[str, bool] = {}
        self._cands: dict[str, list[tuple[str, float]]] = {}

    @property
    def _hs(self):
        if self._hunspell is None:
            import hunspell

            self._hunspell = hunspell.Hunspell(self.dictionary, hunspell_data_dir=self._directory)
        return self._hunspell

    def spell(self, word: str) -> bool:
        """Hunspell's own verdict, cached (about 0.1 ms a call for Dutch compounds)."""
        if word not in self._spell:
            self._spell[word] = bool(self._hs.spell(word))
        return self._spell[word]

    def zipf(self, word: str) -> float:
        return self.embedded.zipf(word)

    def is_word(self, word: str) -> bool:
        return self.embedded.is_word(word) or self.spell(word.lower())

    def known(self, word: str) -> bool:
        if word not in self._known:
            self._known[word] = self.embedded.known(word) or self.spell(word)
        return self._known[word]

    def candidates(self, word: str) -> list[tuple[str, float]]:
        """The embedded candidates; a compound one only if Hunspell accepts it."""
        if word not in self._cands:
            emb = self.embedded
            self._cands[word] = [(c, s) for c, s in emb.candidates(word)
                                 if emb.entry(c)[0] in (WORD, NAME) or self.spell(c)]
        return self._cands[word]

    def suggest(self, word: str) -> list[str]:
        return [c for c, _ in self.candidates(word)][:5]

    def accepts_foreign(self, word: str) -> bool:
        return self.embedded.accepts_foreign(word)

    def near_miss(self, word: str, gap: float = NEAR_MISS_GAP) -> bool:
        return self.embedded.near_miss(word, gap) and not self.spell(word)

    def slip_zipf(self, word: str, max_penalty: float = 0.0) -> float:
        return self.embedded.slip_zipf(word, max_penalty)

    def run_together(self, word: str) -> Optional[str]:
        return self.embedded.run_together(word)

    def compound_zipf(self, word: str) -> Optional[float]:
        return self.embedded.compound_zipf(word)


@functools.lru_cache(maxsize=64)
def _load_cached(lang: str, backend: str, extra: frozenset[str]):
    if backend == "auto":
        backend = "hunspell" if hunspell_available(lang) else "embedded"
    if backend == "hunspell":
        return HunspellLexicon(lang, extra)
    if backend == "embedded":
        return EmbeddedLexicon(lang, extra)
    raise ValueError(f"unknown spelling backend {backend!r} (auto, embedded, hunspell)")


def load_lexicon(lang: str, *, backend: str = "auto", extra_words: Iterable[str] = ()) -> Lexicon:
    """Lexicon for one language; cached per (lang, backend, extra words).

    ``auto`` uses Hunspell when chunspell and a dictionary for the language are installed,
    else the embedded list.  ``hunspell`` raises LexiconUnavailable when it cannot.
    """
    return _load_cached(lang, backend, frozenset(extra_words))


# ---------------------------------------------------------------------------
# Tokens

# the e-mail and domain branches start only where a run of their characters starts: from
# every position inside a long word they rescanned it to its end (quadratic: 0.26 s for
# one 10,000-letter word, hours for a 1 MB line)
_SKIP_SPANS = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"                 # URLs
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"      # e-mail addresses
    r"|<[^<>\n]{1,200}>"                              # HTML tags left in the text
    r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)+\.(?:be|nl|fr|lu|eu|com|org|net|int)\b")  # bare domains
_TOKEN = re.compile(r"\w+(?:(?:['’]|-(?:[ \t]*\n\s*)?)\w+)*")
_SENTENCE_END = set(".!?:;\n")
_OPENERS = set(" \t\"“”‘’'«»„(*[_#>•–—-")


_NAME_FOLLOWS = re.compile(r"[ \t]+[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]")


def _at_sentence_start(text: str, pos: int) -> bool:
    """True if only openers/list markers separate `pos` from a sentence end or the start."""
    i = pos - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i >= 0 and text[i] == "." and _INITIAL_BEFORE.search(text[max(0, i - 5):i]):
        return False   # M. Sohr, G. Van Slooten, Ste. Marie: an initial or a title
    return i < 0 or text[i] in _SENTENCE_END


_INITIAL_BEFORE = re.compile(r"(?:^|[\s(])[A-ZÀ-Þ][a-zà-ÿ]{0,2}$")


class _Ranges:
    """Sorted ranges asked whether they overlap a span, in logarithmic time: a text with
    thousands of skipped spans (URLs, tags) made a linear scan per word quadratic."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []   # the furthest end among the ranges up to each one
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def overlaps(self, start: int, end: int) -> bool:
        count = bisect.bisect_left(self.starts, end)   # the ranges that start before `end`
        return count > 0 and self.reach[count - 1] > start


@dataclass
class _Checker:
    """One text's language, its foreign languages and caches of verdicts."""
    lex: object
    foreign: list = field(default_factory=list)
    info: LangInfo = field(default_factory=LangInfo)
    verdicts: dict = field(default_factory=dict)

    def verdict(self, word: str, exempt: bool) -> Optional[tuple[str, tuple[tuple[str, float], ...]]]:
        """None if fine, else (kind, ((suggestion, margin), ...)) best first; a suggestion
        with a negative margin is good enough only with evidence from the document."""
        key = (word, exempt)
        if key not in self.verdicts:
            if len(self.verdicts) >= 200_000:   # the checker lives as long as the process
                self.verdicts.clear()
            self.verdicts[key] = self._decide(word, exempt)
        return self.verdicts[key]

    def _decide(self, word: str, exempt: bool):
        lex = self.lex
        if lex.known(word) and not lex.near_miss(word):
            return None
        if any(f.accepts_foreign(word) for f in self.foreign):
            return None
        if exempt:
            slip = self._foreign_slip(word)
            return ("typo", tuple((s, 0.0) for s in slip)) if slip else None
        if _current_variant(word, lex, self.info):
            return None   # the reformed spelling of a dictionary word: coopèreront
        modern = _old_spelling(word, lex, self.info)
        if modern:
            return "old", ((modern, 0.0),)  # a pre-reform spelling of a known word: tusschen
        glued = None if word[0].isupper() or lex.slip_zipf(word) >= RUN_TOGETHER_TAIL_ZIPF \
            else lex.run_together(word)   # Lelièvre is a name; designés a slip for désignés
        if glued:
            return "run-together", ((glued, 0.0),)
        need = SUGGEST_GAP + max(0, 8 - len(word)) * 0.25  # short words have many neighbours
        z = lex.zipf(word)
        cands = [(c, sc - z - need) for c, sc in lex.candidates(word)
                 if sc - z - need >= -IN_DOCUMENT_BONUS]
        if z >= ATTESTED_ZIPF:  # running text uses it (extasy): only a slip is a typo
            low, alphabet = word.lower(), lex_alphabet(lex)
            free = {c for c, _ in _free_edits(low, alphabet)}
            dropped = {c for c, p in _edits1(low, alphabet) if p <= 0.3} if z < JUNK_ZIPF else set()
            cands = [(c, m) for c, m in cands
                     if c in free or (c in dropped and m >= JUNK_MARGIN)]
        if cands and _is_variant(word, cands[0][0], self.info):
            return None  # an unlisted inflection, not a typo
        free = {c for c, _ in _free_edits(word.lower(), lex_alphabet(lex))}
        cands = [(c, m + (FREE_SLIP_BONUS if c in free else 0.0)) for c, m in cands]
        cands.sort(key=lambda cm: -cm[1])   # an accent, a doubled letter, a swap first
        ranked = tuple((c, m) for c, m in cands if not _is_variant(word, c, self.info))[:5]
        if ranked:
            return "typo", ranked
        slip = self._foreign_slip(word)
        return ("typo", tuple((s, 0.0) for s in slip)) if slip else None

    def _foreign_slip(self, word: str) -> Optional[tuple[str, ...]]:
        """A foreign word spoilt by a typing slip (``targetting``): listed in a foreign
        dictionary or text, one swap/doubling/accent from a far commoner foreign word."""
        if not 6 <= len(word) <= MAX_CHECK_LEN:
            return None  # een/been: short words are one slip from many others
        for f in self.foreign:
            emb = getattr(f, "embedded", f)
            z = emb.zipf(word)
            if z and emb._slip_of_commoner(word, z, FOREIGN_NEAR_MISS_GAP):
                return tuple(c for c, _ in f.candidates(word)[:5]) or None
        return None

    def lex_kind(self, word: str) -> str:
        return getattr(self.lex, "embedded", self.lex).entry(word)[0]

    def slip_of_a_word(self, word: str, other_lang: Optional[str]) -> bool:
        """One free slip (swap, doubled letter, accent) from a common word of the text's
        language or a borrowed one (targetting): a typo even when the other version
        repeats it. A slip of the other version's language does not count: the French
        text quotes the Dutch one's own words (steenen)."""
        return any(getattr(l, "embedded", l).slip_zipf(word) >= SLIP_ZIPF + 0.5
                   for l in [self.lex, *self.foreign] if getattr(l, "lang", None) != other_lang)


def lex_alphabet(lex) -> str:
    return getattr(lex, "embedded", lex).alphabet


def _old_spelling(word: str, lex, info: LangInfo) -> Optional[str]:
    """The dictionary form a spelling-reform rewrite turns the word into, if any.

    The nearest neighbour by edits is often not the modern form (``regten`` is one edit
    from ``regen`` but the reform of ``rechten``), so the rewrite is tried directly.
    """
    w = word.lower()
    if len(w) < 5:
        return None
    seen: set[str] = set()
    level = [w]
    for _ in range(2):   # algemeenen: an old ending and a doubled vowel
        following = []
        for base in level:
            for form in _reform_rewrites(base, info):
                if form in seen:
                    continue
                seen.add(form)
                if lex.is_word(form) and (lex.zipf(form) >= OLD_FORM_ZIPF or len(form) >= 8):
                    return form
                following.append(form)
        level = following
    return None


def _current_variant(word: str, lex, info: LangInfo) -> bool:
    """One reform rewrite (one place) turns the word into a dictionary word."""
    w = word.lower()
    for pattern, new in info.current_variants:
        for m in pattern.finditer(w):
            if lex.is_word(w[:m.start()] + new + w[m.end():]):
                return True
    return False


def _reform_rewrites(w: str, info: LangInfo) -> Iterator[str]:
    for old, new in info.old_endings:
        if w.endswith(old):
            yield w[:len(w) - len(old)] + new
    for old, new in info.reform_variants:
        index = w.find(old)
        while index >= 0:
            yield w[:index] + new + w[index + len(old):]
            index = w.find(old, index + 1)


def _is_variant(word: str, cand: str, info: LangInfo) -> bool:
    """True if `cand` differs from `word` by an inflection ending or a spelling reform.

    An unlisted inflected form (adoptanten, opgenomene) or a pre-reform spelling
    (afdeeling, traitemens) is no typo; a clerk wants neither flagged.
    """
    w, c = word.lower(), cand.lower()
    short, long_ = (w, c) if len(w) < len(c) else (c, w)
    if long_.startswith(short):
        tail = long_[len(short):]
        return tail in info.endings and tail != short[-1:]  # "straff" is a slip
    for old, new in info.reform_variants:
        i = w.find(old)
        while i >= 0:
            if w[:i] + new + w[i + len(old):] == c:
                return True
            i = w.find(old, i + 1)
    return False


def _match_case(original: str, suggestion: str) -> str:
    return suggestion[:1].upper() + suggestion[1:] if original[:1].isupper() else suggestion


def _word_parts(token: str, offset: int, info: LangInfo) -> Iterator[tuple[int, int]]:
    """Spans of the words to check inside a token (hyphen and apostrophe pieces)."""
    for m in re.finditer(r"[^-\s]+", token):
        piece, start = m.group(), offset + m.start()
        if m.end() < len(token) and piece.endswith("o") and len(piece) >= 4:
            continue   # a combining form: fédéro-provincial, franco-belge, socio-economisch
        if "'" not in piece and "’" not in piece:
            yield start, start + len(piece)
            continue
        bits = list(re.finditer(r"[^'’]+", piece))
        for k, bit in enumerate(bits):
            low = bit.group().lower()
            if k < len(bits) - 1 and low in info.elisions:
                continue
            if k > 0 and low in info.apostrophe_suffixes:
                continue
            yield start + bit.start(), start + bit.end()


def _skippable(word: str) -> bool:
    """Words never checked: short, numeric, acronyms, mixed case, Latin suffixes."""
    if not MIN_CHECK_LEN <= len(word) <= MAX_CHECK_LEN or any(ch.isdigit() or ch == "_" for ch in word):
        return True
    if any(ch.isupper() for ch in word[1:]):
        return True  # ALL-CAPS, acronyms, EncroChat, iPhone
    return word.lower() in LATIN_SUFFIXES


@functools.lru_cache(maxsize=64)
def _checker(lang: str, foreign_langs: tuple[str, ...], extra: frozenset[str], backend: str) -> _Checker:
    """One checker per language setting, so that its verdicts serve every node of a text:
    a fresh one per call decided 85,309 words to answer 103,372 questions on the Criminal
    Code (its verdict cache lived for one paragraph)."""
    lex = load_lexicon(lang, backend=backend, extra_words=extra)
    foreign = [load_lexicon(f, backend=backend, extra_words=extra)
               for f in foreign_langs if f != lang]
    return _Checker(lex, foreign, LANGS.get(lang, LangInfo()))


_WORDS = re.compile(r"[^\W\d_]+")
# a word broken by a hyphen and a space on one line ("ver- drag"); a suspended compound
# ("land- en tuinbouw", "pré- et post-") is followed by a conjunction, checked below
_SPLIT = re.compile(r"(?<![\w-])([^\W\d_]{2,})-[ \t]+([^\W\d_]{2,})(?![\w-])")
_CONJUNCTIONS = frozenset("en of tot als and or to nor et ou à au jusqu ni".split())
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_DATIVE_BEFORE = re.compile(r"(?:^|\W)[Tt]e[nr][ \t]+$")


def words_of(text: str) -> frozenset[str]:
    """The words of a text, lower-cased: a name or term the other version shares."""
    return frozenset(w.lower() for w in _WORDS.findall(text))


def common_words_of(text: str) -> frozenset[str]:
    """The words a text writes in lower case somewhere: the evidence a document gives
    about its own vocabulary (Limbourg, a name, is no evidence for Rimbourg)."""
    return frozenset(w for w in _WORDS.findall(text) if w.islower())


def find_misspellings(text: str, lang: str, *, foreign_langs: Sequence[str] = (),
                      exempt: Sequence[tuple[int, int]] = (), extra_words: Iterable[str] = (),
                      backend: str = "auto", other_words: frozenset[str] = frozenset(),
                      document_words: Optional[frozenset[str]] = None,
                      all_document_words: Optional[frozenset[str]] = None) -> list[Misspelling]:
    """Report likely typos in `text` written in `lang`, with suggestions best first.

    ``other_words``: the words of the other language version, whose language is the first
    of ``foreign_langs`` (a word found there too is a name or a term); ``document_words``: the words of the whole document (a suggestion
    found there makes a slip likelier; default: the words of `text`).
    """
    checker = _checker(lang, tuple(foreign_langs), frozenset(extra_words), backend)
    doc = _Document(checker, other_words,
                    document_words if document_words is not None else common_words_of(text),
                    foreign_langs[0] if foreign_langs else None,
                    all_document_words if all_document_words is not None else words_of(text))
    skipped = [m.span() for m in _SKIP_SPANS.finditer(text)]
    found: list[Misspelling] = []
    for m in _SPLIT.finditer(text):
        hit = doc.split_word(text, m)
        if hit is not None:
            found.append(hit)
            skipped.append(m.span())
    skip = _Ranges(skipped)
    exempt = _Ranges(exempt)
    for m in _TOKEN.finditer(text):
        if skip and skip.overlaps(m.start(), m.end()):
            continue
        found.extend(doc.check_token(text, m.group(), m.start(), exempt))
    found.sort(key=lambda h: h.start)
    return found


@dataclass
class _Document:
    """A checker applied to one text, with the evidence of its document."""
    checker: _Checker
    other_words: frozenset
    document_words: frozenset
    other_lang: Optional[str] = None
    all_words: frozenset = frozenset()

    def split_word(self, text: str, m: re.Match) -> Optional[Misspelling]:
        left, right = m.group(1), m.group(2)
        if right.lower() in _CONJUNCTIONS or not right.islower():
            return None
        joined = left + right
        lex = self.checker.lex
        if len(joined) < 6 or not lex.is_word(joined.lower()):
            return None
        if lex.known(right) and lex.known(left) and not lex.is_word(left + "-" + right) \
                and lex.compound_zipf(joined) is not None:
            return None   # "bijzondere- wet"? two words: leave it
        return Misspelling(m.start(), m.end(), m.group(), (joined,), "split")

    def check_token(self, text: str, token: str, offset: int,
                    exempt: _Ranges) -> Iterator[Misspelling]:
        checker = self.checker
        if "\n" in token:  # a word cut at a line end: "ha-\nvens" is "havens"
            joined = re.sub(r"-[ \t]*\n\s*", "", token)
            if not _skippable(joined) and checker.lex.known(joined):
                return
        if ("'" in token or "’" in token) and len(token) <= MAX_CHECK_LEN:
            if checker.lex.known(token.replace("’", "'")):
                return  # aujourd'hui, prud'hommes, zo'n
        for start, end in _word_parts(token, offset, checker.info):
            word = text[start:end]
            if _LIGATURES.search(word):
                plain = unicodedata.normalize("NFKC", word)
                if checker.lex.known(plain):
                    yield Misspelling(start, end, word, (plain,), "ligature")
                continue
            if _skippable(word) or (end - start <= 4 and text[end:end + 1] == "."):
                continue   # artt., blz., cfr.: abbreviations
            mid_sentence = word[0].isupper() and (
                not _at_sentence_start(text, start) or bool(_NAME_FOLLOWS.match(text, end)))
            if mid_sentence and (len(word) < CAPITAL_MIN_LEN or checker.lex.zipf(word)):
                continue  # a proper noun, or a name opening a sentence ("Ortwin Depoortere")
            in_exempt = bool(exempt) and exempt.overlaps(start, end)
            if in_exempt and not checker.foreign:
                continue
            if word.lower() in self.other_words and not checker.slip_of_a_word(word, self.other_lang):
                continue  # the other version has it too: a name or a term
            if checker.info.compounds and _DATIVE_BEFORE.search(text[max(0, start - 8):start]) \
                    and word.endswith("e") and checker.lex.known(word[:-1]):
                continue  # ten blijke, ter kennisse: a fixed formula keeps an old dative
            decided = checker.verdict(word, in_exempt)
            if not decided:
                continue
            kind, ranked = decided
            docs = self.document_words
            good = sorted(((c, m + (IN_DOCUMENT_BONUS if c in docs else 0.0)) for c, m in ranked
                           if m >= 0 or (m >= -IN_DOCUMENT_BONUS and c in docs)),
                          key=lambda cm: -cm[1])
            if word[0].isupper():  # a name is one slip from many words: want evidence
                free = {c for c, _ in _free_edits(word.lower(), lex_alphabet(checker.lex))}
                attested = checker.lex.zipf(word) > 0   # Maribo: a name running text uses
                names = self.all_words
                good = [(c, m) for c, m in good if kind == "typo" and (
                    c in free or (not attested and (
                        c in docs or (c in names and checker.lex_kind(c) == NAME)
                        or (not mid_sentence and m >= CAPITAL_MARGIN and checker.lex_kind(c) == WORD))))]
            good = [c for c, _ in good]
            if good:
                yield Misspelling(start, end, word, tuple(_match_case(word, s) for s in good), kind)
