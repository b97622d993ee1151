"""bilint's built-in rule pack, registered through the same hook as any third-party pack."""

from __future__ import annotations

from importlib import import_module

from bilint.api import hookimpl

# one module a family; each defines RULES
FAMILIES = ("structure", "numbering", "chronology", "spelling", "parity", "typography",
            "grammar", "language", "terminology", "suppressions", "counterparts", "glossary", "direction")


@hookimpl
def bilint_rules() -> list:
    rules: list = []
    for family in FAMILIES:
        rules.extend(import_module(f"{__name__}.{family}").RULES)
    return rules
