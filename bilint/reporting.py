"""Where a run's reports go and what they say around the findings.

Standard output gets ``--format``; each ``--output-file`` gets its paired
``--output-format`` (or the format its name says), so that one run prints a readable
log and writes SARIF, JUnit or GitLab reports. Then the notes on stderr: the closing
summary (for the one-line formats), stale baseline entries, available unsafe fixes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import __version__
from .i18n import ngettext
from .usage import UsageError

FORMAT_HELP = "rich, text, json, sarif, github, gitlab, junit, html or csv"
# what an --output-file's name says about its format, when no --output-format is paired with it
FORMAT_BY_SUFFIX = {".sarif": "sarif", ".xml": "junit", ".json": "json", ".txt": "text", ".log": "text"}


def outputs(args) -> list[tuple[str, str | None]]:
    """(format, file) for every report of the run; ``None`` is standard output."""
    from .formatters import FORMATS

    if len(args.output_format) > len(args.output_file):
        raise UsageError("--output-format needs an --output-file to go with it (one each, in order)")
    outputs: list[tuple[str, str | None]] = [(args.format, None)]
    for number, path in enumerate(args.output_file):
        if number < len(args.output_format):
            name = args.output_format[number]
        else:
            name = FORMAT_BY_SUFFIX.get(Path(path).suffix.lower())
            if name is None:
                raise UsageError(f"--output-file {path}: say its format with --output-format ({FORMAT_HELP})")
        if name not in FORMATS:
            from .selectors import did_you_mean

            raise UsageError(f"--output-format: unknown format {name!r}{did_you_mean(name, FORMATS)} "
                             f"(use {FORMAT_HELP})")
        if name in ("auto", "rich"):
            raise UsageError(f"--output-format: {name!r} cannot be written to a file (use {FORMAT_HELP})")
        outputs.append((name, path))
    for name, _ in outputs:
        renderer(name)   # an unknown format fails before any work is done
    return outputs


def renderer(name: str, stream=None):
    from .formatters import get_formatter

    try:
        return get_formatter(name, stream or sys.stdout)
    except ValueError as error:
        raise UsageError(str(error)) from None


def resolved_format(name: str) -> str:
    """``auto`` made concrete for standard output: github under Actions, rich on a terminal, else text."""
    if name != "auto":
        return name
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "rich" if sys.stdout.isatty() else "text"


class Run:
    """What one check or fix run found, and how it is reported."""

    def __init__(self, args, results, accepted: int = 0, stale: int = 0, baseline: str | None = None) -> None:
        self.args = args
        self.results = results
        self.accepted = accepted
        self.stale = stale
        self.baseline = baseline
        self.diagnostics = [d for result in results for d in result.diagnostics]
        self.files = [f for result in results for f in result.files]
        self.failing = {id(d) for result in results for d in result.diagnostics if d.severity >= result.fail_level}

    def failed(self) -> bool:
        return bool(self.failing)

    def render(self, name: str, stream) -> None:
        from .formatters import render_report

        name = resolved_format(name) if stream is sys.stdout else name
        summary = "" if self.args.quiet else self.summary()
        # each formatter takes the context it needs (render_report passes only what it accepts)
        render_report(name, self.diagnostics, self.files, stream, __version__,
                      failing=lambda d: id(d) in self.failing, summary=summary,
                      bitexts=[r.bitext for r in self.results if getattr(r, "bitext", None)])

    def summary(self) -> str:
        from .formatters.summary import summary_line

        return summary_line(self.diagnostics, len(self.files), self.accepted, self.failed())


def report(args, outcome: Run, outputs) -> int:
    """Write every report, then the notes on stderr; the exit code (0, or 1 for findings at the fail level)."""
    stdout_format = resolved_format(args.format)
    if args.statistics:
        statistics(outcome.diagnostics, as_json=stdout_format == "json")
    else:
        outcome.render(args.format, sys.stdout)
    for name, path in outputs[1:]:
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as stream:
                outcome.render(name, stream)
        except OSError as error:
            raise UsageError(f"{path}: cannot write the report ({error.strerror or error})") from None
    if not args.quiet:
        if outcome.stale:
            note = ngettext("{n} baseline entry in {path} no longer matches a finding "
                            "(drop it with: bilint check --update-baseline …)",
                            "{n} baseline entries in {path} no longer match a finding "
                            "(drop them with: bilint check --update-baseline …)", outcome.stale)
            print("bilint: " + note.format(n=outcome.stale, path=shown(outcome.baseline)), file=sys.stderr)
        if stdout_format in ("text", "github") and not args.statistics:
            # the report itself stays one line a finding, for grep and editors
            print(f"bilint: {outcome.summary()}", file=sys.stderr)
        unsafe_hint(outcome.diagnostics, args)
    if args.exit_zero:
        return 0
    return 1 if outcome.failed() else 0


def shown(path: str) -> str:
    """A path as the user would write it: relative to the working folder when under it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative


def unsafe_hint(diagnostics, args) -> None:
    """Say how many findings have a fix that ``--unsafe-fixes`` would apply (ruff does the same)."""
    from .fixes import applicable

    unsafe = sum(1 for d in diagnostics if d.fix is not None and not applicable(d, False) and applicable(d, True))
    if unsafe and not getattr(args, "unsafe_fixes", False):
        note = ngettext("{n} finding has an unsafe fix (a suggestion to check): bilint fix --unsafe-fixes applies it",
                        "{n} findings have an unsafe fix (a suggestion to check): bilint fix --unsafe-fixes "
                        "applies them", unsafe)
        print("bilint: " + note.format(n=unsafe), file=sys.stderr)


def statistics(diagnostics, as_json: bool = False) -> None:
    """The number of findings per rule, most frequent first: a table, or JSON."""
    from collections import Counter

    counts = Counter((d.code, d.name) for d in diagnostics)
    fixable = Counter((d.code, d.name) for d in diagnostics if d.fix is not None)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    total = sum(counts.values())
    if as_json:
        import json

        rows = [{"code": code, "name": name, "count": count, "fixable": fixable[(code, name)]}
                for (code, name), count in ordered]
        json.dump({"version": __version__, "statistics": rows, "total": total}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    width = max((len(str(n)) for n in counts.values()), default=1)
    for (code, name), count in ordered:
        mark = " [*]" if fixable[(code, name)] else ""
        print(f"{count:>{width}}  {code}  {name}{mark}")
    print(f"{total} finding{'s' if total != 1 else ''}" + (" ([*] has fixes: bilint fix)" if fixable else ""))
