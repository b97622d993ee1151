"""The ``bilint`` command. Exit codes: 0 clean, 1 findings at or above the fail level,
2 a usage or input error, printed as one line on stderr (never a traceback)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bilint", description="Lint bilingual legislative texts: numbering, chronology, spelling, parity.")
    parser.add_argument("--version", action="version", version=f"bilint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint files (one interleaved or sectioned file, or a NAME.nl/NAME.fr pair)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", default="auto", help="auto, rich, text or json (default: auto)")
    check.add_argument("--languages", help="the language pair, e.g. nl,fr (default: config, else nl,fr)")
    check.add_argument("--layout", help="auto, interleaved, pair or sectioned (default: auto)")
    check.add_argument("--select", help="comma-separated rule codes or prefixes to run")
    check.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")
    check.add_argument("--fail-level", help="error, warning or info (default: warning)")
    check.add_argument("--words", action="append", default=[], metavar="FILE",
                       help="a project word list (one word a line); may be repeated")
    check.add_argument("--config", help="a bilint.toml or pyproject.toml to use instead of the nearest one")
    check.add_argument("--no-config", action="store_true", help="ignore configuration files")

    commands.add_parser("rules", help="list the rules: code, name, category, severity, summary")
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="CODE|NAME")
    return parser


class UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules()
        if args.command == "explain":
            return _explain(args.rule)
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


def _settings(args, first_path: str):
    from .config import find_config, load_config, read_word_lists
    from .engine import Settings

    config: dict = {}
    if not args.no_config:
        path = Path(args.config) if args.config else find_config(Path(first_path))
        if path is not None:
            config = load_config(path)
    languages = _split(args.languages) or config.get("languages") or ["nl", "fr"]
    if len(languages) != 2:
        raise UsageError(f"--languages needs two codes, e.g. nl,fr (got {args.languages!r})")
    words = read_word_lists([*config.get("words", []), *args.words])
    fail_level = args.fail_level or config.get("fail-level", "warning")
    settings = Settings(
        languages=(languages[0], languages[1]),
        layout=args.layout or config.get("layout", "auto"),
        select=_split(args.select) or config.get("select", []),
        ignore=_split(args.ignore) + list(config.get("ignore", [])),
        severity=config.get("severity", {}),
        options=config.get("rules", {}),
        words=words,
    )
    return settings, fail_level


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


def _check(args) -> int:
    from .engine import lint_paths
    from .formatters import get_formatter
    from .model import Severity

    settings, fail_level = _settings(args, args.paths[0])
    try:
        threshold = Severity.parse(fail_level)
    except ValueError as error:
        raise UsageError(str(error)) from None
    try:
        render = get_formatter(args.format, sys.stdout)
    except ValueError as error:
        raise UsageError(str(error)) from None
    all_diagnostics = []
    files = []
    for group in documents(args.paths, settings.languages):
        bitext, diagnostics = lint_paths(group, settings)
        for path in bitext.paths:
            files.append({"path": path, "languages": list(settings.languages), "layout": bitext.layout})
        all_diagnostics.extend(diagnostics)
    render(all_diagnostics, files, sys.stdout, __version__)
    return 1 if any(d.severity >= threshold for d in all_diagnostics) else 0


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


def _explain(name: str) -> int:
    import inspect

    rule = _find_rule(name)
    print(f"{rule.code} {rule.name} ({rule.category}, default severity {rule.severity})\n")
    print(inspect.cleandoc(rule.doc))
    if rule.options:
        print("\nDefaults: " + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items()))
    return 0
