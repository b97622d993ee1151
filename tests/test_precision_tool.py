"""The labelled precision benchmark (tools/precision.py): label matching, counting, and
a real run over the example."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("precision", ROOT / "tools" / "precision.py")
precision = importlib.util.module_from_spec(_spec)
sys.modules["precision"] = precision   # dataclasses look their module up there
_spec.loader.exec_module(precision)


def row(verdict: str = "", context: str = "a ⟦wrod⟧ b", **kw: str) -> dict[str, str]:
    base = {"doc": "d", "code": "BL301", "lang": "nl", "flagged": "wrod", "context": context,
            "verdict": verdict, "reason": ""}
    return base | kw


def test_exact_match_then_loose_match_when_labels_agree():
    labeller = precision.Labeller([row("TRUE")])
    assert labeller.verdict(row()) == "TRUE"
    assert labeller.verdict(row(context="x ⟦wrod⟧ y")) == "TRUE"          # context moved
    assert labeller.verdict(row(code="BL302")) == ""                      # another rule


def test_loose_match_refused_when_labels_disagree():
    labeller = precision.Labeller([row("TRUE"), row("FALSE", context="other ⟦wrod⟧ text")])
    assert labeller.verdict(row()) == "TRUE"
    assert labeller.verdict(row(context="other ⟦wrod⟧ text")) == "FALSE"
    assert labeller.verdict(row(context="third ⟦wrod⟧ place")) == ""


def test_report_counts_precision_and_false_rate():
    rows = [row("TRUE"), row("DEFENSIBLE"), row("FALSE"), row("FALSE", code="BL401"), row("")]
    result = precision.report(rows, total_words=2000)
    spelling = result["rules"]["BL301"]
    assert (spelling["labelled"], spelling["TRUE"], spelling["FALSE"], spelling["unlabelled"]) == (3, 1, 1, 1)
    assert spelling["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert spelling["false_per_1000_words"] == 0.5
    assert result["all"]["FALSE"] == 2 and result["families"]["BL4"]["precision"] == 0.0


def test_per_document_table_counts_each_documents_default_rules():
    rows = [row("FALSE"), row("TRUE"), row("FALSE", doc="e"), row("FALSE", doc="e", code="BL506"), row("", doc="e")]
    table = {line["doc"]: line for line in precision.document_table(rows, {"d": 2000, "e": 500})}
    assert (table["d"]["findings"], table["d"]["FALSE"], table["d"]["false_per_1000_words"]) == (2, 1, 0.5)
    # BL506 is opt-in: it does not count against the document's default figures
    assert (table["e"]["findings"], table["e"]["FALSE"], table["e"]["unlabelled"]) == (2, 1, 1)
    assert table["e"]["false_per_1000_words"] == 2.0


def test_label_files_are_well_formed(tmp_path):
    bad = tmp_path / "x.tsv"
    bad.write_text("\t".join(precision.FIELDS) + "\n" + "\t".join(["d", "BL301", "nl", "w", "c", "MAYBE", "r"]) + "\n",
                   encoding="utf-8")
    with pytest.raises(SystemExit, match="verdict must be one of"):
        precision.load_labels(tmp_path)
    bad.write_text("doc\tcode\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="header"):
        precision.load_labels(tmp_path)


def test_committed_labels_load():
    labels = precision.load_labels()
    assert all(label["verdict"] in precision.VERDICTS for label in labels)


def test_example_findings_carry_their_flagged_text():
    doc = precision.Doc("example", (str(ROOT / "examples" / "benelux-2021-drugs.md"),))
    words, rows = precision.finding_rows(doc, ("BL301",))
    assert words > 3000
    flagged = {r["flagged"] for r in rows}
    assert {"criminale", "stabilitet", "égalelement"} <= flagged
    assert all(f"⟦{r['flagged']}⟧" in r["context"] for r in rows)
