"""Language: a passage in the wrong language, or left untranslated."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Node, Related, rule
from bilint.langid import clearly_in, probabilities

from ._prose import TEXT_KINDS, blank_out, exempt_spans, sentences, text_nodes

# words that tell a language: lower-case letters only (names, acronyms, numbers and
# quoted or italic spans are blanked out before a passage is judged)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-öø-ÿœ][a-zà-öø-ÿœ'’-]*")
_NAME = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-ÞŒ][\w'’-]*|\d[\w./-]*")


_EDITORIAL = re.compile(r"\[[^\[\]]{1,5000}\]")


def _judged_text(text: str, exempt: list[tuple[int, int]]) -> str:
    """The passage's own words: quotations, italics, bracketed editorial notes (which quote
    texts in their own language), names, acronyms and numbers blanked out."""
    exempt = exempt + [(m.start(), m.end()) for m in _EDITORIAL.finditer(text)]
    text = blank_out(text, exempt)
    return _NAME.sub(lambda m: " " * len(m.group()), text)


def _words(text: str) -> list[str]:
    return _LOWER_WORD.findall(text)


@rule("BL701", "wrong-language", "language", "warning", min_words=8, min_letters=50, confidence=0.995)
def wrong_language(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A passage written in the other version's language.

    Why: a Dutch sentence left in the French version (a paste from the wrong column, a
    paragraph forgotten by the translator) means the French reader has no authentic text
    for it. bilint judges each sentence on its own words only: quotations and italics
    (titles and terms quoted on purpose), capitalised words (names, acronyms), numbers
    and bracketed editorial notes (which quote a text in its own language) are set aside;
    titles and headings without final punctuation are skipped (in a sectioned file they
    may be placed with either version); a sentence is judged only when at least
    ``min_words`` lower-case words remain; it is reported when the language detector, restricted to the two
    languages, is at least ``confidence`` sure of the other one. A sentence holding three
    or more of its own language's function words (articles, prepositions, auxiliaries:
    ``function_words`` in the language data) and none of the other's is its own language's
    without asking the detector, which is most sentences of a law. Consecutive sentences of
    one provision are reported together.

    Example:
        nl version: ``… de samenwerking versterken; les pays du Benelux renforcent leur
            coopération dans la lutte contre la criminalité organisée.``
        fr version: ``… renforcer la coopération. De drie landen werken samen bij de
            bestrijding van de georganiseerde misdaad en de drugshandel.``

    Options:
        min_words (8): the fewest lower-case words a sentence needs to be judged.
        min_letters (50): the fewest letters in those words.
        confidence (0.995): how sure the detector must be of the other language.
    """
    languages = tuple(bitext.languages)
    minimum_words = int(options.get("min_words", 8))
    minimum_letters = int(options.get("min_letters", 50))
    confidence = float(options.get("confidence", 0.995))
    for lang in languages:
        other = bitext.other(lang)
        for node in text_nodes(bitext.documents[lang]):
            if _is_heading(node):
                continue
            judged = _judged_text(node.text, exempt_spans(node))
            wrong: list[tuple[int, int]] = []
            for start, end in _passages(node.text):
                if _heading_line(node, start):
                    continue
                words = _words(judged[start:end])
                if len(words) < minimum_words or sum(map(len, words)) < minimum_letters:
                    continue
                if clearly_in(words, lang, other):
                    continue   # its own language's function words and none of the other's
                scores = probabilities(" ".join(words), languages)
                if scores.get(other, 0.0) >= confidence:
                    wrong.append((start, end))
            for start, end in _merge(wrong, node.text):
                yield Finding(node.locate(start, end),
                              f"this passage of the {lang} version reads as {other}",
                              related=_counterpart(node))


def _passages(text: str) -> list[tuple[int, int]]:
    """Sentences, further cut at semicolons (items often join clauses with them)."""
    spans = []
    for start, end in sentences(text):
        cursor = start
        for match in re.finditer(r"[;:]\s*", text[start:end]):
            spans.append((cursor, start + match.start() + 1))
            cursor = start + match.end()
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if e > s]


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _is_heading(node: Node) -> bool:
    """A title or heading line: in a sectioned file the layout may give it to either version."""
    return node.kind in ("text", "heading", "division") and not node.text.rstrip().endswith((".", ";", ":", "!", "?"))


def _heading_line(node: Node, start: int) -> bool:
    """The passage starts on a markdown heading line (``## Verdrag …``): a title."""
    offset = node.body.offsets[start]
    line_start = node.source.text.rfind("\n", 0, offset) + 1
    return node.source.text.startswith("#", line_start)


def _counterpart(node: Node) -> tuple[Related, ...]:
    counterpart = node.attrs.get("counterpart")
    if counterpart is None or counterpart.kind == "document":
        return ()
    return (Related(counterpart.whole(), f"the {counterpart.lang} version of this {node.kind}",
                    counterpart.text[:160]),)


def _normal(text: str) -> str:
    return " ".join(text.split())


@rule("BL702", "untranslated", "language", "warning", min_words=6)
def untranslated(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A passage that is the same in both versions: left untranslated.

    Why: two aligned provisions, or a sentence of one found word for word in its
    counterpart, mean that one version was not translated there. bilint compares each
    aligned pair sentence by sentence, after setting aside quotations and italics (a title
    quoted in its own language is the same on both sides on purpose) and names; a
    sentence is reported when at least ``min_words`` lower-case words remain, on the side
    whose language it is not (as the language detector tells). A line without final
    punctuation that opens three provisions or more of each version word for word is a
    database's status note (``Treedt in werking op een nader te bepalen tijdstip`` under
    every article), not text, and is not compared.

    Example:
        nl: ``2. De Partijen verbinden zich ertoe de nodige maatregelen te nemen.``
        fr: ``2. De Partijen verbinden zich ertoe de nodige maatregelen te nemen.``
            → the French version is Dutch here.

    Options:
        min_words (6): the fewest lower-case words a sentence needs to be compared.
    """
    languages = tuple(bitext.languages)
    minimum = int(options.get("min_words", 6))
    notes = _status_notes(bitext)
    found: dict[tuple[str, str], list] = {}
    for pair in bitext.pairs:
        left, right = pair.left, pair.right
        if left is None or right is None or left.kind not in TEXT_KINDS or right.kind not in TEXT_KINDS:
            continue
        if not left.text.strip() or not right.text.strip() or _is_heading(left) or _is_heading(right):
            continue
        left_judged = _normal(_judged_text(left.text, exempt_spans(left)))
        right_judged = _judged_text(right.text, exempt_spans(right))
        for start, end in _passages(right.text):
            sentence = _normal(right_judged[start:end])
            words = _words(sentence)
            if len(words) < minimum or sentence not in left_judged or _normal(right.text[start:end]) in notes:
                continue
            scores = probabilities(" ".join(words), languages)
            if not scores:
                continue
            detected = max(scores, key=scores.get)
            if scores[detected] < 0.9:
                continue
            if detected == right.lang:
                where, there = left, right
                index = left.text.find(right.text[start:end].strip())
                if index < 0:
                    continue
                span = (index, index + len(right.text[start:end].strip()))
            else:
                where, there, span = right, left, (start, end)
            passage = _normal(where.text[span[0]:span[1]])
            found.setdefault((where.lang, passage), []).append(
                (where.locate(*span), detected, Related(there.whole(), f"the {there.lang} {there.describe()}",
                                                         there.text[:160])))
    # one passage left untranslated under every article (a status note pasted in) is one
    # problem: one finding at its first place, the others as related locations
    for (lang, _), places in found.items():
        location, detected, related = places[0]
        more = len(places) - 1
        message = f"left untranslated: the {lang} version has the {detected} text of its counterpart here"
        if more:
            message += f" (the same passage stands untranslated at {more} more place{'s' if more > 1 else ''})"
        others = tuple(Related(loc, "the same passage, also untranslated") for loc, _, _ in places[1:])
        yield Finding(location, message, related=(related, *others))


_MIN_NOTES = 3   # provisions of each version that open with the same line


def _status_notes(bitext: Bitext) -> set[str]:
    """Lines without final punctuation that open three provisions or more of each version
    word for word: a database's status note (``Treedt in werking op een nader te bepalen
    tijdstip`` under every article of both versions), not text to translate."""
    counts = []
    for lang in bitext.languages:
        seen: dict[str, int] = {}
        for node in text_nodes(bitext.documents[lang]):
            first = node.text.strip().split("\n", 1)[0]
            end = next((e for s, e in _passages(node.text)), 0)
            line = _normal(node.text[:end]) if end else _normal(first)
            if line and not line.endswith((".", ";", ":", "!", "?")):
                seen[line] = seen.get(line, 0) + 1
        counts.append({line for line, count in seen.items() if count >= _MIN_NOTES})
    return counts[0] & counts[1]


RULES = [wrong_language, untranslated]
