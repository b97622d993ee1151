"""bilint: a linter for bilingual legislative texts.

The public API is small: ``lint_paths`` and ``lint_text`` (in ``bilint.runner``) return
diagnostics, configured as ``bilint check`` would be; ``bilint.engine`` is the pipeline
under them; ``bilint.api`` is what a rule pack imports. Heavy modules load lazily so
that ``bilint --version`` and a pre-commit run start fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "lint_paths", "lint_text", "Settings"]


def __getattr__(name: str):
    if name in ("lint_paths", "lint_text"):
        from . import runner

        return getattr(runner, name)
    if name == "Settings":
        from . import engine

        return engine.Settings
    raise AttributeError(name)
