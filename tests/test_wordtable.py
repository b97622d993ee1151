"""The compact word table answers exactly as a bisection over the whole sorted list did."""

from __future__ import annotations

import bisect
import gzip
import random
from pathlib import Path

import pytest

from bilint_rules import _wordtable
from bilint_rules._wordtable import BLOCK, WordTable

WORDS = Path(__file__).resolve().parents[1] / "rules" / "data" / "words"


def _bisection(lines: list[str], word: str) -> str | None:
    """The lookup the spelling engine made before: the first line at or after ``word\\t``."""
    key = word + "\t"
    found = bisect.bisect_left(lines, key)
    if found < len(lines) and lines[found].startswith(key):
        return lines[found][len(key):]
    return None


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BILINT_LEXICON_DIR", str(tmp_path / "lexicon"))
    return tmp_path / "lexicon"


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_same_answers_as_a_bisection_of_the_whole_list(folder, lang):
    source = WORDS / f"{lang}.tsv.gz"
    lines = gzip.decompress(source.read_bytes()).decode("utf-8").split("\n")
    lines.pop() if not lines[-1] else None
    built = WordTable.open(source)
    assert len(list(folder.glob("*.lex"))) == 1
    loaded = WordTable.open(source)       # this time from the compact file
    rng = random.Random(7)
    sample = rng.sample(lines, 5000) + lines[:BLOCK + 1] + lines[-BLOCK - 1:] + lines[::BLOCK][:200]
    words = [line.split("\t")[0] for line in sample]
    probes = words + [w[:-1] for w in words] + [w + "e" for w in words] + ["", "\uffff", "zzzz", "a\t"]
    for probe in probes:
        assert loaded.value(probe) == _bisection(lines, probe), probe
    assert [built.value(w) for w in words[:500]] == [loaded.value(w) for w in words[:500]]
    assert list(loaded.every(BLOCK)) == lines[::BLOCK]
    assert list(loaded.every(7))[:1000] == lines[::7][:1000]
    assert len(loaded) == len(lines)


def test_a_damaged_compact_file_is_rebuilt(folder):
    source = WORDS / "nl.tsv.gz"
    WordTable.open(source)
    (compact,) = folder.glob("*.lex")
    compact.write_bytes(compact.read_bytes()[:1000])
    assert WordTable.open(source).value("verdrag") is not None
    assert compact.stat().st_size > 1000
    compact.write_bytes(b"not a table at all")
    assert WordTable.open(source).value("verdrag") is not None


def test_an_unwritable_folder_builds_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("BILINT_LEXICON_DIR", str(blocker / "lexicon"))
    table = WordTable.open(WORDS / "fr.tsv.gz")
    assert table.value("traité") is not None and table.value("traitéx") is None


def test_a_changed_list_gets_a_new_table(folder, tmp_path):
    source = tmp_path / "xx.tsv.gz"
    source.write_bytes(gzip.compress("aap\t50\nnoot\t40\n".encode()))
    assert WordTable.open(source).value("noot") == "40"
    source.write_bytes(gzip.compress("aap\t50\nmies\t30\nnoot\t41\n".encode()))
    table = WordTable.open(source)
    assert table.value("noot") == "41" and table.value("mies") == "30"


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("BILINT_LEXICON_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _wordtable.lexicon_folder() == tmp_path / "bilint" / "lexicon"


def test_copies_of_one_list_share_a_table_and_old_tables_are_pruned(folder, tmp_path):
    # the same list in two checkouts (other paths, other modification times): one table
    for place in ("one", "two"):
        copy = tmp_path / place / "xx.tsv.gz"
        copy.parent.mkdir()
        copy.write_bytes(gzip.compress(b"aap\t50\nnoot\t40\n", mtime=0))
        assert WordTable.open(copy).value("aap") == "50"
    assert len(list(folder.glob("xx-*.lex"))) == 1
    # successive versions of the list: no more than KEEP tables stay behind
    source = tmp_path / "xx.tsv.gz"
    for version in range(_wordtable.KEEP + 3):
        source.write_bytes(gzip.compress(f"aap\t{version}\n".encode(), mtime=0))
        assert WordTable.open(source).value("aap") == str(version)
    assert len(list(folder.glob("xx-*.lex"))) == _wordtable.KEEP


def test_decoded_blocks_are_bounded_and_answers_unchanged(folder, monkeypatch):
    # a long run looks words up all over the list: the decoded blocks must not all stay
    monkeypatch.setattr(_wordtable, "DECODED_BLOCKS", 4)
    lines = [f"w{number:06d}\t{number}" for number in range(40 * BLOCK)]
    table = WordTable.from_text("\n".join(lines).encode("utf-8"))
    for number in random.Random(3).sample(range(40 * BLOCK), 500):
        assert table.value(f"w{number:06d}") == str(number)
        assert len(table._blocks) <= 4
    assert table.value("w999999") is None
