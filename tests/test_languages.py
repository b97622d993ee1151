"""Languages beyond nl/fr/en: Akoma Ntoso files that state their language, a Spanish pair,
a one-language file linted as such, and passages in languages the run has no data for."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilint.engine import Settings, lint_paths

from .helpers import run, write


def akn(work: str, language: str, points: list[str], preamble: str = "", date: str = "2012-02-22") -> str:
    """A small Akoma Ntoso 2.0 bill of ``work`` in ``language`` (an ISO 639-2 code)."""
    items = "".join(f'<point id="p{n}"><num>{n}.</num><content><p>{text}</p></content></point>'
                    for n, text in enumerate(points, start=1))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><bill><meta><identification source="#x">
<FRBRWork><FRBRthis value="{work}/main"/><FRBRuri value="{work}"/><FRBRdate date="{date}" name="g"/></FRBRWork>
<FRBRExpression><FRBRthis value="{work}/{language}@/main"/><FRBRuri value="{work}/{language}@"/>
<FRBRlanguage language="{language}"/></FRBRExpression></identification></meta>
<preamble><p>{preamble}</p></preamble><mainBody>{items}</mainBody></bill></akomaNtoso>
"""


EN_POINTS = ["Requests the Member States to report on the measures taken before 22 February 2013;",
             "Decides to consider the matter again at its fifty-sixth session."]
ES_POINTS = ["Pide a los Estados Miembros que informen de las medidas adoptadas antes del 22 de febrero de 2013;",
             "Decide volver a examinar la cuestión en su quincuagésimo sexto período de sesiones."]


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


# --- Akoma Ntoso: the language from the metadata, the pair from the work ---------------------

@pytest.mark.parametrize("written, code", [("eng", "en"), ("spa", "es"), ("esp", "es"), ("fra", "fr"),
                                           ("dut", "nl"), ("afr", "af"), ("EN-CA", "en")])
def test_an_akn_language_code_is_read_as_iso_639_1(written, code):
    from bilint.readers.xml import language_code

    assert language_code(written) == code


def test_the_language_and_work_come_from_the_metadata(tmp_path):
    from bilint.pairing import akn_expression

    path = write(tmp_path / "bill.xml", akn("/un/res/2012/L.2", "esp", ES_POINTS))
    assert akn_expression(str(path)) == ("/un/res/2012/L.2", "es")
    assert akn_expression(str(write(tmp_path / "note.xml", "<note>no AKN</note>"))) is None


def test_two_akn_files_of_one_work_are_a_pair_in_the_languages_they_state(tmp_path):
    from bilint.pairing import documents, languages_from_names
    from bilint.runner import Request, plan

    english = write(tmp_path / "Bill_2012.xml", akn("/un/res/2012/L.2", "eng", EN_POINTS))
    spanish = write(tmp_path / "Bill_2012_ES.xml", akn("/un/res/2012/L.2", "esp", ES_POINTS))
    other = write(tmp_path / "Other.xml", akn("/un/res/2012/L.9", "eng", EN_POINTS))
    assert languages_from_names(str(english), ["en", "es", "fr", "nl"]) == ("en", "es")
    assert languages_from_names(str(other), ["en", "es", "fr", "nl"]) is None
    assert documents([str(spanish), str(english)], ("en", "es")) == [[str(english), str(spanish)]]
    jobs = plan([str(tmp_path)], Request(use_config=False))
    paired = [job for job in jobs if len(job.paths) == 2]
    assert len(paired) == 1 and paired[0].settings.languages == ("en", "es")
    assert sorted(paired[0].paths) == sorted([str(english), str(spanish)])


def test_an_akn_pair_in_english_and_spanish_is_linted_with_the_spanish_data(tmp_path):
    english = write(tmp_path / "Bill.xml", akn("/un/res/2012/L.2", "eng", EN_POINTS))
    spanish = write(tmp_path / "Bill_ES.xml", akn("/un/res/2012/L.2", "esp",
                                                  [ES_POINTS[0].replace("medidas", "meddidas"), ES_POINTS[1]]))
    result = run("check", "--no-cache", "--no-config", "--format", "json", str(english))
    assert result.returncode == 1, result.stderr
    import json

    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["code"], d["lang"]) for d in found] == [("BL301", "es")], found
    assert "'meddidas' looks like a typo for 'medidas'" in found[0]["message"]
    assert str(spanish) == found[0]["path"]


def test_two_expressions_of_one_work_giving_different_work_dates_get_one_finding(tmp_path):
    english = write(tmp_path / "Bill.xml", akn("/un/res/2012-02-22/L.2", "eng", EN_POINTS, date="2012-10-22"))
    spanish = write(tmp_path / "Bill_ES.xml", akn("/un/res/2012-02-22/L.2", "esp", ES_POINTS))
    _, found = lint_paths([str(english), str(spanish)], Settings(languages=("en", "es"), select=["BL008"]))
    assert len(found) == 1
    # the work's URI gives 2012-02-22: the English file's date is the one to correct
    assert found[0].path == str(english) and found[0].lang == "en"
    text = english.read_text(encoding="utf-8")
    start = text.index('date="2012-10-22"') + len('date="')
    assert (found[0].span.line, found[0].span.column) == (text.count("\n", 0, start) + 1,
                                                          start - text.rfind("\n", 0, start))
    assert "'2012-10-22' in the en file, '2012-02-22' in the es file and the work's URI" in found[0].message
    assert found[0].related[0].location.path == str(spanish)


# --- Spanish language data --------------------------------------------------------------------

def test_spanish_dates_are_read_with_their_joining_words():
    from bilint.lang import get_language
    from rules.dates import find_dates

    found = find_dates("el 22 de febrero de 2012 y el 1.º de enero de 2013", get_language("es"))
    assert [(m.written, m.date.isoformat()) for m in found] == [
        ("22 de febrero de 2012", "2012-02-22"), ("1.º de enero de 2013", "2013-01-01")]
    # no joining word in the other languages: their dates read as before
    assert [m.written for m in find_dates("le 1er janvier 2013", get_language("fr"))] == ["1er janvier 2013"]


ES_TEXT = """Artículo 1

Las Partes se comprometen a:

a) cooperar en la lucha contra el tráfico de estupefacientes;

b) intercambiar información antes del {date};

d) informar anualmente a la Comisión.
"""
EN_TEXT = """Article 1

The Parties undertake to:

a) cooperate in the fight against drug trafficking;

b) exchange information before 22 February 2013;

c) report annually to the Commission.
"""


@pytest.mark.parametrize("date, expected", [
    ("22 de febrero de 2013", [("BL101", "es")]),
    ("23 de febrero de 2013", [("BL101", "es"), ("BL401", "en"), ("BL401", "es")]),   # a date in each version only
])
def test_a_spanish_version_is_compared_by_its_dates_and_list_labels(tmp_path, date, expected):
    english = write(tmp_path / "act.en.md", EN_TEXT)
    spanish = write(tmp_path / "act.es.md", ES_TEXT.format(date=date))
    _, found = lint_paths([str(english), str(spanish)], Settings(languages=("en", "es")))
    assert sorted({(d.code, d.lang) for d in found if d.code in ("BL101", "BL401", "BL301")}) == expected
    label = next(d for d in found if d.code == "BL101")
    assert "d)" in label.message and "c)" in label.message


def test_a_pair_named_en_and_es_needs_no_languages_option(tmp_path):
    write(tmp_path / "act.en.md", EN_TEXT)
    write(tmp_path / "act.es.md", ES_TEXT.format(date="22 de febrero de 2013").replace("d) informar", "c) informar"))
    result = run("check", "--no-cache", "--no-config", str(tmp_path / "act.en.md"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_language_without_data_is_a_one_line_error(tmp_path):
    english = write(tmp_path / "act.en.md", EN_TEXT)
    afrikaans = write(tmp_path / "act.af.md", "Artikel 1\n\nDie Partye onderneem om saam te werk.\n")
    result = run("check", "--no-cache", "--no-config", "--languages", "en,af", "--pair", str(english), str(afrikaans))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"bilint: no language data for 'af' (available: en, es, fr, nl)"]


# --- a language with data but no word list ----------------------------------------------------

@pytest.fixture
def wordless_language():
    """A language registered with data (months, article words) and no word list."""
    from bilint import lang

    data = dict(lang.language_data("en"), code="zz", name="Test language without a word list")
    lang.register_language(data)
    yield "zz"
    lang._EXTRA.pop("zz", None)
    lang.get_language.cache_clear()
    lang.language_data.cache_clear()


def test_spelling_says_once_that_a_language_has_no_word_list(tmp_path, wordless_language):
    english = write(tmp_path / "act.en.md", EN_TEXT)
    other = write(tmp_path / "act.zz.md", EN_TEXT.replace("cooperate", "cooperrate").replace("exchange", "exchhange"))
    _, found = lint_paths([str(english), str(other)], Settings(languages=("en", "zz"), select=["BL301"]))
    assert [(d.code, d.lang) for d in found] == [("BL301", "zz")]
    assert found[0].message.startswith("no word list for 'zz'")


# --- a one-language file: monolingual = "lint" --------------------------------------------------

FR_ONLY = """Article 1er

Le présent code s'applique à tous les salariés et à leurs employeurs.

Article 2

Les dispositions du présent code entrent en vigueur le 1er janvier 2007 et s'appliquent aux contrats en cours.
"""


@pytest.mark.parametrize("mode, expected", [
    ("info", ["BL002"]),                    # not linted: one note
    ("lint", ["BL002", "BL301"]),           # linted with the single-language rules, one note
])
def test_a_one_language_file_is_linted_when_asked(tmp_path, mode, expected):
    path = write(tmp_path / "loi.md", FR_ONLY.replace("dispositions", "dispositoins"))
    _, found = lint_paths([str(path)], Settings(monolingual=mode))
    assert codes(found) == expected
    note = found[0]
    assert note.severity.name == "INFO" and note.lang == "fr"
    if mode == "lint":
        assert "linted with the single-language rules only" in note.message
        assert "'dispositoins' looks like a typo for 'dispositions'" in found[1].message


def test_monolingual_lint_runs_no_rule_that_compares_versions(tmp_path):
    listed = FR_ONLY + ("\nArticle 3\n\nL'employeur informe :\n\na) le salarié;\n\nb) le comité;\n\n"
                        "d) l'inspection du travail.\n")
    path = write(tmp_path / "loi.md", listed)
    _, found = lint_paths([str(path)], Settings(monolingual="lint"))
    assert codes(found) == ["BL002", "BL101"]   # the numbering gap, no missing-counterpart finding


def test_the_monolingual_key_takes_lint_and_names_its_values(tmp_path):
    write(tmp_path / "bilint.toml", 'monolingual = "lint"\n')
    path = write(tmp_path / "loi.md", FR_ONLY)
    result = run("check", "--no-cache", str(path))
    assert result.returncode == 0 and "monolingual = \"lint\"" in result.stdout
    # the command line's --monolingual overrides the configuration for one run
    result = run("check", "--no-cache", "--monolingual", "info", str(path))
    assert result.returncode == 0 and "not linted" in result.stdout
    write(tmp_path / "bilint.toml", 'monolingual = "check"\n')
    result = run("check", "--no-cache", str(path))
    assert result.returncode == 2 and "\"info\", \"error\" or \"lint\", not 'check'" in result.stderr


# --- passages in a language outside the pair ---------------------------------------------------

NL_PARA = ("De minister stelt jaarlijks een verslag op over de toepassing van deze wet en legt het voor aan "
           "het parlement, dat het binnen drie maanden bespreekt.")
FR_PARA = ("Le ministre établit chaque année un rapport sur l'application de la présente loi et le soumet au "
           "parlement, qui l'examine dans les trois mois.")
AF_PARA = ("Die minister stel elke jaar 'n verslag op oor die toepassing van hierdie wet en lê dit voor aan die "
           "parlement, wat dit binne drie maande bespreek.")
XH_PARA = ("Umphathiswa uya kulungisa ingxelo yonyaka malunga nokusetyenziswa kwalo mthetho aze ayinikezele "
           "kwipalamente, eya kuthi iyiqwalasele kwiinyanga ezintathu.")


def test_passages_in_a_language_without_data_are_left_out_and_counted_once(tmp_path):
    paragraphs = []
    for number in range(1, 5):
        paragraphs += [f"{NL_PARA} ({number})", f"{FR_PARA} ({number})"]
    paragraphs += [AF_PARA, XH_PARA, AF_PARA.replace("drie", "vier"), XH_PARA.replace("ezintathu", "ezine")]
    path = write(tmp_path / "gazette.md", "\n\n".join(paragraphs) + "\n")
    _, found = lint_paths([str(path)], Settings(languages=("nl", "fr")))
    assert codes(found) == ["BL007"], [(d.code, d.message) for d in found]
    message = found[0].message
    assert message.startswith("4 passages in a language outside nl and fr were not linted")
    assert "2 in 'af' (no language data)" in message and "2 in a language bilint cannot tell" in message


def test_a_file_wholly_in_other_languages_gets_one_note_and_no_error(tmp_path):
    path = write(tmp_path / "gazette.md", "\n\n".join([AF_PARA, XH_PARA] * 3) + "\n")
    _, found = lint_paths([str(path)], Settings(languages=("nl", "fr"), monolingual="info"))
    assert codes(found) == ["BL007"]
    assert found[0].severity.name == "INFO"


def test_a_bilingual_file_of_the_pair_loses_no_passage(tmp_path):
    from bilint.layouts.foreign import leave_out_foreign
    from bilint.readers import read_blocks
    from bilint.source import Source

    text = "\n\n".join(f"{NL_PARA} ({n})\n\n{FR_PARA} ({n})" for n in range(1, 6)) + "\n"
    blocks = read_blocks(Source("law.md", text))
    kept, left = leave_out_foreign(blocks, ("nl", "fr"))
    assert len(kept) == len(blocks) and not left.counts


def test_the_western_cape_gazette_is_read_in_english_only(corpus):
    path = corpus / "formats" / "za-wc-provincial-gazette-6013" / "pg6013_2003-05-12_cape-town-sub-council-by-law.pdf"
    pytest.importorskip("pypdfium2")
    bitext, found = lint_paths([str(path)], Settings(languages=("en", "nl")))
    note = [d for d in found if d.code == "BL007"]
    assert len(note) == 1 and "in 'af' (no language data)" in note[0].message
    # once the Afrikaans and isiXhosa are left out no Dutch is left: BL002 says so, and no
    # other finding is made in Dutch (no isiXhosa word taken for a Dutch typo)
    missing = [d for d in found if d.code == "BL002"]
    assert len(missing) == 1 and "only its en version" in missing[0].message
    assert not [d for d in found if d.lang == "nl" and d.code != "BL002"], [(d.code, d.message) for d in found]
