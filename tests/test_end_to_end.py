"""End to end on real texts: the user's example against KNOWN-ERRORS.md, the corpus
without errors from bilint itself, and the command line's contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bilint.engine import Settings, lint_paths

from .conftest import EXAMPLE

# KNOWN-ERRORS.md, sections Numbering, Chronology and Spelling: (line, code, word at the span)
KNOWN = [
    (117, "BL101", "1)"),
    (55, "BL201", "12 februari 2021"), (75, "BL201", "12 février 2021"),
    *[(line, "BL301", "criminale") for line in (95, 107, 109, 129, 131, 169, 175, 179)],
    (35, "BL301", "stabilitet"), (177, "BL301", "samenwerkingsopportuniteten"),
    (175, "BL301", "targetting"), (191, "BL301", "targetting"),
    (89, "BL301", "métamphétamines"), (209, "BL301", "égalelement"),
]
# the traps: correct text that must not be flagged as a spelling, numbering or date error
TRAP_LINES = (52, 53, 127, 147, 167, 183, 199, 207)
TRAP_WORDS = ("ARIEC", "RIEC", "EURIEC", "DISMARK", "NRW", "Zaventem", "Schiphol", "EncroChat",
              "follow", "money", "demand", "big data", "darknet", "non conviction", "drugsprecursoren",
              "witwasconstructies", "uitvoeringsovereenkomsten", "opsporingshandelingen", "havens", "vens")


@pytest.fixture(scope="module")
def example():
    bitext, diagnostics = lint_paths([str(EXAMPLE)], Settings(select=["BL1", "BL2", "BL3"]))
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    return bitext, diagnostics, lines


def _spanned(diagnostic, lines) -> str:
    span = diagnostic.span
    assert span.line == span.end_line
    return lines[span.line - 1][span.column - 1:span.end_column - 1]


def test_example_gives_every_known_numbering_chronology_and_spelling_finding(example):
    _, diagnostics, lines = example
    found = {(d.span.line, d.code, _spanned(d, lines)) for d in diagnostics}
    missing = [known for known in KNOWN if known not in found]
    assert not missing, f"not found: {missing}"


def test_example_findings_carry_suggestions_and_the_other_version(example):
    _, diagnostics, _ = example
    numbering = next(d for d in diagnostics if d.code == "BL101" and d.span.line == 117)
    assert "l." in numbering.message
    assert numbering.fix is not None and numbering.fix.replacement == "l."
    assert any(r.location.span.line == 101 and r.location.lang == "nl" for r in numbering.related)
    order = next(d for d in diagnostics if d.code == "BL201" and d.span.line == 55)
    assert any(r.location.span.line == 75 for r in order.related)
    typo = next(d for d in diagnostics if d.code == "BL301" and d.span.line == 35)
    assert "stabiliteit" in typo.message


def test_example_traps_are_not_flagged(example):
    _, diagnostics, lines = example
    for diagnostic in diagnostics:
        if diagnostic.code in ("BL101", "BL201", "BL202", "BL301"):
            assert diagnostic.span.line not in TRAP_LINES, diagnostic
        if diagnostic.code == "BL301":
            word = _spanned(diagnostic, lines)
            assert not any(word.lower() in trap.lower() for trap in TRAP_WORDS), diagnostic


def test_example_aligns_every_provision(example):
    bitext, diagnostics, _ = example
    assert not [d for d in diagnostics if d.code.startswith("BL00")]
    items = [p for p in bitext.pairs if (p.left or p.right).kind == "item"]
    assert len(items) == 8 + 22 + 11 and all(p.left and p.right for p in items)


CORPUS_DOCUMENTS = [
    ["be-strafwetboek/strafwetboek.nl.html", "be-strafwetboek/strafwetboek.fr.html"],
    ["udhr/udhr-nl.md", "udhr/udhr-fr.md"],
    ["be-kamer/56K0055002.txt"],
    *[[f"treaties/{name}/README.md"] for name in (
        "BWBV0001998", "BWBV0002032", "BWBV0003621", "BWBV0004121", "BWBV0004233", "BWBV0004358",
        "BWBV0004929", "BWBV0004972", "BWBV0005691", "BWBV0005823", "BWBV0005986", "BWBV0006031",
        "BWBV0006041", "BWBV0006047", "BWBV0006075", "BWBV0006086", "BWBV0006276")],
    ["treaties/BWBV0004972/split.nl.md", "treaties/BWBV0004972/split.fr.md"],
]


@pytest.mark.parametrize("paths", CORPUS_DOCUMENTS, ids=lambda p: p[0])
def test_corpus_texts_lint_without_errors_from_bilint_itself(corpus: Path, paths):
    bitext, diagnostics = lint_paths([str(corpus / p) for p in paths])
    assert all(bitext.documents[lang].root.children for lang in bitext.languages)
    assert not [d for d in diagnostics if d.code in ("BL001", "BL002")]


def test_treaty_pair_and_sectioned_layouts_align_articles(corpus: Path):
    folder = corpus / "treaties" / "BWBV0004972"
    sectioned, _ = lint_paths([str(folder / "README.md")], Settings(select=["BL003"]))
    pair, _ = lint_paths([str(folder / "split.nl.md")], Settings(select=["BL003"], layout="pair"))
    assert sectioned.layout == "sectioned" and pair.layout == "pair"
    for bitext in (sectioned, pair):
        articles = [p for p in bitext.pairs if p.left and p.right and p.left.kind == "article"]
        assert len(articles) >= 10
        assert all(p.left.name == p.right.name for p in articles)


def test_criminal_code_pair_aligns_its_articles(corpus: Path):
    folder = corpus / "be-strafwetboek"
    bitext, _ = lint_paths([str(folder / "strafwetboek.nl.html"), str(folder / "strafwetboek.fr.html")],
                           Settings(select=["BL003"]))
    articles = [p for p in bitext.pairs if (p.left or p.right).kind == "article"]
    paired = [p for p in articles if p.left and p.right]
    assert len(paired) > 500
    assert all(p.left.name == p.right.name for p in paired)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bilint", *args], capture_output=True, text=True, timeout=120)


def test_cli_json_follows_the_contract():
    result = _run("check", "--format", "json", str(EXAMPLE))
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"version", "files", "diagnostics"}
    assert report["files"] == [{"path": str(EXAMPLE), "languages": ["nl", "fr"], "layout": "interleaved"}]
    keys = {"path", "line", "column", "end_line", "end_column", "code", "name", "category", "severity",
            "message", "lang", "related", "fix", "position"}
    categories = {"structure", "numbering", "parity", "chronology", "spelling", "grammar", "language",
                  "typography", "terminology", "formatting"}
    for diagnostic in report["diagnostics"]:
        assert keys <= set(diagnostic)   # additive fields are allowed (DESIGN.md): group, position…
        assert isinstance(diagnostic["position"], str)
        assert diagnostic["category"] in categories
        assert diagnostic["severity"] in ("error", "warning", "info")
        for related in diagnostic["related"]:
            assert set(related) == {"path", "line", "column", "lang", "message"}
    numbering = [d for d in report["diagnostics"] if d["code"] == "BL101"]
    assert numbering[0]["line"] == 117 and numbering[0]["fix"]["replacement"] == "l."


def test_cli_text_format_is_one_line_per_finding():
    result = _run("check", "--format", "text", "--select", "BL101", str(EXAMPLE))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{EXAMPLE}:117:1: BL101 [fr] " + result.stdout.split("[fr] ", 1)[1].strip()]


@pytest.mark.parametrize("args,message", [
    (["check", "/no/such/file.md"], "no such file"),
    (["check", "--languages", "nl", "x.md"], "two codes"),
    (["check", "--format", "xml", "x.md"], "unknown format"),
    (["explain", "BL999"], "no rule"),
])
def test_cli_errors_are_one_line_with_exit_code_2(args, message, tmp_path):
    result = _run(*[a.replace("x.md", str(tmp_path / "x.md")) for a in args])
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_cli_rich_output_escapes_markup_in_document_text(tmp_path):
    text = ("Gelet op:\n\n1. de aanbeveling over de [bold]samenwerking[/bold] tussen de politiediensten;\n\n"
            "3. het jaarplan van de Benelux waarin verwijzingen staan naar gezamenlijke projecten;\n\n"
            "Vu:\n\n1. la recommandation sur la [bold]coopération[/bold] entre les services de police;\n\n"
            "3. le plan annuel du Benelux qui comporte des références à des projets communs;\n")
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    result = _run("check", "--format", "rich", "--select", "BL101", str(path))
    assert "[bold]" in result.stdout or "BL101" in result.stdout
    assert "\x1b[1msamenwerking" not in result.stdout


def test_version_is_printed():
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.startswith("bilint ")


def test_readme_lists_every_rule():
    from bilint.plugins import all_rules

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [rule.code for rule in all_rules() if f"| {rule.code} | {rule.name} |" not in readme]
    assert not missing, f"README's rule table lacks {missing}"


def test_example_acronym_pair_is_one_finding_with_both_places():
    """KNOWN-ERRORS.md: (NRW) in NL, (RNW) in FR, worth one informational note: one finding
    at the Dutch acronym, the French one as its related location."""
    _, diagnostics = lint_paths([str(EXAMPLE)], Settings(select=["BL412"]))
    assert len(diagnostics) == 1, diagnostics
    finding = diagnostics[0]
    assert finding.span.line == 103 and "NRW" in finding.message and "RNW" in finding.message
    assert any(r.location.span.line == 119 and r.location.lang == "fr" for r in finding.related)
