"""One file holding the whole text in one language, then the whole text in the other."""

from __future__ import annotations

from ..lang import Language
from ..readers import Block
from . import best_split, block_language


_LEAST_SHARE = 0.02   # of the file's text: less is a heading, not a language's version


def split(blocks: list[Block], languages: tuple[str, str], data: dict[str, Language]) -> dict[str, list[Block]]:
    """Cut where one language gives way to the other (the split that most blocks agree with)."""
    judged = [block_language(block, languages, data) for block in blocks]
    _, (index, first, second) = best_split(judged, languages)
    # a side with no block told or guessed in its language is no section (a form number
    # before a monolingual text): the whole text is in the other language
    if not any(first in pair for pair in judged[:index]):
        index = 0
    elif not any(second in pair for pair in judged[index:]):
        index = len(blocks)
    # nor is a few lines' header in the other language above a whole text (a database's
    # heading guessed French above a Dutch code): a section holds a part of the text
    before = sum(len(block.text) for block in blocks[:index])
    after = sum(len(block.text) for block in blocks[index:])
    if 0 < min(before, after) < _LEAST_SHARE * (before + after):
        index = 0 if before < after else len(blocks)
    for block in blocks[:index]:
        block.lang = first
    for block in blocks[index:]:
        block.lang = second
    return {first: blocks[:index], second: blocks[index:]}
