"""The glossary data (sorted, no duplicates, two columns at least) and its loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from rules.glossary import DATA, find_term, fold, load_glossary, read_glossary_file, word_forms

FILES = sorted(DATA.glob("glossary-*.tsv"))


def _entries(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def test_there_is_a_dutch_french_glossary() -> None:
    assert DATA / "glossary-nl-fr.tsv" in FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_glossary_file_is_well_formed(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "Format" in "\n".join(lines[:5]), "a header comment says the format"
    entries = _entries(path)
    assert entries == sorted(entries), "entries are sorted"
    pairs = [tuple(line.split("\t")[:2]) for line in entries]
    assert len(pairs) == len(set(pairs)), "no duplicate pair"
    for line in entries:
        columns = line.split("\t")
        assert len(columns) >= 2 and all(c.strip() == c and c for c in columns[:2]), line
    assert read_glossary_file(path)


def test_loader_takes_project_files_and_swaps_columns(tmp_path: Path) -> None:
    project = tmp_path / "glossary-fr-nl.tsv"
    project.write_text("# fr<TAB>nl\nguichet urbain\tstedelijk loket\n", encoding="utf-8")
    glossary = load_glossary(("nl", "fr"), [project])
    assert ("stedelijk loket", "guichet urbain") in glossary.terms()
    assert ("geldboete", "amende") in glossary.terms()
    assert frozenset(("NAVO", "OTAN")) in glossary.acronym_pairs()


def test_a_malformed_line_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "glossary-nl-fr.tsv"
    bad.write_text("geldboete amende\n", encoding="utf-8")
    with pytest.raises(ValueError, match="glossary-nl-fr.tsv:1"):
        read_glossary_file(bad)


@pytest.mark.parametrize("term,text,lang", [
    ("misdaad", "misdaden", "nl"), ("wanbedrijf", "wanbedrijven", "nl"), ("lidstaat", "lidstaten", "nl"),
    ("bestuurlijke overheid", "bestuurlijke overheden", "nl"), ("vonnis", "vonnissen", "nl"),
    ("personne morale", "personnes morales", "fr"), ("tribunal", "tribunaux", "fr"),
])
def test_light_inflection(term: str, text: str, lang: str) -> None:
    assert find_term(fold(text), term, lang)
    assert fold(text) in word_forms(fold(text), lang) or find_term(fold(text), term, lang)


def test_dutch_counterpart_found_inside_a_compound() -> None:
    assert find_term(fold("de witwaspraktijken"), "witwassen", "nl", strict=False)
    assert find_term(fold("het Benelux-Politieverdrag"), "Benelux-Verdrag", "nl", strict=False)
    assert not find_term(fold("de witwaspraktijken"), "witwassen", "nl", strict=True)


def test_a_cell_with_several_renderings_gives_the_usual_pair_and_accepted_counterparts(tmp_path: Path) -> None:
    path = tmp_path / "glossary-nl-fr.tsv"
    path.write_text("# Format: nl<TAB>fr\nuitlevering | uitleveren\textradition | extrader\tnote\n", encoding="utf-8")
    entries = read_glossary_file(path)
    assert ("uitlevering", "extradition", "note") in entries
    assert ("uitleveren", "extrader", "variant: note") in entries
    assert ("uitlevering", "extrader", "variant: note") in entries
    glossary = load_glossary(("nl", "fr"), [path])
    assert ("uitleveren", "extradition") not in glossary.terms(variants=False)
    assert {"extradition", "extrader"} <= glossary.translations("nl")["uitlevering"]


def test_an_empty_rendering_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "glossary-nl-fr.tsv"
    path.write_text("uitlevering |\textradition\n", encoding="utf-8")
    with pytest.raises(ValueError, match="glossary-nl-fr.tsv:1: an empty rendering"):
        read_glossary_file(path)
