"""``[tool.bilint]`` in pyproject.toml, or bilint.toml, found upward from the linted file.

Configuration is data only: TOML read with tomllib, every key checked, nothing evaluated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from .model import Severity
from .source import InputError

KEYS = {
    "languages": "two language codes, e.g. [\"nl\", \"fr\"]",
    "layout": "auto, interleaved, pair or sectioned",
    "select": "rule codes or code prefixes to run",
    "ignore": "rule codes or code prefixes not to run",
    "severity": "a table of code = \"error\" | \"warning\" | \"info\"",
    "fail-level": "error, warning or info: the lowest severity that fails the run",
    "words": "project word lists: files with one accepted word a line",
    "rules": "a table of rule name or code = { option = value }",
}


def find_config(start: Path) -> Path | None:
    """The nearest bilint.toml, or pyproject.toml with a [tool.bilint] table, upward."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        own = candidate / "bilint.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and "[tool.bilint" in project.read_text(encoding="utf-8", errors="replace"):
            return project
    return None


def load_config(path: Path) -> dict[str, Any]:
    """The checked settings of one config file; relative word lists resolve against it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: cannot read configuration ({error})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("bilint", {})
    for key in data:
        if key not in KEYS:
            raise InputError(f"{path}: unknown key {key!r} in bilint configuration "
                             f"(known: {', '.join(sorted(KEYS))})")
    config: dict[str, Any] = dict(data)
    languages = config.get("languages")
    if languages is not None and (not isinstance(languages, list) or len(languages) != 2
                                  or not all(isinstance(x, str) for x in languages)):
        raise InputError(f"{path}: 'languages' must be {KEYS['languages']}")
    for key in ("select", "ignore", "words"):
        value = config.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise InputError(f"{path}: {key!r} must be a list of strings")
    for key in ("severity", "rules"):
        if not isinstance(config.get(key, {}), dict):
            raise InputError(f"{path}: {key!r} must be a table")
    for code, level in config.get("severity", {}).items():
        _severity(path, f"severity.{code}", level)
    if "fail-level" in config:
        _severity(path, "fail-level", config["fail-level"])
    config["words"] = [str((path.parent / name).resolve()) for name in config.get("words", [])]
    return config


def _severity(path: Path, key: str, value: Any) -> None:
    try:
        Severity.parse(str(value))
    except ValueError:
        raise InputError(f"{path}: {key!r} must be error, warning or info, not {value!r}") from None


def read_word_lists(paths: list[str]) -> list[str]:
    words: list[str] = []
    for name in paths:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(f"{name}: cannot read word list ({error.strerror or error})") from None
        words.extend(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return words
