"""The readers on real published files and on small files made for the edge cases:
Word-HTML, Justice Laws XML, Akoma Ntoso, pdftotext dumps, PDF, DOCX, folders and pairs,
and hostile files (one line on stderr, exit 2, bounded time and memory)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bilint.readers import read_blocks
from bilint.source import Source, read_source

from .conftest import NO_NETWORK_BOOT

DATA = Path(__file__).resolve().parent / "data"


def cli(*args: str, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", NO_NETWORK_BOOT, *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def report(*args: str, cwd: Path | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    result = cli("check", "--format", "json", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(result.stdout)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bilint: ") and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# --- Word-HTML -----------------------------------------------------------------------------

WORD_HTML = """<html><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"></head><body>
<p class=NormalFR><span lang=FR>La séance est ouverte à 14&nbsp;h. Le gouvernement con\u00adcerne la
compré\u00adhensive question du budget de l'État fédéral pour l'année en cours.</span></p>
<p class=NormalNL><span lang=FR>De vergadering wordt geopend om 14 uur en de regering antwoordt op de
vragen over de begroting van de federale staat.</span></p>
<p class=MsoNormal>Alexander De Croo</p>
</body></html>"""


def test_word_html_language_comes_from_class_and_lang_and_soft_hyphens_join_words(tmp_path):
    path = tmp_path / "record.html"
    path.write_text(WORD_HTML, encoding="utf-8")
    source = read_source(str(path))
    blocks = read_blocks(source)
    assert [b.declared for b in blocks] == ["fr", "nl", None]   # the class wins over a wrong lang=
    first = blocks[0].text
    assert "concerne" in first.text and "compréhensive" in first.text and "\u00ad" not in first.text
    # the word's span in the file still covers its soft hyphen
    start = first.text.index("concerne")
    begin, end = first.source_range(start, start + len("concerne"))
    assert source.text[begin:end] == "con\u00adcerne"
    # excerpts show text, never markup
    line = source.display_line(source.position(begin)[0])
    assert "<" not in line and "class" not in line and "con\u00adcerne" in line


def test_chamber_plenary_record_is_not_a_translation(corpus):
    path = corpus / "formats" / "be-kamer-criv-55-plen-285" / "ip285x.html"
    _, data = report(str(path))
    codes = [d["code"] for d in data["diagnostics"]]
    assert codes.count("BL004") == 1
    assert not [c for c in codes if c.startswith("BL4") or c in ("BL003", "BL702")]
    assert all("<" not in d["message"] for d in data["diagnostics"])
    spelling = [d for d in data["diagnostics"] if d["code"] == "BL301"]
    assert not any("cence" in d["message"] or "hensif" in d["message"] for d in spelling)


# --- Justice Laws XML and Akoma Ntoso --------------------------------------------------------

def test_justice_laws_xml_reads_element_boundaries_and_numbered_structure(corpus):
    source = read_source(str(corpus / "ca-laws" / "C-12.3.en.xml"))
    blocks = read_blocks(source)
    text = " ".join(b.text.text for b in blocks)
    assert "12.3441960" not in text and "C-12.3" not in text   # identification metadata is not text
    where = {b.where: b.text.text for b in blocks}
    assert where["s. 2(c)(i)"].startswith("(i) of the right to be informed")
    assert where["s. 1(a)"].startswith("(a) the right of the individual")
    assert all(b.declared == "en" for b in blocks)


def test_justice_laws_pair_needs_no_languages_and_nests_subparagraphs(corpus):
    _, data = report(str(corpus / "ca-laws" / "C-12.3.en.xml"))
    assert [f["languages"] for f in data["files"]] == [["en", "fr"], ["en", "fr"]]
    assert [f["layout"] for f in data["files"]] == ["pair", "pair"]
    # (i) under (c) is a sub-list, not a letter after (c); no glued "typo" or number
    assert not [d for d in data["diagnostics"] if d["code"] in ("BL101", "BL301", "BL401")], data["diagnostics"]


def test_akoma_ntoso_numbers_and_notes(corpus):
    source = read_source(str(corpus / "formats" / "un-akn-ecn7-2012-L2-en-es" / "Bill_UN_2012.xml"))
    blocks = read_blocks(source)
    points = [b for b in blocks if b.where == "8" and b.kind != "footnote"]
    assert points and points[0].text.text.startswith("8. Requests")
    notes = [b for b in blocks if b.kind == "footnote"]
    assert any(b.text.text.startswith("Ibid., vol. 976") for b in notes)
    assert not any(b.text.text.startswith("as amended") for b in blocks)   # a note does not cut its paragraph
    legilux = read_blocks(read_source(str(corpus / "formats" / "lu-legilux-akn-fr" / "2006_07_31_n2_jo.xml")))
    assert legilux[0].declared == "fr"
    assert any(b.unit == "article" and b.text.text == "Art. 1er." for b in legilux)


LISTS = """<?xml version="1.0" encoding="UTF-8"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD13"
 xmlns:scl="http://www.scl.lu"><act><meta><identification><FRBRExpression><FRBRlanguage language="fra"/>
</FRBRExpression></identification></meta><body><article><num>Art. 2.</num><paragraph><content><p>Sont abrogés:
<ol><li>la loi du 12 juillet 1895;</li><li>la loi du 28 mars 1972 concernant <ol scl:symbol="a)">
<li>l'entrée des étrangers;</li><li>l'emploi des étrangers;</li></ol> </li><li>la loi du 3 août 1977.</li></ol>
<ol type="i" start="3"><li>ceci;</li></ol></p></content></paragraph></article></body></act></akomaNtoso>"""


def test_akoma_ntoso_lists_get_the_labels_a_browser_shows():
    source = Source("loi.xml", LISTS)
    items = [(b.text.text, b.depth, b.where) for b in read_blocks(source) if b.depth]
    assert items == [("1. la loi du 12 juillet 1895;", 1, "Art. 2, 1"),
                     ("2. la loi du 28 mars 1972 concernant", 1, "Art. 2, 2"),
                     ("a) l'entrée des étrangers;", 2, "Art. 2, 2, a)"),
                     ("b) l'emploi des étrangers;", 2, "Art. 2, 2, b)"),
                     ("3. la loi du 3 août 1977.", 1, "Art. 2, 3"),
                     ("iii. ceci;", 1, "Art. 2, iii")]
    label = next(b for b in read_blocks(source) if b.text.text.startswith("a)"))
    assert LISTS[label.text.offsets[0]:].startswith("<li>")   # a generated label points at its item


XXE = """<?xml version="1.0"?>
<!DOCTYPE Statute [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Statute xml:lang="en"><Body><Section><Label>1</Label><Text>&secret;</Text></Section></Body></Statute>"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">""" + "".join(
    f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)) + """]>
<Statute xml:lang="en"><Body><Section><Label>1</Label><Text>&lol9;</Text></Section></Body></Statute>"""


@pytest.mark.parametrize("name,content", [("xxe.en.xml", XXE), ("laughs.en.xml", LAUGHS),
                                          ("broken.en.xml", "<Statute><Body><Section>")])
def test_hostile_or_broken_xml_gets_one_line(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    line = one_line_error(cli("check", "--languages", "en,fr", str(path), timeout=60))
    assert "root:" not in line
    assert ("refused" in line) if name != "broken.en.xml" else ("not well-formed" in line)


# --- folders and pairs ---------------------------------------------------------------------------

def test_folder_of_acts_is_read_and_names_what_it_skips(tmp_path, corpus):
    acts = tmp_path / "acts"
    acts.mkdir()
    for suffix in ("en", "fr"):
        (acts / f"C-12.3.{suffix}.xml").write_bytes((corpus / "ca-laws" / f"C-12.3.{suffix}.xml").read_bytes())
    (acts / "bilint-junit.xml").write_text("<testsuites/>", encoding="utf-8")
    (acts / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result, data = report("acts", cwd=tmp_path)
    assert [f["path"] for f in data["files"]] == ["acts/C-12.3.en.xml", "acts/C-12.3.fr.xml"]
    assert "skipped acts/bilint-junit.xml" in result.stderr and "skipped acts/old.doc" in result.stderr


def test_a_run_that_checked_nothing_exits_2(tmp_path):
    (tmp_path / "empty").mkdir()
    assert "nothing checked" in one_line_error(cli("check", "empty", cwd=tmp_path))
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "law.odt").write_bytes(b"PK\x03\x04")
    result = cli("check", "old", cwd=tmp_path)
    assert result.returncode == 2 and "skipped old/law.odt" in result.stderr and "nothing checked" in result.stderr


def test_pairs_are_found_in_any_case_and_separator(tmp_path):
    from bilint.pairing import documents, languages_from_names

    for name in ("Besluit_NL.docx", "Besluit_FR.docx", "wet-nl.md", "wet-fr.md", "act.en.xml", "act.fr.xml"):
        (tmp_path / name).write_bytes(b"")
    paths = sorted(str(p) for p in tmp_path.iterdir())
    groups = documents(paths, ("nl", "fr"))
    assert [sorted(Path(p).name for p in g) for g in groups if len(g) == 2] == [
        ["Besluit_FR.docx", "Besluit_NL.docx"], ["wet-fr.md", "wet-nl.md"]]
    assert languages_from_names(str(tmp_path / "act.en.xml"), ["en", "fr", "nl"]) == ("en", "fr")
    assert languages_from_names(str(tmp_path / "Besluit_NL.docx"), ["en", "fr", "nl"]) == ("fr", "nl")


def test_fallback_encoding_is_warned_once(tmp_path):
    path = tmp_path / "oud.md"
    path.write_bytes("Gelet op:\n\n1. het besluit van 3 maart 2020;\n\nVu:\n\n1. la décision du 3 mars 2020;\n"
                     .encode("cp1252"))
    _, data = report("--select", "BL005", str(path))
    assert [d["code"] for d in data["diagnostics"]] == ["BL005"]


def _hunspell_installed() -> bool:
    from bilint.readers.words import _hunspell

    return any(_hunspell(code) is not None for code in ("nl", "fr", "en"))


@pytest.fixture(params=["hunspell", "embedded"])
def word_test(request, monkeypatch):
    """A word cut at a line end is mended with Hunspell when it is installed, else with the
    rule pack's embedded word lists (the default install): both must read alike."""
    from bilint.readers import words

    if request.param == "hunspell" and not _hunspell_installed():
        pytest.skip("no Hunspell dictionaries (pip install 'bilint[hunspell]', hunspell-nl/fr/en)")
    if request.param == "embedded":
        monkeypatch.setattr(words, "_hunspell", lambda lang: None)
    for cached in (words._test, words.is_word):
        cached.cache_clear()
    yield request.param
    for cached in (words._test, words.is_word):
        cached.cache_clear()


# --- pdftotext dumps -------------------------------------------------------------------------------

def test_pdftotext_dump_drops_furniture_and_keeps_compound_hyphens(corpus, word_test):
    blocks = read_blocks(read_source(str(corpus / "be-kamer" / "56K0055002.txt")))
    text = "\n".join(b.text.text for b in blocks)
    assert "K A M E R" not in text and "C H A M B R E" not in text and "\nDOC 56\n" not in text
    assert "vice-gouverneur" in text and "vicegouverneur de l" not in text
    assert "recommandation" in text.replace("recom- mandation", "")   # a cut word is joined


# --- DOCX ----------------------------------------------------------------------------------------

def test_docx_pair_numbering_footnotes_and_tracked_changes():
    source = read_source(str(DATA / "docx" / "besluit_FR.docx"))
    blocks = source.blocks
    texts = [b.text.text for b in blocks]
    assert "1. la Convention du 11 décembre 2021 relative à la coopération entre les services de police;" in texts
    assert any(t.startswith("a) l'échange") for t in texts) and any(t.startswith("3. l'avis") for t in texts)
    assert [b.depth for b in blocks if b.text.text[:2] in ("a)", "b)")] == [2, 2]
    assert any(b.kind == "footnote" and b.text.text.startswith("1 Convention") for b in blocks)
    assert source.tracked_changes == 2
    article = next(t for t in texts if t.startswith("Les États"))
    assert "et l'annexe" in article and "sans exception" not in article   # read as accepted
    assert blocks[3].where == "paragraph 4"


def test_docx_pair_findings_from_the_names(tmp_path):
    _, data = report(str(DATA / "docx" / "besluit_NL.docx"))
    assert {tuple(f["languages"]) for f in data["files"]} == {("nl", "fr")}
    found = {(d["code"], d["lang"], d["position"]) for d in data["diagnostics"]}
    assert ("BL401", "nl", "Gelet op, 2, b) (paragraph 7)") in found
    assert ("BL301", "fr", "Décide (paragraph 10)") in found
    assert sum(1 for d in data["diagnostics"] if d["code"] == "BL006") == 2


def test_docx_two_column_table_gives_each_column_its_language():
    blocks = read_source(str(DATA / "docx" / "tabel.docx")).blocks
    assert [b.declared for b in blocks[:4]] == ["nl", "fr", "nl", "fr"]
    assert blocks[1].where == "table 1, row 1, cell 2"


def _zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_hostile_docx_files(tmp_path):
    bomb = tmp_path / "bomb.docx"
    _zip(bomb, {"word/document.xml": b"<w:document>" + b" " * 30_000_000 + b"</w:document>"})
    assert "zip bomb" in one_line_error(cli("check", str(bomb), timeout=60))
    empty = tmp_path / "empty.docx"
    _zip(empty, {"[Content_Types].xml": b"<Types/>"})
    assert "no word/document.xml" in one_line_error(cli("check", str(empty), timeout=60))
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"this is not a zip")
    assert "not a DOCX" in one_line_error(cli("check", str(junk), timeout=60))


# --- PDF -----------------------------------------------------------------------------------------

def _pdf(pages: list[str], encrypt: bool = False) -> bytes:
    """A real PDF built by hand: each page's content stream as given, Helvetica as F1."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content in pages:
        stream = content.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (len(objects), len(pages) * 2 + 3))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    encrypt_entry = (b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
                     + b"> /P -4 >> /ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>]"
                     if encrypt else b"")
    out += b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1) + encrypt_entry + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _text(x: float, y: float, text: str, size: int = 10) -> str:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /F1 {size} Tf {x} {y} Td ({escaped}) Tj ET\n"


FR = ["Article 1er. Les Etats membres cooperent dans le domaine de la securite routiere et de la",
      "prevention, selon les modalites que le gouvernement fixe par arrete pour chaque annee civile.",
      "Article 2. Le vice-", "gouverneur veille a l'application de la presente loi dans les communes",
      "de l'arrondissement, et il fait rapport chaque annee au ministre competent en la matiere."]
NL = ["Artikel 1. De lidstaten werken samen op het gebied van de verkeersveiligheid en de",
      "preventie, volgens de regels die de regering per besluit vastlegt voor elk kalenderjaar.",
      "Artikel 2. De vicegouverneur ziet toe op de toepassing van deze wet in de gemeenten van",
      "het arrondissement, en hij brengt elk jaar ver-", "slag uit bij de bevoegde minister in deze zaak."]


def _two_column_page(number: int) -> str:
    content = _text(200, 810, "K A M E R  S E N A A T  2 0 2 4", 8) + _text(290, 30, str(number), 8)
    for index, (fr, nl) in enumerate(zip(FR, NL)):
        y = 740 - index * 6 - (6 if index >= 2 else 0)   # a blank line before article 2
        content += _text(40, y, fr, 5) + _text(320, y, nl, 5)
    return content


def test_two_column_pdf_columns_furniture_hyphens_and_places(tmp_path, word_test):
    pytest.importorskip("pypdfium2")
    path = tmp_path / "annales.pdf"
    path.write_bytes(_pdf([_two_column_page(1), _two_column_page(2)]))
    source = read_source(str(path))
    blocks = read_blocks(source)
    text = "\n".join(b.text.text for b in blocks)
    assert "K A M E R" not in text and not any(b.text.text.strip() in ("1", "2") for b in blocks)
    assert "Le vice-gouverneur" in text            # a compound keeps its hyphen
    assert "verslag uit" in text                   # a cut word is joined
    assert {b.where.split(",")[1].strip() for b in blocks} == {"left column", "right column"}
    first = blocks[0]
    assert first.where == "page 1, left column, line 1" and first.text.text.startswith("Article 1er.")
    assert first.declared == "fr" and blocks[-1].declared == "nl"


def test_pdf_margin_titles_small_capitals_and_paragraph_ends(tmp_path):
    pytest.importorskip("pypdfium2")
    body = ["Les parties se concertent chaque annee sur la mise en oeuvre du present accord et en font",
            "rapport au Comite de ministres, qui peut adopter des recommandations.",
            "Le Comite se reunit deux fois par an.",
            "Il arrete son reglement interieur a l'unanimite des membres presents et le publie."]
    content = "BT /F1 12 Tf 40 780 Td (T) Tj /F1 9 Tf (ITRE PREMIER) Tj ET\n"      # small capitals
    content += "BT /F1 9 Tf 0 1 -1 0 20 200 Tm (Bijlagen bij het Belgisch Staatsblad) Tj ET\n"   # turned
    for index, line in enumerate(body):
        content += _text(40, 740 - index * 12, line, 10)
    path = tmp_path / "acte.pdf"
    path.write_bytes(_pdf([content]))
    texts = [b.text.text for b in read_blocks(read_source(str(path)))]
    assert texts[0] == "TITRE PREMIER"
    assert not any("Bijlagen" in t or "Staatsblad" in t for t in texts)
    # "Le" would have fitted after "ministres, qui ... recommandations.": that line ended its paragraph
    assert texts[1].endswith("des recommandations.") and texts[2].startswith("Le Comite se reunit")


def test_hostile_pdf_files(tmp_path):
    pytest.importorskip("pypdfium2")
    whole = _pdf([_two_column_page(1)])
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(whole[: len(whole) // 3])
    assert "bilint: " in one_line_error(cli("check", str(truncated), timeout=120))
    encrypted = tmp_path / "encrypted.pdf"
    encrypted.write_bytes(_pdf([_two_column_page(1)], encrypt=True))
    assert "encrypted" in one_line_error(cli("check", str(encrypted), timeout=120))
    crowded = tmp_path / "crowded.pdf"
    crowded.write_bytes(_pdf(["BT /F1 1 Tf " + "1 0 Td (a) Tj " * 100_000 + "ET"]))
    assert "text objects" in one_line_error(cli("check", str(crowded), timeout=120))


def test_explicit_pair_takes_languages_from_the_files(tmp_path, corpus):
    for name, code in (("wet.xml", "en"), ("loi.xml", "fr")):
        (tmp_path / name).write_bytes((corpus / "ca-laws" / f"C-12.3.{code}.xml").read_bytes())
    # given in the wrong order: xml:lang decides, not the order
    _, data = report("--languages", "en,fr", "--pair", "loi.xml", "wet.xml", cwd=tmp_path)
    assert [(f["path"], f["layout"]) for f in data["files"]] == [("wet.xml", "pair"), ("loi.xml", "pair")]


def test_speaker_turns_make_a_record_not_a_translation():
    from bilint.layouts.translation import _SPEAKER_TURN

    turns = ["Mme Inge Faes (N-VA). – Les juges", "De heer Philippe Courard (PS). – Ik heb",
             "02.01 Peter De Roover (N-VA): Mevrouw de voorzitster", "Raoul Hedebouw (PVDA-PTB): Monsieur"]
    prose = ["Mme Barbara Pas (VB), auteure principale de la proposition", "Article 5 (nouveau) est inséré",
             "Vu la loi du 18 juillet 1966 (Moniteur belge du 2 août 1966): article 3"]
    assert all(_SPEAKER_TURN.match(t) for t in turns)
    assert not any(_SPEAKER_TURN.match(t) for t in prose)


def test_speaker_titles_are_not_list_labels():
    from bilint.lang import get_language
    from bilint.lexer import tokenize
    from bilint.readers.markdown import markdown_blocks
    from bilint.source import text_source

    def types(text: str) -> list[str]:
        return [t.type for t in tokenize(markdown_blocks(text_source(text, "t.md"), None), get_language("fr"))]

    record = "Vu:\n\nM. Jacky Morael (Ecolo). – La commission a examiné.\n\nM. le président. – Nous votons.\n"
    assert types(record) == ["SECTION", "PARA", "PARA"]
    listed = "Vu:\n\nK. la loi du 3 mars;\n\nL. la loi du 4 mars;\n\nM. Le décret du 5 mars;\n"
    assert types(listed) == ["SECTION", "ITEM", "ITEM", "ITEM"]


def test_a_word_cut_at_a_line_end_is_joined_only_into_a_word_of_its_language(word_test):
    from bilint.readers.words import can_tell, join_cut

    assert can_tell()
    assert join_cut("vice-", "gouverneur", "fr") is None            # French writes the hyphen
    assert join_cut("vice-", "gouverneur", "nl") == "vicegouverneur"  # Dutch closes it
    assert join_cut("vice-", "gouverneur") is None                   # unknown language: keep it
    assert join_cut("para-", "graph", "en") == "paragraph"           # Hunspell's "para-graph" is no word
    assert join_cut("Gbagbo-", "kamp", "nl") is None                 # a name keeps its hyphen
    assert join_cut("Bra-", "bant", "en") == "Brabant"                # ... but a name cut mid-way is joined
    assert join_cut("inlichtingen-", "en", "nl") is None             # a suspended compound
    assert join_cut("benoemings-", "en", "nl") is None               # ... even when "benoemings" is no word
    assert join_cut("ser-", "vice") == "service"                     # a word in every language
    assert join_cut("recom-", "mandation", "fr") == "recommandation"
    assert join_cut("meergemeen-", "tepolitiezones", "nl") == "meergemeentepolitiezones"   # a compound


def test_without_any_word_test_no_cut_word_is_joined(monkeypatch):
    from bilint.readers import words

    monkeypatch.setattr(words, "_hunspell", lambda lang: None)
    monkeypatch.setattr(words, "_plugin_test", lambda lang: None)
    for cached in (words._test, words.is_word):
        cached.cache_clear()
    try:
        assert not words.can_tell() and words.join_cut("ser-", "vice") is None
    finally:
        monkeypatch.undo()
        for cached in (words._test, words.is_word):
            cached.cache_clear()


def test_a_pdf_paragraph_is_cut_where_its_language_changes():
    from bilint.readers.pdf import _Line, _split_languages

    texts = ["Zijn er dienaangaande opmerkingen? (Nee)", "En conséquence, l'ordre du jour est adopté.",
             "Bijgevolg is de agenda aangenomen.", "La séance est levée. Prochaine séance le jeudi",
             "25 janvier 2024 à 14 h 15."]
    lines = [_Line(41, "right", 100 + 12 * i, 110 + 12 * i, 56, text.split(), 10) for i, text in enumerate(texts)]
    parts = _split_languages(lines, list(range(len(lines))))
    assert [[lines[i].text for i in part] for part in parts] == [
        [texts[0]], [texts[1]], [texts[2]], texts[3:]]


def test_a_gazette_annex_in_one_language_is_one_note(corpus):
    """The Official Gazette's annex is Dutch only; a form number above it is no French section."""
    pytest.importorskip("pypdfium2")
    annex = corpus / "formats" / "be-moniteur-bijlagen-annex" / "19335491.pdf"
    if not annex.is_file():
        pytest.skip("../shared/corpus/formats is not present")
    _, data = report("--languages", "nl,fr", str(annex))
    assert [(d["code"], d["lang"]) for d in data["diagnostics"]] == [("BL002", "nl")]
