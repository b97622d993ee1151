"""Metadata of the two language files of one Akoma Ntoso work, compared."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Related, rule

_WORK = re.compile(r"<(?:[\w.-]+:)?FRBRWork\b.*?</(?:[\w.-]+:)?FRBRWork\s*>", re.S)
_FIELD = re.compile(r"<(?:[\w.-]+:)?(?P<element>FRBR\w+)\b(?P<attributes>[^>]*?)/?>")
_ATTRIBUTE = re.compile(r"(?<![\w:.-])(?P<name>[\w:.-]+)\s*=\s*(?P<quote>[\"'])(?P<value>[^\"']*)(?P=quote)")
# attributes that say who or what, not what the work is; the FRBRthis of a work names a
# component, which may differ between expressions laid out differently
_IGNORED = frozenset({("FRBRauthor", "as"), ("FRBRthis", "value")})


def work_fields(text: str) -> dict[tuple[str, str, str], tuple[str, int, int]]:
    """The fields of a file's ``FRBRWork``: (element, its ``name`` if any, attribute) ->
    (value, start, end) in ``text``; empty when the file has none."""
    work = _WORK.search(text[:200_000])
    if work is None:
        return {}
    fields = {}
    for element in _FIELD.finditer(work.group(0)):
        attributes = {a.group("name"): a for a in _ATTRIBUTE.finditer(element.group("attributes"))}
        kind = attributes["name"].group("value") if "name" in attributes else ""
        for name, match in attributes.items():
            if name == "name" or (element.group("element"), name) in _IGNORED:
                continue
            start = work.start() + element.start("attributes") + match.start("value")
            key = (element.group("element"), kind, name)
            fields.setdefault(key, (match.group("value"), start, start + len(match.group("value"))))
    return fields


@rule("BL008", "work-metadata-mismatch", "structure", "warning")
def work_metadata_mismatch(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The two language files of one Akoma Ntoso work give different work metadata.

    Why: in Akoma Ntoso (FRBR) the work is what both language expressions are versions
    of: its date, country, number and URI belong to the work, not to a language, and must
    be the same in every expression. A difference is an error in one of the files, which
    a register, a search or a citation built on the metadata repeats.

    Example: ``<FRBRdate date="2012-10-22" name="generation"/>`` in the English file's
    ``FRBRWork``, ``2012-02-22`` in the Spanish file's.

    Options: none.
    """
    first, second = (bitext.documents[code] for code in bitext.languages)
    if first.source.path == second.source.path:
        return   # one file: no expressions to compare
    if not all(doc.source.path.lower().endswith((".xml", ".akn")) for doc in (first, second)):
        return
    fields = {first.lang: work_fields(first.source.text), second.lang: work_fields(second.source.text)}
    uris = {fields[doc.lang].get(("FRBRuri", "", "value"), ("",))[0] for doc in (first, second)}
    uri = uris.pop() if len(uris) == 1 else ""
    for key in sorted(set(fields[first.lang]) & set(fields[second.lang])):
        values = {doc.lang: fields[doc.lang][key] for doc in (first, second)}
        if values[first.lang][0].strip() == values[second.lang][0].strip():
            continue
        # the work's URI, shared by both, names its date and number: the value it does not
        # give is the wrong one; otherwise the finding is on the second file
        wrong, right = second, first
        if uri and key[0] != "FRBRuri" and values[second.lang][0] in uri and values[first.lang][0] not in uri:
            wrong, right = first, second
        bad, good = values[wrong.lang], values[right.lang]
        element, kind, attribute = key
        field = f"{element}{f' ({kind})' if kind else ''} {attribute}"
        backed = " and the work's URI" if good[0] in uri and key[0] != "FRBRuri" else ""
        yield Finding(wrong.source.location(bad[1], bad[2], wrong.lang),
                      f"the work's {field} is '{bad[0]}' in the {wrong.lang} file, '{good[0]}' in the {right.lang} "
                      f"file{backed}: two expressions of one work must give the same work metadata",
                      related=(Related(right.source.location(good[1], good[2], right.lang),
                                       f"the {right.lang} file's {field}", good[0]),))


RULES = [work_metadata_mismatch]
