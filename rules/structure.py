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

    Example: ``Gelet op: 1. … 2. … 3. …`` against ``Vu: 1. … 2. …``: item 3 has no
    French counterpart.

    Options: none.
    """
    if any(not bitext.documents[code].root.children for code in bitext.languages):
        return  # a whole language missing is BL002's finding, not one per provision
    reported_parents: set[int] = set()
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
        if present.kind == "item" and counterpart is not None:
            finding = _item_without_counterpart(present, parent, counterpart, missing, reported_parents)
            if finding is not None:
                yield finding
            continue
        related: tuple[Related, ...] = ()
        if counterpart is not None and counterpart.kind != "document":
            related = (Related(counterpart.whole(), f"the {missing} {counterpart.describe()}",
                               counterpart.text[:120]),)
        yield Finding(present.whole(), f"{present.describe()} has no counterpart in the {missing} version",
                      related=related)


def _item_without_counterpart(item, parent, counterpart, missing: str, reported: set[int]) -> Finding | None:
    """An unpaired item is reported when the two lists otherwise correspond.

    When the other version has no list at all under the aligned provision, the whole list
    is reported once; when it has items that did not align (the lists nest differently,
    ``1. … a) b)`` against ``Paragraphe 1er. … a) b)``), nothing can be told for sure.
    """
    siblings = [child for child in parent.children if child.kind == "item"]
    if any(child.attrs.get("counterpart") is not None for child in siblings):
        return Finding(item.whole(), f"{item.describe()} has no counterpart in the {missing} version",
                       related=(Related(counterpart.whole(), f"the {missing} {counterpart.describe()}",
                                        counterpart.text[:120]),))
    if any(node.kind == "item" for node in counterpart.walk()) or id(parent) in reported:
        return None
    reported.add(id(parent))
    labels = [child.label or "" for child in siblings]
    listed = labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"
    where = parent.describe() if parent.kind != "document" else "the text"
    return Finding(parent.whole() if parent.kind != "document" else item.whole(),
                   f"{where} has {len(siblings)} list item{'s' if len(siblings) > 1 else ''} ({listed}) "
                   f"in {item.lang} and none in the {missing} version",
                   related=(Related(counterpart.whole(), f"the {missing} {counterpart.describe()}",
                                    counterpart.text[:120]),) if counterpart.kind != "document" else ())

RULES = [unplaced_text, missing_language, missing_counterpart]
