"""Recurring names: a multi-word name a version writes one way several times and once with
one word changed (``Comité des Ministres`` … ``Comité de Ministres``).

The search is linear: each version's word runs are cut into name-like n-grams (first and
last word capitalised content words), counted, and every n-gram seen once is looked up
under each of its inner positions with that word masked. The words that may differ are
data in ``rules/data/recurring-LANG.tsv``: sets of function words a slip turns into one
another (``de des du``, ``van voor``); besides those, a content word one or two letters
away (``Parties``/``Partie``) also counts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple

from bilint.api import Bitext, Finding, Fix, Node, rule

from ._prose import exempt_spans, inside, sentences, text_nodes

DATA = Path(__file__).parent / "data"

# a word, or an elided article or preposition with its apostrophe (d', l')
_WORD = re.compile(r"[^\W\d_]+['’](?=[^\W\d_])|[^\W\d_]+(?:-[^\W\d_]+)*")
_GAP = re.compile(r"\s*")


class Token(NamedTuple):
    text: str
    node: Node
    start: int
    end: int


class Confusables(NamedTuple):
    """A language's function words, and which of them a slip turns into one another."""

    function_words: frozenset[str]
    sets: tuple[frozenset[str], ...]

    def confusable(self, a: str, b: str) -> bool:
        return any(a in group and b in group for group in self.sets)


def parse_confusables(text: str, origin: str = "<confusables>") -> Confusables:
    """Read a confusables file: ``function<TAB>words…`` lines list the function words,
    ``confusable<TAB>words…`` lines a set of them a slip turns into one another."""
    function_words: set[str] = set()
    sets: list[frozenset[str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, words = line.partition("\t")
        members = words.split()
        if kind not in ("function", "confusable") or not members:
            raise ValueError(f"{origin}:{number}: expected function|confusable<TAB>words")
        if kind == "function":
            function_words.update(members)
        else:
            sets.append(frozenset(members))
    for group in sets:
        function_words.update(group)
    return Confusables(frozenset(function_words), tuple(sets))


@lru_cache(maxsize=None)
def load_confusables(lang: str) -> Confusables | None:
    path = DATA / f"recurring-{lang}.tsv"
    if not path.is_file():
        return None
    return parse_confusables(path.read_text(encoding="utf-8"), str(path))


def _runs(node: Node) -> Iterator[list[Token]]:
    """Runs of words separated by spaces only, within one sentence, outside quotations."""
    text = node.text
    exempt = exempt_spans(node)
    for start, end in sentences(text):
        run: list[Token] = []
        previous_end = None
        for match in _WORD.finditer(text, start, end):
            joined = previous_end is not None and (
                _GAP.fullmatch(text, previous_end, match.start()) is not None
                and "\n" not in text[previous_end:match.start()])
            if not joined or inside(match.start(), exempt):
                if len(run) >= 3:
                    yield run
                run = []
            if not inside(match.start(), exempt):
                run.append(Token(match.group(), node, match.start(), match.end()))
            previous_end = match.end()
        if len(run) >= 3:
            yield run


def _bare(word: str) -> str:
    """The word in lower case without an elision's apostrophe (``d'`` → ``d``)."""
    return word.lower().rstrip("'’")


def _is_name_word(word: str, words: Confusables) -> bool:
    return word[0].isupper() and len(word) > 1 and _bare(word) not in words.function_words \
        and not word.isupper()


def _close(a: str, b: str) -> bool:
    """Two content words one or two letters apart (not only in case), same first letter."""
    la, lb = a.lower(), b.lower()
    if la == lb or la[0] != lb[0] or min(len(la), len(lb)) < 5 or abs(len(la) - len(lb)) > 2:
        return False
    return _distance(la, lb, 2) <= 2


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, cut off above ``limit``."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _slip(majority: str, variant: str, words: Confusables) -> bool:
    a, b = _bare(majority), _bare(variant)
    if a == b:
        return False
    if a in words.function_words or b in words.function_words:
        return words.confusable(a, b)
    return _close(majority, variant)


@rule("BL602", "recurring-name", "grammar", "warning", min_count=3, max_words=6)
def recurring_name(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A multi-word name written one way several times and once with one word changed.

    Why: names of institutions, parties and instruments recur through a text, and a
    reviewer who has read ``Comité des Ministres`` five times sees at once the one
    ``Comité de Ministres``. A name here is a run of three to six words on one line, the
    first and last capitalised content words (``Raad van State``, ``Hautes Parties
    Contractantes``). It is reported when the majority form recurs at least
    ``min_count`` times, the variant occurs once, and the variant changes one inner word:
    into a function word a slip makes of it (``de``/``des``, ``van``/``voor``, listed in
    ``rules/data/recurring-LANG.tsv``) or a content word one or two letters away. Each
    version is read on its own; quotations are skipped. The fix writes the majority form
    (unsafe: read it first).

    Example:
        nl: ``Raad van State`` (4 times) … ``Raad voor State`` → ``van``
        fr: ``Comité des Ministres`` (3 times) … ``Comité de Ministres`` → ``des``

    Options:
        min_count (3): how often the majority form must occur.
        max_words (6): the longest name considered.
    """
    min_count = max(2, int(options.get("min_count", 3)))
    max_words = max(3, int(options.get("max_words", 6)))
    for lang in bitext.languages:
        words = load_confusables(lang)
        if words is None:
            continue
        yield from _check_version(text_nodes(bitext.documents[lang]), words, min_count, max_words)


def _check_version(nodes: Iterator[Node], words: Confusables, min_count: int,
                   max_words: int) -> Iterator[Finding]:
    runs = [run for node in nodes for run in _runs(node)]
    for tokens, position, majority, count in find_variants(runs, words, min_count, max_words):
        changed = tokens[position]
        variant = " ".join(t.text for t in tokens).replace("' ", "'").replace("’ ", "’")
        usual = " ".join(t.text if i != position else majority for i, t in enumerate(tokens))
        usual = usual.replace("' ", "'").replace("’ ", "’")
        yield Finding(changed.node.locate(changed.start, changed.end),
                      f"'{variant}' is written '{usual}' {count} times elsewhere in this version",
                      fix=Fix(majority, safe=False))


def find_variants(runs: list[list[Token]], words: Confusables, min_count: int,
                  max_words: int) -> Iterator[tuple[list[Token], int, str, int]]:
    """Each variant: its tokens, the changed position, the majority word, the majority count."""
    counts: Counter[tuple[str, ...]] = Counter()
    where: dict[tuple[str, ...], list[Token]] = {}
    for run in runs:
        for i in range(len(run)):
            if not _is_name_word(run[i].text, words):
                continue
            for n in range(3, max_words + 1):
                if i + n > len(run):
                    break
                last = run[i + n - 1].text
                if not _is_name_word(last, words):
                    continue
                gram = tuple(t.text for t in run[i:i + n])
                counts[gram] += 1
                where.setdefault(gram, run[i:i + n])
    masked: dict[tuple[int, tuple[str, ...]], list[tuple[str, ...]]] = defaultdict(list)
    for gram, count in counts.items():
        if count >= min_count:
            for position in range(1, len(gram) - 1):
                masked[(position, gram[:position] + ("",) + gram[position + 1:])].append(gram)
    reported: set[tuple[int, int]] = set()
    for gram, count in counts.items():
        if count != 1:
            continue
        for position in range(1, len(gram) - 1):
            majorities = masked.get((position, gram[:position] + ("",) + gram[position + 1:]))
            if not majorities:
                continue
            best = max(majorities, key=lambda g: counts[g])
            if not _slip(best[position], gram[position], words):
                continue
            tokens = where[gram]
            spot = (id(tokens[position].node), tokens[position].start)
            if spot in reported:
                continue
            reported.add(spot)
            yield tokens, position, best[position], counts[best]


RULES = [recurring_name]
