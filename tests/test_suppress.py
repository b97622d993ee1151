"""Inline suppression comments and the unused-suppression rule (BL901), through the engine."""

from __future__ import annotations

from bilint.engine import Settings, lint_paths, lint_text

from .helpers import BROKEN, FR, FR_BROKEN, NL, run, write

from .helpers import TYPO_TEXT as TYPO  # noqa: E402


def codes(text: str, **settings) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(text, Settings(**settings))]


def test_the_texts_give_the_findings_the_suppressions_silence():
    assert (3, "BL301") in codes(TYPO) and (11, "BL101") in codes(TYPO)


def test_disable_next_line_silences_that_line_only():
    text = TYPO.replace("3. le plan", "<!-- bilint: disable-next-line=BL101 -->\n3. le plan")
    found = codes(text)
    assert (12, "BL101") not in found and (3, "BL301") in found and not [c for _, c in found if c == "BL901"]


def test_disable_enable_region_by_name_and_prefix():
    text = "<!-- bilint: disable=spelling,BL1 -->\n" + TYPO.replace("Vu:", "<!-- bilint: enable -->\nVu:")
    found = codes(text)
    assert (4, "BL301") not in found and (13, "BL101") in found   # the region ends before the French
    unused = [d.message for d in lint_text(text, Settings()) if d.code == "BL901"]
    assert unused == ["suppression of BL1 suppresses nothing"]   # spelling did suppress


def test_disable_file_and_unused_suppression():
    text = TYPO + "<!-- bilint: disable-file=BL301 -->\n<!-- bilint: disable-next-line=BL201 -->\n\nVu plus.\n"
    diagnostics = lint_text(text, Settings())
    assert not [d for d in diagnostics if d.code == "BL301"]
    unused = [d for d in diagnostics if d.code == "BL901"]
    assert [(d.span.line, d.message) for d in unused] == [(13, "suppression of BL201 suppresses nothing")]
    assert unused[0].fix is not None and unused[0].fix.safe and unused[0].fix.replacement == ""


def test_unused_is_not_reported_for_rules_that_did_not_run():
    text = TYPO + "<!-- bilint: disable-next-line=BL201 -->\nVu plus.\n"
    assert not [c for _, c in codes(text, select=["BL101", "BL901"]) if c == "BL901"]


def test_unknown_codes_and_directives_are_reported():
    text = TYPO + "<!-- bilint: disable=BL999 -->\n<!-- bilint: disabel -->\n"
    messages = [d.message for d in lint_text(text, Settings(select=["BL901"]))]
    assert messages[0] == "no rule 'BL999' (see 'bilint rules')"
    assert messages[1].startswith("unknown bilint directive 'disabel'")


def test_a_suppression_in_one_file_of_a_pair_covers_that_file(tmp_path):
    nl = write(tmp_path / "law.nl.md", NL)
    write(tmp_path / "law.fr.md", FR_BROKEN.replace("3. le plan", "<!-- bilint: disable-next-line=BL101 -->\n3. le plan"))
    _, diagnostics = lint_paths([str(nl)], Settings(layout="pair"))
    assert not [d for d in diagnostics if d.code in ("BL101", "BL901")]


def test_cli_fix_removes_an_unused_suppression_and_no_suppressions_flag(tmp_path):
    path = write(tmp_path / "t.md", NL + "\n<!-- bilint: disable-next-line=BL301 -->\n" + FR)
    result = run("check", "--select", "BL3,BL901", str(path))
    assert result.returncode == 1 and "BL901" in result.stdout
    assert run("fix", "--select", "BL3,BL901", str(path)).returncode == 0
    assert path.read_text(encoding="utf-8") == NL + "\n" + FR
    flagged = write(tmp_path / "u.md", BROKEN.replace("3. le plan", "<!-- bilint: disable-next-line=BL101 -->\n3. le plan"))
    assert run("check", str(flagged)).returncode == 0
    assert "BL101" in run("check", "--no-suppressions", str(flagged)).stdout
