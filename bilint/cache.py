"""Results of unchanged documents, kept between runs in ``.bilint_cache/``.

A pre-commit hook or a CI gate lints the same texts again and again; a document whose
files, configuration and linter have not changed gives the same diagnostics, so they are
read back instead of recomputed. The key is a hash of everything a result depends on:

- the content of every file of the document (a pair's two files);
- the resolved settings: languages, layout, selection, severities, rule options, the
  project word list, and the content of each glossary file;
- bilint's version, every installed rule pack's distribution and version, and the size
  and modification time of every file of the bilint and bilint_rules packages (so an
  edited checkout or an upgraded dictionary never reuses an old result);
- the Python version and the cache format.

Entries are JSON (a cache folder may come from anywhere, and JSON is never executed),
written to a temporary file and renamed, so two runs sharing the folder never see half an
entry. The folder is kept under ``MAX_BYTES``: the least recently used entries go first.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .model import Diagnostic, Fix, Location, Related, Severity, Span

FORMAT = 1
_CATALOGUE = "rules.json"
MAX_BYTES = 256 * 1024 * 1024
DEFAULT_FOLDER = ".bilint_cache"
_TYPES = {cls.__name__: cls for cls in (Diagnostic, Fix, Location, Related, Span)}


def _code_fingerprint(folder: Path | None = None) -> str:
    """bilint's version, the rule packs' versions, and the stat of every package file.

    Asking the installed distributions (entry points, dependency versions) costs more than
    a warm run may take, so their answer is kept in ``folder`` (the cache folder) under a
    stamp of the interpreter and of the distributions' metadata in every import path
    (``_environment_stamp``). The package files themselves are stat'ed at every run.
    """
    import bilint

    installed, packages = _installed(folder)
    parts = [bilint.__version__, sys.version, *installed]
    for root in (Path(bilint.__file__).parent, *packages, *_HUNSPELL_FOLDERS):
        parts.extend(_stats(str(root)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# the system dictionaries the Hunspell back-end reads: an upgrade changes findings
_HUNSPELL_FOLDERS = (Path("/usr/share/hunspell"),)
_ENVIRONMENTS = 8   # answers kept: one per interpreter and import path (a script, python -m, a venv)


def _stats(root: str) -> list[str]:
    """``relative path:size:mtime`` of every file under ``root`` (``__pycache__`` left out)."""
    found = []
    stack = [root]
    prefix = len(root.rstrip(os.sep)) + 1
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.is_file():
                    stat = entry.stat()
                    found.append(f"{entry.path[prefix:]}:{stat.st_size}:{stat.st_mtime_ns}")
            except OSError:
                continue
    return sorted(found)


_METADATA = (".dist-info", ".egg-info", ".egg-link", ".pth")


def _environment_stamp() -> str:
    """The interpreter and, in every import path, the name and time of each distribution's
    metadata: what installing, upgrading or removing a distribution changes (and what an
    unrelated file written beside them, a cache folder in the working folder, does not)."""
    parts = [sys.version, sys.executable, sys.prefix]
    for entry in sys.path:
        parts.append(f"path {entry}")
        try:
            with os.scandir(entry or ".") as found:
                for item in found:
                    if item.name.endswith(_METADATA) or item.name.startswith("__editable__"):
                        parts.append(f"{item.name}:{item.stat().st_mtime_ns}")
        except OSError:
            continue
    parts[3:] = sorted(parts[3:])
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _installed(folder: Path | None) -> tuple[list[str], list[Path]]:
    """The rule packs and dependency versions, and the packs' folders; kept in ``folder``."""
    stamp = _environment_stamp()
    memo = folder / f"environment-{stamp[:24]}.json" if folder is not None else None
    if memo is not None:
        try:
            entry = json.loads(memo.read_text(encoding="utf-8"))
            if entry.get("format") == FORMAT and entry.get("stamp") == stamp:
                return [str(p) for p in entry["parts"]], [Path(p) for p in entry["packages"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
    parts, packages = _ask_distributions()
    if memo is not None:
        _write_json(memo, {"format": FORMAT, "stamp": stamp, "parts": parts,
                           "packages": [str(p) for p in packages]})
        _keep_newest(folder, "environment-*.json", _ENVIRONMENTS)
    return parts, packages


def _keep_newest(folder: Path, pattern: str, count: int) -> None:
    try:
        found = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for path in found[count:]:
            path.unlink()
    except OSError:
        pass


def _ask_distributions() -> tuple[list[str], list[Path]]:
    from importlib import metadata

    parts = []
    packages = []
    try:
        points = metadata.entry_points(group="bilint")
    except Exception:  # a broken distribution must not break linting  # pragma: no cover
        points = ()
    for point in sorted(points, key=lambda p: p.name):
        dist = getattr(point, "dist", None)
        parts.append(f"{point.name}={point.value}@{dist.name if dist else ''}-{dist.version if dist else ''}")
        module = sys.modules.get(point.module.split(":")[0])
        if module is None:
            try:
                import importlib.util

                spec = importlib.util.find_spec(point.module)
            except (ImportError, ValueError):
                spec = None
            origin = spec.origin if spec else None
        else:
            origin = getattr(module, "__file__", None)
        if origin:
            packages.append(Path(origin).parent)
    parts.extend(_dependency_versions(metadata))
    return parts, packages


def _dependency_versions(metadata) -> list[str]:
    """The installed version of each distribution bilint requires (extras included)."""
    import re

    try:
        requires = metadata.requires("bilint") or []
    except metadata.PackageNotFoundError:
        return []
    versions = []
    for requirement in requires:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement)
        if name:
            try:
                versions.append(f"{name.group()}=={metadata.version(name.group())}")
            except metadata.PackageNotFoundError:
                versions.append(f"{name.group()} absent")
    return versions


def _write_json(path: Path, entry: Any) -> None:
    """Store ``entry`` whole or not at all; a folder that cannot be written is not used."""
    from .atomic import write_atomically

    write_atomically(path, lambda out: out.write(json.dumps(entry, ensure_ascii=False).encode("utf-8")))


def _file_digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, Severity):
        return {"__severity__": int(value)}
    if dataclasses.is_dataclass(value) and type(value).__name__ in _TYPES:
        return {"__type__": type(value).__name__,
                **{f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


def _decode(value: Any, rename: Mapping[str, str]) -> Any:
    """The JSON of ``_encode`` back to objects, file paths renamed as the new run names them."""
    if isinstance(value, list):
        return [_decode(v, rename) for v in value]
    if not isinstance(value, dict):
        return value
    if "__severity__" in value:
        return Severity(value["__severity__"])
    name = value.get("__type__")
    if name is None:
        return {k: _decode(v, rename) for k, v in value.items()}
    cls = _TYPES[name]
    known = {f.name for f in dataclasses.fields(cls)}
    fields = {}
    for key, item in value.items():
        if key in known:
            item = _decode(item, rename)
            fields[key] = tuple(item) if isinstance(item, list) else item
    if isinstance(fields.get("path"), str):
        fields["path"] = rename.get(fields["path"], fields["path"])
    return cls(**fields)


@dataclasses.dataclass(frozen=True)
class RuleInfo:
    """What selectors and configuration checks ask of a rule, known without importing it."""

    code: str
    name: str
    category: str
    opt_in: bool = False
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    choices: Mapping[str, Sequence[Any]] = dataclasses.field(default_factory=dict)


class ResultCache:
    """Diagnostics of documents by content; ``get`` misses on anything doubtful."""

    def __init__(self, folder: str | os.PathLike = DEFAULT_FOLDER, max_bytes: int = MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._code: str | None = None

    def code(self) -> str:
        if self._code is None:
            self._code = _code_fingerprint(self.folder)
        return self._code

    def rules(self) -> Sequence[Any]:
        """The installed rules as selectors and configuration checks see them (code, name,
        category, opt-in flag, option defaults, the values an option accepts).

        Kept in the folder with the code fingerprint it was made under, so that a run whose
        documents are all unchanged imports no rule module; any change of bilint, of a rule
        pack or of the installed distributions makes it be listed anew."""
        from .plugins import all_rules

        if all_rules.cache_info().currsize:   # already loaded in this process: the real ones
            return all_rules()
        path = self.folder / _CATALOGUE
        code = self.code()
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if entry.get("format") == FORMAT and entry.get("code") == code:
                return tuple(RuleInfo(**rule) for rule in entry["rules"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        rules = all_rules()
        listed = [{"code": r.code, "name": r.name, "category": r.category, "opt_in": bool(r.opt_in),
                   "options": dict(r.options),
                   "choices": {option: list(values) for option, values in r.choices.items()}} for r in rules]
        try:
            faithful = json.loads(json.dumps(listed)) == listed   # a tuple or set default would not be
        except (TypeError, ValueError):
            faithful = False
        if faithful:
            _write_json(path, {"format": FORMAT, "code": code, "rules": listed})
        return rules

    def key(self, paths: Sequence[str], settings: Any) -> str | None:
        """The hash of one job's inputs, or None when a file cannot be read (no caching)."""
        digest = hashlib.sha256(f"bilint-cache {FORMAT} {self.code()}\n".encode())
        try:
            for path in paths:
                digest.update(f"file {os.path.abspath(path)} {_file_digest(path)}\n".encode())
            values = dataclasses.asdict(settings) if dataclasses.is_dataclass(settings) else dict(settings)
            for glossary in values.get("glossaries", ()):
                digest.update(f"glossary {glossary} {_file_digest(glossary)}\n".encode())
        except OSError:
            return None
        digest.update(json.dumps(values, sort_keys=True, default=repr).encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str | None, paths: Sequence[str] = ()) -> tuple[list[dict], list[Diagnostic]] | None:
        """The stored result of ``key``; its file names as ``paths`` gives them (the key holds
        absolute paths, so the run that stored it may have named the same files otherwise)."""
        if key is None:
            return None
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if entry.get("format") != FORMAT or entry.get("key") != key:
                return None
            stored = entry.get("paths", [])
            rename = {old: new for old, new in zip(stored, paths) if old != new} if len(stored) == len(paths) else {}
            files = [dict(f, path=rename.get(f.get("path"), f.get("path"))) for f in entry["files"]]
            result = files, [_decode(d, rename) for d in entry["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        try:
            os.utime(path)   # recently used: kept longest when the folder is pruned
        except OSError:
            pass
        return result

    def put(self, key: str | None, files: list[dict], diagnostics: Iterable[Diagnostic],
            paths: Sequence[str] = ()) -> None:
        """Store one result (``paths``: the document's files as this run names them); a cache
        that cannot be written is silently not used."""
        if key is None:
            return
        entry = {"format": FORMAT, "key": key, "paths": list(paths), "files": files,
                 "diagnostics": [_encode(d) for d in diagnostics]}
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._tag()
        except OSError:
            return
        _write_json(path, entry)

    def _tag(self) -> None:
        """A CACHEDIR.TAG and a .gitignore, so that backups and git leave the folder alone."""
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                           "# This file is a cache directory tag created by bilint.\n", encoding="utf-8")
            (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")

    def prune(self) -> None:
        """Remove the least recently used entries until the folder is under ``max_bytes``."""
        try:
            entries = [(p.stat().st_mtime_ns, p.stat().st_size, p) for p in self.folder.glob("??/*.json")]
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                path.unlink()
                total -= size
            except OSError:
                pass
