"""BL603 with Grammalecte: the slips it must report, with exact spans and suggestions.

Grammalecte is optional (GPL v3, Debian's ``python3-grammalecte``); these tests skip
without it. What must stay silent is in ``tests/cases/grammar-french.toml`` and holds
with or without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilint.engine import Settings, lint_text
from bilint_rules import french_grammar  # the module the engine runs (rules/ is installed as bilint_rules)

needs_grammalecte = pytest.mark.skipif(not french_grammar.available(), reason="Grammalecte is not installed")

NL = ("\nOverwegende dat:\n\na. de samenwerking tussen de diensten moet worden versterkt;\n\n"
      "b. het openbaar ministerie meer aandacht moet besteden aan de financiële onderzoeken.\n\n")
FR_HEAD = "Considérant que:\n\na. "
FR_TAIL = "\n\nb. le ministère public doit accorder plus d'attention aux enquêtes financières.\n"


def _findings(sentence: str, **options) -> list[tuple[str, str | None, str]]:
    text = NL + FR_HEAD + sentence + FR_TAIL
    diagnostics = lint_text(text, Settings(select=["BL603"], options={"BL603": options}), path="case.md")
    line = text.splitlines()[diagnostics[0].span.line - 1] if diagnostics else ""
    return [(line[d.span.column - 1:d.span.end_column - 1], d.fix.replacement if d.fix else None, d.message)
            for d in diagnostics]


@needs_grammalecte
@pytest.mark.parametrize("sentence,flagged,replacement", [
    ("les États membres prennent leurs décision dans un délai raisonnable;", "leurs", "leur"),
    ("les juges estiment que les parties comprend la portée de la demande;", "comprend", "comprennent"),
    ("le ministre rend une avis favorable sur la demande de la commune;", "une", "un"),
    ("les Parties conviennent que le présente Convention entre en vigueur;", "le", "la"),
    ("le juge peut ordonner que la dispositions soit appliquée sans délai;", "dispositions", "disposition"),
    ("les objets destines à la fabrication de fausse monnaie sont saisis;", "destines", "destinés"),
    ("la procédure de administration des preuves est réglée par la loi;", "de ", "d’"),
    # a line that opens on a determiner is no index entry: the determiner and its noun share the line
    ("les Parties conviennent de ce qui suit:\nLe présente Convention entre en vigueur;", "Le", "La"),
])
def test_reports_the_slip_with_its_correction(sentence: str, flagged: str, replacement: str) -> None:
    found = _findings(sentence)
    assert [(f, r) for f, r, _ in found] == [(flagged, replacement)]


@needs_grammalecte
def test_one_slip_one_finding() -> None:
    # Grammalecte marks both 'leurs' and 'décision'; bilint reports the slip once
    assert len(_findings("les États prennent leurs décision;")) == 1


@needs_grammalecte
def test_a_curated_pattern_takes_precedence() -> None:
    # 'il comprends' is also a BL601 pattern: BL603 leaves it to BL601
    text = NL + FR_HEAD + "le juge estime qu'il comprends la demande;" + FR_TAIL
    codes = [d.code for d in lint_text(text, Settings(select=["BL601", "BL603"]), path="case.md")]
    assert codes == ["BL601"]


@needs_grammalecte
def test_families_off_by_default_can_be_turned_on() -> None:
    sentence = "les véhicules à moteur immatriculés aux Pays-Bas paient la taxe prévu par la loi;"
    assert _findings(sentence) == []
    assert _findings(sentence, families=["agreement-wide"])


@needs_grammalecte
def test_no_family_no_finding() -> None:
    assert _findings("les États prennent leurs décision;", families=[]) == []


@needs_grammalecte
def test_an_edit_rechecks_only_the_changed_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = french_grammar.load_checker().getGCEngine()
    checked: list[str] = []
    original = engine.parse

    def counting(text: str, *args, **kwargs):
        checked.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(engine, "parse", counting)
    french_grammar._check_paragraph.cache_clear()
    french_grammar._sentence_errors.cache_clear()
    slip = "les États membres prennent leurs décision dans un délai raisonnable;"
    first = _findings(slip)
    assert any("leurs décision" in text for text in checked)
    before = len(checked)
    assert _findings(slip) == first and len(checked) == before   # nothing changed, nothing re-read
    edited = _findings(slip.replace("raisonnable", "bref"))
    # only the edited paragraph is read again
    assert len(checked) > before and all("délai bref" in text for text in checked[before:])
    assert [f for f, _, _ in edited] == [f for f, _, _ in first] == ["leurs"]


@needs_grammalecte
def test_only_sentences_that_can_hold_a_slip_reach_grammalecte(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = french_grammar.load_checker().getGCEngine()
    checked: list[str] = []
    original = engine.parse
    monkeypatch.setattr(engine, "parse", lambda text, *a, **k: checked.append(text) or original(text, *a, **k))
    french_grammar._check_paragraph.cache_clear()
    french_grammar._sentence_errors.cache_clear()
    assert _findings("les États prennent leurs décisions et il comprend que la demande est adressée au Conseil;") == []
    assert checked == []   # correct sentences: Grammalecte never runs
    assert [f for f, _, _ in _findings("les États prennent leurs décision et il comprend la demande;")] == ["leurs"]
    assert [text for text in checked if "décision" in text]
    # a family outside the defaults turns the pre-filter off
    checked.clear()
    _findings("les États prennent leurs décisions;", families=["agreement", "confusions"])
    assert len(checked) >= 3


def test_an_unknown_family_is_a_one_line_error(tmp_path: Path) -> None:
    # with or without Grammalecte: a typo must not switch a family off silently
    from .helpers import run, write

    write(tmp_path / "bilint.toml", '[rules.BL603]\nfamilies = ["agreement", "conjugaison"]\n')
    write(tmp_path / "text.md", NL + FR_HEAD + "les États prennent leurs décisions;" + FR_TAIL)
    result = run("check", "--no-cache", "--select", "BL603", "text.md", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "'rules.BL603.families'" in lines[0] and "not 'conjugaison'; did you mean 'conjugation'?" in lines[0]


def test_an_unknown_family_given_through_the_api_is_named() -> None:
    from bilint.source import InputError

    text = NL + FR_HEAD + "les États prennent leurs décisions;" + FR_TAIL
    with pytest.raises(InputError, match="no BL603 family 'conjugaison'; did you mean 'conjugation'"):
        lint_text(text, Settings(select=["BL603"], options={"BL603": {"families": ["conjugaison"]}}), path="case.md")


def test_the_pre_filter_reads_the_morphology_it_is_given() -> None:
    # without Grammalecte: a stub lexicon in Grammalecte's morphology notation
    from bilint_rules._french_candidates import candidate

    lexicon = {"leurs": (">leur/:G:Dp:e:p/*",), "décision": (">décision/:N:f:s/*",),
               "décisions": (">décision/:N:f:p/*",), "il": (">il/:G:Os:O3:m:s/*",),
               "comprend": (">comprendre/:V3_it_q__a:Ip:3s/*",),
               "comprends": (">comprendre/:V3_it_q__a:Ip:1s:2s/*",),
               "administration": (">administration/:N:f:s/*",), "de": (">de/:G:R:Rv/*", ">de/:G:D:e:i/*")}

    def morph(word: str) -> tuple[str, ...]:
        return lexicon.get(word, ())

    defaults = french_grammar.DEFAULT_FAMILIES
    assert candidate("leurs décision", defaults, morph) and not candidate("leurs décisions", defaults, morph)
    assert candidate("il comprends", defaults, morph) and not candidate("il comprend", defaults, morph)
    assert candidate("de administration", defaults, morph)
    assert not candidate("de administration", ("agreement", "conjugation"), morph)
    assert candidate("il comprend", ("agreement", "confusions"), morph)   # a family it cannot filter for


@needs_grammalecte
def test_grammalecte_word_graph_is_held_compactly_with_the_same_answers() -> None:
    # a list of 400,000 Python integers was the largest holder of a Criminal Code run
    from array import array

    checker = french_grammar.load_checker()
    assert isinstance(checker.getSpellChecker().oMainDic.lByDic, array)
    speller = checker.getSpellChecker()
    assert speller.isValid("convention") and not speller.isValid("convantion")


def test_an_unexpected_word_graph_is_left_as_it_is() -> None:
    class Graph:
        lByDic = [1, "x", 3]

    class Checker:
        def getSpellChecker(self):
            return type("Speller", (), {"oMainDic": graph})()

    graph = Graph()
    french_grammar._compact_dictionary(Checker())
    assert graph.lByDic == [1, "x", 3]


@needs_grammalecte
def test_a_paragraph_with_no_slip_costs_no_exemption_search(monkeypatch: pytest.MonkeyPatch) -> None:
    # finding the spans that would exempt a slip (markup, BL601's patterns) is work only a
    # paragraph with a slip needs: most of a law has none
    asked = []
    spans = french_grammar.exempt_spans
    monkeypatch.setattr(french_grammar, "exempt_spans", lambda node: asked.append(node) or spans(node))
    assert _findings("les États membres prennent leur décision dans un délai raisonnable;") == []
    assert asked == []
    assert len(_findings("les États membres prennent leurs décision dans un délai raisonnable;")) == 1
    assert len(asked) == 1
