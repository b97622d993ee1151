"""The curated data files of the rule pack: grammar patterns a linguist edits.

Each ``rules/data/grammar-LANG.tsv`` line is ``pattern<TAB>message<TAB>suggestion``; the
lines are sorted and unique, every pattern compiles, and every suggestion only uses groups
its pattern has. The built-in patterns find the example's slips and stay silent on
look-alikes (the full cases are in ``tests/cases/grammar-*.toml``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rules.grammar import DATA, parse_patterns

FILES = sorted(DATA.glob("grammar-*.tsv"))


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def test_there_are_pattern_files() -> None:
    assert {path.stem for path in FILES} >= {"grammar-nl", "grammar-fr"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_header_documents_the_format(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("#")
    assert "pattern<TAB>message<TAB>suggestion" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sorted_and_unique(path: Path) -> None:
    lines = _lines(path)
    assert lines == sorted(lines), "keep the patterns sorted"
    patterns = [line.split("\t")[0] for line in lines]
    assert len(patterns) == len(set(patterns)), "a pattern is listed twice"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_line_compiles_and_has_message_and_suggestion(path: Path) -> None:
    for number, line in enumerate(_lines(path), 1):
        fields = line.split("\t")
        assert len(fields) == 3, f"{path.name} pattern {number}: three tab-separated fields"
        pattern, message, suggestion = fields
        assert message.strip() and suggestion.strip(), f"{path.name} pattern {number}: empty field"
        regex = re.compile(pattern)
        used = {int(g) for g in re.findall(r"\\(\d+)", suggestion)}
        assert all(1 <= g <= regex.groups for g in used), f"{path.name} pattern {number}: unknown group"
    assert parse_patterns(path.read_text(encoding="utf-8"), path.name)


def test_a_malformed_line_is_an_error() -> None:
    with pytest.raises(ValueError, match="expected pattern"):
        parse_patterns("only a pattern\n")
    with pytest.raises(ValueError, match="x.tsv:1"):
        parse_patterns("(unclosed\tmessage\tsuggestion\n", "x.tsv")


def _apply(lang: str, sentence: str) -> list[str]:
    patterns = parse_patterns((DATA / f"grammar-{lang}.tsv").read_text(encoding="utf-8"))
    return [match.expand(p.suggestion) for p in patterns for match in p.regex.finditer(sentence)]


@pytest.mark.parametrize("lang,sentence,expected", [
    ("nl", "dat de Belgische en Nederlands drugsmarkten verweven zijn", "de Belgische en Nederlandse drugsmarkten"),
    ("nl", "dat de Vlaamse en Waals overheden samenwerken", "de Vlaamse en Waalse overheden"),
    ("nl", "dat er behoeft is aan analyses", "er behoefte is aan"),
    ("nl", "er is een grote behoeft aan analyses", "grote behoefte aan"),
    ("nl", "jongeren die hand en spandiensten verrichten", "hand- en spandiensten"),
    ("nl", "de controle op in en uitvoer van wapens", "in- en uitvoer"),
    ("nl", "de voor en nadelen van het voorstel", "voor- en nadelen"),
    ("fr", "de procéder manière intégrée", "procéder de manière intégrée"),
    ("fr", "il faut agir façon concertée", "agir de façon concertée"),
    ("fr", "conformément la loi du 5 mai", "conformément à la"),
    ("fr", "afin garantir la sécurité", "afin de garantir"),
])
def test_patterns_find_slips(lang: str, sentence: str, expected: str) -> None:
    assert expected in _apply(lang, sentence)


@pytest.mark.parametrize("lang,sentence", [
    ("nl", "dat de Belgische en Nederlandse drugsmarkten verweven zijn"),
    ("nl", "de Franstalige en Nederlands sprekende burgers"),
    ("nl", "dat er behoefte is aan analyses en het land dit behoeft"),
    ("nl", "de politie en justitiediensten werken samen"),
    ("nl", "de minister die voor en namens de Staat optreedt"),
    ("nl", "het land waarin en waaruit zij reizen, in en uitsluitend voor"),
    ("fr", "de procéder de manière intégrée et d'une autre manière"),
    ("fr", "s'il le faut, qu'il le veuille, conformément à la loi"),
    ("fr", "afin de garantir la sécurité, afin que chacun le sache"),
])
def test_patterns_stay_silent_on_look_alikes(lang: str, sentence: str) -> None:
    assert _apply(lang, sentence) == []
