"""The citation parser: target paths, acts and spans, in Dutch, French and (Canadian) English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilint.citations import Citation, find_citations, parse


def _path(citation: Citation) -> list[tuple[str, list]]:
    """Each step as (the levels it may mean, joined, its values)."""
    return [("/".join(sorted(step.levels)), [v.key() for v in step.values]) for step in citation.steps]


def _one(text: str, code: str) -> Citation:
    found = find_citations(text, code)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("code,text,path", [
    ("nl", "artikel 5, § 2, eerste lid, 1°, a)",
     [("article", [("5", None)]), ("paragraph", [("2", None)]), ("paragraph/subparagraph", [("1", None)]),
      ("point", [("1", None)]), ("point/subpoint", [("a", None)])]),
    ("fr", "article 5, § 2, alinéa 1er, 1°, a)",
     [("article", [("5", None)]), ("paragraph", [("2", None)]), ("point/subparagraph", [("1", None)]),
      ("point", [("1", None)]), ("point/subpoint", [("a", None)])]),
    ("nl", "de artikelen 3, 5 en 7", [("article", [("3", None), ("5", None), ("7", None)])]),
    ("fr", "les articles 3 à 7", [("article", [("3", "7")])]),
    ("nl", "art. 7bis", [("article", [("7bis", None)])]),
    ("fr", "l'article 14 ter", [("article", [("14ter", None)])]),
    ("nl", "het tweede lid van artikel 5", [("article", [("5", None)]), ("paragraph/subparagraph", [("2", None)])]),
    ("fr", "l'alinéa 2 de l'article 5", [("article", [("5", None)]), ("point/subparagraph", [("2", None)])]),
    ("nl", "tweede en derde lid", [("paragraph/subparagraph", [("2", None), ("3", None)])]),
    ("nl", "artikel 380, §§ 1 tot 3", [("article", [("380", None)]), ("paragraph", [("1", "3")])]),
    ("fr", "l'article 433bis/1", [("article", [("433bis/1", None)])]),
    ("en", "paragraph 12(3)(a)", [("article", [("12", None)]), ("paragraph", [("3", None)]), ("point", [("a", None)])]),
    ("fr", "le sous-alinéa 12(3)a)(ii)",
     [("article", [("12", None)]), ("paragraph", [("3", None)]), ("point", [("a", None)]), ("subpoint", [("ii", None)])]),
    ("en", "paragraphs 12(3)(a) and (b)",
     [("article", [("12", None)]), ("paragraph", [("3", None)]), ("point", [("a", None), ("b", None)])]),
    ("en", "subsection (2)", [("paragraph", [("2", None)])]),
    # a determiner after a range word; one level listed twice is one level
    ("nl", "het eerste tot en met het zesde lid", [("paragraph/subparagraph", [("1", "6")])]),
    ("nl", "artikel 22, eerste lid, tweede lid, letter a",
     [("article", [("22", None)]), ("paragraph/subparagraph", [("1", None), ("2", None)]), ("point/subpoint", [("a", None)])]),
    ("nl", "artikel 7, eerste lid, alinea 2",
     [("article", [("7", None)]), ("paragraph/subparagraph", [("1", None)]), ("paragraph/subparagraph", [("2", None)])]),
    # the article named apart: "2a)" is subparagraph 2, point a (not section 2(a) as in Canada)
    ("fr", "l'alinéa 2a) de l'article 22",
     [("article", [("22", None)]), ("point/subparagraph", [("2", None)]), ("point/subpoint", [("a", None)])]),
    ("fr", "les alinéas 1, 2a) et 3 de l'article 22",
     [("article", [("22", None)]), ("point/subparagraph", [("1", None), ("2", None), ("3", None)]),
      ("point/subpoint", [("a", None)])]),
    ("fr", "l'alinéa 3a)", [("article", [("3", None)]), ("point", [("a", None)])]),
    ("fr", "l'article 27, paragraphe (4)", [("article", [("27", None)]), ("paragraph", [("4", None)])]),
    ("en", "subsection (2)(a) of section 5", [("article", [("5", None)]), ("paragraph", [("2", None)]),
                                              ("point/subpoint", [("a", None)])]),
])
def test_target_paths(code: str, text: str, path: list) -> None:
    assert _path(_one(text, code)) == path


def test_the_word_of_a_compact_reference_is_kept_as_its_claim() -> None:
    english, french = _one("section 2(1)", "en"), _one("paragraphe 2(1)", "fr")
    assert _path(english) == _path(french)
    assert english.claim.levels == {"article"} and english.claim.word.text == "section"
    assert french.claim.levels == {"paragraph"}


@pytest.mark.parametrize("code,text,kind,this,date,title", [
    ("nl", "artikel 9 van de wet van 18 juli 1966", "law", False, "1966-07-18", None),
    ("fr", "l'article 14bis de la loi du 15 juin 1935", "law", False, "1935-06-15", None),
    ("fr", "l'article 5 de la présente loi", "law", True, None, None),
    ("nl", "artikel 7 van dit Verdrag", "treaty", True, None, None),
    ("nl", "artikel 42 van het Strafwetboek", "code", False, None, "Strafwetboek"),
    ("en", "section 3 of the Access to Information Act", "law", False, None, "Access to Information Act"),
    ("en", "Article 3 of the Treaty of 1966", "treaty", False, "1966", None),
    # old Dutch: "van den 5den November 1842", "van den 30sten Mei 1814"
    ("nl", "artikel 20 van het tractaat van den 5den November 1842", "treaty", False, "1842-11-05", None),
    ("nl", "artikel XV van het verdrag van Parijs van den 30sten Mei 1814", "treaty", False, "1814-05-30", None),
    # an act named before: "the said", "susdit", "boven aangehaald" is no title
    ("nl", "artikel 20 van het boven aangehaald verdrag van den 3den Mei 1815", "treaty", False, "1815-05-03", None),
    ("fr", "l'article 3 de la dite Convention", "treaty", False, None, None),
    ("en", "section 3 of the said Act", "law", False, None, None),
    # a place between the act and its date; an old spelling of a month
    ("nl", "artikel 45 van het verdrag van 's Gravenhage van 18 October 1907", "treaty", False, "1907-10-18", None),
    ("fr", "l'article 83 de la Convention de La Haye du 18 octobre 1907", "treaty", False, "1907-10-18", None),
])
def test_acts(code: str, text: str, kind: str, this: bool, date: str | None, title: str | None) -> None:
    act = _one(text, code).act
    assert act is not None
    assert (act.kind, act.this, act.date, act.title) == (kind, this, date, title)


@pytest.mark.parametrize("text,marks,path", [
    # "lid 2*a*": an emphasised letter after a number is a point
    ("artikel 3, lid 2a", [("emphasis", 16, 17, "")],
     [("article", [("3", None)]), ("paragraph/subparagraph", [("2", None)]), ("point/subpoint", [("a", None)])]),
    # "artikel 2a" stays article 2a without emphasis
    ("artikel 3, lid 2a", [], [("article", [("3", None)]), ("paragraph/subparagraph", [("2a", None)])]),
    # "artikel 1<sup>e</sup>r", "artikel 278<sup>bis</sup>": the superscript a reader removed is read back
    ("artikel 1r", [("footnote-ref", 9, 9, "e")], [("article", [("1", None)])]),
    ("artikel 278", [("footnote-ref", 11, 11, "bis")], [("article", [("278bis", None)])]),
    ("artikel 278", [("footnote-ref", 11, 11, "12")], [("article", [("278", None)])]),
])
def test_markup_a_reader_removed_is_read_back(text: str, marks: list, path: list) -> None:
    from bilint.model import Mark

    found = find_citations(text, "nl", [Mark(*mark) for mark in marks])
    assert len(found) == 1 and _path(found[0]) == path


def test_internal_words() -> None:
    assert _one("artikel 5 hiervoor", "nl").internal_word.text == "hiervoor"
    assert _one("l'article 5 ci-dessus", "fr").internal_word.text == "ci-dessus"


@pytest.mark.parametrize("code,text,expected", [
    # a second article is a second reference, not a deeper level
    ("nl", "de artikelen 433quinquies tot 433octies, artikel 380", ["artikelen 433quinquies tot 433octies", "artikel 380"]),
    # a singular level takes no list: 402 is the next article of the enumeration
    ("fr", "aux articles 400, alinéa 1er, 402 et 405bis", ["articles 400, alinéa 1er"]),
    # a list ends with its conjunction
    ("fr", "articles 371/1, alinéas 2 et 3, 372", ["articles 371/1, alinéas 2 et 3"]),
    # after a compact number a level word starts a new reference
    ("en", "section 2(1), paragraph 3(a)", ["section 2(1)", "paragraph 3(a)"]),
    # roman article numbers, em-dash ranges
    ("fr", "l'Article XII et les articles 56—58", ["Article XII", "articles 56—58"]),
    # not references: a third member of a commission, any Member of the United Nations
    ("nl", "een derde lid der Commissie, van enig Lid der Verenigde Naties", []),
    ("nl", "de letter(s), artikelsgewijs, 5 artikelen", []),
    ("en", "in section (which see)", []),
])
def test_where_a_reference_ends(code: str, text: str, expected: list[str]) -> None:
    assert [c.part.text for c in find_citations(text, code)] == expected


def test_parse_reads_one_reference_at_the_start() -> None:
    citation = parse("  § 3, 2°, van deze wet; en verder", "nl")
    assert citation is not None and citation.part.text == "§ 3, 2°, van deze wet"
    assert parse("geen verwijzing", "nl") is None


def test_a_language_without_citation_data_has_no_references() -> None:
    from bilint.lang import register_language

    register_language({"code": "xx", "months": [str(n) for n in range(12)]})
    assert find_citations("article 5", "xx") == []


# --- every parsed part is the text at its span ----------------------------------------------

_WORDS = {
    "nl": ["artikel", "artikelen", "art.", "§", "§§", "lid", "leden", "eerste", "tweede", "derde", "punt", "en", "of",
           "tot", ",", "van de wet van 18 juli 1966", "van deze wet", "van het Verdrag", "hiervoor", "bis", "1°", "a)",
           "(2)", "de", "het", "bedoeld in"],
    "fr": ["article", "articles", "art.", "§", "§§", "alinéa", "alinéas", "premier", "1er", "deuxième", "point", "et",
           "ou", "à", ",", "de la loi du 15 juin 1935", "de la présente loi", "du traité", "ci-dessus", "ter", "2°",
           "b)", "(3)", "l'", "visé à", "sous-alinéa"],
    "en": ["section", "sections", "subsection", "paragraph", "Article", "and", "or", "to", ",", "of this Act",
           "of the Access to Information Act", "of the Treaty of 1966", "above", "(a)", "(ii)", "(3)", "first", "the"],
}


def _pieces(code: str):
    numbers = st.integers(min_value=1, max_value=999).map(str)
    joined = st.sampled_from(["", "(1)", "(a)", "bis", " ter", "°", ")", "/1"])
    number = st.tuples(numbers, joined).map("".join)
    return st.lists(st.one_of(st.sampled_from(_WORDS[code]), number), min_size=1, max_size=14)


@pytest.mark.parametrize("code", ["nl", "fr", "en"])
def test_every_part_round_trips_to_its_span(code: str) -> None:
    @settings(max_examples=150, deadline=None, derandomize=True)
    @given(_pieces(code), st.sampled_from([" ", "  ", "\n", " \u00a0"]))
    def check(pieces: list[str], space: str) -> None:
        text = space.join(pieces)
        previous_end = 0
        for citation in find_citations(text, code):
            assert citation.start >= previous_end     # references do not overlap
            previous_end = citation.end
            for part in citation.parts():
                assert text[part.start:part.end] == part.text
                assert citation.start <= part.start <= part.end <= citation.end
            assert citation.steps, citation

    check()


# --- the lexer's patterns do not backtrack -------------------------------------------------

@pytest.mark.parametrize("code", ["nl", "fr", "en"])
def test_the_lexicon_patterns_are_linear(code: str) -> None:
    """The citation patterns are built per language, so tests/test_regex_safety.py does not
    collect them: the same adversarial strings, the same bound, here."""
    import time

    from bilint.citations import lexicon
    from tests.test_regex_safety import LIMIT, adversarial

    for name, pattern in lexicon(code).patterns.items():
        for text in adversarial(pattern)[::3]:
            began = time.perf_counter()
            if name in ("ANCHOR", "ACT"):     # scanned with search/finditer; the others matched at a position
                for _ in pattern.finditer(text):
                    pass
            else:
                pattern.match(text)
            assert time.perf_counter() - began < LIMIT, f"{code} {name} backtracks on {text[:12]!r}"


@pytest.mark.parametrize("unit", ["artikel 1, ", "artikel ", "§§ 1 en ", "eerste en ", "1°, ", "(a)", "van de wet van "])
def test_long_runs_parse_without_hanging(unit: str) -> None:
    text = unit * 3000
    found = find_citations(text, "nl")
    assert all(text[c.start:c.end] == c.part.text for c in found)
