"""Structure rules: what bilint itself could not place, and provisions with no counterpart."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Related, rule


@rule("BL001", "unplaced-text", "structure", "warning")
def unplaced_text(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Text the structure grammar could not place.

    Why: bilint lints what it can parse; a block it could not place in the numbered
    structure is linted as a plain paragraph, and you should know that its checks there
    are weaker.

    Example: a list item label bilint does not know, in either language.

    Options: none.
    """
    for document in bitext.documents.values():
        yield from document.problems


@rule("BL002", "missing-language", "structure", "error")
def missing_language(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """One of the two languages has no text at all.

    Why: a bilingual text must carry both authentic versions; a file with one language
    only is either the wrong file or the wrong ``--languages``.

    Example: ``bilint check --languages nl,fr`` on a text that is Dutch from start to end.
    A file not named as half of a pair (a repository's README) with one language only is
    a monolingual file: it is not linted and gets this finding as ``info`` (configuration
    ``monolingual = "error"`` makes it an error); an empty file gets one finding.

    Options: none.
    """
    if not any(bitext.documents[code].root.children for code in bitext.languages):
        if bitext.config.get("left_out"):
            return   # every passage is in another language: BL007 says so
        first = bitext.documents[bitext.languages[0]]
        yield Finding(first.source.location(0, 0, None),
                      f"no text found in {' or '.join(bitext.languages)}: the document is empty")
        return   # one finding, not one per language (each would blame the other)
    for code in bitext.languages:
        document = bitext.documents[code]
        if not document.root.children:
            other = bitext.documents[bitext.other(code)]
            yield Finding(other.source.location(0, 0, code),
                          f"no {code} text found: this document has only its {bitext.other(code)} version")


@rule("BL003", "missing-counterpart", "structure", "error")
def missing_counterpart(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A section, article, item or footnote present in one version only.

    Why: both versions are authentic; a provision that exists in one language only
    changes the law for the readers of that language.

    Several items without a counterpart under one provision are one finding for the
    provision (its two versions are divided differently), not one per item; nothing is
    reported when the other version's provision is about as long (its text is there,
    numbered inline: ``1. - …`` in a paragraph, ``Paragraphe 1er. …``), when the item's
    label stands inside the other version's text (``9.«Organisation …`` glued to its
    text, ``§ 1er.`` for ``§ 1.``, ``III . ANTWERPEN`` for ``III.``), or when a neighbouring provision of the other version has no counterpart
    (a misspelt heading, ``Artice 20``, runs an article into the one before it: that
    provision is the one finding).

    Example: ``Gelet op: 1. … 2. … 3. …`` against ``Vu: 1. … 2. …``: item 3 has no
    French counterpart.

    Options: none.
    """
    if any(not bitext.documents[code].root.children for code in bitext.languages):
        return  # a whole language missing is BL002's finding, not one per provision
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
                yield finding
            continue
        related: tuple[Related, ...] = ()
        if counterpart is not None and counterpart.kind != "document":
            related = (Related(counterpart.whole(), f"the {missing} {counterpart.describe()}",
                               counterpart.text[:120]),)
        yield Finding(present.whole(), f"{present.describe()} has no counterpart in the {missing} version",
                      related=related)


def _length(node) -> int:
    return sum(len(n.text.strip()) for n in node.walk())


_PRESENT_RATIO = 0.8


def _text_present(parent, counterpart) -> bool:
    """The other version's provision is about as long: the items' text is there, divided
    otherwise (numbered inline, ``Paragraphe 1er. … Paragraphe 2. …``), not missing."""
    if counterpart.kind == "document":
        return False
    return _length(counterpart) >= _PRESENT_RATIO * _length(parent)


def _divided_differently(parent, counterpart, mine: list, theirs: list, missing: str) -> Finding:
    """One finding for a provision whose two versions divide it into items differently.

    Several items without a counterpart under one aligned provision are rarely several
    omissions: the other version numbers the provision otherwise (``Paragraphe 1er. …``
    inline, items that are paragraphs), and item-by-item findings would cascade. When the
    other version's provision is about as long, its text is there, divided otherwise.
    """
    labels = [item.label or "" for item in mine]
    listed = labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"
    ratio = _length(counterpart) / max(1, _length(parent))
    where = parent.describe() if parent.kind != "document" else "the text"
    if theirs:
        other_labels = [item.label or "" for item in theirs]
        other_listed = other_labels[0] if len(other_labels) == 1 else f"{other_labels[0]} to {other_labels[-1]}"
        detail = f"its items {listed} and the {missing} items {other_listed} do not pair"
    else:
        detail = (f"its items {listed} have no counterpart in the {missing} version, whose text is "
                  f"{round(100 * (1 - ratio))} % shorter: they may be missing")
    location = parent.whole() if parent.kind != "document" else mine[0].whole()
    return Finding(location, f"{where} is divided differently in the two versions: {detail}",
                   related=(Related(counterpart.whole(), f"the {missing} {counterpart.describe()}",
                                    counterpart.text[:120]),) if counterpart.kind != "document" else ())


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
    pattern = re.compile(rf"(?:^|[.;:]\s*|\n\s*){_label_pattern(label)}(?=\s*(?:[^\W\d_]|[«“„\"(]))")
    return any(pattern.search(node.text) for node in counterpart.walk())


def _label_pattern(label: str) -> str:
    """A label as the other version may write it: spaced otherwise (``III . ANTWERPEN``),
    with an ordinal ending (``§ 1er.`` for ``§ 1.``)."""
    import re

    parts = [part for part in re.findall(r"\d+|[^\W\d_]+|[^\w\s]", label)]
    out = []
    for part in parts:
        out.append(re.escape(part) + ("(?:er|re|ste|de|e|st|nd|rd|th)?" if part.isdigit() else ""))
    return r"\s*".join(out)


def _item_without_counterpart(item, parent, counterpart, missing: str, reported: set[int],
                              unpaired: dict[int, list] | None = None) -> Finding | None:
    """An unpaired item is reported when the two lists otherwise correspond.

    When the other version has no list at all under the aligned provision, the whole list
    is reported once; when it has items that did not align (the lists nest differently,
    ``1. … a) b)`` against ``Paragraphe 1er. … a) b)``), nothing can be told for sure.
    Several unpaired items under one provision are one finding (``_divided_differently``).
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
        if not theirs and _text_present(parent, counterpart):
            return None
        return _divided_differently(parent, counterpart, mine, theirs, missing)
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

RULES = [unplaced_text, missing_language, missing_counterpart]
