"""Chronology rules: dates that contradict each other or the text's own adoption date."""

from __future__ import annotations

import datetime
import re
from typing import Any, Iterator, Mapping, Sequence

from bilint.api import Bitext, Finding, Node, Related, rule
from bilint.lang import Language, get_language

from .dates import DateMention, find_dates, find_lists


def _text_nodes(bitext: Bitext, lang: str) -> Iterator[Node]:
    """Nodes whose own body is running text (a title is read through its text blocks)."""
    for node in bitext.documents[lang].nodes():
        if node.kind not in ("document", "title"):
            yield node


def _is_enumeration(text: str, group: list[DateMention], language: Language, minimum: int) -> bool:
    """A list of ``minimum`` dates or more, or two dates joined by one conjunction alone."""
    if len(group) >= minimum:
        return True
    if len(group) != 2:
        return False
    gap = " ".join(text[group[0].end:group[1].start].split()).lower()
    return gap in {w.lower() for w in (*language.conjunctions, *language.range_words)}


def _first_break(group: list[DateMention]) -> int | None:
    for index in range(1, len(group)):
        if group[index].date < group[index - 1].date:
            return index
    return None


def _replace_year(date: datetime.date, year: int) -> datetime.date | None:
    try:
        return date.replace(year=year)
    except ValueError:   # 29 February
        return None


def _shift(date: datetime.date, years: int) -> datetime.date | None:
    return _replace_year(date, date.year + years)


def _rewritten(mention: DateMention, date: datetime.date) -> str:
    """The mention as it would be written in another year (the year is its last number)."""
    head, year, tail = mention.written.rpartition(str(mention.date.year))
    return f"{head}{date.year}{tail}" if year else f"{mention.written} {date.year}"


def _ordered(dates: Sequence[datetime.date | None]) -> bool:
    known = [d for d in dates if d is not None]
    return len(known) == len(dates) and all(a <= b for a, b in zip(known, known[1:]))


Changes = dict[int, "datetime.date | None"]


def _explanations(group: list[DateMention], index: int, latest: datetime.date | None) -> list[Changes]:
    """Year slips that would order the whole list, fewest changed dates first.

    Tried: the dates before the break one year early; the dates from the break one year
    late; the breaking date in the year of the date before it; the date before it in the
    year of the breaking date. A slip that puts a date after ``latest`` (the adoption
    date) is not a likely correction.
    """
    dates = [m.date for m in group]
    candidates: list[Changes] = [
        {i: _shift(dates[i], -1) for i in range(index)},
        {i: _shift(dates[i], +1) for i in range(index, len(dates))},
        {index: _replace_year(dates[index], dates[index - 1].year)},
        {index - 1: _replace_year(dates[index - 1], dates[index].year)},
    ]
    found = []
    for changes in candidates:
        changes = {i: d for i, d in changes.items() if d != dates[i]}
        changed = [changes.get(i, d) for i, d in enumerate(dates)]
        if not changes or not _ordered(changed) or changes in found:
            continue
        if latest is not None and any(d is not None and d > latest for d in changes.values()):
            continue
        found.append(changes)
    return sorted(found, key=len)


def _suggestion(group: list[DateMention], index: int, latest: datetime.date | None) -> str:
    """The one correction that changes fewer dates than any other, if there is one."""
    explanations = _explanations(group, index, latest)
    if not explanations or (len(explanations) > 1 and len(explanations[1]) == len(explanations[0])):
        return ""
    changes = explanations[0]
    written = ", ".join(_rewritten(group[i], d) for i, d in sorted(changes.items()) if d is not None)
    return f"; probably meant: {written}"


def _enumerations(node: Node, language: Language, minimum: int) -> list[list[DateMention]]:
    return [group for group in find_lists(node.text, language)
            if _is_enumeration(node.text, group, language, minimum)]


def _same_list_elsewhere(node: Node, group: list[DateMention], index: int,
                         minimum: int) -> Related | None:
    """The counterpart's list of the same dates, which shares the error."""
    counterpart = node.attrs.get("counterpart")
    if counterpart is None:
        return None
    language = get_language(counterpart.lang)
    dates = [m.date for m in group]
    for other in _enumerations(counterpart, language, minimum):
        if [m.date for m in other] == dates:
            mention = other[index]
            return Related(counterpart.locate(mention.start, mention.end),
                           f"the {counterpart.lang} version has the same dates", counterpart.text[:120])
    return None


@rule("BL201", "date-order", "chronology", "warning", minimum=3)
def date_order(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Dates listed together are not in chronological order.

    Why: a list of dates (hearings, meetings, amendments) is written in the order the
    events took place; a date that is earlier than the one before it is almost always a
    wrong year or a slip of the keyboard. bilint points at the first date that breaks the
    order, says which date it follows, and suggests a correction when one year slip
    stands out: of the slips that order the whole list (the dates before the break one
    year early, the dates from the break one year late, the breaking date or the date
    before it in its neighbour's year) without moving a date past the adoption date in
    the title, the one that changes fewer dates than any other. When the other version
    lists the same dates, the finding says so: the error is then in the source text, not
    in the translation.

    A list is dates that nothing but commas, semicolons, a conjunction or range word of
    the language (``en``, ``et``, ``and``, ``tot``, ``à``) and at most one short word
    (``le``, ``op``) separates. Dates with different roles in a sentence are not a list:
    ``op 23 juli 2018 ondertekend en op 4 maart 2021 geratificeerd``, or ``la loi du
    3 mai 2019 modifiant la loi du 2 juin 2010``, which names the newer law first on
    purpose. Only lists of ``minimum`` dates or more are checked, and two dates joined by
    nothing but one conjunction (``15 mei 2020 en 3 april 2020``).

    Example: ``op 30 oktober 2021, 4 december 2021, 12 februari 2021 en 5 maart 2021`` /
    ``les 30 octobre 2021, 4 décembre 2021, 12 février 2021 et 5 mars 2021``: 12 February
    2021 follows 4 December 2021; with the adoption date of 11 December 2021 in the
    title, the first two dates were probably meant in 2020.

    Options: ``minimum`` (default 3): the number of dates from which a comma-separated
    list is checked.
    """
    minimum = int(options.get("minimum", 3))
    for lang in bitext.languages:
        language = get_language(lang)
        latest = adoption_date(bitext, lang)
        for node in _text_nodes(bitext, lang):
            for group in _enumerations(node, language, minimum):
                index = _first_break(group)
                if index is None:
                    continue
                mention, before = group[index], group[index - 1]
                message = (f"dates out of order: {mention.written} follows {before.written} in this list"
                           + _suggestion(group, index, latest))
                related = _same_list_elsewhere(node, group, index, minimum)
                if related is not None:
                    message += (f"; the {bitext.other(lang)} version has the same dates, so the error is "
                                "in the source, not in the translation")
                yield Finding(node.locate(mention.start, mention.end), message,
                              related=(related,) if related else ())


def _title(bitext: Bitext, lang: str) -> Node | None:
    return next(bitext.documents[lang].nodes("title"), None)


_HEADING_LENGTH = 200   # a longer title block is a preamble the parser kept in the title


def _adoption_in(title: Node, language: Language) -> tuple[Node, DateMention] | None:
    """The date after an adoption word in a title line, else the title lines' only date.

    Only short title blocks count: when a preamble has no formula the parser knows, it stays
    in the title, and its dates (``ondertekend te Parijs op 23 oktober 1954``) are not the
    adoption date.
    """
    words = "|".join(re.escape(w) for w in sorted(language.adoption_words, key=len, reverse=True))
    lines = [child for child in title.children if len(child.text) <= _HEADING_LENGTH]
    dated = [(line, find_dates(line.text, language)) for line in lines]
    for line, dates in dated:
        for match in re.finditer(rf"\b(?:{words})\b", line.text, re.IGNORECASE) if words else ():
            after = [m for m in dates if m.start >= match.end()]
            if after:
                return line, after[0]
    every = [(line, m) for line, dates in dated for m in dates]
    return every[0] if len({m.date for _, m in every}) == 1 else None


def adoption(bitext: Bitext, lang: str) -> tuple[Node, DateMention] | None:
    """The adoption date of one version and the title line that gives it; else the other version's."""
    for code in (lang, bitext.other(lang)):
        title = _title(bitext, code)
        found = _adoption_in(title, get_language(code)) if title is not None else None
        if found is not None:
            return found
    return None


def adoption_date(bitext: Bitext, lang: str) -> datetime.date | None:
    found = adoption(bitext, lang)
    return found[1].date if found else None


def _section_of(node: Node) -> Node | None:
    while node is not None and node.kind != "section":
        node = node.parent  # type: ignore[assignment]
    return node


def _past_marker(extra: Sequence[str]) -> "re.Pattern[str] | None":
    """One of ``past_words``, then at most two short words (``op``, ``on``, ``le``), right before a date."""
    if not extra:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(extra, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})(?:\s+[^\W\d_]{{1,4}}){{0,2}}\s*$", re.IGNORECASE)


def _reported_past(node: Node, mention: DateMention, sections: Sequence[str],
                   marker: "re.Pattern[str] | None") -> str:
    """Why the text reports this date as past ("" when it does not)."""
    section = _section_of(node)
    if section is not None and section.name in sections and node is not section:
        return f"the {section.name} section"
    found = marker.search(node.text[max(0, mention.start - 60):mention.start]) if marker else None
    return f"'{found.group(0).split()[0]}'" if found else ""


@rule("BL202", "date-after-adoption", "chronology", "warning",
      sections=["visa", "recalling"], past_words=[])
def date_after_adoption(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """A date the text reports as past falls after the text's own adoption date.

    Why: a text cannot have regard to a law, an opinion or a hearing that did not exist
    when it was adopted; a date after the adoption date in a visa is a wrong year or a
    wrong day. The adoption date is the date after an adoption word of the language data
    in the title (``(aangenomen ter plenaire vergadering van 11 december 2021)`` /
    ``(adoptée en séance plénière du 11 décembre 2021)``), else the title's only date,
    else the other version's.

    A date is reported as past when it stands in a section that only lists what already
    exists (the ``visa``, ``Gelet op`` / ``Vu``, and ``recalling`` sections), or anywhere
    when an adoption word (``aangenomen``, ``adoptée``, ``adopted``) or one of
    ``past_words`` comes at most three words before it (``de richtlijn aangenomen op
    3 mei 2022``). Considering sections are not read as past: recitals often set future
    deadlines (``moet uiterlijk op 31 december 2025 zijn omgezet``).

    Example: title ``(aangenomen ter plenaire vergadering van 4 juni 2019)`` /
    ``(adoptée en séance plénière du 4 juin 2019)``; ``Gelet op: 1. het advies van
    17 september 2019`` / ``Vu: 1. l'avis du 17 septembre 2019``: the opinion is dated
    after the text that has regard to it.

    Options: ``sections`` (default ``["visa", "recalling"]``): section ids whose dates are
    all past; ``past_words`` (default ``[]``): more words, in any language, that mark the
    date after them as past (``ondertekend``, ``signé``).
    """
    sections = tuple(options.get("sections", ("visa", "recalling")))
    for lang in bitext.languages:
        found = adoption(bitext, lang)
        if found is None:
            continue
        line, adopted = found
        language = get_language(lang)
        marker = _past_marker(tuple(options.get("past_words", ())))
        related = (Related(line.locate(adopted.start, adopted.end), "the adoption date", adopted.written),)
        for node in _text_nodes(bitext, lang):
            if node.parent is not None and node.parent.kind == "title":
                continue   # the title dates the text; it reports nothing as past
            for mention in find_dates(node.text, language):
                if mention.date <= adopted.date:
                    continue
                reason = _reported_past(node, mention, sections, marker)
                if reason:
                    yield Finding(node.locate(mention.start, mention.end),
                                  f"{mention.written} is after the adoption date ({adopted.written}), "
                                  f"but {reason} reports it as past", related=related)


RULES = [date_order, date_after_adoption]
