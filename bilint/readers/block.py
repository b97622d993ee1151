"""The unit every reader produces: one paragraph, list item or cell as a reader sees it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Mark, MappedText

# Characters that are in the file but not in the words: the soft hyphen Word and the
# Chamber put in long words, zero-width spaces and joiners, the word joiner and a BOM
# in mid-text. Readers leave them out of a block's text (so ``con\xadcerne`` is one
# word) while the offsets of the characters around them still point into the file.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@dataclass
class Block:
    text: MappedText
    marks: list[Mark] = field(default_factory=list)
    heading: int = 0          # heading level from markup (markdown #, HTML h1-h6), 0 if none
    lang: str | None = None   # set by the layout
    kind: str = ""            # set by the layout: "footnote" for notes set apart
    source_line: int = 0      # 1-based line of the first character, for messages
    declared: str | None = None   # the language the format states (``lang=FR``, ``NormalNL``)
    unit: str = ""            # what the markup says it is: "article" (a section, an article), "note"
                              # (a marginal note, never a provision)
    number: str = ""          # its number as the markup gives it (``<Label>12</Label>``)
    depth: int = 0            # the list depth the markup gives (1 outermost), 0 when it gives none
    anchor: str = ""          # what pairs it with its counterpart when the order differs (a
                              # definition by its term: ``def:commissioner``)
    where: str = ""           # the position in words the format gives (``page 4, left column``)
