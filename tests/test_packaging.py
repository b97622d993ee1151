"""What `pip install .` (not editable) ships: every package and every data file the code reads.

An editable install reads the working tree, so a package or a data folder missing from
pyproject.toml passes every other test and breaks only for users; this test reads the
packaging metadata and the tree and names what would be left out.
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
PACKAGE_DIRS = {"bilint": ROOT / "bilint", "bilint_rules": ROOT / "rules"}
DATA_SUFFIXES = {".toml", ".lark", ".tsv", ".gz", ".txt", ".json", ".css", ".js", ".html", ".mo", ".po",
                 ".aff", ".dic", ".bin", ".marisa"}


def _dotted(top: str, folder: Path) -> str:
    relative = folder.relative_to(PACKAGE_DIRS[top])
    return ".".join([top, *relative.parts]) if relative.parts else top


def test_every_python_package_is_listed():
    listed = set(CONFIG["packages"])
    missing = []
    for top, base in PACKAGE_DIRS.items():
        for init in base.rglob("__init__.py"):
            name = _dotted(top, init.parent)
            if "__pycache__" not in init.parts and name not in listed:
                missing.append(name)
    assert not missing, f"packages missing from [tool.setuptools] packages: {missing}"


def test_every_data_file_is_shipped():
    package_data = CONFIG.get("package-data", {})
    missing = []
    for top, base in PACKAGE_DIRS.items():
        for path in base.rglob("*"):
            if not path.is_file() or path.suffix not in DATA_SUFFIXES or "__pycache__" in path.parts:
                continue
            # the package that owns the file: its nearest folder that is a package (an
            # __init__.py, or a data-only folder listed as a namespace package)
            owner = path.parent
            while not ((owner / "__init__.py").exists() or _dotted(top, owner) in CONFIG["packages"]):
                owner = owner.parent
            name = _dotted(top, owner)
            relative = path.relative_to(owner).as_posix()
            patterns = package_data.get(name, [])
            if not any(fnmatch.fnmatch(relative, pattern) for pattern in patterns):
                missing.append(f"{name}: {relative}")
    assert not missing, f"data files not in [tool.setuptools.package-data]: {missing}"
