"""What the readers noticed about the files themselves: not a translation, a guessed
encoding, tracked changes. One finding each, so the user knows how the text was read."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from bilint.api import Bitext, Finding, rule


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

    Example: a Chamber plenary record in Word-HTML: a French speech, then a Dutch one,
    each with its own numbers and names.

    Options: none.
    """
    if bitext.config.get("translation", True):
        return
    code, source = next(_sources(bitext))
    yield Finding(source.location(0, 0, None),
                  "the two languages of this file do not translate each other (each passage is in one "
                  "language only, as in a debate): only the single-language rules were run")


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


RULES = [not_a_translation, guessed_encoding, tracked_changes]
