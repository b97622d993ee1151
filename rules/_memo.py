"""One per-text fact, worked out once and shared by the rules that need it.

Several rules read the same fact of a text (the values each version writes alone, the
provisions without counterpart, the references that differ); each rule is called with the
same ``Bitext``, so the last text's result is kept and handed to the next rule that asks.
Only the last text is kept: a run lints its documents one after the other.
"""

from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar

from bilint.api import Bitext

T = TypeVar("T")


def once_per_text(function: Callable[[Bitext], T]) -> Callable[[Bitext], T]:
    """``function(bitext)`` computed once for the last text it was asked about."""
    last: list = [None, None]

    @wraps(function)
    def memo(bitext: Bitext) -> T:
        if last[0] is not bitext:
            last[0], last[1] = bitext, function(bitext)
        return last[1]

    return memo
