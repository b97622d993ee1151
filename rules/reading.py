"""What the readers noticed about the files themselves: not a translation, a guessed
encoding, tracked changes. One finding each, so the user knows how the text was read."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, Related, rule


def _sources(bitext: Bitext):
    seen = set()
    for code in bitext.languages:
        source = bitext.documents[code].source
        if source.path not in seen:
            seen.add(source.path)
            yield code, source


@rule("BL004", "not-a-translation", "structure", "info")
def not_a_translation(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The two languages of the file do not translate each other; they were not compared.

    Why: in a plenary record each speech is in the language its speaker chose, and the
    passages beside it in the other language say something else. Comparing them gives
    dozens of "number missing in the other version" findings that are all noise, so the
    rules that compare the versions (parity, counterparts, untranslated passages) are
    not run, and the single-language rules (spelling, typography, numbering) are.

    The same holds where the versions are translations but their passages, paired by
    position, are not each other's: two passages or more of one division that each write
    six values or more and share almost none of them (an index's contents, each pointing
    to its own language's pages), or share them mostly in another order (two lists each
    sorted in its own language). That division is not compared and is reported once; when
    it is (nearly) the whole document, the document is, as a debate is. A translated
    text keeps its values in its sentences' order: on the dev corpus no pair of a
    translated text was such a pair. And where not one passage of either version could be
    paired with one of the other (a version that reads its whole text under a heading the
    other lacks), nothing could be compared, and this says so rather than passing in
    silence.

    Example: a Chamber plenary record in Word-HTML: a French speech, then a Dutch one,
    each with its own numbers and names. An index whose English and French entries are
    each in alphabetical order of their language.

    Options: none.
    """
    if bitext.config.get("translation", True):
        yield from _uncompared_divisions(bitext)
        return
    code, source = next(_sources(bitext))
    apart = bitext.config.get("unaligned")
    if apart:
        yield Finding(source.location(0, 0, None),
                      f"the two versions do not correspond passage by passage: none of the {apart[0]} passages "
                      f"of the {bitext.languages[0]} version could be paired with one of the {apart[1]} of the "
                      f"{bitext.languages[1]} version (laid out too differently to align): only the "
                      "single-language rules were run")
        return
    discordant = bitext.config.get("discordant")
    if discordant:
        yield Finding(source.location(0, 0, None),
                      f"the two versions do not correspond passage by passage: {discordant} of their paired "
                      "passages write different values, or the same values in another order (an index or list "
                      "sorted in each language?): only the single-language rules were run")
        return
    yield Finding(source.location(0, 0, None),
                  "the two languages of this file do not translate each other (each passage is in one "
                  "language only, as in a debate): only the single-language rules were run")


def _uncompared_divisions(bitext: Bitext) -> Iterator[Finding]:
    for division, other, count in bitext.config.get("uncompared", ()):
        yield Finding(division.whole(),
                      f"the two versions of this {division.describe()} do not correspond passage by passage: "
                      f"{count} of its paired passages write different values, or the same values in another "
                      "order (an index or list sorted in each language?): it was not compared with its "
                      "counterpart",
                      related=(Related(other.whole(), f"the {other.lang} {other.describe()}", other.text[:160]),))


@rule("BL005", "guessed-encoding", "structure", "warning")
def guessed_encoding(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The file is not UTF-8 and does not say its encoding; bilint guessed windows-1252.

    Why: a guessed encoding reads most Western European text right, but a file in
    another encoding would be read as the wrong letters, and every finding in it would be
    wrong. Save the file as UTF-8, or declare its charset.

    Example: a text saved by an old editor in windows-1252, with ``é`` as the byte E9.

    Options: none.
    """
    for code, source in _sources(bitext):
        if getattr(source, "fallback", False):
            yield Finding(source.location(0, 0, None),
                          f"{source.path} is not UTF-8 and states no encoding: read as {source.encoding} "
                          "(a guess); save it as UTF-8 to be sure")


@rule("BL006", "tracked-changes", "structure", "info")
def tracked_changes(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """The Word document has tracked changes; it was linted as if they were accepted.

    Why: the text a reader will see is the one with the changes accepted: insertions
    read, deletions gone. Findings point at that text; a deleted passage is not linted.

    Example: a DOCX with revision marks (``w:ins``/``w:del``) left in.

    Options: none.
    """
    for code, source in _sources(bitext):
        count = getattr(source, "tracked_changes", 0)
        if count:
            yield Finding(source.location(0, 0, None),
                          f"{source.path} has {count} tracked change{'s' if count != 1 else ''}: linted as if "
                          "accepted (insertions kept, deletions left out)")


@rule("BL007", "other-language", "structure", "info")
def other_language(bitext: Bitext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Passages in a language outside the pair were left out, not linted.

    Why: a gazette may print a text in three languages (English, Afrikaans, isiXhosa); a
    check in two of them, or in two others, would read the rest as one of the pair and
    flag every word as a typo. A passage is in another language when langdetect is sure
    of one outside the pair, or when few of its words are in either language's word list
    (a language bilint cannot tell). One finding says how many passages were left out
    and in which languages; lint them with ``--languages`` when bilint has their data.

    Example: the Western Cape gazette checked as Dutch and French: its English,
    Afrikaans and isiXhosa passages are left out, and counted here.

    Options: none.
    """
    left = bitext.config.get("left_out")
    if not left or not left.total():
        return
    from bilint.lang import available_languages

    known = set(available_languages())
    parts = []
    for code, count in sorted(left.counts.items(), key=lambda item: (-item[1], item[0])):
        if code == "?":
            parts.append(f"{count} in a language bilint cannot tell (few words of {' or '.join(bitext.languages)})")
        elif code in known:
            parts.append(f"{count} in '{code}'")
        else:
            parts.append(f"{count} in '{code}' (no language data)")
    lintable = sorted(code for code in left.counts if code in known)
    hint = (f" (lint the {', '.join(lintable)} passages with --languages)" if lintable else "")
    total = left.total()
    source = bitext.documents[bitext.languages[0]].source
    yield Finding(source.location(left.first or 0, left.first or 0, None),
                  f"{total} passage{'s' if total != 1 else ''} in a language outside "
                  f"{' and '.join(bitext.languages)} {'were' if total != 1 else 'was'} not linted: "
                  f"{', '.join(parts)}{hint}")


RULES = [not_a_translation, guessed_encoding, tracked_changes, other_language]
