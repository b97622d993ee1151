"""The structure parser: labels, nesting by marker style, and the fallback when the grammar rejects."""

from __future__ import annotations

import pytest

from bilint.engine import Settings, build_bitext, lint_paths
from bilint.lexer import match_label, roman_value


@pytest.mark.parametrize("text,kind,mark,ordinal", [
    ("1. tekst", "decimal", ".", 1), ("12) tekst", "decimal", ")", 12), ("2° tekst", "decimal", "°", 2),
    ("a. tekst", "alpha", ".", 1), ("(b) texte", "alpha", "()", 2), ("a). texte", "alpha", ").", 1),
    ("iv. texte", "roman", ".", 4), ("§ 2. texte", "section-sign", "", 2), ("- texte", "dash", "", None),
    ("a)om namens", "alpha", ")", 1), ("§ 1er. texte", "section-sign", "", 1), ("§ 2bis. texte", "section-sign", "", 2),
])
def test_labels(text, kind, mark, ordinal):
    label = match_label(text)
    assert label is not None and (label.kind, label.mark, label.ordinal) == (kind, mark, ordinal)


@pytest.mark.parametrize("text", ["24/7 bereikbaar", "19 miljard euro", "mix. van", "Benelux-landen", "e.g. this", "§ 1erx texte"])
def test_not_labels(text):
    assert match_label(text) is None


def test_roman_values_are_canonical_only():
    assert roman_value("xiv") == 14 and roman_value("IIII") is None and roman_value("vx") is None


def _doc(text):
    return build_bitext(["doc.md"], Settings(layout="sectioned"), {"doc.md": text})


def test_items_nest_under_an_item_that_introduces_a_list():
    nl = ("Artikel 1\n\n1. De regering bepaalt de volgende zaken in het belang van het land:\n\n"
          "a. de bevoegdheden van de diensten;\n\nb. de middelen van de diensten;\n\n"
          "2. De minister voert het beleid uit en brengt daarover verslag uit aan het parlement.\n\n")
    fr = ("Article 1er\n\n1. Le gouvernement détermine les questions suivantes dans l'intérêt du pays:\n\n"
          "a. les compétences des services;\n\nb. les moyens des services;\n\n"
          "2. Le ministre exécute la politique et en fait rapport au parlement chaque année.\n")
    bitext = _doc(nl + fr)
    article = next(bitext.documents["nl"].nodes("article"))
    assert [c.label for c in article.children] == ["1.", "2."]
    assert [c.label for c in article.children[0].children] == ["a.", "b."]
    assert [p.key for p in bitext.pairs if p.left and p.right and p.left.kind == "item"] == \
        ["art1/1", "art1/1/a", "art1/1/b", "art1/2"]


def test_letter_i_after_h_is_a_letter_and_opening_i_is_roman():
    nl = "Gelet op:\n\n" + "".join(f"{c}. het verslag over de samenwerking tussen de diensten van de landen;\n\n" for c in "ghi")
    fr = "Vu:\n\n" + "".join(f"{c}. le rapport sur la coopération entre les services des pays concernés;\n\n" for c in ("i", "ii", "iii"))
    bitext = _doc(nl + fr)
    assert [(n.style, n.ordinal) for n in bitext.documents["nl"].nodes("item")][-1] == ("lower-alpha.", 9)
    assert [(n.style, n.ordinal) for n in bitext.documents["fr"].nodes("item")] == \
        [("lower-roman.", 1), ("lower-roman.", 2), ("lower-roman.", 3)]


def test_a_rejected_token_stream_is_linted_as_paragraphs_with_a_finding(monkeypatch):
    """The grammar accepts every stream the lexer makes; should that ever change, the text
    is still linted and BL001 says why its structure checks are missing."""
    from lark.exceptions import UnexpectedToken

    import bilint.parse as parse

    class Rejecting:
        def parse(self, tokens):
            raise UnexpectedToken(token=None, expected=set())

    monkeypatch.setattr(parse, "_parser", lambda: Rejecting())
    text = ("Gelet op:\n\n1. de aanbeveling over de samenwerking tussen de politiediensten van de landen;\n\n"
            "Vu:\n\n1. la recommandation sur la coopération entre les services de police des pays;\n")
    bitext, diagnostics = lint_paths(["doc.md"], Settings(select=["BL001"]), {"doc.md": text})
    assert [d.code for d in diagnostics] == ["BL001", "BL001"]
    assert all(n.kind == "paragraph" for n in bitext.documents["nl"].root.children)
