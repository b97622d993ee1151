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

    Options: none.
    """
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
    for pair in bitext.pairs:
        present = pair.left or pair.right
        if present is None or (pair.left and pair.right):
            continue
        if present.kind not in ("section", "article", "item", "footnote", "division", "formula"):
            continue
        parent = present.parent
        if parent is not None and parent.attrs.get("counterpart") is None and parent.kind != "document":
            continue   # its parent is already reported
        missing = bitext.other(present.lang)
        related: tuple[Related, ...] = ()
        if parent is not None and parent.attrs.get("counterpart") is not None:
            counterpart = parent.attrs["counterpart"]
            related = (Related(counterpart.whole(), f"the {missing} {counterpart.describe()} that should hold it",
                               counterpart.text[:120]),)
        yield Finding(present.whole(), f"{present.describe()} has no counterpart in the {missing} version",
                      related=related)


RULES = [unplaced_text, missing_language, missing_counterpart]
