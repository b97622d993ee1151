"""The clerk's report: both versions side by side in one self-contained HTML file.

Each document is a grid of aligned provisions (one row a pair of ``bitext.pairs``), each
finding highlighted on its characters, its related span highlighted in the other
version. Everything from a text, a file name or a message is escaped; the page loads
nothing (no network, no file) and its Content-Security-Policy lets only its own style
sheet and script run, named by their SHA-256, so hostile text cannot run script even if
an escape were missed. The script only adds filters and keyboard navigation.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Iterable, Sequence, TextIO

from ..model import Bitext, Diagnostic
from .bitext_view import PRIMARY, Cell, DocumentView, Finding, Row, build_all, complete

SEVERITIES = ("error", "warning", "info")
NO_LANGUAGE = "none"


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy(style: str, script: str) -> str:
    """Nothing may load; only this style sheet and this script (by hash) may apply or run."""
    return ("default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
            f"style-src '{_sha256(style)}'; script-src '{_sha256(script)}'")


# Controls and bidirectional overrides are invisible, and an override reorders what
# follows it: in a legislative text each is shown as its code point, so that the clerk
# sees it and nothing is hidden or reordered (line breaks and tabs stay).
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(value: str) -> str:
    return _INVISIBLE.sub(lambda match: f"[U+{ord(match.group()):04X}]", value)


def _text(value: str) -> str:
    return escape(_visible(value), quote=False)


def _attr(value: str) -> str:
    return escape(_visible(value), quote=True)


def _rule_docs(codes: Iterable[str]) -> dict[str, tuple[str, str]]:
    """code -> (name, documentation) for the rules that have findings in the report."""
    import inspect

    from ..plugins import all_rules

    wanted = set(codes)
    return {rule.code: (rule.name, inspect.cleandoc(rule.doc)) for rule in all_rules() if rule.code in wanted}


def _anchor(code: str) -> str:
    """A fragment id from a rule code (codes come from plugins: keep only safe characters)."""
    return "rule-" + "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in code)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _lang(diagnostic: Diagnostic) -> str:
    return diagnostic.lang or NO_LANGUAGE


def _describe(finding: Finding) -> str:
    d = finding.diagnostic
    return f"{finding.number}. {d.code} {d.name} ({d.severity}, {_lang(d)}): {d.message}"


class _Writer:
    def __init__(self, findings: dict[int, Finding]) -> None:
        self.findings = findings
        self.out: list[str] = []
        self.opened: set[int] = set()   # findings whose first mark (with the id) is written

    def write(self, *parts: str) -> None:
        self.out.extend(parts)

    # --- one cell's text with its marks --------------------------------------------------

    def marked(self, text: str, marks: list) -> str:
        """``text`` with nested <mark>s: a mark a finding, split where findings overlap."""
        if not marks:
            return _text(text)
        bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
        points: dict[int, list] = {}
        for mark in marks:
            if mark.start == mark.end:
                points.setdefault(mark.start, []).append(mark)
        spans = sorted((m for m in marks if m.end > m.start), key=lambda m: (m.start, -m.end, m.number))
        html: list[str] = []
        for left, right in zip(bounds, bounds[1:] + [None]):
            for mark in points.pop(left, []):
                html.append(self.open(mark, point=True) + "</mark>")
            if right is None:
                break
            covering = [m for m in spans if m.start <= left and m.end >= right]
            html.extend(self.open(m) for m in covering)
            html.append(_text(text[left:right]))
            html.append("</mark>" * len(covering))
        return "".join(html)

    def open(self, mark, point: bool = False) -> str:
        finding = self.findings[mark.number]
        severity = str(finding.diagnostic.severity)
        if mark.role != PRIMARY:
            related = next((r.message for r in finding.diagnostic.related if r.message), "")
            title = f"related to {_describe(finding)}" + (f" ({related})" if related else "")
            return f'<mark class="rel{" wide" if mark.wide else ""}" data-f="{mark.number}" title="{_attr(title)}">'
        classes = f"f s-{severity}" + (" point" if point else "")
        extra = ""
        if mark.number not in self.opened:
            self.opened.add(mark.number)
            classes += " first"
            extra = f' id="f{mark.number}" tabindex="-1" data-n="{mark.number}"'
        return f'<mark class="{classes}" data-f="{mark.number}"{extra} title="{_attr(_describe(finding))}">'

    def cell(self, cell: Cell | None, lang: str, other: str) -> None:
        if cell is None:
            self.write(f'<div class="absent" role="cell" lang="{_attr(lang)}"><span class="ui" lang="en">'
                       f'not in the {_text(lang)} version (only in {_text(other)})</span></div>')
            return
        label_marks = [m for m in cell.marks if m.part == "label"]
        text_marks = [m for m in cell.marks if m.part == "text"]
        label = self.marked(cell.label, label_marks) if cell.label else ""
        self.write(f'<div class="c" role="cell" lang="{_attr(lang)}">')
        if label:
            self.write(f'<span class="label">{label}</span>')
        self.write(self.marked(cell.text, text_marks), "</div>")

    def notes(self, numbers: Sequence[int]) -> None:
        """The printed margin notes of a row (none: no cell, a long code has thousands of rows)."""
        if not numbers:
            return
        self.write('<div class="notes" role="cell"><ol>')
        for number in numbers:
            d = self.findings[number].diagnostic
            self.write(f'<li value="{number}"><b>{_text(d.code)}</b> {_text(str(d.severity))} '
                       f"({_text(_lang(d))}): {_text(d.message)}</li>")
        self.write("</ol></div>")


def _summary(w: _Writer, findings: Sequence[Finding], docs: dict) -> None:
    per_rule: dict[tuple[str, str], Counter] = {}
    for finding in findings:
        d = finding.diagnostic
        per_rule.setdefault((d.code, d.name), Counter())[str(d.severity)] += 1
    w.write('<table class="summary"><caption class="ui">Findings per rule and severity</caption><thead><tr>'
            '<th scope="col">rule</th><th scope="col">name</th>',
            *(f'<th scope="col">{s}</th>' for s in SEVERITIES), '<th scope="col">total</th></tr></thead><tbody>')
    for (code, name), counts in sorted(per_rule.items()):
        rule = f'<a href="#{_anchor(code)}">{_text(code)}</a>' if code in docs else _text(code)
        w.write(f'<tr><th scope="row">{rule}</th><td class="name">{_text(name)}</td>',
                *(f"<td>{counts[s] or ''}</td>" for s in SEVERITIES), f"<td>{sum(counts.values())}</td></tr>")
    totals = Counter(str(f.diagnostic.severity) for f in findings)
    w.write('<tr><th scope="row" colspan="2">all rules</th>', *(f"<td>{totals[s]}</td>" for s in SEVERITIES),
            f"<td>{len(findings)}</td></tr></tbody></table>")


def _filters(w: _Writer, findings: Sequence[Finding], languages: Sequence[str]) -> None:
    severities = Counter(str(f.diagnostic.severity) for f in findings)
    langs = Counter(_lang(f.diagnostic) for f in findings)
    rules = Counter(f.diagnostic.code for f in findings)
    w.write('<form class="filters ui" id="filters" aria-label="Filter the findings">')

    def group(name: str, legend: str, values: Iterable[str], counts: Counter) -> None:
        w.write(f"<fieldset><legend>{legend}</legend>")
        for value in values:
            w.write(f'<label><input type="checkbox" name="{name}" value="{_attr(value)}" checked> '
                    f'{_text(value)} <span class="count">({counts[value]})</span></label>')
        if name == "rule" and len(counts) > 1:
            w.write(f'<button type="button" data-all="on" data-name="{name}">all</button> '
                    f'<button type="button" data-all="off" data-name="{name}">none</button>')
        w.write("</fieldset>")

    group("severity", "Severity", [s for s in SEVERITIES if severities[s]], severities)
    group("lang", "Language", [lang for lang in [*languages, NO_LANGUAGE] if langs[lang]], langs)
    group("rule", "Rule", sorted(rules), rules)
    w.write("</form>")


def _finding_list(w: _Writer, findings: Sequence[Finding], docs: dict) -> None:
    w.write('<aside id="findings" aria-labelledby="findings-title" class="ui">'
            f'<h2 id="findings-title">Findings (<span id="shown">{len(findings)}</span> shown of {len(findings)})</h2>'
            "<ol>")
    for finding in findings:
        d = finding.diagnostic
        severity = str(d.severity)
        where = f"{d.path}:{d.span.line}:{d.span.column}"
        w.write(f'<li data-f="{finding.number}" data-rule="{_attr(d.code)}" data-severity="{severity}" '
                f'data-lang="{_attr(_lang(d))}"><a class="goto" href="#f{finding.number}">'
                f'<span class="n">{finding.number}.</span> <span class="sev s-{severity}">{severity}</span> '
                f"<code>{_text(d.code)}</code> <span>{_text(_lang(d))}</span> "
                f'<span class="msg">{_text(d.message)}</span> <span class="where">{_text(where)}</span></a>')
        if d.code in docs:
            w.write(f' <a class="doc" href="#{_anchor(d.code)}">{_text(d.code)} {_text(docs[d.code][0])}: '
                    "the rule's documentation</a>")
        w.write("</li>")
    w.write("</ol></aside>")


def _document(w: _Writer, index: int, view: DocumentView) -> None:
    first, second = view.languages
    names = " + ".join(view.paths)
    w.write(f'<section class="document" id="doc-{index}" aria-labelledby="doc-{index}-title">'
            f'<h2 id="doc-{index}-title">{_text(names)}</h2>'
            f'<p class="ui count" id="doc-{index}-about">{_count(len(view.rows), "aligned provision")}, '
            f'{_count(len(view.findings), "finding")}</p>'
            f'<div class="bitext" role="table" aria-describedby="doc-{index}-about" aria-labelledby="doc-{index}-title">'
            f'<div class="row head" role="row"><div role="columnheader" lang="{_attr(first)}">'
            f"{_text(_language_name(first))}</div>"
            f'<div role="columnheader" lang="{_attr(second)}">{_text(_language_name(second))}</div>'
            '<div role="columnheader" class="notes">notes</div></div>')
    if view.whole:
        w.write(f'<div class="row" role="row" id="doc-{index}-whole"><div class="whole ui" role="cell">'
                "About the whole document: ")
        for number in view.whole:
            finding = w.findings[number]
            w.opened.add(number)
            w.write(f'<mark class="f s-{finding.diagnostic.severity} first" id="f{number}" tabindex="-1" '
                    f'data-f="{number}" data-n="{number}" title="{_attr(_describe(finding))}">'
                    f"{_text(finding.diagnostic.message)}</mark> ")
        w.write("</div>")
        w.notes(view.whole)
        w.write("</div>")
    for number, row in enumerate(view.rows):
        _row(w, index, number, row, first, second)
    w.write("</div></section>")


def _blank(row: Row) -> bool:
    """A row with nothing to show: a node whose whole text is in its children's rows."""
    return all(cell is None or not (cell.label or cell.text or cell.marks) for cell in row.cells)


def _language_name(code: str) -> str:
    from ..lang import get_language

    try:
        return f"{get_language(code).name} ({code})"
    except Exception:   # a code with no language data still gets its column
        return code


def _row(w: _Writer, index: int, number: int, row: Row, first: str, second: str) -> None:
    if _blank(row):
        return
    kind = "".join(c for c in row.kind if c.isalnum())
    w.write(f'<div class="row k-{kind} dep-{min(row.depth, 4)}" role="row" id="doc-{index}-r{number}">')
    w.cell(row.cells[0], first, second)
    w.cell(row.cells[1], second, first)
    w.notes(row.notes)
    w.write("</div>")


def _elsewhere(w: _Writer, findings: Sequence[Finding]) -> None:
    """Findings on files with no side-by-side view (a file that could not be read)."""
    w.write('<section class="document" id="doc-other"><h2>Findings outside the texts shown</h2><ul>')
    for finding in findings:
        d = finding.diagnostic
        w.opened.add(finding.number)
        w.write(f'<li><mark class="f s-{d.severity} first" id="f{finding.number}" tabindex="-1" '
                f'data-f="{finding.number}" data-n="{finding.number}" title="{_attr(_describe(finding))}">'
                f"{_text(f'{d.path}:{d.span.line}:{d.span.column}')}</mark> {_text(d.message)}</li>")
    w.write("</ul></section>")


def _rules_section(w: _Writer, docs: dict) -> None:
    w.write('<section class="rules" aria-labelledby="rules-title"><h2 id="rules-title">The rules</h2>')
    for code in sorted(docs):
        name, doc = docs[code]
        w.write(f'<section class="rule" id="{_anchor(code)}"><h3>{_text(code)} {_text(name)}</h3>'
                f'<pre lang="en">{_text(doc)}</pre></section>')
    w.write("</section>")


def render(diagnostics: Sequence[Diagnostic], files: Sequence[dict], stream: TextIO, version: str,
           bitexts: Sequence[Bitext] = ()) -> None:
    """Write the report; ``bitexts`` are the documents linted (the CLI passes them)."""
    views, elsewhere = build_all(complete(bitexts, files), diagnostics)
    findings = [f for view in views for f in view.findings] + elsewhere
    docs = _rule_docs(f.diagnostic.code for f in findings)
    languages = list(dict.fromkeys(lang for view in views for lang in view.languages))
    style, script = _asset("report.css"), _asset("report.js")
    w = _Writer({f.number: f for f in findings})
    title = views[0].paths[0] if len(views) == 1 and views[0].paths else _count(len(views), "document")
    w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_attr(content_security_policy(style, script))}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">'
            f"<title>bilint report: {_text(title)}</title><style>{style}</style></head><body>"
            '<a class="skip" href="#findings">Skip to the findings</a><header>'
            f"<h1>bilint report: {_text(title)}</h1>"
            f"<p>{_count(len(findings), 'finding')} in {_count(len(views), 'document')}; "
            f"bilint {_text(version)}.</p>")
    if len(views) > 1:
        w.write('<nav class="toc ui" aria-label="Documents"><ol>')
        for index, view in enumerate(views, 1):
            w.write(f'<li><a href="#doc-{index}">{_text(" + ".join(view.paths))}</a> '
                    f'<span class="count">({_count(len(view.findings), "finding")})</span></li>')
        w.write("</ol></nav>")
    w.write('<div class="top">')
    _summary(w, findings, docs)
    _filters(w, findings, languages)
    w.write('</div><p class="keys ui">Keys: <kbd>j</kbd> or <kbd>n</kbd> next finding, <kbd>k</kbd> or '
            "<kbd>p</kbd> previous. Hover a highlight for its message; the list links to each rule's "
            "documentation.</p></header><div class=\"layout\">")
    _finding_list(w, findings, docs)
    w.write('<main id="main">')
    for index, view in enumerate(views, 1):
        _document(w, index, view)
    if elsewhere:
        _elsewhere(w, elsewhere)
    if docs:
        _rules_section(w, docs)
    w.write(f"</main></div><script>{script}</script></body></html>\n")
    stream.write("".join(w.out))


render.needs_documents = True  # type: ignore[attr-defined]
