"""No text a clerk feeds bilint may crash it or hang it (issue 5).

Property tests over the whole pipeline: any text, any bytes, any mix of the two languages
gives diagnostics or a clean ``InputError`` (the CLI's exit 2), never another exception,
never a hang (an alarm bounds each example generously: a hang, not a timing, fails).
The fuzz script runs here in a short version; ``tools/fuzz.py --seconds 1200`` is the
long one. The network is blocked for the whole suite (``conftest.no_network``).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import re
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilint.engine import Settings, lint_paths
from bilint.model import Diagnostic
from bilint.source import InputError

from .conftest import NO_NETWORK_BOOT, NetworkBlocked

ROOT = Path(__file__).resolve().parents[1]
HANG_SECONDS = 60   # generous: an example takes well under a second; this catches hangs only

PROPERTY = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Hang(BaseException):
    """BaseException, so that no ``except Exception`` in bilint can swallow it."""


@contextlib.contextmanager
def hang_guard(seconds: float = HANG_SECONDS):
    def alarm(signum, frame):  # noqa: ARG001
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def lint_or_input_error(paths: list[str], texts: dict[str, str] | None = None,
                        layout: str = "auto") -> list[Diagnostic] | None:
    """Diagnostics, or None for a clean InputError; any other exception fails the test."""
    with hang_guard():
        try:
            bitext, diagnostics = lint_paths(paths, Settings(layout=layout), texts)
        except InputError as error:
            assert str(error) and "\n" not in str(error).strip(), "an input error is one line"
            return None
    assert isinstance(diagnostics, list)
    for diagnostic in diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1
        assert (diagnostic.span.end_line, diagnostic.span.end_column) >= (diagnostic.span.line, 1)
        assert diagnostic.message
    return diagnostics


# --- strategies ------------------------------------------------------------------------

NL = [
    "De Benelux-landen versterken hun samenwerking in de strijd tegen de drugshandel.",
    "Gelet op:", "Overwegende dat:", "Beveelt aan:", "Artikel 1.", "Art. 7bis.", "HOOFDSTUK II.",
    "de minister brengt jaarlijks verslag uit aan het parlement op 12 maart 2021;",
    "l. de criminale organisaties maken gebruik van de havens van Antwerpen en Rotterdam;",
    "Het Comité van Ministers heeft op 3 juni 2020 de aanbeveling aangenomen.",
]
FR = [
    "Les pays du Benelux renforcent leur coopération dans la lutte contre le trafic de drogue.",
    "Vu :", "Considérant que :", "Recommande :", "Article 1er.", "Art. 7bis.", "CHAPITRE PREMIER.",
    "le ministre fait rapport chaque année au parlement le 12 mars 2021 ;",
    "l. les organisations criminelles utilisent les ports d'Anvers et de Rotterdam ;",
    "Le Comité de Ministres a adopté la recommandation le 3 juin 2020.",
]
LABELS = ["", "", "1) ", "1. ", "a) ", "l. ", "(iv) ", "§ 2. ", "- ", "• ", "i. ", "2°) ", "[^1]: ", "# ", "**"]
NOISE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def bilingual(draw) -> str:
    """Blocks of the two languages, interleaved or sectioned, with labels and noise."""
    count = draw(st.integers(0, 25))
    blocks = []
    for _ in range(count):
        pool = draw(st.sampled_from([NL, FR, NL + FR]))
        text = draw(st.sampled_from(LABELS)) + draw(st.sampled_from(pool))
        if draw(st.booleans()):
            text += draw(NOISE)
        blocks.append(text)
    if draw(st.booleans()):
        blocks.sort(key=lambda b: any(b.endswith(s) for s in FR))   # sectioned-looking
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\r\r", "\n\n\n"]))
    return separator.join(blocks)


SUFFIXES = st.sampled_from([".md", ".txt", ".html", ".xml", ""])


# --- properties --------------------------------------------------------------------------

@PROPERTY
@given(text=st.text(max_size=3000), suffix=SUFFIXES, layout=st.sampled_from(["auto", "interleaved", "sectioned"]))
def test_any_text(text, suffix, layout):
    path = f"doc{suffix}"
    lint_or_input_error([path], {path: text}, layout)


@PROPERTY
@given(text=bilingual(), suffix=SUFFIXES, layout=st.sampled_from(["auto", "interleaved", "sectioned"]))
def test_any_mix_of_the_two_languages(text, suffix, layout):
    path = f"doc{suffix}"
    lint_or_input_error([path], {path: text}, layout)


@PROPERTY
@given(nl=bilingual(), fr=bilingual(), suffix=st.sampled_from([".md", ".html", ".txt"]))
def test_any_pair(nl, fr, suffix):
    paths = [f"act.nl{suffix}", f"act.fr{suffix}"]
    lint_or_input_error(paths, {paths[0]: nl, paths[1]: fr})


BOMS = st.sampled_from([b"", b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"])


@PROPERTY
@given(data=st.binary(max_size=3000), bom=BOMS, suffix=SUFFIXES)
def test_any_bytes_on_disk(data, bom, suffix):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"doc{suffix}"
        path.write_bytes(bom + data)
        lint_or_input_error([str(path)])


@PROPERTY
@given(text=bilingual(), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252", "latin-1", "utf-32"]),
       suffix=SUFFIXES)
def test_any_encoding_on_disk(text, encoding, suffix):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"doc{suffix}"
        path.write_bytes(text.encode(encoding, "replace"))
        lint_or_input_error([str(path)])


# --- the command line ----------------------------------------------------------------------

def run_cli(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """The CLI in a child process with the network blocked."""
    return subprocess.run([sys.executable, "-c", NO_NETWORK_BOOT, *args], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout, **kwargs)


def assert_clean_exit(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1, 2), (result.returncode, result.stderr)
    if result.returncode == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("bilint: "), result.stderr
        assert "internal error" not in lines[0], lines[0]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=2000), bilingual().map(lambda t: t.encode("utf-8"))),
       suffix=st.sampled_from([".md", ".html"]), form=st.sampled_from(["text", "json"]))
def test_cli_on_any_file(data, suffix, form):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"doc{suffix}"
        path.write_bytes(data)
        result = run_cli("check", "--no-config", "--format", form, str(path))
    assert_clean_exit(result)
    if form == "json" and result.returncode in (0, 1):
        document = json.loads(result.stdout)
        assert isinstance(document["diagnostics"], list)


# --- the fuzz script, short --------------------------------------------------------------

def test_short_fuzz_run(tmp_path):
    spec = importlib.util.spec_from_file_location("bilint_fuzz", ROOT / "tools" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    status = fuzz.main(["--seconds", "20", "--seed", "0", "--timeout", "120", "--max-size", "6000",
                        "--out", str(tmp_path)])
    failures = sorted(p.name for p in tmp_path.glob("fail-*.txt"))
    assert status == 0, "fuzzing found: " + ", ".join(failures)


# --- no network ----------------------------------------------------------------------------

def test_the_network_is_blocked_in_tests():
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(NetworkBlocked):
            sock.connect(("127.0.0.1", 9))


def test_the_network_is_blocked_in_cli_children(tmp_path):
    probe = NO_NETWORK_BOOT.replace("from bilint.cli import main", "socket.create_connection(('127.0.0.1', 9))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "network access attempted" in result.stderr


def test_a_lint_opens_no_connection(tmp_path):
    """The whole pipeline on the example runs with the guard on (it would raise)."""
    example = ROOT / "examples" / "benelux-2021-drugs.md"
    assert lint_or_input_error([str(example)])


# --- bilint fix ------------------------------------------------------------------------------
# Text outside the fixed spans stays byte-identical, a second run changes nothing, and an
# interrupted write leaves the original file intact.

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")   # bilint's lines (not str.splitlines: \x1e, \u2028…)
FIXABLE = ["  ", " ;", " :", "  ,", "\u00a0\u00a0", " !", "de de", "et  et"]


def run_main(*args: str) -> tuple[int, str]:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from bilint.cli import main

    out, err = io.StringIO(), io.StringIO()
    with hang_guard(), redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    assert "internal error" not in err.getvalue(), err.getvalue()
    return status, out.getvalue()


@st.composite
def fixable(draw) -> str:
    text = draw(bilingual())
    chars = list(text)
    for _ in range(draw(st.integers(0, 12))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(FIXABLE)))
    return "".join(chars)


def _changed_lines(old_text: str, new_text: str) -> set[int]:
    """1-based numbers of the lines of ``old_text`` that differ in ``new_text``."""
    import difflib

    changed: set[int] = set()
    old_lines, new_lines = _LINES.findall(old_text), _LINES.findall(new_text)
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            changed.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    return changed


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=fixable(), ending=st.sampled_from(["\n", "\r\n"]), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
       unsafe=st.booleans())
def test_fix_touches_only_fixed_lines_and_is_idempotent(text, ending, encoding, unsafe):
    import difflib

    from bilint.source import decode

    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", ending)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "act.md"
        path.write_bytes(text.encode(encoding, "replace"))
        before = path.read_bytes()
        flags = ["--unsafe-fixes"] if unsafe else []
        status, report = run_main("check", "--no-config", "--format", "json", str(path))
        if status == 2:
            return
        fixed_lines: set[int] = set()
        for diagnostic in json.loads(report)["diagnostics"]:
            if diagnostic["fix"] is not None:
                fix = diagnostic["fix"]
                first = min(diagnostic["line"], fix.get("line", diagnostic["line"]))
                last = max(diagnostic["end_line"], fix.get("end_line", diagnostic["end_line"]))
                fixed_lines.update(range(first, last + 1))
        run_main("fix", "--no-config", *flags, str(path))
        after = path.read_bytes()
        old_text, _ = decode(before, str(path))
        new_text, _ = decode(after, str(path))
        old_lines, new_lines = _LINES.findall(old_text), _LINES.findall(new_text)
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
            if tag != "equal":
                touched = set(range(i1 + 1, max(i2, i1 + 1) + 1)) if tag != "insert" else {i1, i1 + 1}
                assert touched & fixed_lines, f"lines {i1 + 1}-{i2} changed without a fix there"
        if after != before:
            assert after.startswith(before[:2]) or not before[:2] in (b"\xff\xfe", b"\xfe\xff"), "BOM lost"
        # Fixes never compose on one word within a run (issue 9: "authorities" respelt by one
        # rule, then "corrected" by another), so a fix that leaves a new finding on the
        # words it rewrote ("et  etd'Anvers" -> "et et d'Anvers", then the repeated word) is
        # left to the next run: that run may touch only lines the first one changed, and
        # the run after it nothing.
        changed_first = _changed_lines(old_text, new_text)
        run_main("fix", "--no-config", *flags, str(path))
        second = path.read_bytes()
        if second != after:
            second_text, _ = decode(second, str(path))
            assert _changed_lines(new_text, second_text) <= changed_first, \
                "a second bilint fix changed lines the first one did not touch"
            run_main("fix", "--no-config", *flags, str(path))
            assert path.read_bytes() == second, "a third bilint fix changed the file again"
        leftovers = [p.name for p in Path(directory).iterdir() if p.name != "act.md"]
        assert not leftovers, leftovers


@pytest.mark.parametrize("failure", ["replace", "write", "interrupt"])
def test_interrupted_fix_leaves_the_original_intact(tmp_path, monkeypatch, failure):
    import os as os_module

    from bilint import fixes

    path = tmp_path / "act.md"
    original = ("De  Benelux-landen versterken hun samenwerking ; les pays du  Benelux renforcent leur "
                "coopération .\n").encode("utf-8")
    path.write_bytes(original)
    if failure == "replace":
        def broken_replace(*args, **kwargs):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(os_module, "replace", broken_replace)
        with pytest.raises(InputError):
            fixes.write_atomic(str(path), b"new contents")
    else:
        real_fdopen = os_module.fdopen
        error = KeyboardInterrupt() if failure == "interrupt" else OSError(5, "Input/output error")

        class Failing:
            def __init__(self, stream):
                self.stream = stream

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.stream.close()
                return False

            def write(self, data):
                self.stream.write(data[: len(data) // 2])
                raise error

        monkeypatch.setattr(os_module, "fdopen", lambda *a, **k: Failing(real_fdopen(*a, **k)))
        with pytest.raises((InputError, KeyboardInterrupt)):
            fixes.write_atomic(str(path), b"new contents, half written")
    assert path.read_bytes() == original


def test_fix_changes_exactly_the_fixed_spans(tmp_path):
    """The property test's anchor: a known text whose two safe fixes are applied byte-exactly."""
    path = tmp_path / "act.md"
    # (BL502 reads two spaces before a capitalised word as a flattened line break, so the
    # French double space stands before a lower-case word)
    before = ("De Benelux-landen  versterken hun samenwerking ; in de strijd.\r\n\r\n"
              "Les pays  du Benelux renforcent leur coopération ; dans la lutte.\r\n")
    path.write_bytes(before.encode("cp1252"))
    status, _ = run_main("fix", "--no-config", "--extend-select", "BL502", str(path))   # BL502 is opt-in
    assert status in (0, 1)
    assert path.read_bytes() == before.replace("landen  ", "landen ").replace("pays  ", "pays ").encode("cp1252")
    run_main("fix", "--no-config", "--extend-select", "BL502", str(path))
    assert path.read_bytes() == before.replace("landen  ", "landen ").replace("pays  ", "pays ").encode("cp1252")
