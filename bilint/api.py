"""What a rule author imports: the rule decorator and the data rules read and yield.

A rule is a function ``check(bitext, options)`` yielding ``Finding``s, decorated with
``@rule(...)``; its docstring is its documentation (a summary line, then Why, Example
and Options sections). It reads typed nodes (``bitext.documents[lang].nodes("item")``)
and aligned pairs (``bitext.pairs``), never Lark trees or files.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping, Sequence

from .hookspecs import hookimpl
from .model import (Bitext, Document, Finding, Fix, Location, Mark, Node, Pair, Related,
                    Rule, Severity)

__all__ = ["rule", "hookimpl", "Bitext", "Document", "Finding", "Fix", "Location", "Mark",
           "Node", "Pair", "Related", "Rule", "Severity"]

Check = Callable[[Bitext, Mapping[str, Any]], Iterator[Finding]]


def rule(code: str, name: str, category: str, severity: str = "warning", *, opt_in: bool = False,
         choices: Mapping[str, Sequence[Any]] | None = None, **options: Any) -> Callable[[Check], Rule]:
    """Make a ``Rule`` of a check function; keyword arguments are its options' defaults.

    ``opt_in=True`` keeps the rule off unless a selector names its full code or name: for a
    rule that is right too seldom on real law to run unasked (its docstring says so).
    ``choices`` names, per option, the values it accepts (``style=("off", "space")``): a
    configured value outside them is an error naming the key, not a rule silently off.
    """
    accepted = {option: tuple(values) for option, values in (choices or {}).items()}

    def decorate(check: Check) -> Rule:
        return Rule(code, name, category, Severity.parse(severity), check, dict(options), opt_in, accepted)

    return decorate
