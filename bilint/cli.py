"""The ``bilint`` command. Exit codes: 0 clean, 1 findings at or above the fail level,
2 a usage or input error, printed as one line on stderr (never a traceback).

Nothing a user types is guessed: options are never abbreviated (``--lang`` is not
``--languages``), and a mistyped subcommand, option or rule fails with the nearest
known one.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .i18n import ngettext

from .progress import StageDisplay, wants_bar, wants_stages
from .reporting import FORMAT_HELP, Run, report, shown
from .reporting import outputs as report_destinations
from .usage import UsageError


class _Parser(argparse.ArgumentParser):
    """argparse without abbreviations, whose errors say what was probably meant."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        import re

        from .selectors import did_you_mean

        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if choice:
            options = re.findall(r"'([^']*)'", choice.group(2))
            message = f"{message}{did_you_mean(choice.group(1), options)}"
        self.exit(2, f"{self.prog}: error: {message}\n")


def _lint_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="*", metavar="PATH",
                         help="files, or folders to walk (git-ignored files and config excludes are skipped)")
    command.add_argument("--pair", nargs=2, action="append", default=[], metavar=("FILE1", "FILE2"),
                         help="two files that are the two language versions of one document, in the order "
                              "of --languages when their names and contents do not tell; may be repeated")
    command.add_argument("--format", default="auto",
                         help=f"{FORMAT_HELP} (default: auto: github under GitHub Actions, rich on a "
                              "terminal, text otherwise)")
    command.add_argument("-o", "--output-file", action="append", default=[], metavar="FILE",
                         help="also write a report to FILE; may be repeated, each paired in order with an "
                              "--output-format (else the format comes from the name: .sarif, .xml (junit), "
                              ".json, .txt)")
    command.add_argument("--output-format", action="append", default=[], metavar="FORMAT",
                         help=f"the format of the matching --output-file: {FORMAT_HELP}")
    command.add_argument("--languages", help="the language pair, e.g. nl,fr (default: config, else nl,fr)")
    command.add_argument("--layout", help="auto, interleaved, pair or sectioned (default: auto)")
    command.add_argument("--select", help="comma-separated rule codes, prefixes or names to run (replaces the config's)")
    command.add_argument("--extend-select", help="comma-separated rule codes or prefixes to run besides the selection")
    command.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")
    command.add_argument("--fail-level", help="error, warning or info (default: warning)")
    command.add_argument("--monolingual", metavar="MODE",
                         help="a file with one language only and no counterpart: info (noted, not linted), "
                              "lint (linted with the single-language rules) or error (default: config, else info)")
    command.add_argument("--exit-zero", action="store_true",
                         help="exit 0 even when there are findings (2 still means a usage or input error)")
    command.add_argument("--words", action="append", default=[], metavar="FILE",
                         help="a project word list (one word a line); may be repeated")
    command.add_argument("--glossary", action="append", default=[], metavar="FILE",
                         help="a project glossary file; may be repeated")
    command.add_argument("--config", help="a bilint.toml or pyproject.toml to use instead of the nearest one")
    command.add_argument("--no-config", action="store_true", help="ignore configuration files")
    command.add_argument("--no-suppressions", action="store_true",
                         help="ignore <!-- bilint: disable… --> comments in the texts")
    command.add_argument("--baseline", metavar="FILE",
                         help="a baseline file: its findings are accepted, neither reported nor fixed "
                              "(default: the configuration's 'baseline')")
    command.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                         help="lint N documents in parallel processes (0: one a CPU; default 1)")
    command.add_argument("--statistics", action="store_true",
                         help="print the number of findings per rule instead (as JSON with --format json)")
    command.add_argument("--show-settings", action="store_true",
                         help="print the settings each document would be linted with, and lint nothing")
    command.add_argument("-q", "--quiet", action="store_true", help="print the findings only: no summary, no notes")
    command.add_argument("-v", "--verbose", action="store_true",
                         help="also say which configuration each document uses and what was linted")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bilint",
                     description="Lint bilingual legislative texts: numbering, chronology, spelling, parity.")
    parser.add_argument("--version", action="version", version=f"bilint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="lint files (one interleaved or sectioned file, or a NAME.nl/NAME.fr pair)")
    _lint_options(check)
    check.add_argument("--scheduler", metavar="ADDRESS",
                       help="lint the documents on the Dask cluster at ADDRESS (tcp://HOST:8786), or on a "
                            "local one ('local'); needs bilint[dask]")
    check.add_argument("--update-baseline", action="store_true",
                       help="write the current findings to the baseline (stale entries are dropped) and exit 0")
    check.add_argument("--stdin-filename", metavar="NAME",
                       help="with the path '-': read the text from standard input and lint it as the file NAME")
    check.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the result cache")
    check.add_argument("--cache-dir", metavar="DIR",
                       help="where results of unchanged documents are kept (default: $BILINT_CACHE_DIR, "
                            "else .bilint_cache in the current folder)")

    fix = commands.add_parser("fix", help="apply the findings' safe fixes to the files, then report what is left")
    _lint_options(fix)
    fix.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fix.add_argument("--unsafe-fixes", action="store_true",
                     help="apply unsafe fixes too (a suggested word, a fix that rewrites the other language)")

    rules = commands.add_parser("rules", help="list the rules: code, name, category, severity, summary")
    rules.add_argument("--format", default="auto", choices=("auto", "table", "text", "json"),
                       help="table on a terminal, text (tab-separated) when piped, or json")
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="CODE|NAME")
    server = commands.add_parser("server", help="run the language server on standard input/output (needs bilint[server])")
    server.add_argument("--no-cache", action="store_true",
                        help="do not read or write the result cache (.bilint_cache beside the configuration)")
    return parser


def _unknown_arguments(parser: argparse.ArgumentParser, argv: Sequence[str], extra: list[str]) -> str:
    """The error for arguments no option takes, with the nearest option or subcommand."""
    from .selectors import did_you_mean

    subparsers = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    command = next((word for word in argv if subparsers and word in subparsers.choices), None)
    own = subparsers.choices[command] if command else parser
    options = [s for action in own._actions for s in action.option_strings]
    word = extra[0]
    if command and word.startswith("--") and word[2:] in subparsers.choices:
        hint = f"; did you mean 'bilint {word[2:]}'?"
    else:
        hint = did_you_mean(word.split("=", 1)[0], options) if word.startswith("-") else ""
    where = f"bilint {command}" if command else "bilint"
    return f"{where}: error: unrecognized argument{'s' if len(extra) > 1 else ''}: {' '.join(extra)}{hint}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args, extra = parser.parse_known_args(argv)
    if extra:
        print(_unknown_arguments(parser, argv, extra), file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "fix":
            return _fix(args)
        if args.command == "rules":
            return _rules(args.format)
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


def _request(args, rules=None):
    """The run the options ask for; ``rules`` gives the rules selectors are checked against
    (the result cache's catalogue, so that a warm run imports no rule; default: every rule)."""
    from .config import LAYOUT_NAMES
    from .runner import Request
    from .selectors import unknown_selector

    languages = _split(args.languages)
    if args.languages is not None and (len(languages) != 2 or languages[0] == languages[1]):
        raise UsageError(f"--languages needs two codes, e.g. nl,fr (got {args.languages!r})")
    if args.layout is not None and args.layout not in LAYOUT_NAMES:
        from .selectors import did_you_mean

        raise UsageError(f"--layout: unknown layout {args.layout!r}{did_you_mean(args.layout, LAYOUT_NAMES)} "
                         f"(use {', '.join(LAYOUT_NAMES)})")
    if args.fail_level is not None:
        _threshold(args.fail_level)
    if args.monolingual is not None:
        _monolingual_mode(args.monolingual)
    if args.jobs < 0:
        raise UsageError(f"--jobs must be 0 or more (got {args.jobs})")
    known = None
    for option in ("select", "extend_select", "ignore"):
        for token in _split(getattr(args, option)):
            if known is None:
                known = _rule_list(rules)
            problem = unknown_selector(token, known)
            if problem:
                raise UsageError(f"--{option.replace('_', '-')}: {problem}")
    if args.select is not None and not _split(args.select):
        raise UsageError("--select: no rule given (omit --select to run every rule)")
    if not args.paths and not args.pair:
        raise UsageError("give the files or folders to check (or --pair FILE1 FILE2)")
    return Request(
        pairs=[tuple(pair) for pair in args.pair],
        languages=(languages[0], languages[1]) if languages else None,
        layout=args.layout,
        select=_split(args.select) if args.select is not None else None,
        extend_select=_split(args.extend_select),
        ignore=_split(args.ignore),
        fail_level=args.fail_level,
        monolingual=args.monolingual,
        words=args.words,
        glossaries=args.glossary,
        config=args.config,
        use_config=not args.no_config,
        inline=not args.no_suppressions,
    )


def _monolingual_mode(mode: str) -> None:
    from .config import MONOLINGUAL

    if mode not in MONOLINGUAL:
        from .selectors import did_you_mean

        raise UsageError(f"--monolingual: unknown mode {mode!r}{did_you_mean(mode, MONOLINGUAL)} "
                         f"(use {', '.join(MONOLINGUAL)})")


def _rule_list(rules=None):
    if rules is not None:
        return rules()
    from .plugins import all_rules

    return all_rules()


def _threshold(level: str):
    from .model import Severity

    try:
        return Severity.parse(level)
    except ValueError as error:
        raise UsageError(f"--fail-level: {error}") from None


def documents(paths: Sequence[str], languages: tuple[str, str]) -> list[list[str]]:
    """Group paths into documents (kept here for callers; the logic is ``bilint.pairing``)."""
    from .pairing import documents as group

    return group(paths, languages)


# --- check and fix --------------------------------------------------------------------

def _baseline_path(args, jobs) -> str | None:
    """--baseline, else the 'baseline' key of the configuration of the first document."""
    if args.baseline:
        return args.baseline
    return _run_setting(args, jobs, "baseline")


def _run_setting(args, jobs, key: str):
    """A setting of the whole run (baseline, report language): the first document's configuration's."""
    if args.no_config:
        return None
    from .config import find_config, load

    if args.config:
        config_path = Path(args.config)
    else:
        start = Path(jobs[0].paths[0]) if jobs else Path(args.paths[0] if args.paths else ".")
        config_path = find_config(start if start.exists() else Path.cwd())
    if config_path is None or not config_path.is_file():
        return None
    return load(config_path).values.get(key)


def _plan(args, destinations=(), rules=None):
    from .runner import plan

    request = _request(args, rules)
    # the HTML and CSV reports show the texts, not only the findings
    request.keep_documents = any(_needs_documents(name) for name, _ in destinations)
    jobs = plan(args.paths, request, rules)
    language = _run_setting(args, jobs, "report-language")
    if language:
        from .i18n import set_language

        set_language(language)
    if args.verbose:
        for job in jobs:
            print(f"bilint: {' + '.join(job.paths)}: layout {job.settings.layout}, "
                  f"languages {','.join(job.settings.languages)}, configuration {_config_of(args, job)}",
                  file=sys.stderr)
    return jobs


def _check(args) -> int:
    from .runner import run

    destinations = report_destinations(args)
    if args.stdin_filename is not None or "-" in args.paths:
        from .stdin import lint_stdin

        request = _request(args)
        request.keep_documents = any(_needs_documents(name) for name, _ in destinations)
        results = lint_stdin(args.paths, args.stdin_filename, request, sys.stdin.buffer)
        return report(args, Run(args, results), destinations)
    cache = _cache(args)
    jobs = _plan(args, destinations, cache.rules if cache is not None else None)
    if args.show_settings:
        return _show_settings(args, jobs)
    baseline_path = _baseline_path(args, jobs)
    if args.update_baseline and not baseline_path:
        raise UsageError("--update-baseline needs --baseline FILE (or 'baseline' in the configuration)")
    if baseline_path and not args.update_baseline:
        from .baseline import Baseline

        baseline = Baseline.read(baseline_path)   # a bad baseline fails before the work
    with StageDisplay(wants_stages(args, jobs)), _executor(args) as executor:
        results = run(jobs, args.jobs, wants_bar(args, jobs), cache, executor)
    nothing = _name_skipped(jobs, results)
    if nothing:
        raise UsageError(nothing)
    if not baseline_path:
        return report(args, Run(args, results), destinations)
    linted = [f["path"] for result in results for f in result.files]
    if args.update_baseline:
        from .baseline import write
        from .engine import MONOLINGUAL_KEY

        # the note on a skipped monolingual file is not a finding to accept
        recorded = [d for result in results for d in result.diagnostics if d.key != MONOLINGUAL_KEY]
        count, dropped = write(baseline_path, recorded, linted)
        if not args.quiet:
            note = ngettext("{n} finding recorded in {path}", "{n} findings recorded in {path}", count)
            note = note.format(n=count, path=shown(baseline_path))
            if dropped:
                note += "; " + ngettext("{n} stale entry dropped", "{n} stale entries dropped", dropped).format(n=dropped)
            print("bilint: " + note, file=sys.stderr)
        return 0
    accepted = stale = 0
    for result in results:
        match = baseline.match(result.diagnostics, [f["path"] for f in result.files])
        result.diagnostics = match.new
        accepted += match.accepted
        stale += match.stale
    return report(args, Run(args, results, accepted, stale, baseline_path), destinations)


def _executor(args):
    """The Dask cluster's executor when --scheduler names one, else nothing (local processes)."""
    if not getattr(args, "scheduler", None):
        return contextlib.nullcontext()
    from .cluster import dask_executor

    return dask_executor(args.scheduler)


def _name_skipped(jobs, results) -> str:
    """Name on stderr each file a folder run could not use; the error when nothing was checked."""
    skipped = [*getattr(jobs, "skipped", []), *(item for result in results for item in result.skipped)]
    for path, reason in skipped:
        print(f"bilint: skipped {reason if reason.startswith(path) else f'{path}: {reason}'}", file=sys.stderr)
    if any(result.files for result in results):
        return ""
    empty = getattr(jobs, "empty_folders", [])
    if skipped or empty:
        return "nothing checked: " + ("no file could be read" if skipped else
                                      f"no text bilint reads in {', '.join(empty)}")
    return ""


def _fix(args) -> int:
    from .fixes import fix_document, unified_diff, write_fixed
    from .runner import Result

    if args.diff and args.output_file:
        raise UsageError("--diff prints the fixes and writes nothing: it takes no --output-file")
    destinations = report_destinations(args) if not args.diff else []
    jobs = _plan(args)
    if args.show_settings:
        return _show_settings(args, jobs)
    baseline_path = _baseline_path(args, jobs)
    accept = None
    if baseline_path:
        from .baseline import Baseline

        accept = Baseline.read(baseline_path).filter
    outcomes = [fix_document(job, args.unsafe_fixes, accept) for job in jobs]
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
        if not args.quiet:
            for note in outcome.notes:
                print(f"bilint: {note}", file=sys.stderr)
            if outcome.applied:
                count = len(outcome.applied)
                note = ngettext("fixed {n} finding in {paths}", "fixed {n} findings in {paths}", count)
                print("bilint: " + note.format(n=count, paths=", ".join(outcome.changed)), file=sys.stderr)
        results.append(Result(outcome.files, outcome.remaining, job.fail_level))
    accepted = sum(outcome.accepted for outcome in outcomes)
    return report(args, Run(args, results, accepted, 0, baseline_path), destinations)


def _config_of(args, job) -> str:
    """The configuration file a document is linted with, as the user would name it."""
    from .config import find_config

    if args.no_config:
        return "none (--no-config)"
    if args.config:
        return str(Path(args.config).resolve())
    found = find_config(Path(job.paths[0]))
    return str(found) if found else "none (defaults)"


def _show_settings(args, jobs) -> int:
    """What each document would be linted with: the configuration file, layout, languages, rules."""
    from .engine import selected
    from .plugins import all_rules

    for job in jobs:
        settings = job.settings
        config = _config_of(args, job)
        options = dict(settings.options.get("spelling", {}))
        options.update(settings.options.get("BL301", {}))
        backend = options.get("backend", "auto")
        if backend == "auto":
            try:
                from bilint_rules.spellcheck import hunspell_available

                backend = "auto: " + ", ".join(
                    f"{lang} {'hunspell' if hunspell_available(lang) else 'embedded'}" for lang in settings.languages)
            except Exception:   # a spelling back-end that cannot be queried is shown as configured
                pass
        rules = selected(all_rules(), settings.select, settings.ignore, settings.extend_select)
        print(f"document: {' + '.join(job.paths)}")
        print(f"  configuration: {config}")
        print(f"  baseline: {_baseline_path(args, [job]) or 'none'}")
        print(f"  languages: {', '.join(settings.languages)}")
        print(f"  layout: {settings.layout}")
        print(f"  fail-level: {job.fail_level}")
        print(f"  monolingual: {settings.monolingual}")
        print(f"  spelling back-end: {backend}")
        print(f"  word lists: {len(settings.words)} words; glossaries: {', '.join(settings.glossaries) or 'none'}")
        if settings.severity:
            print(f"  severity: {', '.join(f'{k} = {v}' for k, v in settings.severity.items())}")
        print(f"  rules ({len(rules)}): {' '.join(rule.code for rule in rules)}")
    return 0


def _needs_documents(name: str) -> bool:
    from .reporting import renderer, resolved_format

    return bool(getattr(renderer(resolved_format(name)), "needs_documents", False))


def _cache(args):
    """The result cache of this run, or None with --no-cache."""
    if args.no_cache:
        return None
    from .cache import DEFAULT_FOLDER, ResultCache

    return ResultCache(args.cache_dir or os.environ.get("BILINT_CACHE_DIR") or DEFAULT_FOLDER)


def _server(cache: bool) -> int:
    try:
        from .lsp.server import main as serve
    except ImportError as error:
        raise UsageError(f"the language server needs pygls: pip install 'bilint[server]' ({error})") from None
    return serve(cache)


def _find_rule(name: str):
    from .plugins import all_rules
    from .selectors import did_you_mean

    rules = all_rules()
    for rule in rules:
        if name.upper() == rule.code or name.lower() == rule.name:
            return rule
    hint = did_you_mean(name, [r.code for r in rules] + [r.name for r in rules])
    raise UsageError(f"no rule {name!r}{hint} (see 'bilint rules')")


def _rules(form: str = "auto") -> int:
    from .plugins import all_rules

    rules = all_rules()
    if form == "auto":
        form = "table" if sys.stdout.isatty() else "text"
    if form == "json":
        import json

        json.dump([{"code": r.code, "name": r.name, "category": r.category, "severity": str(r.severity),
                    "summary": r.summary, "options": dict(r.options), "opt_in": r.opt_in} for r in rules],
                  sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
        return 0
    if form == "text":
        for rule in rules:
            print("\t".join((rule.code, rule.name, rule.category, str(rule.severity), rule.summary,
                             "opt-in" if rule.opt_in else "default")))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("code", "name", "category", "severity", "summary", "runs")
    for rule in rules:
        table.add_row(rule.code, rule.name, rule.category, str(rule.severity), rule.summary,
                      "opt-in" if rule.opt_in else "default")
    Console(markup=False, highlight=False).print(table)
    return 0


def _explain(name: str) -> int:
    import inspect

    rule = _find_rule(name)
    runs = ", opt-in: select it by its code to run it" if rule.opt_in else ""
    print(f"{rule.code} {rule.name} ({rule.category}, default severity {rule.severity}{runs})\n")
    print(inspect.cleandoc(rule.doc))
    if rule.options:
        print("\nDefaults: " + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items()))
    return 0
