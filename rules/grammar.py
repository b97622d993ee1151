"""Grammar: slips that curated patterns catch, kept as data a linguist edits.

The patterns live in ``rules/data/grammar-LANG.tsv``, one a line:
``pattern<TAB>message<TAB>suggestion`` (see the header comment of each file).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple

from bilint.api import Bitext, Finding, Fix, rule

from ._prose import exempt_spans, inside, sentences, text_nodes

DATA = Path(__file__).parent / "data"


class Pattern(NamedTuple):
    regex: re.Pattern
    message: str
    suggestion: str
    line: int


def parse_patterns(text: str, origin: str = "<patterns>") -> list[Pattern]:
    """Read a pattern file: comments (#) and blank lines skipped, three tab-separated fields a line."""
    patterns = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not all(field.strip() for field in fields):
            raise ValueError(f"{origin}:{number}: expected pattern<TAB>message<TAB>suggestion")
        try:
            regex = re.compile(fields[0])
        except re.error as error:
            raise ValueError(f"{origin}:{number}: {error}") from None
        patterns.append(Pattern(regex, fields[1].strip(), fields[2], number))
    return patterns


@lru_cache(maxsize=None)
def load_patterns(path: str) -> tuple[Pattern, ...]:
    file = Path(path)
    if not file.is_file():
        return ()
    return tuple(parse_patterns(file.read_text(encoding="utf-8"), str(file)))


@rule("BL601", "grammar-pattern", "grammar", "warning", files={})
def grammar_pattern(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A grammar slip that a curated pattern recognises, with the correction.

    Why: some slips are spelt right word by word and only wrong together: an adjective
    that lost its ending between inflected ones, a verb where the noun belongs, a
    suspended compound without its hyphen, a missing preposition. Linguists keep these as
    patterns over a sentence in ``rules/data/grammar-LANG.tsv``, one a line,
    ``pattern<TAB>message<TAB>suggestion``; the suggestion may use the pattern's groups
    (``\\1``). Quotations are not checked (they are quoted as published). The fix is the
    suggestion, to be read before it is applied (unsafe).

    Example:
        nl: ``de Belgische en Nederlands drugsmarkten`` → ``Nederlandse``;
            ``dat er behoeft is aan`` → ``behoefte``; ``hand en spandiensten`` →
            ``hand- en spandiensten``
        fr: ``de procéder manière intégrée`` → ``de procéder de manière intégrée``;
            ``si il`` → ``s'il``

    Options:
        files ({}): per language, a list of further pattern files (same format) to use
            besides the built-in ones, e.g. ``{"nl": ["house-style-nl.tsv"]}``.
    """
    extra = options.get("files", {}) or {}
    for lang in bitext.languages:
        patterns = list(load_patterns(str(DATA / f"grammar-{lang}.tsv")))
        for path in extra.get(lang, ()):
            patterns.extend(load_patterns(str(path)))
        if not patterns:
            continue
        for node in text_nodes(bitext.documents[lang]):
            text = node.text
            exempt = exempt_spans(node)
            for start, end in sentences(text):
                sentence = text[start:end]
                reported: list[tuple[int, int]] = []   # two patterns, one slip: one finding
                for pattern in patterns:
                    for match in pattern.regex.finditer(sentence):
                        if inside(start + match.start(), exempt):
                            continue
                        replacement = match.expand(pattern.suggestion)
                        if replacement == match.group():
                            continue
                        if any(match.start() < e and s < match.end() for s, e in reported):
                            continue
                        reported.append(match.span())
                        yield Finding(node.locate(start + match.start(), start + match.end()),
                                      f"{pattern.message}: '{match.group()}' → '{replacement}'",
                                      fix=Fix(replacement, safe=False))


RULES = [grammar_pattern]
