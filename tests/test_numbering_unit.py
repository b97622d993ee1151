"""Unit tests of the numbering rule's sequence model: one finding per slip, no cascade."""

from __future__ import annotations

from types import SimpleNamespace

from rules.numbering import Entry, explain, lookalike_pairs, render_item, suffix_rank


def _kinds(values: list) -> list[str]:
    entries = [Entry(SimpleNamespace(), None if v is None else (v, 0)) for v in values]  # type: ignore[arg-type]
    return [event.kind for event in explain(entries)]


def test_in_order_from_any_start() -> None:
    assert _kinds([3, 4, 5]) == ["ok", "ok", "ok"]


def test_repeat_reported_once() -> None:
    assert _kinds([1, 2, 2, 3]) == ["ok", "ok", "repeat", "ok"]


def test_gap_does_not_cascade() -> None:
    assert _kinds([1, 2, 4, 5]) == ["ok", "ok", "gap", "ok"]


def test_swap_is_one_change() -> None:
    assert _kinds([1, 3, 2, 4]) == ["ok", "swap", "ok", "ok"]


def test_wrong_number_between_good_neighbours() -> None:
    assert _kinds([1, 2, 5, 4]) == ["ok", "ok", "wrong", "ok"]


def test_other_style_fills_its_place_or_stays_out() -> None:
    assert _kinds([11, None, 13]) == ["ok", "slot", "ok"]
    assert _kinds([1, None, 2]) == ["ok", "skip", "ok"]


def test_lookalikes() -> None:
    assert lookalike_pairs("1", "l") == [("1", "l")]
    assert lookalike_pairs("0", "O") == [("0", "O")]
    assert lookalike_pairs("1", "c") is None
    assert lookalike_pairs("l", "l") is None


def test_render_and_suffixes() -> None:
    assert render_item((12, 0), "lower-alpha.") == "l."
    assert render_item((4, 0), "(lower-roman)") == "(iv)"
    assert render_item((3, 0), "decimal°") == "3°"
    assert suffix_rank("nonies") == suffix_rank("novies") == 8
