"""The comparison rules on real texts: injected errors are found, messages never contradict
themselves, a structural difference is one finding, notations of one value are one value."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from bilint.engine import Settings, lint_paths
from rules.quantities import find_quantities

ROOT = Path(__file__).resolve().parents[1]


def _tools():
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    import inject_errors

    return inject_errors


# documents of several periods and layouts (tables, inline paragraphs, old spellings)
PROPERTY_DOCS = ("BWBV0002032", "BWBV0006047", "BWBV0006086", "BWBV0005563", "BWBV0005655",
                 "BWBV0006035", "BWBV0006026", "BWBV0004330", "BWBV0001344", "BWBV0005045")
_HINT = re.compile(r"^\w+ (?P<mine>.+?) is not in the \w+ version, which has (?P<theirs>.+)$")
_SUMMARY = re.compile(r"\d+ values? in \w+ only(?: \((?P<values>[^)]*)\))?")


def test_injected_comparison_errors_are_found(corpus: Path) -> None:
    """Numbers, dates, list items and enumeration members changed or dropped on one side
    of real treaties: at least 90 % of them are reported (tools/inject_errors.py)."""
    inject = _tools()
    results = []
    for doc in ("BWBV0002730", "BWBV0001344", "BWBV0005655", "BWBV0004751"):
        results += inject.run([str(corpus / "treaties" / doc / "README.md")], per_kind=1)
    kinds = {injection.kind for injection, _ in results}
    assert {"number changed", "number dropped", "date changed", "item dropped"} <= kinds
    found = sum(hit for _, hit in results)
    missed = [f"{i.kind}: {i.what}" for i, hit in results if not hit]
    assert found >= 0.9 * len(results), missed


def test_no_parity_message_names_the_same_value_on_both_sides(corpus: Path) -> None:
    """``number X is not in the fr version, which has X`` contradicts itself; so does a
    summary listing one value as written in each version only."""
    checked = 0
    for doc in PROPERTY_DOCS:
        readme = corpus / "treaties" / doc / "README.md"
        _, diagnostics = lint_paths([str(readme)], Settings(select=["BL401", "BL402", "BL403"]))
        for d in diagnostics:
            checked += 1
            hint = _HINT.match(d.message)
            if hint:
                assert " ".join(hint["mine"].split()) != " ".join(hint["theirs"].split()), (doc, d.message)
            sides = [set(filter(None, (v.strip(" …") for v in (m["values"] or "").split(" · "))))
                     for m in _SUMMARY.finditer(d.message)]
            if len(sides) == 2:
                assert not sides[0] & sides[1], (doc, d.message)
    assert checked, "the documents gave parity findings to check"


def test_a_structural_difference_is_one_finding(corpus: Path) -> None:
    """BWBV0005714's French misspells one heading (``Artice 20``), so its article 20 runs
    into article 19: one finding (Artikel 20 has no French counterpart), not one per item
    and value of both articles."""
    readme = corpus / "treaties" / "BWBV0005714" / "README.md"
    text = readme.read_text(encoding="utf-8").splitlines()
    fr_19 = next(i for i, line in enumerate(text, 1) if re.match(r"###\s*Article\s+19\b", line))
    fr_21 = next(i for i, line in enumerate(text, 1) if i > fr_19 and re.match(r"###\s*Article\s+21\b", line))
    nl_19 = next(i for i, line in enumerate(text, 1) if re.match(r"###\s*Artikel\s+19\b", line))
    nl_21 = next(i for i, line in enumerate(text, 1) if i > nl_19 and re.match(r"###\s*Artikel\s+21\b", line))
    _, diagnostics = lint_paths([str(readme)], Settings(select=["BL0", "BL4"]))
    inside = [d for d in diagnostics if fr_19 <= d.span.line < fr_21 or nl_19 <= d.span.line < nl_21]
    assert [(d.code, d.message) for d in inside] == [
        ("BL003", "article Artikel 20 has no counterpart in the fr version")]


def test_a_table_laid_out_differently_is_not_a_cascade(corpus: Path) -> None:
    """BWBV0006047's tables are compared as blocks: at most one value finding per article."""
    readme = corpus / "treaties" / "BWBV0006047" / "README.md"
    _, diagnostics = lint_paths([str(readme)], Settings(select=["BL401"]))
    per_article = {}
    for d in diagnostics:
        per_article[d.key.split("/")[0]] = per_article.get(d.key.split("/")[0], 0) + 1
    assert all(count <= 2 for count in per_article.values()), per_article


def test_an_index_sorted_in_each_language_is_said_once(corpus: Path) -> None:
    """The Canada Gazette's quarterly index: its English and French entries are each sorted
    in their own language and its contents point each to its own pages; its passages do not
    correspond, so it is one BL004 finding, not a cascade of parity findings."""
    pytest.importorskip("pypdfium2")
    index = corpus / "formats" / "ca-gazette-part1-quarterly-index" / "2005_Volume_139_g1-139q1.pdf"
    _, diagnostics = lint_paths([str(index)], Settings(languages=("en", "fr"), select=["BL0", "BL4", "BL7"]))
    assert [d.code for d in diagnostics] == ["BL004"]
    assert "do not correspond passage by passage" in diagnostics[0].message


def test_translated_texts_keep_their_passages_compared(corpus: Path) -> None:
    """No pair of a translated text is taken for passages that do not correspond."""
    from bilint.align import uncompared
    from bilint.engine import build_bitext

    for readme in (corpus / "treaties" / "BWBV0005714" / "README.md", corpus / "treaties" / "BWBV0004330" / "README.md"):
        bitext = build_bitext([str(readme)], Settings())
        assert bitext.config["translation"] and not bitext.config.get("uncompared"), readme
        assert not uncompared(bitext.pairs)


@pytest.mark.parametrize("lang,a,b", [
    ("nl", "op de 4de Juni 1945", "op 4 juni 1945"),
    ("nl", "den 26sten Junij 1839", "26 juni 1839"),
    ("nl", "de eerste Januari 1940", "1 januari 1940"),
    ("nl", "den twintigsten Januari negentien honderd drie en twintig", "20 januari 1923"),
    ("fr", "le premier juillet mil neuf cent soixante-dix", "1er juillet 1970"),
    ("fr", "le 1er FEVRIER 1954", "1er février 1954"),
    ("fr", "le 1. III. 1954", "1er mars 1954"),
    ("fr", "à 14 h 28", "14:28"),
    ("nl", "om 14.28 uur", "14:28"),
    ("fr", "le trente et unième jour", "le 31e jour"),
    ("en", "the thirty-first day", "the 31st day"),
    ("fr", "à la côte 32 M. 57", "à la côte 32 m. 57"),
])
def test_notations_of_one_value(lang: str, a: str, b: str) -> None:
    values_a = {q.value for q in find_quantities(a, lang)}
    values_b = {q.value for q in find_quantities(b, lang)} if ":" not in b else {b}
    assert values_a == values_b


def test_a_decimal_point_in_a_comma_language_matches_the_comma() -> None:
    fr, = [q for q in find_quantities("un montant de fl. 1.40 par jour", "fr") if q.written == "1.40"]
    nl, = [q for q in find_quantities("een bedrag van f 1,40 per dag", "nl") if q.written == "1,40"]
    assert nl.value in (fr.value, fr.alt)


def test_editorial_notes_and_link_targets_hold_no_values() -> None:
    assert find_quantities("(Zie NOTA 1 onder TITEL) Met opsluiting", "nl") == []
    assert find_quantities("![10000050203](http://wetten.overheid.nl/Illustration/10000050203.png)", "fr") == []


def test_more_text_that_holds_no_values() -> None:
    """Inline list labels, footnote calls left after a word, image remnants, editorial notes
    with brackets inside or never closed, a database note whose ``<`` was lost."""
    assert find_quantities("oosterlengte; (3)", "nl") == []
    assert find_quantities("de smeermiddelen 1)  Bedoeld zijn", "nl") == []
    assert [q.value for q in find_quantities("(zie bijlage 1) en", "nl")] == ["1"]
    assert find_quantities("!10000050203", "fr") == []
    assert find_quantities("(NOTA : bij arrest nr.148/2017 van 21-12-2017 (B.St. 12-01-2018, p. 1393), heeft", "nl") == []
    assert all(q.note for q in find_quantities("had bereikt.. 21, 018; Inwerkingtreding : 11-08-1996>", "nl"))


def test_references_that_parenthesise_their_number() -> None:
    assert {q.kind for q in find_quantities("pursuant to subsection (1), it", "en")} == {"reference"}
    assert {q.kind for q in find_quantities("under subsection 65(3) or", "en")} == {"reference"}


def test_a_date_without_its_year_matches_that_day() -> None:
    from rules.parity import _leftovers

    yearless = find_quantities("du 5 Novembre dernier", "fr")
    full = find_quantities("van den 5den November 1842", "nl")
    assert [q.value for q in yearless] == ["--11-05"] and [q.value for q in full] == ["1842-11-05"]
    assert _leftovers(yearless, full) == [] and _leftovers(full, yearless) == []
    other_day = find_quantities("van den 6den November 1842", "nl")
    assert _leftovers(yearless, other_day) and _leftovers(other_day, yearless)
    changed_year = find_quantities("van den 5den November 1843", "nl")
    assert _leftovers(full, changed_year)   # a changed year is never hidden by the day's match


def test_a_range_of_provisions_holds_its_members_a_range_of_days_does_not() -> None:
    from rules.parity import _range_members

    text = "les condamnations sur la base des articles 136bis à 136septies, 393 à 397"
    assert _range_members(text, find_quantities(text, "fr")) == [
        "136ter", "136quater", "136quinquies", "136sexies", "394", "395", "396"]
    text = "een gevangenisstraf van 3 tot 30 dagen"
    assert _range_members(text, find_quantities(text, "nl")) == []


def test_versions_of_which_no_passage_pairs_are_said_once_not_passed_in_silence() -> None:
    """One version reads its whole text under a heading the other lacks: not one passage
    pairs, so nothing can be compared; BL004 says so once and the version-comparing rules
    (a 'French' passage of an index column read into the English, BL701) stay silent."""
    nl = "DEEL I ALGEMEEN\n\n" + "\n\n".join(
        f"Alinea {i}: de commissie vergadert op de {i}de dag van de maand." for i in range(1, 7)) + "\n"
    fr = "\n\n".join(f"Alinéa {i} : la commission se réunit le {i}e jour du mois." for i in range(1, 7)) + "\n"
    _, diagnostics = lint_paths(["x.nl.md", "x.fr.md"], Settings(select=["BL0", "BL4", "BL7"]),
                                {"x.nl.md": nl, "x.fr.md": fr})
    assert [d.code for d in diagnostics] == ["BL004"]
    assert "none of the 7 passages of the nl version could be paired with one of the 6" in diagnostics[0].message
