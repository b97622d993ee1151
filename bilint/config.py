"""``[tool.bilint]`` in pyproject.toml, or bilint.toml, found upward from the linted file.

Configuration is data only: TOML read with tomllib, every key checked, nothing evaluated.
A bad key or value is an ``InputError`` naming the file and the key. Paths in the file
(word lists, glossaries) resolve against the file's folder; globs (``exclude``, the
``paths`` of an ``[[overrides]]`` table) match paths relative to it, gitignore-style: a
glob without ``/`` matches a file or folder name at any depth, ``**`` any folders.

Precedence, lowest first: the rules' defaults, the file's top-level keys, each matching
``[[overrides]]`` table in order, the command line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from .model import Severity
from .source import InputError

LAYOUT_NAMES = ("auto", "interleaved", "pair", "sectioned")

KEYS = {
    "languages": "two language codes, e.g. [\"nl\", \"fr\"]",
    "layout": "auto, interleaved, pair or sectioned",
    "select": "rule codes, code prefixes or names to run (empty: every rule)",
    "extend-select": "rule codes, code prefixes or names to run besides 'select'",
    "ignore": "rule codes, code prefixes or names not to run",
    "severity": "a table of code (or prefix, or name) = \"error\" | \"warning\" | \"info\"",
    "fail-level": "error, warning or info: the lowest severity that fails the run",
    "words": "project word lists: files with one accepted word a line",
    "glossaries": "project glossary files, for the terminology rules",
    "exclude": "globs of files and folders not to lint",
    "rules": "a table of rule name or code = { option = value }",
    "overrides": "[[overrides]] tables: paths = [globs] and the keys they change",
    "baseline": "a baseline file (findings accepted earlier), relative to this file",
    "monolingual": "what a file with text in one language only and no counterpart gets: "
                   "\"info\" (one info finding, not linted), \"error\" (BL002, linted) or \"lint\" "
                   "(linted with the single-language rules, one info finding)",
    "report-language": "the language of bilint's own words in reports: en, nl or fr "
                       "(default: the environment's, as LANGUAGE or LANG say)",
}
MONOLINGUAL = ("info", "error", "lint")
# what an [[overrides]] table may change, besides its ``paths``
OVERRIDE_KEYS = ("languages", "layout", "select", "extend-select", "ignore", "severity",
                 "fail-level", "words", "glossaries", "rules", "monolingual")


def find_config(start: Path) -> Path | None:
    """The nearest bilint.toml, or pyproject.toml with a [tool.bilint] table, upward."""
    folder = (start if start.is_dir() else start.parent).resolve()
    for candidate in [folder, *folder.parents]:
        own = candidate / "bilint.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and "[tool.bilint" in project.read_text(encoding="utf-8", errors="replace"):
            return project
    return None


@dataclass
class Config:
    """One configuration file, checked: its folder anchors its paths and globs."""

    path: Path | None
    root: Path
    values: dict[str, Any] = field(default_factory=dict)
    overrides: list[tuple[list[str], dict[str, Any]]] = field(default_factory=list)

    def excluded(self, path: str) -> bool:
        return any(glob_match(pattern, self._relative(path)) for pattern in self.values.get("exclude", []))

    def for_path(self, path: str) -> dict[str, Any]:
        """The top-level values with every matching override applied, in order."""
        merged = dict(self.values)
        relative = self._relative(path)
        for patterns, values in self.overrides:
            if any(glob_match(pattern, relative) for pattern in patterns):
                for key, value in values.items():
                    if key in ("severity", "rules"):
                        merged[key] = {**merged.get(key, {}), **value}
                    elif key in ("words", "glossaries", "extend-select", "ignore"):
                        merged[key] = [*merged.get(key, []), *value]
                    else:
                        merged[key] = value
        return merged

    def _relative(self, path: str) -> str:
        absolute = os.path.abspath(path)
        try:
            return Path(os.path.relpath(absolute, self.root)).as_posix()
        except ValueError:   # another drive
            return Path(absolute).as_posix()


def empty_config(root: Path | None = None) -> Config:
    return Config(None, root or Path.cwd())


def load(path: Path) -> Config:
    """Read and check a configuration file (cached while the file is unchanged)."""
    try:
        stat = path.stat()
    except OSError as error:
        raise InputError(f"{path}: cannot read configuration ({error.strerror or error})") from None
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load(path: Path, mtime: int, size: int) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: cannot read configuration ({error})") from None
    prefix = ""
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("bilint", {})
        prefix = "tool.bilint."
    if not isinstance(data, dict):
        raise InputError(f"{path}: '{prefix.rstrip('.')}' must be a table")
    values = _check(path, data, prefix, KEYS)
    overrides = []
    raw_overrides = values.pop("overrides", [])
    if not isinstance(raw_overrides, list) or not all(isinstance(x, dict) for x in raw_overrides):
        raise InputError(f"{path}: '{prefix}overrides' must be an array of tables ([[{prefix}overrides]])")
    for number, table in enumerate(raw_overrides):
        where = f"{prefix}overrides[{number}]."
        table = dict(table)
        patterns = table.pop("paths", None)
        if isinstance(patterns, str):
            patterns = [patterns]
        if not patterns or not isinstance(patterns, list) or not all(isinstance(x, str) for x in patterns):
            raise InputError(f"{path}: '{where}paths' must be a glob or a list of globs")
        checked = _check(path, table, where, {key: KEYS[key] for key in OVERRIDE_KEYS})
        overrides.append((patterns, checked))
    return Config(path, path.parent.resolve(), values, overrides)


def load_config(path: Path) -> dict[str, Any]:
    """The checked top-level settings of one config file (kept for callers of 0.1)."""
    return dict(load(path).values)


def _check(path: Path, data: dict, prefix: str, allowed: dict[str, str]) -> dict[str, Any]:
    def fail(key: str, what: str) -> InputError:
        return InputError(f"{path}: '{prefix}{key}' must be {what}")

    from .selectors import did_you_mean

    for key in data:
        if key not in allowed:
            raise InputError(f"{path}: unknown key '{prefix}{key}' in bilint configuration"
                             f"{did_you_mean(key, allowed)} (known: {', '.join(sorted(allowed))})")
    config: dict[str, Any] = dict(data)
    languages = config.get("languages")
    if languages is not None and (not isinstance(languages, list) or len(languages) != 2
                                  or not all(isinstance(x, str) and x for x in languages)
                                  or languages[0] == languages[1]):
        raise fail("languages", KEYS["languages"] + " (two different codes)")
    if "layout" in config and config["layout"] not in LAYOUT_NAMES:
        raise fail("layout", f"one of {', '.join(LAYOUT_NAMES)}, not {config['layout']!r}")
    for key in ("select", "extend-select", "ignore", "words", "glossaries", "exclude"):
        value = config.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise fail(key, "a list of strings")
    for key in ("severity", "rules"):
        if not isinstance(config.get(key, {}), dict):
            raise fail(key, "a table")
    for code, level in config.get("severity", {}).items():
        _severity(path, f"{prefix}severity.{code}", level)
    for name, options in config.get("rules", {}).items():
        if not isinstance(options, dict):
            raise fail(f"rules.{name}", "a table of option = value")
    if "fail-level" in config:
        _severity(path, f"{prefix}fail-level", config["fail-level"])
    if "monolingual" in config and config["monolingual"] not in MONOLINGUAL:
        raise fail("monolingual", f"\"info\", \"error\" or \"lint\", not {config['monolingual']!r}")
    if "report-language" in config and config["report-language"] not in ("en", "nl", "fr"):
        raise fail("report-language", f"en, nl or fr, not {config['report-language']!r}")
    if "baseline" in config:
        if not isinstance(config["baseline"], str) or not config["baseline"]:
            raise fail("baseline", "a file name")
        config["baseline"] = str((path.parent / config["baseline"]).resolve())
    for key in ("words", "glossaries"):
        if key in config:
            config[key] = [str((path.parent / name).resolve()) for name in config[key]]
    return config


def _severity(path: Path, key: str, value: Any) -> None:
    if not isinstance(value, str):
        raise InputError(f"{path}: '{key}' must be error, warning or info, not {value!r}")
    try:
        Severity.parse(value)
    except ValueError:
        raise InputError(f"{path}: '{key}' must be error, warning or info, not {value!r}") from None


def check_rules(config: Config, rules) -> None:
    """Rule names, codes and options in ``rules``, ``severity``, ``select``, ``extend-select``
    and ``ignore`` must exist (a typo fails loudly, with the nearest known name)."""
    from .selectors import did_you_mean, unknown_selector

    names = [rule.code for rule in rules] + [rule.name for rule in rules]
    by_key = {}
    for rule in rules:
        by_key[rule.code] = by_key[rule.name] = rule
    where = str(config.path)
    prefix = "tool.bilint." if config.path and config.path.name == "pyproject.toml" else ""
    tables = [("", config.values)] + [(f"overrides[{n}].", values) for n, (_, values) in enumerate(config.overrides)]
    for at, values in tables:
        for name, options in values.get("rules", {}).items():
            rule = by_key.get(name)
            if rule is None:
                raise InputError(f"{where}: '{prefix}{at}rules.{name}': no such rule"
                                 f"{did_you_mean(name, names)} (see 'bilint rules')")
            for option, value in options.items():
                if option not in rule.options:
                    known = ", ".join(sorted(rule.options)) or "none"
                    raise InputError(f"{where}: '{prefix}{at}rules.{name}.{option}': {rule.code} has no option "
                                     f"{option!r}{did_you_mean(option, rule.options)} (its options: {known})")
                default = rule.options[option]
                if default is not None and not _same_kind(default, value):
                    raise InputError(f"{where}: '{prefix}{at}rules.{name}.{option}' must be "
                                     f"{type(default).__name__}, like its default {default!r}, not {value!r}")
                accepted = rule.choices.get(option)
                wrong = [v for v in (value if isinstance(value, list) else [value]) if accepted and v not in accepted]
                if wrong:
                    raise InputError(f"{where}: '{prefix}{at}rules.{name}.{option}' must be "
                                     f"{_one_of(accepted)}, not {wrong[0]!r}"
                                     f"{did_you_mean(str(wrong[0]), [str(a) for a in accepted])}")
        for code in values.get("severity", {}):
            if not any(rule.code.startswith(code) or rule.name == code for rule in rules):
                raise InputError(f"{where}: '{prefix}{at}severity.{code}': no rule matches {code!r}"
                                 f"{did_you_mean(code, names)}")
        for key in ("select", "extend-select", "ignore"):
            for token in values.get(key, []):
                problem = unknown_selector(token, rules)
                if problem:
                    raise InputError(f"{where}: '{prefix}{at}{key}': {problem}")


def _one_of(values: tuple) -> str:
    names = [repr(v) for v in values]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, list)
    return isinstance(value, type(default))


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> "re.Pattern[str]":
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
        index += 1
    body = "".join(out)
    # a folder matches everything under it; an unanchored glob matches at any depth
    return re.compile(("" if anchored else "(?:.*/)?") + body + "(?:/.*)?")


def glob_match(pattern: str, relative: str) -> bool:
    """gitignore-style: ``*.fr.md``, ``drafts/``, ``archive/**/*.html``, against a posix relative path."""
    return _glob_regex(pattern).fullmatch(relative) is not None


def read_word_lists(paths: list[str]) -> list[str]:
    words: list[str] = []
    for name in paths:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(f"{name}: cannot read word list ({error.strerror or error})") from None
        words.extend(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return words


def check_files(paths: list[str], what: str) -> None:
    for name in paths:
        if not os.path.isfile(name):
            raise InputError(f"{name}: no such {what} file")
