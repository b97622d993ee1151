"""One file holding the whole text in one language, then the whole text in the other."""

from __future__ import annotations

from ..lang import Language
from ..readers import Block
from . import best_split, block_language


def split(blocks: list[Block], languages: tuple[str, str], data: dict[str, Language]) -> dict[str, list[Block]]:
    """Cut where one language gives way to the other (the split that most blocks agree with)."""
    judged = [block_language(block, languages, data) for block in blocks]
    _, (index, first, second) = best_split(judged, languages)
    for block in blocks[:index]:
        block.lang = first
    for block in blocks[index:]:
        block.lang = second
    return {first: blocks[:index], second: blocks[index:]}
