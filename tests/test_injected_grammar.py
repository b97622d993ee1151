"""Slips injected into real sentences of the dev corpus are found (tools/inject_grammar.py).

Each kind the grammar rules target (agreement, contraction and elision, article gender,
person, ``te`` + infinitive, a recurring name changed once) is injected into real
sentences; at least 80 % must be found in each language, and the untouched sentences must
draw almost no finding.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import CORPUS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import inject_grammar  # noqa: E402


@pytest.fixture(scope="module")
def results() -> dict:
    corpus = next((c for c in (CORPUS, Path("/work/shared/corpus")) if c.is_dir()), None)
    if corpus is None:
        pytest.skip("../shared/corpus is not present")
    return inject_grammar.measure(corpus, per_kind=12, recurring=4)


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_at_least_four_in_five_slips_are_found(results: dict, lang: str) -> None:
    counts = [(hits, total) for (language, kind), (hits, total) in results.items()
              if language == lang and not kind.startswith("false")]
    kinds = {kind for (language, kind) in results if language == lang}
    assert {"agreement", "person", "recurring name"} <= kinds
    found, injected = sum(h for h, _ in counts), sum(t for _, t in counts)
    assert injected >= 30
    assert found / injected >= 0.8, results


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_untouched_sentences_stay_almost_silent(results: dict, lang: str) -> None:
    alarms, sentences = results[(lang, "false alarms on the originals")]
    assert alarms <= max(2, sentences // 20), results


def test_a_slip_is_a_rewrite_of_a_real_sentence() -> None:
    cases = inject_grammar.make_cases(["Le dossier est transmis au Conseil dans un délai de trente jours."],
                                      "fr", per_kind=5)
    assert [(c.kind, c.sentence[c.start:c.end]) for c in cases] == [("contraction", "à le Conseil")]
