"""Suppressions: inline ``<!-- bilint: … -->`` comments that no longer do anything.

The engine runs this family last: it applies the suppression comments to the other
rules' diagnostics, then hands what each comment suppressed to this rule through
``bitext.config["suppressions"]`` (a ``bilint.suppress.Report``).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Fix, rule


@rule("BL901", "unused-suppression", "formatting", "warning")
def unused_suppression(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A suppression comment that suppresses nothing, names an unknown rule, or is malformed.

    Why: a ``<!-- bilint: disable=… -->`` comment outlives the problem it silenced; left
    in place, it would silence the next real problem on those lines without anyone
    noticing. A comment is reported only for codes whose rule ran, so linting with
    ``--select`` never makes the other comments look unused.

    Example:
        nl: ``<!-- bilint: disable-next-line=BL301 -->`` above ``de criminele organisaties``
        (spelled correctly now) → the comment suppresses nothing
        fr: ``<!-- bilint: disable=BL999 -->`` → no rule BL999
        The fix removes the comment (or the unused code from it); it is safe.

    Options: none.
    """
    report = bitext.config.get("suppressions")
    if report is None:
        return
    known = report.known
    everything = {code for code, _ in known if code != "BL901"}
    for directive in report.directives:
        if directive.action == "invalid":
            yield Finding(directive.location, directive.problem)
            continue
        if directive.action == "enable":
            continue
        if not directive.codes:
            if not directive.hits and everything <= report.ran:
                # an empty replacement removes the comment, and its line when it stood alone
                yield Finding(directive.location, f"'{directive.action}' suppresses nothing",
                              fix=Fix("", True, directive.location))
            continue
        unused, unknown = [], []
        for token in directive.codes:
            matched = {code for code, name in known if _matches(token, code, name)}
            if not matched:
                unknown.append(token)
            elif not directive.hits.get(token) and matched <= report.ran | {"BL901"} and matched != {"BL901"}:
                unused.append(token)
        for token in unknown:
            from bilint.selectors import did_you_mean

            hint = did_you_mean(token, [name for pair in known for name in pair])
            yield Finding(directive.location, f"no rule {token!r}{hint} (see 'bilint rules')")
        if unused:
            kept = [token for token in directive.codes if token not in unused]
            names = ", ".join(unused)
            if kept:
                text = directive.text.replace(directive.text[directive.text.index(":") + 1:],
                                              f" {directive.action}={','.join(kept)} -->")
                fix = Fix(text, True, directive.location)
            else:
                fix = Fix("", True, directive.location)
            yield Finding(directive.location, f"suppression of {names} suppresses nothing", fix=fix)


def _matches(token: str, code: str, name: str) -> bool:
    return code.startswith(token.upper()) or token.lower() == name


RULES = [unused_suppression]
