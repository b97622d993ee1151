"""Which rules run: prefixes, names, ignore, and opt-in rules that only a full code selects."""

from __future__ import annotations

import pytest

from bilint.api import rule
from bilint.engine import selected


def _check(bitext, options):
    """A rule for selection tests."""
    return iter(())


NUMBERS = rule("BL401", "number-parity", "parity")(_check)
QUANTITY = rule("BL414", "quantity-parity", "parity", opt_in=True)(_check)
SPELLING = rule("BL301", "spelling", "spelling")(_check)
RULES = [NUMBERS, QUANTITY, SPELLING]


def codes(**selection) -> list[str]:
    return [r.code for r in selected(RULES, selection.get("select", []), selection.get("ignore", []),
                                     selection.get("extend_select", []))]


@pytest.mark.parametrize("selection, expected", [
    ({}, ["BL401", "BL301"]),                                      # opt-in rules stay off by default
    ({"select": ["BL4"]}, ["BL401"]),                              # a prefix does not turn one on
    ({"select": ["BL414"]}, ["BL414"]),                            # its full code does
    ({"select": ["quantity-parity"]}, ["BL414"]),                  # and so does its name
    ({"extend_select": ["BL414"]}, ["BL401", "BL414", "BL301"]),
    ({"extend_select": ["BL414"], "ignore": ["BL4"]}, ["BL414", "BL301"]),   # the longer selector wins
    ({"extend_select": ["BL414"], "ignore": ["BL414"]}, ["BL401", "BL301"]),
    ({"select": ["BL"], "ignore": ["BL3"]}, ["BL401"]),
])
def test_selection(selection, expected):
    assert codes(**selection) == expected


def test_the_rules_command_says_which_rules_are_opt_in():
    import json
    import subprocess
    import sys

    listing = json.loads(subprocess.run([sys.executable, "-m", "bilint", "rules", "--format", "json"],
                                        capture_output=True, text=True, check=True).stdout)
    assert all(isinstance(entry["opt_in"], bool) for entry in listing)
