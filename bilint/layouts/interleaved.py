"""One file whose blocks alternate between the two languages (a two-column PDF as text)."""

from __future__ import annotations

from ..lang import Language
from ..readers import Block
from . import block_language, fill_undecided
from .join import continues, join


def split(blocks: list[Block], languages: tuple[str, str], data: dict[str, Language]) -> dict[str, list[Block]]:
    """Give each block its language, then each language its blocks, page breaks mended.

    A block too short to judge (``RECOMMANDATION``; ``Vu:`` is judged by its words) takes
    its language from its neighbours (see ``fill_undecided``). The first block of a language's run that opens no new unit, after
    a block that stopped mid-sentence, continues that block (the page break cut it);
    a block whose format states its language is a whole paragraph and is never joined.
    """
    judged = [lang or languages[0] for lang in
              fill_undecided([block_language(block, languages, data) for block in blocks])]

    streams: dict[str, list[Block]] = {code: [] for code in languages}
    run_language: str | None = None
    for block, lang in zip(blocks, judged):
        block.lang = lang
        stream = streams[lang]
        run_start = lang != run_language
        run_language = lang
        if run_start and block.kind != "footnote" and block.declared is None:
            target = _last_text_block(stream)
            if target is not None and continues(stream[target], block, data[lang]):
                stream[target] = join(stream[target], block, data[lang])
                continue
        stream.append(block)
    return streams


def _last_text_block(stream: list[Block]) -> int | None:
    for index in range(len(stream) - 1, -1, -1):
        if stream[index].kind != "footnote":
            return index
    return None
