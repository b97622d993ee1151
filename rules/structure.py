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
    text, ``§ 1er.`` for ``§ 1.``, ``III . ANTWERPEN`` for ``III.``, ``2Pontonniers…``
    without its full stop, ``V. [opgeheven] VI. — § 1.`` run into one line), when the
    other version has the same labels among its own unpaired items (``a)`` to ``h)``
    nested under ``2)`` in one version and beside it in the other), or when a neighbouring
    provision of the other version has no counterpart (a misspelt heading, ``Artice 20``,
    runs an article into the one before it: that provision is the one finding).

    A provision divided differently is one finding that also names the values left over
    in it (``article 11 is divided differently in the two versions: its items a) to b)
    and the nl items (9) to (11) do not pair; 26 values differ too: 18 in fr only (…), 8
    in nl only (…)``): BL401 does not report those values a second time.

    Example: ``Gelet op: 1. … 2. … 3. …`` against ``Vu: 1. … 2. …``: item 3 has no
    French counterpart.

    Options: none.
    """
    from .parity import divided_values
    from .unpaired import Divided, unpaired

    for found in unpaired(bitext):
        if isinstance(found, Divided):
            yield _divided_differently(found, divided_values(bitext, found))
        else:
            yield found


def _length(node) -> int:
    return sum(len(n.text.strip()) for n in node.walk())


def _listed(items: list) -> str:
    labels = [item.label or "" for item in items]
    return labels[0] if len(labels) == 1 else f"{labels[0]} to {labels[-1]}"


def _divided_differently(found, summary) -> Finding:
    """One finding for a provision whose two versions divide it into items differently.

    Several items without a counterpart under one aligned provision are rarely several
    omissions: the other version numbers the provision otherwise (``Paragraphe 1er. …``
    inline, items that are paragraphs), and item-by-item findings would cascade. The
    values left over in the block (BL401's comparison) are named here, not in a second
    finding: one structural difference, one finding.
    """
    parent, counterpart, missing = found.parent, found.counterpart, found.missing
    listed = _listed(found.mine)
    ratio = _length(counterpart) / max(1, _length(parent))
    where = parent.describe() if parent.kind != "document" else "the text"
    if found.theirs:
        detail = f"its items {listed} and the {missing} items {_listed(found.theirs)} do not pair"
    else:
        detail = (f"its items {listed} have no counterpart in the {missing} version, whose text is "
                  f"{round(100 * (1 - ratio))} % shorter: they may be missing")
    if summary is not None:
        detail += f"; {summary.describe(parent.lang)}"
    location = parent.whole() if parent.kind != "document" else found.mine[0].whole()
    return Finding(location, f"{where} is divided differently in the two versions: {detail}",
                   related=(Related(counterpart.whole(), f"the {missing} {counterpart.describe()}",
                                    counterpart.text[:120]),) if counterpart.kind != "document" else ())


RULES = [unplaced_text, missing_language, missing_counterpart]
