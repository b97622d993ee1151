"""Rule selectors (codes, code prefixes, names) checked where a user writes them.

A typo in ``--select`` or ``ignore = [...]`` must not switch the linter off: every token
has to match a rule the way the engine matches it (a code or name prefix), or the run
stops with a one-line error and the nearest known selector.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from .model import Rule


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'X'?"`` for the closest candidate, or an empty string."""
    candidates = list(dict.fromkeys(candidates))
    by_fold = {c.casefold(): c for c in candidates}
    if word.casefold() in by_fold and by_fold[word.casefold()] != word:
        return f"; did you mean {by_fold[word.casefold()]!r}?"
    # codes are short and alike (BL101, BL110): only a near miss of one is worth naming
    import difflib   # only on a typo: a clean run never pays for it

    cutoff = 0.8 if any(char.isdigit() for char in word) else 0.6
    close = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=cutoff)
    return f"; did you mean {by_fold[close[0]]!r}?" if close else ""


def matches(token: str, rule: Rule) -> bool:
    """The engine's test: a rule's code or name starts with the token."""
    return rule.code.startswith(token) or rule.name.startswith(token)


def unknown_selector(token: str, rules: Sequence[Rule]) -> str | None:
    """``None`` when ``token`` selects a rule, else the error text (with a suggestion)."""
    if token and any(matches(token, rule) for rule in rules):
        return None
    candidates = [rule.code for rule in rules] + [rule.name for rule in rules]
    return f"no rule matches {token!r}{did_you_mean(token, candidates)} (see 'bilint rules')"


def check_selectors(tokens: Iterable[str], rules: Sequence[Rule], where: str) -> None:
    """Raise ``InputError`` naming ``where`` for the first token that selects nothing."""
    from .source import InputError

    for token in tokens:
        problem = unknown_selector(token, rules)
        if problem:
            raise InputError(f"{where}: {problem}")
