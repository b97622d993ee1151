"""The three layouts, and page-break re-joins that map back to the right source lines."""

from __future__ import annotations

import pytest

from bilint.engine import Settings, build_bitext
from bilint.readers.words import can_tell

NL_A = "de regering moet de samenwerking tussen de diensten van politie en justitie verbeteren"
FR_A = "le gouvernement doit améliorer la coopération entre les services de police et de justice"


def _bitext(paths, texts, layout="auto"):
    return build_bitext(paths, Settings(layout=layout), texts)


def _items(bitext, lang):
    return [(n.label, n.text) for n in bitext.documents[lang].nodes("item")]


def test_interleaved_page_break_rejoins_paragraph_and_hyphenated_word():
    text = (
        "Gelet op:\n\n"
        f"1. {NL_A};\n\n"
        "2. de aanbeveling over de ha-\n\n"
        "Vu:\n\n"
        f"1. {FR_A};\n\n"
        "2. la recommandation sur les ports\n\n"
        "vens en de luchthavens van de drie landen die samenwerken;\n\n"
        "maritimes et les aéroports des trois pays qui coopèrent;\n"
    )
    bitext = _bitext(["doc.md"], {"doc.md": text})
    assert bitext.layout == "interleaved"
    nl = dict(_items(bitext, "nl"))
    fr = dict(_items(bitext, "fr"))
    assert nl["2."] == "de aanbeveling over de havens en de luchthavens van de drie landen die samenwerken;"
    assert fr["2."] == "la recommandation sur les ports maritimes et les aéroports des trois pays qui coopèrent;"
    item = next(n for n in bitext.documents["nl"].nodes("item") if n.label == "2.")
    start = item.text.index("havens")
    assert item.locate(start, start + 2).span.line == 5          # "ha" on the line before the break
    assert item.locate(start + 2, start + 6).span.line == 13     # "vens" after it
    assert item.locate(start + 2, start + 6).span.column == 1


def test_footnote_at_page_bottom_is_not_part_of_the_item_flow():
    text = (
        "Vraagt de regeringen:\n\n"
        "1) te investeren in analyses van de effecten van de criminaliteit op de samenleving in de drie landen met focus op\n\n"
        "<sup>1</sup> De Nederlandse overheid verstaat onder dit begrip het volgende: criminelen maken gebruik van diensten.\n\n"
        "Demande aux gouvernements:\n\n"
        "1) d'investir dans des analyses des effets de la criminalité sur la société dans les trois pays, en insistant sur\n\n"
        "<sup>1</sup> Par ce terme, les autorités néerlandaises entendent ce qui suit: des criminels font usage de services.\n\n"
        "de plaats waar het met drugs verdiende geld naartoe gaat en waarin het wordt geïnvesteerd;\n\n"
        "la manière dont l'argent de la drogue est investi et la destination de cet argent;\n"
    )
    bitext = _bitext(["doc.md"], {"doc.md": text})
    doc = bitext.documents["nl"]
    assert [n.kind for n in doc.nodes() if n.kind in ("item", "footnote")] == ["item", "footnote"]
    item = next(doc.nodes("item"))
    assert item.text.endswith("met focus op de plaats waar het met drugs verdiende geld naartoe gaat en waarin het wordt geïnvesteerd;")
    assert bitext.layout == "interleaved"
    french = next(bitext.documents["fr"].nodes("item"))
    assert french.text.endswith("en insistant sur la manière dont l'argent de la drogue est investi et la destination de cet argent;")
    assert [n.kind for n in bitext.documents["fr"].nodes() if n.kind in ("item", "footnote")] == ["item", "footnote"]


def test_pair_layout_from_one_file_finds_its_counterpart(tmp_path):
    (tmp_path / "law.nl.md").write_text("Artikel 1\n\nDe wet is van toepassing op iedereen in het land.\n", encoding="utf-8")
    (tmp_path / "law.fr.md").write_text("Article 1er\n\nLa loi s'applique à tous dans le pays.\n", encoding="utf-8")
    bitext = build_bitext([str(tmp_path / "law.nl.md")], Settings(layout="pair"))
    assert bitext.layout == "pair"
    pairs = [(p.left.label, p.right.label) for p in bitext.pairs if p.left and p.right and p.left.kind == "article"]
    assert pairs == [("Artikel 1", "Article 1er")]


def test_sectioned_layout_splits_where_the_language_changes():
    french = "\n\n".join(f"### Article {n}\n\nLe gouvernement de chaque État partie prend les mesures nécessaires pour appliquer la convention numéro {n}." for n in (1, 2, 3))
    dutch = "\n\n".join(f"### Artikel {n}\n\nDe regering van elke staat die partij is neemt de nodige maatregelen om het verdrag nummer {n} toe te passen." for n in (1, 2, 3))
    bitext = _bitext(["treaty.md"], {"treaty.md": french + "\n\n" + dutch + "\n"})
    assert bitext.layout == "sectioned"
    articles = [(p.left.name, p.right.name) for p in bitext.pairs if p.left and p.right and p.left.kind == "article"]
    assert articles == [("1", "1"), ("2", "2"), ("3", "3")]
    fr_first = next(bitext.documents["fr"].nodes("article"))
    assert fr_first.locate_label().span.line == 1


def test_html_blocks_keep_offsets_into_the_html_file():
    html = ("<html><head><title>x</title></head><body>\n<p>Art. 1. De wet&nbsp;is <b>streng</b>.</p>\n"
            "<p>Art. 2. De rechter beslist.</p></body></html>")
    fr = ("<html><body>\n<p>Art. 1er. La loi est <b>sévère</b>.</p>\n<p>Art. 2. Le juge décide.</p></body></html>")
    bitext = build_bitext(["code.nl.html", "code.fr.html"], Settings(), {"code.nl.html": html, "code.fr.html": fr})
    article = next(bitext.documents["nl"].nodes("article"))
    assert article.text == "De wet is streng."
    start = article.text.index("streng")
    span = article.locate(start, start + 6).span
    assert (span.line, span.column, span.end_column) == (2, 30, 36)
    assert html.splitlines()[1][span.column - 1:span.end_column - 1] == "streng"


@pytest.mark.skipif(not can_tell(), reason="no word test: neither Hunspell nor an installed rule pack answers bilint_is_word")
def test_pdf_text_dump_is_split_into_paragraphs_by_wrapped_lines():
    lines = ["Votre commission a examiné ce projet de loi au cours ",
             "de sa réunion du 2 octobre 2024."]
    lines += ["Elle rappelle que toute personne qui entre en ser-", "vice doit passer un examen au ",
              "Selor pour la région de Bruxelles-", "Capitale."] * 6
    lines += ["Uw commissie heeft dit wetsontwerp besproken tijdens ", "haar vergadering van 2 oktober 2024."]
    text = "\n".join(lines) + "\n"
    from bilint.readers import read_blocks
    from bilint.source import Source

    blocks = read_blocks(Source("report.txt", text))
    assert blocks[0].text.text == "Votre commission a examiné ce projet de loi au cours de sa réunion du 2 octobre 2024."
    assert blocks[1].text.text == ("Elle rappelle que toute personne qui entre en service doit passer un examen au "
                                   "Selor pour la région de Bruxelles-Capitale.")
    assert len(blocks) == 1 + 6 + 1
    word = blocks[1].text.text.index("service")
    assert blocks[1].text.source_range(word + 3, word + 4)[0] == text.index("\nvice") + 1


def test_a_header_of_a_few_lines_in_the_other_language_is_no_section():
    """A database's heading guessed French above a whole Dutch code (Justel) is not the French
    version: the file is monolingual, said once, and no Dutch article lacks a counterpart."""
    header = ("JUSTEL - Législation consolidée\n\nLes modifications publiées jusqu'au vingt-huit mai inclus "
              "sont intégrées dans le texte de la loi.\n\n")
    dutch = "\n\n".join(f"Art. {n}. De regering van elke staat die partij is neemt de nodige maatregelen om het "
                        f"verdrag nummer {n} toe te passen in alle gemeenten van het land." for n in range(1, 60))
    from bilint.layouts.load import load

    streams = load(["wet.md"], ("nl", "fr"), texts={"wet.md": header + dutch + "\n"})
    assert streams.blocks["fr"] == [] and streams.notes == ["no fr text found"]
    assert len(streams.blocks["nl"]) == 61
