"""bilint's diagnostics, fixes and rule documentation as LSP (lsprotocol) values."""

from __future__ import annotations

import inspect
from typing import Callable

from lsprotocol import types

from ..fixes import crosses_language, newline_of
from ..model import Diagnostic, Severity, Span
from .positions import LineIndex

SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
            Severity.INFO: types.DiagnosticSeverity.Information}


class Texts:
    """The line index of each text a lint read, by path (built once, on first use)."""

    def __init__(self, texts: dict[str, str], encoding: str) -> None:
        self.texts = texts
        self.encoding = encoding
        self.indexes: dict[str, LineIndex] = {}

    def index(self, path: str) -> LineIndex:
        if path not in self.indexes:
            self.indexes[path] = LineIndex(self.texts.get(path, ""), self.encoding)
        return self.indexes[path]

    def range(self, path: str, span: Span) -> types.Range:
        """A bilint span (1-based, in characters) as an LSP range."""
        index = self.index(path)
        start = index.from_span(span.line, span.column)
        end = index.from_span(span.end_line, span.end_column)
        return types.Range(types.Position(*start), types.Position(*max(start, end)))

    def offsets_range(self, path: str, start: int, end: int) -> types.Range:
        index = self.index(path)
        return types.Range(types.Position(*index.position(start)), types.Position(*index.position(end)))


def diagnostic(d: Diagnostic, texts: Texts, uri_of: Callable[[str], str]) -> types.Diagnostic:
    """One finding; its ``related`` spans (the other version's) become related information."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri_of(r.location.path), range=texts.range(r.location.path, r.location.span)),
            message=r.message or (f"the {r.location.lang} version" if r.location.lang else "related"))
        for r in d.related
    ]
    return types.Diagnostic(
        range=texts.range(d.path, d.span), message=d.message, severity=SEVERITY.get(d.severity),
        code=d.code, source="bilint", related_information=related or None,
        data={"name": d.name, "lang": d.lang, "fingerprint": d.fingerprint})


def problem(message: str) -> types.Diagnostic:
    """A configuration or input error, on the first line of the file."""
    return types.Diagnostic(range=types.Range(types.Position(0, 0), types.Position(0, 0)), message=message,
                            severity=types.DiagnosticSeverity.Error, source="bilint")


def fix_edit(d: Diagnostic, texts: Texts) -> types.TextEdit | None:
    """The fix of ``d`` as a text edit of the file ``d.fix.location.path``, as ``bilint fix`` applies it."""
    from ..fixes import _whole_line_if_left_blank

    fix = d.fix
    if fix is None or fix.location is None or fix.location.path not in texts.texts:
        return None
    text = texts.texts[fix.location.path]
    start, end = fix.location.start, fix.location.end
    if fix.replacement == "":   # a removal that leaves a blank line takes the line
        start, end = _whole_line_if_left_blank(text, start, end)
    replacement = fix.replacement.replace("\r\n", "\n").replace("\n", newline_of(text))
    return types.TextEdit(range=texts.offsets_range(fix.location.path, start, end), new_text=replacement)


def fix_action(d: Diagnostic, lsp: types.Diagnostic, texts: Texts,
               uri_of: Callable[[str], str]) -> types.CodeAction | None:
    """The fix as a quick fix: preferred when safe, labelled when it is not."""
    edit = fix_edit(d, texts)
    if edit is None:
        return None
    fix = d.fix
    safe = fix.safe and not crosses_language(d)
    flagged = _short(texts.texts[fix.location.path][fix.location.start:fix.location.end])
    if not fix.replacement:
        title = f"{d.code}: remove {flagged!r}"
    elif flagged:
        title = f"{d.code}: replace {flagged!r} with {_short(fix.replacement)!r}"
    else:
        title = f"{d.code}: insert {_short(fix.replacement)!r}"
    if crosses_language(d):
        title += f" in the {fix.location.lang or 'other'} version"
    if not safe:
        title += " (unsafe: check the result)"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[lsp],
                            is_preferred=safe or None,
                            edit=types.WorkspaceEdit(changes={uri_of(fix.location.path): [edit]}))


def fix_all_action(items: list[tuple[types.Diagnostic, Diagnostic]], path: str, texts: Texts,
                   uri_of: Callable[[str], str]) -> types.CodeAction | None:
    """Every safe fix of one file at once (``source.fixAll``), chosen as ``bilint fix`` chooses:
    the first of overlapping fixes wins; what a fix enables shows at the next lint."""
    from ..fixes import Edit, apply_edits

    lsp_of = {id(d): lsp for lsp, d in items}
    edits = [Edit(d.fix.location.start, d.fix.location.end, d.fix.replacement, d) for _, d in items
             if d.fix is not None and d.fix.location is not None and d.fix.location.path == path
             and d.fix.safe and not crosses_language(d)]
    if not edits or path not in texts.texts:
        return None
    _, chosen = apply_edits(texts.texts[path], edits)
    text_edits = [edit for edit in (fix_edit(e.diagnostic, texts) for e in chosen) if edit is not None]
    count = len(text_edits)
    return types.CodeAction(
        title=f"bilint: apply the {count} safe fix{'es' if count != 1 else ''} of this file",
        kind=types.CodeActionKind.SourceFixAll, diagnostics=[lsp_of[id(e.diagnostic)] for e in chosen],
        edit=types.WorkspaceEdit(changes={uri_of(path): text_edits}))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def disable_action(d: Diagnostic, lsp: types.Diagnostic, texts: Texts,
                   uri_of: Callable[[str], str]) -> types.CodeAction:
    """Write ``<!-- bilint: disable-next-line=CODE -->`` on its own line above the finding."""
    text = texts.texts.get(d.path, "")
    index = texts.index(d.path)
    line = min(max(d.span.line, 1), len(index.starts)) - 1
    start = index.starts[line]
    current = text[start:index.line_end(line)]
    indent = current[:len(current) - len(current.lstrip(" \t"))]
    comment = f"{indent}<!-- bilint: disable-next-line={d.code} -->{newline_of(text)}"
    position = types.Position(line, 0)
    edit = types.TextEdit(range=types.Range(position, position), new_text=comment)
    return types.CodeAction(title=f"Disable {d.code} ({d.name}) for this line", kind=types.CodeActionKind.QuickFix,
                            diagnostics=[lsp], edit=types.WorkspaceEdit(changes={uri_of(d.path): [edit]}))


def rule_documentation(code: str) -> str | None:
    """The documentation of the rule with this code or name as ``bilint explain`` shows it, in markdown."""
    from ..plugins import all_rules

    for rule in all_rules():
        if code.upper() == rule.code or code.lower() == rule.name:
            lines = [f"**{rule.code} {rule.name}** ({rule.category}, default severity {rule.severity})", "",
                     inspect.cleandoc(rule.doc)]
            if rule.options:
                lines += ["", "Defaults: " + ", ".join(f"`{k} = {v!r}`" for k, v in rule.options.items())]
            return "\n".join(lines)
    return None


def code_in_suppression(line: str, column: int) -> str | None:
    """The rule code or name under ``column`` (a character index) inside a ``<!-- bilint: … -->`` comment."""
    import re

    from ..suppress import _COMMENT

    for comment in _COMMENT.finditer(line):
        if comment.start("body") <= column <= comment.end("body"):
            for token in re.finditer(r"[A-Za-z][A-Za-z0-9-]*", comment.group("body")):
                if token.start() <= column - comment.start("body") <= token.end():
                    return token.group()
    return None
