"""Which provisions have no counterpart, and which the two versions divide differently.

Worked out once per text: BL003 reports them, and BL401 leaves the values of a provision
divided differently to BL003's one finding (one structural difference, one finding).
"""

from __future__ import annotations

from dataclasses import dataclass

from bilint.api import Bitext, Finding, Node, Related

from ._memo import once_per_text


@dataclass(frozen=True)
class Divided:
    """A provision whose two versions divide it into items differently: ``mine`` are its
    items with no counterpart, ``theirs`` the other version's (``missing`` is its language)."""

    parent: Node
    counterpart: Node
    mine: list
    theirs: list
    missing: str


@once_per_text
def unpaired(bitext: Bitext) -> "list[Finding | Divided]":
    """BL003's findings, with a ``Divided`` record where a provision is divided differently."""
    return _unpaired(bitext)


def divided(bitext: Bitext) -> list[Divided]:
    """The provisions the two versions divide differently (BL003's to report)."""
    return [x for x in unpaired(bitext) if isinstance(x, Divided)]


def _unpaired(bitext: Bitext) -> "list[Finding | Divided]":
    found: list[Finding | Divided] = []
    if any(not bitext.documents[code].root.children for code in bitext.languages):
        return found  # a whole language missing is BL002's finding, not one per provision
    reported_parents: set[int] = set()
    unpaired_items: dict[int, list] = {}
    for pair in bitext.pairs:
        present = pair.left or pair.right
        if present is not None and not (pair.left and pair.right) and present.kind in ("item", "footnote") \
                and present.parent is not None:
            unpaired_items.setdefault(id(present.parent), []).append(present)
    for pair in bitext.pairs:
        present = pair.left or pair.right
        if present is None or (pair.left and pair.right):
            continue
        if present.kind not in ("section", "article", "item", "footnote"):
            continue
        parent = present.parent
        counterpart = parent.attrs.get("counterpart") if parent is not None else None
        if parent is not None and parent.kind != "document" and counterpart is None:
            continue   # its parent has no counterpart either: that is the finding
        missing = bitext.other(present.lang)
        if counterpart is None and parent is not None and parent.kind == "document":
            counterpart = bitext.documents[missing].root   # items at the top level: the other version's text
        if present.kind == "footnote" and counterpart is not None and any(
                n.kind == "footnote" for n in unpaired_items.get(id(counterpart), [])):
            continue   # both versions have notes here, numbered or called differently
        if present.kind == "item" and counterpart is not None:
            finding = _item_without_counterpart(present, parent, counterpart, missing, reported_parents,
                                                unpaired_items)
            if finding is not None:
                found.append(finding)
            continue
        related: tuple[Related, ...] = ()
        if counterpart is not None and counterpart.kind != "document":
            related = (Related(counterpart.whole(), f"the {missing} {counterpart.describe()}",
                               counterpart.text[:120]),)
        found.append(Finding(present.whole(), f"{present.describe()} has no counterpart in the {missing} version",
                      related=related))
    return found


def _length(node) -> int:
    return sum(len(n.text.strip()) for n in node.walk())


_PRESENT_RATIO = 0.8


def _text_present(parent, counterpart) -> bool:
    """The other version's provision is about as long: the items' text is there, divided
    otherwise (numbered inline, ``Paragraphe 1er. … Paragraphe 2. …``), not missing."""
    if counterpart.kind == "document":
        return False
    return _length(counterpart) >= _PRESENT_RATIO * _length(parent)


def _unpaired_neighbour(node) -> bool:
    """A provision beside ``node`` that has no counterpart (``Artikel 20`` where the other
    version misspells the heading, ``Artice 20``, and runs that article into the one before):
    the items this provision has in one version only are that provision's."""
    parent = node.parent
    if parent is None or node.kind not in ("article", "section", "division"):
        return False
    siblings = parent.children
    index = next((i for i, child in enumerate(siblings) if child is node), None)
    if index is None:
        return False
    return any(n.kind == node.kind and n.attrs.get("counterpart") is None
               for n in siblings[max(0, index - 1):index] + siblings[index + 1:index + 2])


def _label_inline(item, counterpart) -> bool:
    """The item's label stands inside the other version's text, where the parser did not
    take it for an item (``9.«Organisation…`` glued to its text, or inside a paragraph)."""
    import re

    label = (item.label or "").strip()
    if not label or not any(ch.isalnum() for ch in label):
        return False
    # after a sentence, a line break or a closing bracket (``V. [opgeheven] VI. — § 1.`` run
    # into one line); before the item's text, a dash or a paragraph sign
    # a paragraph sign also after a heading run into the text (``… du mineur § 1er. Sous``),
    # never after a citation's comma (``article 5, § 1er.``)
    heading = r"|(?<=[^\W\d_])\s+" if label.startswith("§") else ""
    pattern = re.compile(rf"(?:^|[.;:]\s*|[\])]\s+|\n\s*{heading}){_label_pattern(label)}"
                         rf"(?=\s*(?:[^\W\d_]|[«“„\"(\[§]|[–—-]\s))")
    if any(pattern.search(node.text) for node in counterpart.walk()):
        return True
    # a label glued to its capitalised text without its full stop (``2Pontonniersmaterieel``)
    bare = label.rstrip(".")
    if bare != label and bare.isdigit():
        glued = re.compile(rf"^{re.escape(bare)}(?=[^\W\d_])")
        return any(glued.match(node.text) and node.text[len(bare)].isupper() for node in counterpart.walk())
    return False


def _label_pattern(label: str) -> str:
    """A label as the other version may write it: spaced otherwise (``III . ANTWERPEN``),
    with an ordinal ending (``§ 1er.`` for ``§ 1.``)."""
    import re

    parts = [part for part in re.findall(r"\d+|[^\W\d_]+|[^\w\s]", label)]
    out = []
    for part in parts:
        out.append(re.escape(part) + ("(?:er|re|ste|de|e|st|nd|rd|th)?" if part.isdigit() else ""))
    return r"\s*".join(out)


def _unexplained(mine: list, theirs: list, parent, counterpart) -> tuple[list, list]:
    """The unpaired items of each version that the other version does not explain.

    An item whose label the other version also has among its unpaired items (``a)`` to
    ``h)`` nested under ``2)`` in one version, beside it in the other) or writes inside its
    text (``A.Termes navals`` read as a paragraph) is there in both versions, placed
    otherwise: only the rest may be missing.
    """
    import collections

    def key(node) -> str:
        return "".join((node.label or "").split()).lower()

    mine_count = collections.Counter(key(n) for n in mine)
    theirs_count = collections.Counter(key(n) for n in theirs)
    shared = mine_count & theirs_count

    def rest(items: list, other) -> list:
        left = collections.Counter(shared)
        kept = []
        for node in items:
            if left[key(node)] > 0:
                left[key(node)] -= 1
            elif not _label_inline(node, other):
                kept.append(node)
        return kept

    return rest(mine, counterpart), rest(theirs, parent)


def _item_without_counterpart(item, parent, counterpart, missing: str, reported: set[int],
                              unpaired: dict[int, list] | None = None) -> "Finding | Divided | None":
    """An unpaired item is reported when the two lists otherwise correspond.

    When the other version has no list at all under the aligned provision, the whole list
    is reported once; when it has items that did not align (the lists nest differently,
    ``1. … a) b)`` against ``Paragraphe 1er. … a) b)``), nothing can be told for sure.
    Several unpaired items under one provision are one finding (a ``Divided`` record).
    """
    siblings = [child for child in parent.children if child.kind == "item"]
    if _unpaired_neighbour(counterpart):
        return None   # the other version's next provision has no counterpart: that is the one finding
    mine = [n for n in (unpaired or {}).get(id(parent), [item]) if n.kind == "item"] or [item]
    theirs = [n for n in (unpaired or {}).get(id(counterpart), []) if n.kind == "item"]
    other_has_items = any(node.kind == "item" for node in counterpart.walk() if node is not counterpart)
    if (len(mine) > 1 or theirs) and other_has_items:
        if id(parent) in reported or id(counterpart) in reported:
            return None
        reported.add(id(parent))
        mine, theirs = _unexplained(mine, theirs, parent, counterpart)
        if not mine and not theirs:
            return None   # every item is there in both versions, nested or labelled otherwise
        if not mine:
            # only the other version's items are left: the finding is theirs
            if _text_present(counterpart, parent):
                return None
            return Divided(counterpart, parent, theirs, [], item.lang)
        if not theirs and _text_present(parent, counterpart):
            return None
        return Divided(parent, counterpart, mine, theirs, missing)
    if any(child.attrs.get("counterpart") is not None for child in siblings):
        if _label_inline(item, counterpart):
            return None   # the other version has it, run into the text before it (``8. … 9.«Organisation …``)
        return Finding(item.whole(), f"{item.describe()} has no counterpart in the {missing} version",
                       related=(Related(counterpart.whole(), f"the {missing} {counterpart.describe()}",
                                        counterpart.text[:120]),))
    if any(node.kind == "item" for node in counterpart.walk()) or id(parent) in reported:
        return None
    reported.add(id(parent))
    if _text_present(parent, counterpart):
        return None   # the other version runs the items into its text ("1. - …" inline)
    labels = [child.label or "" for child in siblings]
    listed = labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"
    where = parent.describe() if parent.kind != "document" else "the text"
    return Finding(parent.whole() if parent.kind != "document" else item.whole(),
                   f"{where} has {len(siblings)} list item{'s' if len(siblings) > 1 else ''} ({listed}) "
                   f"in {item.lang} and none in the {missing} version",
                   related=(Related(counterpart.whole(), f"the {missing} {counterpart.describe()}",
                                    counterpart.text[:120]),) if counterpart.kind != "document" else ())
