"""bilint's built-in rule pack, registered through the same hook as any third-party pack."""

from __future__ import annotations

from bilint.api import hookimpl


@hookimpl
def bilint_rules() -> list:
    from . import chronology, numbering, spelling, structure

    return [*structure.RULES, *numbering.RULES, *chronology.RULES, *spelling.RULES]
