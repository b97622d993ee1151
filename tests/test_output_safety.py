"""Output escapes document content; configuration and texts are data only (issue 5).

- No terminal escape sequence, control character or rich markup taken from a text (or
  a file name) reaches the terminal raw, in the rich and text formats (nor in GitHub
  annotations, which the Actions log renders as a terminal does).
- JSON and SARIF parse back, JUnit is well-formed XML, whatever the text contains.
- Nothing in a configuration file or a text is evaluated.

The formatters are fed diagnostics whose every string field is hostile (a rule may quote
any text), and the whole pipeline is run on hostile texts.
"""

from __future__ import annotations

import ast
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilint.engine import Settings, lint_paths
from bilint.model import Diagnostic, Fix, Location, Related, Severity, Span

from .conftest import NO_NETWORK_BOOT

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "benelux-2021-drugs.md"

HOSTILE = [
    "\x1b[2J\x1b[H",                       # clear the screen
    "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07",   # OSC 8 hyperlink
    "\x1b]0;pwned\x07",                    # set the window title
    "\x9b31m", "\x1bP+q\x1b\\",             # C1 CSI, DCS
    "\x07", "\x08\x08\x08", "\r", "\x00", "\x7f", "\x85",
    "[bold red]markup[/bold red]", "[link=https://evil.example]x[/link]", ":smiley:",
    "\u202eevil\u202c", "\u2066x\u2069",   # bidi overrides
    "</testcase><script>x</script>", "]]>", "&amp;", "%0A::error::forged", "::warning::forged",
    "\ud7ff\ufffe\uffff", "\U0001f600",
]
# what a formatter may legitimately emit itself: SGR colour sequences (rich, on a terminal)
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def hostile_text(draw_list: list[str]) -> str:
    return "vóór " + "".join(draw_list) + " après"


def diagnostic(text: str, path: str = "act.md") -> Diagnostic:
    span = Span(1, 1, 1, 5)
    where = Location(path, span, "fr", 0, 4)
    return Diagnostic(path, span, "BL999", "hostile", "typography", Severity.WARNING,
                      f"'{text}' looks odd", "nl",
                      (Related(where, f"the fr version: {text}", text),),
                      Fix(text, safe=False, location=where), f"line {text} end")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def render(name: str, diagnostics: list[Diagnostic], terminal: bool = False) -> str:
    from bilint.formatters import get_formatter

    stream = Terminal() if terminal else io.StringIO()
    files = [{"path": d.path, "languages": ["nl", "fr"], "layout": "interleaved"} for d in diagnostics[:1]]
    get_formatter(name, stream)(diagnostics, files, stream, "0.0-test")
    return stream.getvalue()


def assert_no_raw_controls(output: str, where: str) -> None:
    visible = _SGR.sub("", output)
    for char in visible:
        code = ord(char)
        if char in "\n\t":
            continue
        assert not (code < 0x20 or 0x7f <= code < 0xa0), f"{where}: raw {char!r} reached the output"


TERMINAL_FORMATS = ["rich", "text", "github"]
@pytest.mark.parametrize("name", TERMINAL_FORMATS)
@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "tty"])
def test_terminal_formats_escape_hostile_text(name, terminal):
    diagnostics = [diagnostic(text) for text in HOSTILE]
    output = render(name, diagnostics, terminal)
    assert_no_raw_controls(output, name)
    if name == "rich":
        assert "[bold red]markup[/bold red]" in output, "rich markup in a text must print as written"


@pytest.mark.parametrize("name", TERMINAL_FORMATS)
def test_file_names_are_escaped_too(name):
    """A file name is text from outside too (``a\\x1b[2J.md`` is a valid name)."""
    diagnostics = [diagnostic("x", path="act\x1b[2J\x07.md")]
    assert_no_raw_controls(render(name, diagnostics), name)


def test_machine_formats_are_well_formed_whatever_the_text():
    diagnostics = [diagnostic(text) for text in HOSTILE]
    document = json.loads(render("json", diagnostics))
    assert [d["message"] for d in document["diagnostics"]] == [d.message for d in diagnostics]
    sarif = json.loads(render("sarif", diagnostics))
    assert sarif["runs"]
    ET.fromstring(render("junit", diagnostics))


CHARS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(CHARS, st.lists(st.sampled_from(HOSTILE), max_size=6).map("".join)),
       path=st.one_of(st.just("act.md"), CHARS.map(lambda t: f"dir/{t}.md")))
def test_every_format_survives_any_string(text, path):
    diagnostics = [diagnostic(text, path)]
    for name in TERMINAL_FORMATS:
        assert_no_raw_controls(render(name, diagnostics, terminal=True), name)
    json.loads(render("json", diagnostics))
    json.loads(render("sarif", diagnostics))
    ET.fromstring(render("junit", diagnostics))


def test_hostile_text_through_the_whole_pipeline():
    """A real lint: the hostile strings sit on lines with findings (a typo, a double space)."""
    base = EXAMPLE.read_text(encoding="utf-8").split("\n")
    lines = []
    for index, line in enumerate(base):
        lines.append(line)
        if line.strip() and index % 7 == 0:
            lines[-1] = line + " criminale  " + HOSTILE[index % len(HOSTILE)]
    text = "\n".join(lines)
    _, diagnostics = lint_paths(["act.md"], Settings(), {"act.md": text})
    assert diagnostics
    for name in TERMINAL_FORMATS:
        assert_no_raw_controls(render(name, diagnostics, terminal=True), name)
    json.loads(render("json", diagnostics))
    ET.fromstring(render("junit", diagnostics))


# --- configuration and texts are data ----------------------------------------------------------

def _calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ("eval", "exec", "__import__") or (isinstance(func, ast.Name) and name == "compile"):
                found.append(f"{path.name}:{node.lineno} {name}()")
            if isinstance(func, ast.Attribute) and name in ("load", "loads") and \
                    isinstance(func.value, ast.Name) and func.value.id in ("pickle", "marshal", "yaml", "shelve"):
                found.append(f"{path.name}:{node.lineno} {func.value.id}.{name}()")
    return found


def test_nothing_is_evaluated():
    """No eval/exec/compile/__import__/pickle in bilint or the rule pack."""
    offenders = []
    for folder in (ROOT / "bilint", ROOT / "rules"):
        for path in sorted(folder.rglob("*.py")):
            offenders += _calls(path)
    assert not offenders, offenders


@pytest.mark.parametrize("config", [
    'select = "__import__(\'os\').system(\'touch {marker}\')"\n',
    'plugins = ["os:system"]\n',
    '[rules.spelling]\nbackend = "__import__(\'os\').system(\'touch {marker}\')"\n',
    'words = ["$(touch {marker})"]\n',
])
def test_configuration_is_data_only(tmp_path, config):
    marker = tmp_path / "PWNED"
    (tmp_path / "bilint.toml").write_text(config.format(marker=marker), encoding="utf-8")
    (tmp_path / "act.md").write_text(EXAMPLE.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    process = subprocess.run([sys.executable, "-c", NO_NETWORK_BOOT, "check", str(tmp_path / "act.md")],
                             capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert not marker.exists()
    assert "Traceback" not in process.stderr
    assert process.returncode in (0, 1, 2)
    if process.returncode == 2:
        assert len(process.stderr.strip().splitlines()) == 1, process.stderr


def test_a_text_cannot_run_code(tmp_path):
    marker = tmp_path / "PWNED"
    payloads = [f"{{{{ __import__('os').system('touch {marker}') }}}}", f"${{touch {marker}}}",
                f"<!-- bilint: disable=__import__('os').system('touch {marker}') -->",
                f"<script>require('child_process').exec('touch {marker}')</script>"]
    text = "\n\n".join(payloads + [EXAMPLE.read_text(encoding="utf-8")[:3000]])
    for suffix in (".md", ".html"):
        lint_paths([f"act{suffix}"], Settings(), {f"act{suffix}": text})
    assert not marker.exists()
