"""Named pathological inputs (issue 5): each gets a result or one clear line and exit 2.

Every case runs the real command line in a child process (network blocked), with a
generous time limit that catches a hang, never a slowness: timings are measured by
``bench/run.py``, not asserted here.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bilint.source import InputError, read_source

from .conftest import NO_NETWORK_BOOT

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "benelux-2021-drugs.md"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def cli(*args: str, timeout: float = 300, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-c", NO_NETWORK_BOOT, "check", "--no-config", *args],
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=timeout)


def result(process: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """A result: exit 0 or 1, nothing on stderr that looks like a crash."""
    assert "Traceback" not in process.stderr and "internal error" not in process.stderr, process.stderr[-3000:]
    assert process.returncode in (0, 1), (process.returncode, process.stderr[-3000:])
    return process


def clear_error(process: subprocess.CompletedProcess, *words: str) -> str:
    """One clear line on stderr and exit 2."""
    assert process.returncode == 2, (process.returncode, process.stdout[-2000:], process.stderr[-2000:])
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1, process.stderr
    assert lines[0].startswith("bilint: ") and "internal error" not in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def diagnostics(process: subprocess.CompletedProcess) -> list[tuple]:
    data = json.loads(process.stdout)
    return [(d["line"], d["column"], d["end_line"], d["end_column"], d["code"], d["message"])
            for d in data["diagnostics"]]


# --- contents ---------------------------------------------------------------------------

def test_empty_file(tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    result(cli(str(path)))


def test_only_one_language(tmp_path):
    path = tmp_path / "nl.md"
    path.write_text("Artikel 1. De wet is van toepassing op alle burgers van het Koninkrijk, zonder "
                    "enig onderscheid.\n\nArtikel 2. De minister voert deze wet uit en brengt jaarlijks "
                    "verslag uit aan het parlement.\n", encoding="utf-8")
    process = result(cli("--format", "json", str(path)))
    assert any(code == "BL002" for *_, code, _ in diagnostics(process))


def test_three_languages(tmp_path):
    path = tmp_path / "three.md"
    path.write_text(TEXT[:6000] + "\n\nArticle 1. This act applies to every citizen of the Kingdom without "
                    "any distinction whatsoever.\n\nDer Minister führt dieses Gesetz aus und berichtet "
                    "jährlich dem Parlament über die Durchführung.\n", encoding="utf-8")
    result(cli(str(path)))


def test_ten_megabyte_file(tmp_path):
    """The whole reading, layout, parsing and alignment path on 10 MB (the structure and
    numbering rules; every rule on such a size is the benchmark's scaling row)."""
    path = tmp_path / "big.md"
    unit = (TEXT + "\n\n").encode("utf-8")
    path.write_bytes((unit * (10_000_000 // len(unit) + 1))[:10_000_000])
    result(cli("--select", "BL0,BL1", str(path), timeout=900))


def test_single_one_megabyte_line(tmp_path):
    path = tmp_path / "line.md"
    words = "de wet is van toepassing op de rechten en les droits de la personne humaine "
    path.write_text((words * (1_000_000 // len(words) + 1))[:1_000_000], encoding="utf-8")
    result(cli(str(path)))


def test_ten_thousand_list_items(tmp_path):
    path = tmp_path / "items.md"
    items = "".join(f"{i}) het lid nummer {i} van de lijst;\n\n{i}) le membre numéro {i} de la liste ;\n\n"
                    for i in range(1, 10_001))
    path.write_text("Artikel 1.\n\nArticle 1er.\n\n" + items, encoding="utf-8")
    result(cli(str(path)))


def test_deeply_nested_numbering(tmp_path):
    labels = ["1)", "a)", "i)", "-", "(1)", "(a)", "1.", "a.", "§ 1.", "•"]
    lines = [f"{'  ' * depth}{labels[depth % len(labels)]} niveau {depth} van de lijst, "
             f"le niveau {depth} de la liste :" for depth in range(300)]
    path = tmp_path / "nested.md"
    path.write_text("Artikel 1.\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result(cli(str(path)))


# --- encodings and line endings ----------------------------------------------------------

def test_invalid_utf8(tmp_path):
    path = tmp_path / "invalid.md"
    data = TEXT.encode("utf-8")
    path.write_bytes(data[:5000] + b"\xff\xfe\xc3\x28\xa0\xa1\xed\xa0\x80" + data[5000:])
    result(cli(str(path)))


def test_utf16_with_bom_gives_the_same_findings(tmp_path):
    plain, utf16 = tmp_path / "plain.md", tmp_path / "utf16.md"
    plain.write_text(TEXT, encoding="utf-8")
    utf16.write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    assert diagnostics(result(cli("--format", "json", str(utf16)))) == \
        diagnostics(result(cli("--format", "json", str(plain))))


def test_windows_1252_files(tmp_path):
    text = TEXT.encode("cp1252", "replace").decode("cp1252")
    plain, legacy = tmp_path / "plain.md", tmp_path / "legacy.md"
    plain.write_text(text, encoding="utf-8")
    legacy.write_bytes(text.encode("cp1252"))
    read_legacy = diagnostics(result(cli("--format", "json", str(legacy))))
    # the same findings, and one warning that the encoding was a guess
    guessed = [d for d in read_legacy if d[4] == "BL005"]
    assert len(guessed) == 1 and "cp1252" in guessed[0][5]
    assert [d for d in read_legacy if d[4] != "BL005"] == diagnostics(result(cli("--format", "json", str(plain))))
    html = tmp_path / "chamber.html"   # the Chamber's older HTML, declared or not
    body = "".join(f"<p>{block}</p>\n" for block in text.split("\n\n"))
    html.write_bytes(f'<html><head><meta http-equiv="Content-Type" content="text/html; '
                     f'charset=windows-1252"></head><body>{body}</body></html>'.encode("cp1252"))
    result(cli(str(html)))


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings_keep_positions(tmp_path, ending):
    plain, other = tmp_path / "lf.md", tmp_path / "other.md"
    plain.write_bytes(TEXT.encode("utf-8"))
    other.write_bytes(TEXT.replace("\n", ending).encode("utf-8"))
    assert diagnostics(result(cli("--format", "json", str(other)))) == \
        diagnostics(result(cli("--format", "json", str(plain))))


# --- files that are not texts -------------------------------------------------------------

def test_binary_file(tmp_path):
    path = tmp_path / "program.md"
    path.write_bytes(Path(sys.executable).resolve().read_bytes()[:200_000])
    clear_error(cli(str(path)), "binary")


def test_directory_given_as_a_file(tmp_path):
    folder = tmp_path / "act.md"
    folder.mkdir()
    process = cli(str(folder))
    assert "Traceback" not in process.stderr
    if process.returncode == 2:
        clear_error(process)
    else:
        result(process)   # the CLI walks folders: an empty one is linted as nothing
    with pytest.raises(InputError, match="directory"):
        read_source(str(folder))


def test_missing_file(tmp_path):
    clear_error(cli(str(tmp_path / "absent.md")), "no such file")


def test_file_without_read_permission():
    """Run as root, ``chmod 000`` stops nothing; the CLI runs as ``nobody`` instead."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run the CLI as another user")
    directory = Path(tempfile.mkdtemp(prefix="bilint-perm-"))
    try:
        directory.chmod(0o755)
        path = directory / "secret.md"
        path.write_text(TEXT, encoding="utf-8")
        path.chmod(0o000)
        process = cli(str(path), prefix=(setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"))
        if "ModuleNotFoundError" in process.stderr or "Permission denied: '" in process.stderr:
            pytest.skip("user nobody cannot read the Python installation: " + process.stderr[-200:])
        clear_error(process, "permission denied")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
