"""Write the small DOCX test files of tests/data/docx/ with python-docx (Word's own
template), adding what python-docx has no API for as WordprocessingML: a multi-level
automatic numbering, a footnote and tracked changes.

    python tools/make_docx_fixtures.py      # rewrites tests/data/docx/*.docx

The texts are written for the tests (a short decision in Dutch and French with one
number that differs and one typo), not taken from anywhere.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "docx"
LIST = 90   # our multi-level list's numId and abstractNumId

NUMBERING = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="{LIST}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>"""

TEXTS = {
    "NL": {
        "title": "Besluit van het Comité van Ministers betreffende de samenwerking",
        "opening": "Het Comité van Ministers,",
        "visa": "Gelet op:",
        "items": [
            (0, "het Verdrag van 11 december 2021 betreffende de samenwerking tussen de politiediensten;"),
            (0, "het jaarplan 2022 van de Benelux, waarin de volgende doelen staan:"),
            (1, "de uitwisseling van gegevens binnen 30 dagen;"),
            (1, "de gezamenlijke opleiding van 12 agenten;"),
            (0, "het advies van de Raad van State;"),
        ],
        "decides": "Besluit:",
        "article": "De lidstaten werken samen volgens de regels van dit besluit.",
        "note": "Verdrag van 11 december 2021, Benelux-publicatieblad 2021/4.",
        "inserted": " en de bijlage",
        "deleted": " zonder uitzondering",
    },
    "FR": {
        "title": "Décision du Comité de Ministres relative à la coopération",
        "opening": "Le Comité de Ministres,",
        "visa": "Vu:",
        "items": [
            (0, "la Convention du 11 décembre 2021 relative à la coopération entre les services de police;"),
            (0, "le plan annuel 2022 du Benelux, qui contient les objectifs suivants:"),
            (1, "l'échange de données dans un délai de 30 jours;"),
            (1, "la formation commune de 13 agents;"),
            (0, "l'avis du Conseil d'État;"),
        ],
        "decides": "Décide:",
        "article": "Les États membres coopèrent selon les règles de la présente décisoin.",
        "note": "Convention du 11 décembre 2021, Bulletin Benelux 2021/4.",
        "inserted": " et l'annexe",
        "deleted": " sans exception",
    },
}


def _numbering(document) -> None:
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{LIST}"><w:abstractNumId w:val="{LIST}"/></w:num>'))


def _numbered(document, level: int, text: str) -> None:
    paragraph = document.add_paragraph(text)
    props = paragraph._p.get_or_add_pPr()
    props.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{LIST}"/></w:numPr>'))


def _footnotes(document, text: str) -> None:
    xml = (f'<w:footnotes {nsdecls("w")}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
           '</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _footnote_reference(paragraph) -> None:
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  '<w:footnoteReference w:id="1"/></w:r>'))


def _tracked(paragraph, inserted: str, deleted: str) -> None:
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="101" w:author="bilint" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="102" w:author="bilint" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'))
    paragraph.add_run(".")


def decision(code: str) -> docx.Document:
    text = TEXTS[code]
    document = docx.Document()
    _numbering(document)
    document.add_paragraph(text["title"], style="Title")
    document.add_paragraph(text["opening"])
    document.add_paragraph(text["visa"])
    for level, item in text["items"]:
        _numbered(document, level, item)
    _footnote_reference(document.paragraphs[3])
    _footnotes(document, text["note"])
    document.add_paragraph(text["decides"])
    article = document.add_paragraph(text["article"].rstrip("."))
    _tracked(article, text["inserted"], text["deleted"])
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run._r.get_or_add_rPr().append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{code.lower()}-BE"/>'))
    return document


def table() -> docx.Document:
    """The one-file layout: a two-column table, Dutch left, French right."""
    document = docx.Document()
    rows = [(TEXTS["NL"]["title"], TEXTS["FR"]["title"]),
            (TEXTS["NL"]["opening"], TEXTS["FR"]["opening"]),
            (TEXTS["NL"]["visa"], TEXTS["FR"]["visa"])]
    rows += [(nl, fr) for (_, nl), (_, fr) in zip(TEXTS["NL"]["items"], TEXTS["FR"]["items"])]
    grid = document.add_table(rows=len(rows), cols=2)
    for row, (nl, fr) in zip(grid.rows, rows):
        row.cells[0].text = nl
        row.cells[1].text = fr
    return document


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    decision("NL").save(OUT / "besluit_NL.docx")
    decision("FR").save(OUT / "besluit_FR.docx")
    table().save(OUT / "tabel.docx")


if __name__ == "__main__":
    main()
