"""One file holding the whole text in one language, then the whole text in the other."""

from __future__ import annotations

from ..lang import Language
from ..readers import Block
from . import best_split, block_language


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
    for block in blocks[:index]:
        block.lang = first
    for block in blocks[index:]:
        block.lang = second
    return {first: blocks[:index], second: blocks[index:]}
