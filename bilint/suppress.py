"""Inline suppression comments in the linted texts.

Directives are markdown/HTML comments, so that they never show in a rendered text::

    <!-- bilint: disable=BL101,spelling -->   … up to the next enable (or the end)
    <!-- bilint: enable -->                   (or enable=BL101 to end only that one)
    <!-- bilint: disable-next-line=BL301 -->  the next non-blank line
    <!-- bilint: disable-file -->             the whole file (or disable-file=BL3)

Each code is a rule code, a code prefix or a rule name; no code means every rule. A
directive suppresses a diagnostic when the diagnostic starts on a line it covers, in the
file the comment is in. The engine records what each directive suppressed, so that the
``unused-suppression`` rule (BL901) can report directives that no longer do anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .model import Diagnostic, Location

_COMMENT = re.compile(r"<!--\s*bilint\b(?P<colon>\s*:)?(?P<body>.*?)-->", re.S)
_BODY = re.compile(r"\s*(?P<action>[a-z-]+)\s*(?:=\s*(?P<codes>[^\s].*?))?\s*$", re.S)
ACTIONS = ("disable", "enable", "disable-next-line", "disable-file")


@dataclass
class Directive:
    """One ``<!-- bilint: … -->`` comment; ``hits`` counts what each code suppressed."""

    action: str                 # one of ACTIONS, or "invalid"
    codes: tuple[str, ...]      # empty: every rule
    location: Location          # the comment
    text: str                   # the comment as written
    first_line: int = 0         # the lines it covers (inclusive); 0 when none
    last_line: int = 0
    hits: dict[str, int] = field(default_factory=dict)   # code token ("" for all) -> count
    problem: str = ""           # for invalid directives

    def matches(self, diagnostic: Diagnostic) -> str | None:
        """The token that suppresses ``diagnostic``, or None."""
        if self.action not in ("disable", "disable-next-line", "disable-file"):
            return None
        if not self.first_line <= diagnostic.span.line <= self.last_line:
            return None
        if not self.codes:
            return ""
        return next((token for token in self.codes if token_matches(token, diagnostic.code, diagnostic.name)), None)


def token_matches(token: str, code: str, name: str) -> bool:
    return code.startswith(token.upper()) or token.lower() == name


def _split_codes(codes: str | None) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[\s,]+", codes or "") if part)


def parse_directives(text: str, location) -> list[Directive]:
    """The directives of one source text; ``location(start, end)`` makes a Location."""
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    lines = [text[start:(line_starts[i + 1] if i + 1 < len(line_starts) else len(text))]
             for i, start in enumerate(line_starts)]
    last = len(lines)
    directives: list[Directive] = []
    for match in _COMMENT.finditer(text):
        where = location(match.start(), match.end())
        body = _BODY.match(match.group("body"))
        action = body.group("action") if body else ""
        codes = _split_codes(body.group("codes")) if body else ()
        directive = Directive(action, codes, where, match.group(0))
        if match.group("colon") is None:
            # written as a directive but missing its colon: silently ignoring it would leave
            # the finding it was meant to silence, and hide that the comment does nothing
            directive.action = "invalid"
            directive.problem = ("malformed bilint comment, ignored: write '<!-- bilint: "
                                 f"{(action or 'disable') + ('=' + ','.join(codes) if codes else '')} -->' "
                                 "(a colon after 'bilint')")
        elif action not in ACTIONS:
            from .selectors import did_you_mean

            directive.action = "invalid"
            written = action or match.group('body').strip()
            directive.problem = (f"unknown bilint directive {written!r}{did_you_mean(written, ACTIONS)} "
                                 f"(use {', '.join(ACTIONS)})")
        elif action == "disable-file":
            directive.first_line, directive.last_line = 1, last
        elif action == "disable-next-line":
            line = where.span.end_line + 1
            while line <= last and (not lines[line - 1].strip()
                                    or _COMMENT.sub("", lines[line - 1]).strip() == ""):
                line += 1
            if line <= last:
                directive.first_line = directive.last_line = line
        directives.append(directive)
    # a disable region runs to the first later enable that covers its codes, or to the end
    for index, directive in enumerate(directives):
        if directive.action != "disable":
            continue
        directive.first_line, directive.last_line = directive.location.span.line, last
        for later in directives[index + 1:]:
            if later.action == "enable" and (not later.codes or set(directive.codes) <= set(later.codes)):
                directive.last_line = later.location.span.line
                break
    return directives


def collect(sources: Iterable, lang_of: dict[str, str | None]) -> list[Directive]:
    """The directives of every source (each once), in file order."""
    directives: list[Directive] = []
    seen: set[str] = set()
    for source in sources:
        if source.path in seen:
            continue
        seen.add(source.path)
        if "bilint" not in source.text:
            continue
        lang = lang_of.get(source.path)
        directives.extend(parse_directives(
            source.text, lambda s, e, source=source: source.location(s, e, lang)))
    return directives


def apply(diagnostics: Sequence[Diagnostic], directives: Sequence[Directive]) -> list[Diagnostic]:
    """The diagnostics no directive suppresses; counts each directive's hits."""
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        suppressed = False
        for directive in directives:
            if directive.location.path != diagnostic.path:
                continue
            token = directive.matches(diagnostic)
            if token is not None:
                directive.hits[token] = directive.hits.get(token, 0) + 1
                suppressed = True
        if not suppressed:
            kept.append(diagnostic)
    return kept


@dataclass
class Report:
    """What the engine hands the unused-suppression rule through ``bitext.config``."""

    directives: list[Directive]
    ran: frozenset[str]                     # codes of the rules that ran (and could have been suppressed)
    known: tuple[tuple[str, str], ...]      # (code, name) of every installed rule


def first_problem(directives: Sequence[Directive], known: tuple[tuple[str, str], ...]) -> str | None:
    """``path:line:col: …`` for the first malformed comment or unknown code, else None.

    BL901 reports these as findings; when it does not run (``--select BL1``), the run
    stops on them instead, so that a selection never makes a typo in a comment silent.
    """
    from .selectors import did_you_mean

    names = [name for pair in known for name in pair]
    for directive in directives:
        where = directive.location
        at = f"{where.path}:{where.span.line}:{where.span.column}"
        if directive.action == "invalid":
            return f"{at}: {directive.problem}"
        for token in directive.codes:
            if not any(token_matches(token, code, name) for code, name in known):
                return f"{at}: suppression comment names no rule {token!r}{did_you_mean(token, names)}"
    return None
