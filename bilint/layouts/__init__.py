"""Input layouts: how the two language versions sit in one or two files.

Each layout turns its input into one stream of blocks per language (``Streams``); parsing
and everything after it never know which layout the text came in.

- ``interleaved``: one file in which blocks of the two languages alternate (a two-column
  PDF turned into text);
- ``pair``: two files ``NAME.nl.EXT`` and ``NAME.fr.EXT``;
- ``sectioned``: one file, the whole text in one language, then in the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..lang import Language, get_language
from ..readers import Block
from ..pairing import counterpart, pair_name  # noqa: F401 - re-exported for the layouts
from ..source import InputError, Source

if TYPE_CHECKING:
    from .foreign import LeftOut

LAYOUTS = ("interleaved", "pair", "sectioned")


@dataclass
class Streams:
    """Each language's blocks in reading order, with the source they point into."""

    layout: str
    languages: tuple[str, str]
    blocks: dict[str, list[Block]]
    sources: dict[str, Source]
    notes: list[str]   # what the layout noticed and the user should know (one language only…)
    translation: bool = True   # False: the two languages side by side do not translate each other
    left_out: "LeftOut | None" = None   # blocks in a language outside the pair, not linted


_MIN_LETTERS = 40
_MIN_GUESS_LETTERS = 12
def block_language(block: Block, languages: tuple[str, str], data: dict[str, Language]) -> tuple[str | None, str | None]:
    """The block's language when it can be told, and a weaker guess for short blocks.

    Words from the language data decide first (a month name, a section formula: a Word
    record labels some Dutch title lines ``lang=FR``); then the language the format
    states (``lang=``, a ``NormalNL`` class); then langdetect, restricted to the pair. Below a sentence's length langdetect is
    confidently wrong too often (a heading in capitals, a name), so a short block gets only
    a guess, which the layout weighs against the block's neighbours.
    """
    from ..langid import clearly_in, probabilities

    text = block.text.text
    hits = [code for code in languages if _keyword_hit(text, data[code])]
    if len(hits) == 1:
        return hits[0], hits[0]
    if block.declared in languages:
        return block.declared, block.declared   # the format states it: no guessing
    letters = sum(char.isalpha() for char in text)
    if letters < _MIN_GUESS_LETTERS or _mostly_names(text):
        return None, None
    words = _LOWER_WORDS.findall(text)
    clear = next((code for code in languages if clearly_in(words, code, _other(code, languages))), None)
    if clear is not None:
        return (clear if letters >= _MIN_LETTERS else None), clear   # told by its function words
    probs = probabilities(text, languages)
    if not probs:
        return None, None
    best = max(probs, key=probs.get)
    if probs[best] < 0.8:
        return None, None
    return (best if letters >= _MIN_LETTERS else None), best


def fill_undecided(judged: list[tuple[str | None, str | None]]) -> list[str | None]:
    """Give each undecided block a language from its neighbours and its own guess.

    Between two blocks of one language it takes theirs; between a run's end and the next
    run's start it takes its guess when the guess is one of the two, else the next run's
    (in a column, headings precede the text they head).
    """
    decided = [lang for lang, _ in judged]
    following: list[str | None] = [None] * len(decided)
    upcoming: str | None = None
    for index in range(len(decided) - 1, -1, -1):
        following[index] = upcoming
        if decided[index] is not None:
            upcoming = decided[index]
    previous: str | None = None
    result: list[str | None] = []
    for index, (lang, guess) in enumerate(judged):
        if lang is None:
            after = following[index]
            if previous == after or after is None or previous is None:
                lang = after or previous or guess
            else:
                lang = guess if guess in (previous, after) else after
        else:
            previous = lang
        result.append(lang)
    return result


_WORDS = re.compile(r"[^\W\d_]+")
_LOWER_WORDS = re.compile(r"(?<![\w'’-])[a-zà-öø-ÿœ]+(?![\w'’-])")


def _other(code: str, languages: tuple[str, str]) -> str:
    return languages[1] if code == languages[0] else languages[0]


def _mostly_names(text: str) -> bool:
    """A list of names (``Adegem, Assenede, Bassevelde, …``) tells no language: place names
    of Flanders read as Dutch in a French text."""
    words = [w for w in _WORDS.findall(text) if not w.isupper()]
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _keyword_hit(text: str, language: Language) -> bool:
    if language.section_pattern.match(text) or language.opening_pattern.match(text):
        return True
    if len(text) <= 40 and (language.article_pattern.match(text) or language.division_pattern.match(text)):
        return True   # "Article 1er", "HOOFDSTUK II": the heading words tell the language
    if len(text) <= 40:
        lowered = text.lower()
        words = set(re.findall(r"[^\W\d_]+", lowered))
        if words & set(language.month_numbers) and any(ch.isdigit() for ch in text):
            return True
    return False


def detect_layout(blocks: list[Block], languages: tuple[str, str]) -> str:
    """Interleaved when the languages alternate, sectioned when they switch once."""
    data = {code: get_language(code) for code in languages}
    sequence = [lang for lang, _ in (block_language(b, languages, data) for b in blocks) if lang]
    if not sequence:
        return "interleaved"
    score, _ = best_split(sequence, languages)
    switches = _switches(sequence)
    # one or two changes of language (a title in the other language first is common) with
    # nearly every block on its side of one split is a sectioned text; a page-by-page
    # alternation changes language many times
    if switches <= 2 and score >= 0.8 * len(sequence):
        return "sectioned"
    return "sectioned" if score >= 0.9 * len(sequence) else "interleaved"


def _switches(sequence: list[str]) -> int:
    return sum(1 for a, b in zip(sequence, sequence[1:]) if a != b)


def best_split(sequence: list, languages: tuple[str, str]) -> tuple[float, tuple[int, str, str]]:
    """The split point that best puts one language first and the other after (linear).

    ``sequence`` holds a language per block, or a ``(decided, guess)`` pair: a decided
    block weighs 1, a guess 0.5, an undecided block nothing. Among equal splits the latest
    wins: undecided blocks (lists of names, numbers) stay with the text before them.
    """
    weights = [_weights(item) for item in sequence]
    best: tuple[float, tuple[int, str, str]] = (-1.0, (0, languages[0], languages[1]))
    for first, second in (languages, languages[::-1]):
        before = 0.0
        after = sum(w.get(second, 0.0) for w in weights)
        for index in range(len(weights) + 1):
            score = before + after
            if score >= best[0]:
                best = (score, (index, first, second))
            if index < len(weights):
                before += weights[index].get(first, 0.0)
                after -= weights[index].get(second, 0.0)
    return best


def _weights(item) -> dict[str, float]:
    if isinstance(item, tuple):
        decided, guess = item
        if decided:
            return {decided: 1.0}
        return {guess: 0.5} if guess else {}
    return {item: 1.0} if item else {}


def require_languages(languages: tuple[str, str]) -> dict[str, Language]:
    if len(languages) != 2 or languages[0] == languages[1]:
        raise InputError(f"expected two different languages, got {','.join(languages)}")
    try:
        return {code: get_language(code) for code in languages}
    except ValueError as error:
        raise InputError(str(error)) from None
