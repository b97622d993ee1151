"""Behaviour of the spelling engine (rules/spellcheck.py), for each available back-end."""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

try:
    from bilint_rules import spellcheck
except ImportError:  # the rule pack not installed: import the module from the tree
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "rules"))
    import spellcheck

Misspelling = spellcheck.Misspelling
find_misspellings = spellcheck.find_misspellings


def _backend_params():
    params = [pytest.param("embedded", id="embedded")]
    missing = None
    try:
        import hunspell  # noqa: F401
    except ImportError:
        missing = "chunspell is not installed"
    if missing is None:
        absent = [l for l in ("nl", "fr", "en") if not spellcheck.hunspell_available(l)]
        if absent:
            missing = f"no Hunspell dictionary for {', '.join(absent)} (see $DICPATH)"
    marks = [pytest.mark.skip(reason=missing)] if missing else []
    params.append(pytest.param("hunspell", id="hunspell", marks=marks))
    return params


@pytest.fixture(params=_backend_params())
def backend(request) -> str:
    return request.param


def flagged(text: str, lang: str, backend: str, **kw) -> list[tuple[str, str]]:
    """Typos and other slips (old spellings are information, tested apart)."""
    return [(m.word, m.suggestions[0] if m.suggestions else "")
            for m in find_misspellings(text, lang, backend=backend, **kw) if m.kind != "old"]


# (lang, text, foreign languages, expected [(word, first suggestion)])
CASES = [
    # typos of the Benelux example
    ("nl", "Dit geldt voor criminale organisaties.", ("fr", "en"), [("criminale", "criminele")]),
    ("nl", "een hoog niveau van sociale stabilitet", ("fr", "en"),
     [("stabilitet", "stabiliteit")]),
    ("nl", "samenwerkingsopportuniteten te exploreren", ("fr", "en"),
     [("samenwerkingsopportuniteten", "samenwerkingsopportuniteiten")]),
    ("fr", "la production de métamphétamines a augmenté", ("nl", "en"),
     [("métamphétamines", "méthamphétamines")]),
    ("fr", "9) d'égalelement accorder une attention", ("nl", "en"),
     [("égalelement", "également")]),
    # typos the engine has never seen: doubled, dropped, swapped letters, wrong accent
    ("nl", "De rechter kan de verdachte veroordelen tot een gevangenisstraff.", (),
     [("gevangenisstraff", "gevangenisstraf")]),
    ("nl", "De minister is bevoegd voor de uitvoerring van dit besluit.", (),
     [("uitvoerring", "uitvoering")]),
    ("nl", "Het voorstel werd door het parlemnet aangenomen.", (),
     [("parlemnet", "parlement")]),
    ("nl", "De verantwoordelijkheid van de regring blijft onverkort.", (),
     [("regring", "regering")]),
    ("fr", "Le tribunal prononce une peine d'emprisonement.", (),
     [("emprisonement", "emprisonnement")]),
    ("fr", "Les États membres veillent à la coopératoin judiciaire.", (),
     [("coopératoin", "coopération")]),
    ("fr", "La commission examine la proposition du gouvernment.", (),
     [("gouvernment", "gouvernement")]),
    ("fr", "Le juge apprécie la responsabilitè de l'auteur.", (),
     [("responsabilitè", "responsabilité")]),
    # silent: compounds, names, acronyms, Latin suffixes, elisions, English terms
    ("nl", "Het meldpunt drugsprecursoren en witwasconstructies, de uitvoeringsovereenkomsten "
           "en opsporingshandelingen.", ("fr", "en"), []),
    ("nl", "Via de luchthavens van Zaventem en Schiphol; de diensten ARIEC, RIEC, EURIEC en "
           "DISMARK; gegevens van EncroChat.", ("fr", "en"), []),
    ("nl", "Artikel 5bis en artikel 12 quinquies, de tekst van artikel 3 ter en novies.", (), []),
    ("nl", "Zo'n 19 miljard euro in grensregio's, 's nachts en de auto's.", (), []),
    ("fr", "Aujourd'hui, jusqu'à l'État et qu'il s'agisse d'une loi, l'article 5 sexies.", (),
     []),
    ("nl", "Werken met big data, drugs on demand en het darknet (follow the money).",
     ("fr", "en"), []),
    ("fr", "L'étude “Waar een klein land groot in kan zijn” de l'académie de police.",
     ("nl", "en"), []),
    ("nl", "Zie https://www.benelux.int/nl/ of mail naar info@benelux.int voor meer.", (), []),
    ("nl", "De produkten en de kwaliteit van de bepalingen.", (), []),
]


@pytest.mark.parametrize("lang,text,foreign,expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_cases(lang, text, foreign, expected, backend):
    assert flagged(text, lang, backend, foreign_langs=foreign) == expected


def test_offsets_point_at_the_word(backend):
    text = "9) d'égalelement accorder"
    (hit,) = find_misspellings(text, "fr", backend=backend)
    assert (hit.start, hit.end) == (5, 16)
    assert text[hit.start:hit.end] == hit.word == "égalelement"


def test_english_typo_in_italic_span_is_still_reported(backend):
    text = "door in te zetten op *joint targetting*;"
    start = text.index("*")
    exempt = [(start, text.index("*", start + 1) + 1)]
    assert flagged(text, "nl", backend, foreign_langs=("fr", "en"), exempt=exempt) == [
        ("targetting", "targeting")]
    fr = "au *joint targetting*"
    assert flagged(fr, "fr", backend, foreign_langs=("nl", "en"),
                   exempt=[(3, len(fr))]) == [("targetting", "targeting")]


def test_exempt_range_silences_foreign_titles(backend):
    text = "l'étude ‘Illegale drugsmarkten in België en Nederland: communicerende vaten’ qui"
    start, end = text.index("‘"), text.index("’") + 1
    assert flagged(text, "fr", backend, foreign_langs=("en",), exempt=[(start, end)]) == []
    assert flagged(text, "fr", backend, exempt=[(start, end)]) == []


def test_exempt_range_skips_main_language_typos(backend):
    text = "Le tribunal cite « une peine d'emprisonement » dans le texte."
    start, end = text.index("«"), text.index("»") + 1
    assert flagged(text, "fr", backend, exempt=[(start, end)]) == []
    assert flagged(text, "fr", backend) == [("emprisonement", "emprisonnement")]


def test_extra_words_are_known(backend):
    text = "De regring en het parlemnet."
    assert flagged(text, "nl", backend, extra_words=["regring"]) == [("parlemnet", "parlement")]


def test_word_cut_at_a_line_end_is_joined(backend):
    assert flagged("de werknemers in die ha-\n\nvens teneinde", "nl", backend) == []


def test_capitalised_typo_at_sentence_start_keeps_its_case(backend):
    assert flagged("Criminale organisaties zijn actief.", "nl", backend) == [
        ("Criminale", "Criminele")]


def test_proper_noun_inside_sentence_is_skipped(backend):
    assert flagged("De gemeente Stabilitet is klein.", "nl", backend) == []


def test_lexicon_protocol(backend):
    lex = spellcheck.load_lexicon("nl", backend=backend)
    assert lex.known("stabiliteit") and not lex.known("stabilitet")
    assert lex.suggest("stabilitet")[0] == "stabiliteit"
    assert spellcheck.load_lexicon("nl", backend=backend) is lex  # cached


def test_unknown_backend_is_rejected():
    with pytest.raises(ValueError):
        spellcheck.load_lexicon("nl", backend="nope")


def test_missing_hunspell_dictionary_is_a_clear_error(monkeypatch, tmp_path):
    pytest.importorskip("hunspell", reason="chunspell is not installed")
    monkeypatch.setattr(spellcheck, "_dic_dirs", lambda: [str(tmp_path)])
    with pytest.raises(spellcheck.LexiconUnavailable, match="no Hunspell dictionary"):
        spellcheck.HunspellLexicon("nl")


def test_range_overlap_lookup_matches_the_plain_definition():
    """The logarithmic overlap test answers as the obvious linear one, overlapping ranges included."""
    import random

    ranges = [(3, 5), (4, 20), (30, 31), (40, 45), (44, 50)]
    table = spellcheck._Ranges(ranges)
    rng = random.Random(5)
    for _ in range(2000):
        start = rng.randrange(0, 60)
        end = start + rng.randrange(1, 8)
        expected = any(s < end and start < e for s, e in ranges)
        assert table.overlaps(start, end) == expected, (start, end)
    assert not spellcheck._Ranges([])


# -- injected slips in real sentences --------------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "benelux-2021-drugs.md"
_HINTS = {"nl": set("de het een van en dat op voor met zijn niet die worden tussen".split()),
          "fr": set("le la les des du et un une que qui dans pour sur par est aux".split())}


def _sentences() -> list[tuple[str, str]]:
    """(lang, line) of the example's long prose lines whose language is plain."""
    out = []
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        words = re.findall(r"[^\W\d_]+", line.lower())
        if len(words) < 12:
            continue
        scores = {lang: sum(w in hints for w in words) for lang, hints in _HINTS.items()}
        lang = max(scores, key=scores.get)
        if scores[lang] >= 3 and scores[lang] > 2 * min(scores.values()):
            out.append((lang, line))
    return out


def inject_slips(backend: str, count: int, seed: int = 8):
    """Yield (lang, line, start, slipped word, original) for `count` random single slips
    (a letter dropped, doubled, swapped, replaced or added) in dictionary words of real
    sentences, each slip giving a string that is no word of the language."""
    rng = random.Random(seed)
    sentences = _sentences()
    made = 0
    while made < count:
        lang, line = rng.choice(sentences)
        lex = spellcheck.load_lexicon(lang, backend=backend)
        words = [m for m in re.finditer(r"(?<![\w'’-])[^\W\d_A-Z]{6,}(?![\w'’-])", line)
                 if lex.is_word(m.group())]
        if not words:
            continue
        m = rng.choice(words)
        w = m.group()
        i = rng.randrange(len(w))
        kind = rng.choice(("drop", "double", "swap", "replace", "add"))
        letters = "abcdefghijklmnopqrstuvwxyzéèà"
        if kind == "drop":
            slipped = w[:i] + w[i + 1:]
        elif kind == "double":
            slipped = w[:i] + w[i] + w[i:]
        elif kind == "swap" and i < len(w) - 1 and w[i] != w[i + 1]:
            slipped = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        elif kind == "replace":
            slipped = w[:i] + rng.choice(letters.replace(w[i], "")) + w[i + 1:]
        elif kind == "add":
            slipped = w[:i] + rng.choice(letters) + w[i:]
        else:
            continue
        others = [spellcheck.load_lexicon(o, backend=backend) for o in ("nl", "fr", "en") if o != lang]
        if lex.known(slipped) or any(o.accepts_foreign(slipped) for o in others):
            continue   # a slip that makes another word cannot be found by a spelling checker
        made += 1
        yield lang, line[:m.start()] + slipped + line[m.end():], m.start(), slipped, w


def test_injected_slips_in_real_sentences_are_found(backend):
    found = right = total = 0
    missed = []
    for lang, line, start, slipped, original in inject_slips(backend, 200):
        total += 1
        other = "fr" if lang == "nl" else "nl"
        hits = [h for h in find_misspellings(line, lang, foreign_langs=(other, "en"), backend=backend)
                if h.start <= start < h.end]
        if hits:
            found += 1
            right += hits[0].suggestions[:1] == (original,)
        else:
            missed.append((slipped, original))
    assert found >= 0.95 * total, f"found {found}/{total}; missed {missed}"
    assert right >= 0.8 * found, f"right first suggestion {right}/{found}"


def test_suggestions_are_dictionary_words(backend):
    """No suggestion is a recombined compound or a one-letter edit no dictionary has."""
    for lang, line, start, slipped, original in inject_slips(backend, 120, seed=3):
        lex = spellcheck.load_lexicon(lang, backend=backend)
        other = "fr" if lang == "nl" else "nl"
        for hit in find_misspellings(line, lang, foreign_langs=(other, "en"), backend=backend):
            for suggestion in hit.suggestions:
                for word in re.split(r"[ ']", suggestion):
                    assert lex.is_word(word.lower()) or any(
                        spellcheck.load_lexicon(o, backend=backend).is_word(word.lower())
                        for o in (other, "en")), (hit.word, suggestion)


@pytest.mark.parametrize("lang,word", [("nl", "beletselen"), ("nl", "onderwerpelijke"),
                                       ("fr", "parcellaire"), ("nl", "gevangenisstraf"),
                                       ("nl", "verkeersveiligheid"), ("fr", "soustraira")])
def test_dictionary_and_compound_words_are_known(lang, word, backend):
    assert spellcheck.load_lexicon(lang, backend=backend).known(word)


def test_old_spellings_are_their_own_kind(backend):
    hits = find_misspellings("De produkten tusschen de partijen.", "nl", backend=backend)
    assert [(h.word, h.kind, h.suggestions[0]) for h in hits] == [
        ("produkten", "old", "producten"), ("tusschen", "old", "tussen")]
