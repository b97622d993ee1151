"""The HTML and CSV reports, read as a parser reads them (the browser tests are apart).

Hostile text in a legislative file or in its name must stay text: one script element (the
report's own, allowed by its hash), no event-handler attribute, no link out of the page.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from functools import lru_cache
from html.parser import HTMLParser

import pytest

from tests.conftest import EXAMPLE
from tests.helpers import BROKEN, run, write

# the reader decodes &lt; to "<": the Dutch item's text holds a real <script> element
HOSTILE_TEXT = ("&lt;script&gt;document.title='pwned'&lt;/script&gt; javascript:alert(1) \"onerror=alert(1) "
                "<img src=x onerror=\"document.title='pwned'\"> \u202egniwollof\u202c")
HOSTILE_NAME = '"><img src=x onerror=alert(1)>.md'


def hostile_text() -> str:
    """The workflow text with hostile markup in its first Dutch item, next to a typo."""
    return BROKEN.replace("de aanbeveling over de samenwerking",
                          f"de aanbeveling {HOSTILE_TEXT} over de samenwerkking")


class Page(HTMLParser):
    """Elements, attributes and text of a page, as a browser's tokenizer sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data
        else:
            self.text.append(data)

    def all(self, tag: str, **wanted: str) -> list[dict]:
        return [attrs for name, attrs in self.elements if name == tag
                and all(wanted_value in (attrs.get(key) or "").split() for key, wanted_value in wanted.items())]


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


@lru_cache(maxsize=None)   # the example's reports are read by several tests
def report(*args: str, fmt: str = "html") -> str:
    result = run("check", "--no-config", "--format", fmt, *args)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def test_every_finding_is_highlighted_once_on_the_example():
    expected = json.loads(report(str(EXAMPLE), fmt="json"))["diagnostics"]
    page = Page(report(str(EXAMPLE)))
    first = page.all("mark", **{"class": "first"})
    assert sorted(int(m["data-f"]) for m in first) == list(range(1, len(expected) + 1))
    assert all(m["id"] == f"f{m['data-f']}" and m["tabindex"] == "-1" for m in first)
    # every finding is in the list, with its rule's documentation embedded in the page
    items = page.all("li")
    listed = [item for item in items if "data-f" in item]
    assert [item["data-rule"] for item in listed] == [d["code"] for d in expected]
    ids = {attrs.get("id") for _, attrs in page.elements}
    for code in {d["code"] for d in expected}:
        assert f"rule-{code}" in ids
    assert "Why" in "".join(page.text)


def test_the_two_versions_are_columns_with_their_language():
    page = Page(report(str(EXAMPLE)))
    cells = page.all("div", **{"class": "c"})
    langs = {cell["lang"] for cell in cells}
    assert langs == {"nl", "fr"}
    text = "".join(page.text)
    assert "stabilitet" in text and "métamphétamines" in text
    # the spelling finding's span is exactly the flagged word
    marks = re.findall(r'<mark class="f s-warning first"[^>]*>([^<]*)</mark>', report(str(EXAMPLE)))
    assert "stabilitet" in marks and "métamphétamines" in marks


def test_a_provision_in_one_version_only_faces_a_marked_empty_cell(tmp_path):
    nl = "Gelet op:\n\n1. de aanbeveling over de samenwerking;\n\n2. het jaarplan van de Benelux;\n"
    fr = "Vu:\n\n1. la recommandation sur la coopération;\n"
    path = write(tmp_path / "short.md", nl + "\n" + fr)
    page = Page(report(str(path)))
    absent = page.all("div", **{"class": "absent"})
    assert [cell["lang"] for cell in absent] == ["fr"]
    assert "not in the fr version" in "".join(page.text)


def test_hostile_text_and_file_name_stay_text(tmp_path):
    path = write(tmp_path / HOSTILE_NAME, hostile_text())
    html = report(str(path))
    page = Page(html)
    assert len(page.scripts) == 1 and not page.all("script")[0].get("src")
    assert not page.all("img")
    for tag, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            if name in attrs:
                assert attrs[name].startswith("#") or attrs[name] == "data:,", (tag, attrs)
    text = "".join(page.text)
    assert "<script>document.title='pwned'</script>" in text    # shown, not run
    assert HOSTILE_NAME in text and "javascript:alert(1)" in text
    # a bidirectional override would reorder what the clerk reads: it is shown, not obeyed
    assert "[U+202E]gniwollof[U+202C]" in text and "\u202e" not in html


def test_the_content_security_policy_allows_only_the_reports_own_style_and_script():
    page = Page(report(str(EXAMPLE)))
    (meta,) = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == f"'{sha256(page.scripts[0])}'"
    assert policy["style-src"] == f"'{sha256(page.styles[0])}'"
    assert policy["base-uri"] == "'none'"


def test_a_folder_is_one_report_with_a_table_of_contents(tmp_path):
    write(tmp_path / "a.md", BROKEN)
    write(tmp_path / "b.md", hostile_text())
    expected = json.loads(report(str(tmp_path), fmt="json"))["diagnostics"]
    page = Page(report(str(tmp_path)))
    toc = [a["href"] for a in page.all("a") if a.get("href", "").startswith("#doc-")]
    assert toc == ["#doc-1", "#doc-2"]
    assert len(page.all("mark", **{"class": "first"})) == len(expected)


def test_csv_has_a_bom_one_row_a_finding_and_both_versions():
    expected = json.loads(report(str(EXAMPLE), fmt="json"))["diagnostics"]
    text = report(str(EXAMPLE), fmt="csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [(r["rule"], r["line"], r["column"]) for r in rows] == \
        [(d["code"], str(d["line"]), str(d["column"])) for d in expected]
    typo = next(r for r in rows if r["flagged"] == "stabilitet")
    assert "sociale stabilitet" in typo["text nl"] and "de stabilité" in typo["text fr"]


def test_csv_cells_that_look_like_formulas_are_defused(tmp_path):
    text = BROKEN.replace("2. het jaarplan", "2. =HYPERLINK(\"http://x\") het jaarplan")
    write(tmp_path / "=cmd.md", text)
    result = run("check", "--no-config", "--format", "csv", "=cmd.md", cwd=tmp_path)
    rows = list(csv.reader(io.StringIO(result.stdout[1:])))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells, "the text has findings"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'=cmd.md" in cells


@pytest.mark.parametrize("value, expected", [("=1+1", "'=1+1"), ("+32", "'+32"), ("-x", "'-x"),
                                             ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("art. 1", "art. 1")])
def test_defuse(value, expected):
    from bilint.formatters.csv import defuse

    assert defuse(value) == expected


def test_overlapping_findings_nest_and_keep_every_character():
    from bilint.formatters.bitext_view import PRIMARY, RELATED, Finding, Mark
    from bilint.formatters.html import _Writer
    from bilint.model import Diagnostic, Severity, Span

    def finding(number: int) -> Finding:
        return Finding(number, Diagnostic("t.md", Span(1, 1, 1, 2), "BL999", "test", "spelling",
                                          Severity.WARNING, f"message {number} <b>", "nl"))

    writer = _Writer({1: finding(1), 2: finding(2)})
    html = writer.marked("a <b> & c", [Mark(0, 5, 1, PRIMARY), Mark(2, 9, 2, PRIMARY), Mark(9, 9, 1, RELATED)])
    page = Page(html)
    assert "".join(page.text) == "a <b> & c"
    firsts = page.all("mark", **{"class": "first"})
    assert [m["id"] for m in firsts] == ["f1", "f2"]
    assert [m["data-f"] for m in page.all("mark")] == ["1", "1", "2", "2", "1"]   # split where they overlap
    assert "message 1 <b>" in firsts[0]["title"]


def test_fix_reports_the_remaining_findings_in_the_fixed_text(tmp_path):
    text = write(tmp_path / "drugs.md", EXAMPLE.read_text(encoding="utf-8"))
    result = run("fix", "--no-config", "--format", "html", str(text))
    assert result.returncode == 1, result.stderr
    remaining = json.loads(report(str(text), fmt="json"))["diagnostics"]
    page = Page(result.stdout)
    assert len(page.all("mark", **{"class": "first"})) == len(remaining) > 0
    assert "Findings outside the texts shown" not in "".join(page.text)


def test_documents_linted_in_parallel_give_the_same_report(tmp_path):
    """With -j the Bitexts come back from worker processes (pickled): the report must not change."""
    write(tmp_path / "a.md", BROKEN)
    write(tmp_path / "b.md", hostile_text())
    serial = run("check", "--no-config", "--format", "html", str(tmp_path))
    parallel = run("check", "--no-config", "--format", "html", "-j", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 1, parallel.stderr
    assert parallel.stdout == serial.stdout
    assert len(Page(parallel.stdout).all("mark", **{"class": "first"})) > 0
