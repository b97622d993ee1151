"""The ``bilint`` command. Exit codes: 0 clean, 1 findings at or above the fail level,
2 a usage or input error, printed as one line on stderr (never a traceback)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__


def _lint_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH",
                         help="files, or folders to walk (git-ignored files and config excludes are skipped)")
    command.add_argument("--format", default="auto",
                         help="auto, rich, text, json, sarif, github, junit, html or csv (default: auto: github under "
                              "GitHub Actions, rich on a terminal, text otherwise)")
    command.add_argument("--languages", help="the language pair, e.g. nl,fr (default: config, else nl,fr)")
    command.add_argument("--layout", help="auto, interleaved, pair or sectioned (default: auto)")
    command.add_argument("--select", help="comma-separated rule codes, prefixes or names to run (replaces the config's)")
    command.add_argument("--extend-select", help="comma-separated rule codes or prefixes to run besides the selection")
    command.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")
    command.add_argument("--fail-level", help="error, warning or info (default: warning)")
    command.add_argument("--words", action="append", default=[], metavar="FILE",
                         help="a project word list (one word a line); may be repeated")
    command.add_argument("--glossary", action="append", default=[], metavar="FILE",
                         help="a project glossary file; may be repeated")
    command.add_argument("--config", help="a bilint.toml or pyproject.toml to use instead of the nearest one")
    command.add_argument("--no-config", action="store_true", help="ignore configuration files")
    command.add_argument("--no-suppressions", action="store_true",
                         help="ignore <!-- bilint: disable… --> comments in the texts")
    command.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                         help="lint N documents in parallel processes (0: one a CPU; default 1)")
    command.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bilint", description="Lint bilingual legislative texts: numbering, chronology, spelling, parity.")
    parser.add_argument("--version", action="version", version=f"bilint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint files (one interleaved or sectioned file, or a NAME.nl/NAME.fr pair)")
    _lint_options(check)
    check.add_argument("--baseline", metavar="FILE",
                       help="a baseline file: its findings are accepted and not reported")
    check.add_argument("--update-baseline", action="store_true",
                       help="write the current findings to the --baseline file and exit 0")
    check.add_argument("--stdin-filename", metavar="NAME",
                       help="with the path '-': read the text from standard input and lint it as the file NAME")

    fix = commands.add_parser("fix", help="apply the findings' safe fixes to the files")
    _lint_options(fix)
    fix.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fix.add_argument("--unsafe-fixes", action="store_true",
                     help="apply unsafe fixes too (a suggested word, a fix that rewrites the other language)")

    commands.add_parser("rules", help="list the rules: code, name, category, severity, summary")
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="CODE|NAME")
    server = commands.add_parser("server", help="run the language server on standard input/output (needs bilint[server])")
    server.add_argument("--no-cache", action="store_true",
                        help="do not read or write the result cache (.bilint_cache beside the configuration)")
    return parser


class UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "fix":
            return _fix(args)
        if args.command == "rules":
            return _rules()
        if args.command == "explain":
            return _explain(args.rule)
        if args.command == "server":
            return _server(not args.no_cache)
        parser.print_help()
        return 2
    except KeyboardInterrupt:
        print("bilint: interrupted", file=sys.stderr)
        return 2
    except BrokenPipeError:   # the reader of our output went away (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:  # one clear line, never a traceback
        from .source import InputError

        if isinstance(error, (InputError, UsageError)):
            print(f"bilint: {error}", file=sys.stderr)
        else:
            print(f"bilint: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _request(args):
    from .runner import Request

    languages = _split(args.languages)
    if args.languages is not None and len(languages) != 2:
        raise UsageError(f"--languages needs two codes, e.g. nl,fr (got {args.languages!r})")
    if args.fail_level is not None:
        _threshold(args.fail_level)
    if args.jobs < 0:
        raise UsageError(f"--jobs must be 0 or more (got {args.jobs})")
    return Request(
        languages=(languages[0], languages[1]) if languages else None,
        layout=args.layout,
        select=_split(args.select) if args.select is not None else None,
        extend_select=_split(args.extend_select),
        ignore=_split(args.ignore),
        fail_level=args.fail_level,
        words=args.words,
        glossaries=args.glossary,
        config=args.config,
        use_config=not args.no_config,
        inline=not args.no_suppressions,
    )


def _threshold(level: str):
    from .model import Severity

    try:
        return Severity.parse(level)
    except ValueError as error:
        raise UsageError(f"--fail-level: {error}") from None


def documents(paths: Sequence[str], languages: tuple[str, str]) -> list[list[str]]:
    """Group the given paths into documents: a NAME.nl/NAME.fr pair is one document."""
    from .layouts import counterpart, pair_name

    groups: list[list[str]] = []
    taken: set[str] = set()
    normalized = {os.path.normpath(p): p for p in paths}
    for path in paths:
        key = os.path.normpath(path)
        if key in taken:
            continue
        taken.add(key)
        parts = pair_name(path)
        other = counterpart(path, languages) if parts and parts[1] in languages else None
        if other is not None:
            taken.add(os.path.normpath(other))
            pair = [normalized.get(os.path.normpath(other), other), path]
            groups.append(sorted(pair, key=lambda p: languages.index(pair_name(p)[1])))
        else:
            groups.append([path])
    return groups


def _formatter(args):
    from .formatters import get_formatter

    try:
        return get_formatter(args.format, sys.stdout)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _progress(args, jobs) -> bool:
    """A progress bar for runs of many documents, on a terminal only."""
    return len(jobs) >= 8 and sys.stderr.isatty() and args.format in ("auto", "rich")


def _check(args) -> int:
    from .runner import plan, run

    if args.update_baseline and not args.baseline:
        raise UsageError("--update-baseline needs --baseline FILE")
    render = _formatter(args)
    request = _request(args)
    request.keep_documents = getattr(render, "needs_documents", False)   # html, csv: the texts too
    if args.stdin_filename is not None or "-" in args.paths:
        from .stdin import lint_stdin

        results = lint_stdin(args.paths, args.stdin_filename, request, sys.stdin.buffer)
    else:
        jobs = plan(args.paths, request)
        results = run(jobs, args.jobs, _progress(args, jobs))
    if args.baseline:
        from .baseline import Baseline, write

        if args.update_baseline:
            count = write(args.baseline, [d for result in results for d in result.diagnostics])
            print(f"bilint: {count} finding{'s' if count != 1 else ''} recorded in {args.baseline}", file=sys.stderr)
            return 0
        baseline = Baseline.read(args.baseline)
        for result in results:
            result.diagnostics = baseline.filter(result.diagnostics)
    return _report(args, render, results)


def _report(args, render, results) -> int:
    diagnostics = [d for result in results for d in result.diagnostics]
    files = [f for result in results for f in result.files]
    if args.statistics:
        _statistics(diagnostics)
    elif getattr(render, "needs_documents", False):
        render(diagnostics, files, sys.stdout, __version__, bitexts=[r.bitext for r in results if r.bitext])
    else:
        render(diagnostics, files, sys.stdout, __version__)
    return 1 if any(result.failed() for result in results) else 0


def _statistics(diagnostics) -> None:
    from collections import Counter

    counts = Counter((d.code, d.name) for d in diagnostics)
    fixable = Counter((d.code, d.name) for d in diagnostics if d.fix is not None)
    width = max((len(str(n)) for n in counts.values()), default=1)
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = " [*]" if fixable[(code, name)] else ""
        print(f"{count:>{width}}  {code}  {name}{mark}")
    total = sum(counts.values())
    print(f"{total} finding{'s' if total != 1 else ''}" + (" ([*] has fixes: bilint fix)" if fixable else ""))


def _fix(args) -> int:
    from .fixes import fix_document, unified_diff, write_fixed
    from .runner import Result, plan

    render = None if args.diff else _formatter(args)
    jobs = plan(args.paths, _request(args))
    outcomes = [fix_document(job, args.unsafe_fixes) for job in jobs]
    if args.diff:
        changed = False
        for outcome in outcomes:
            for path, (before, after) in outcome.changed.items():
                sys.stdout.write(unified_diff(path, before, after))
                changed = True
            for note in outcome.notes:
                print(f"bilint: {note}", file=sys.stderr)
        return 1 if changed else 0
    results = []
    for job, outcome in zip(jobs, outcomes):
        for path, (before, after) in outcome.changed.items():
            write_fixed(path, before, after)
        for note in outcome.notes:
            print(f"bilint: {note}", file=sys.stderr)
        if outcome.applied:
            count = len(outcome.applied)
            print(f"bilint: fixed {count} finding{'s' if count != 1 else ''} in {', '.join(outcome.changed)}",
                  file=sys.stderr)
        results.append(Result(outcome.files, outcome.remaining, job.fail_level))
    return _report(args, render, results)


def _find_rule(name: str):
    from .plugins import all_rules

    for rule in all_rules():
        if name.upper() == rule.code or name.lower() == rule.name:
            return rule
    raise UsageError(f"no rule {name!r} (see 'bilint rules')")


def _rules() -> int:
    from rich.console import Console
    from rich.table import Table

    from .plugins import all_rules

    table = Table("code", "name", "category", "severity", "summary")
    for rule in all_rules():
        table.add_row(rule.code, rule.name, rule.category, str(rule.severity), rule.summary)
    Console(markup=False, highlight=False).print(table)
    return 0


def _server(cache: bool) -> int:
    try:
        from .lsp.server import main as serve
    except ImportError as error:
        raise UsageError(f"the language server needs pygls: pip install 'bilint[server]' ({error})") from None
    return serve(cache)


def _explain(name: str) -> int:
    import inspect

    rule = _find_rule(name)
    print(f"{rule.code} {rule.name} ({rule.category}, default severity {rule.severity})\n")
    print(inspect.cleandoc(rule.doc))
    if rule.options:
        print("\nDefaults: " + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items()))
    return 0
