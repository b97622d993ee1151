"""The pipeline and nothing else: read, split, parse, align, run rules, stamp, suppress, sort."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping, Sequence

from .model import Bitext, Diagnostic, Finding, Rule, Severity


@dataclass
class Settings:
    """What the engine needs to know; the CLI and the config file fill it."""

    languages: tuple[str, str] = ("nl", "fr")
    layout: str = "auto"
    select: Sequence[str] = ()          # code prefixes; empty means every rule
    ignore: Sequence[str] = ()
    severity: Mapping[str, str] = field(default_factory=dict)     # code -> error|warning|info
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # rule name/code -> options
    words: Sequence[str] = ()           # project word list for the spelling rule
    extend_select: Sequence[str] = ()   # code prefixes added to ``select`` (or to every rule)
    glossaries: Sequence[str] = ()      # project glossary files, for the terminology rules
    inline: bool = True                 # honour <!-- bilint: disable… --> comments
    # a one-language file with no counterpart: "info" (skipped, one info finding), "error" (BL002)
    # or "lint" (linted with the single-language rules, one info finding);
    # files and folders (bilint check, lint_paths) default to "info" through the configuration,
    # a text handed over in memory is bilingual by the caller's word
    monolingual: str = "error"


_listener: Callable[[str], None] | None = None


def set_stage_listener(listener: "Callable[[str], None] | None") -> None:
    """Be told each stage of the documents linted in this process (a terminal's progress line)."""
    global _listener
    _listener = listener


def _stage(name: str) -> None:
    if _listener is not None:
        _listener(name)


SUPPRESSION_RULE = "BL901"
MONOLINGUAL_KEY = "monolingual"    # the key of the note on a skipped one-language file


def selected(rules: Iterable[Rule], select: Sequence[str], ignore: Sequence[str],
             extend_select: Sequence[str] = ()) -> list[Rule]:
    """Rules chosen by code prefix (or name); the longest matching prefix decides (like ruff).

    An empty ``select`` means every rule; ``extend_select`` adds to it, and a longer
    prefix there wins over a shorter ``ignore`` (``ignore BL3`` + ``extend-select BL301``).
    An opt-in rule is chosen only by its full code or name (``extend-select BL414``), never
    by a prefix or by default.
    """
    chosen = []
    choose = [*select, *extend_select]
    for rule in rules:
        keys = (rule.code, rule.name)
        if rule.opt_in:
            best_select = max((len(p) for p in choose if p in keys), default=-1)
        else:
            best_select = max((len(p) for p in choose if any(k.startswith(p) for k in keys)), default=-1)
            if not select:
                best_select = max(best_select, 0)
        best_ignore = max((len(p) for p in ignore if any(k.startswith(p) for k in keys)), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            chosen.append(rule)
    return chosen


def build_bitext(paths: list[str], settings: Settings, texts: Mapping[str, str] | None = None) -> Bitext:
    from .align import align, unaligned, uncompared
    from .lang import get_language
    from .layouts.load import load
    from .parse import parse_blocks

    _stage("reading " + " + ".join(paths))
    streams = load(paths, settings.languages, settings.layout, dict(texts) if texts else None)
    documents = {}
    for code in settings.languages:
        _stage(f"parsing the {code} version")
        documents[code] = parse_blocks(streams.blocks[code], get_language(code), streams.sources[code])
    first, second = settings.languages
    _stage("aligning the versions")
    pairs = align(documents[first].root, documents[second].root)
    sources = tuple(dict.fromkeys(source.path for source in streams.sources.values()))
    config = {"notes": streams.notes, "translation": streams.translation, "words": tuple(settings.words),
              "glossaries": tuple(settings.glossaries), "left_out": streams.left_out}
    if streams.translation:
        # passages that do not correspond (an index sorted in each language): not compared,
        # BL004 says so once for the document or for each such division
        apart = unaligned(pairs)
        regions = [] if apart else uncompared(pairs)
        whole = [count for division, _, count in regions if division.parent is None]
        if apart:
            config["translation"], config["unaligned"] = False, apart
        elif whole:
            config["translation"], config["discordant"] = False, whole[0]
        else:
            config["uncompared"] = tuple(regions)
    return Bitext(settings.languages, documents, pairs, streams.layout, sources, config)


class Cancelled(Exception):
    """A lint given up between two rules because its result is no longer wanted (an editor's newer edit)."""


def lint_bitext(bitext: Bitext, rules: Sequence[Rule], settings: Settings,
                cancelled: Callable[[], bool] | None = None) -> list[Diagnostic]:
    """Run the rules, stamp their findings, apply the inline suppressions, sort.

    The unused-suppression rule runs last, once the others' diagnostics have been matched
    against the suppression comments: it reads what each comment suppressed from
    ``bitext.config["suppressions"]``. ``cancelled`` is asked before each rule; when it
    says yes, ``Cancelled`` is raised.
    """
    from . import suppress

    positions = _Positions(bitext)
    compared = _compared(bitext)
    diagnostics: list[Diagnostic] = []
    seen: set[tuple] = set()

    def run(rule: Rule) -> list[Diagnostic]:
        produced = []
        options = {**rule.options, **settings.options.get(rule.name, {}), **settings.options.get(rule.code, {})}
        severity = _severity(rule, settings.severity)
        try:
            for finding in rule.check(compared if compares_versions(rule) else bitext, options):
                diagnostic = _stamp(finding, rule, severity, bitext, positions)
                key = (diagnostic.path, diagnostic.span, diagnostic.code, diagnostic.message)
                if key not in seen:
                    seen.add(key)
                    produced.append(diagnostic)
        except Exception as error:   # a configured option the rule cannot use is the user's error
            problem = _option_error(rule, settings, error)
            if problem is error:
                raise
            raise problem from None
        return produced

    last = [rule for rule in rules if rule.code == SUPPRESSION_RULE]
    for number, rule in enumerate(rules, start=1):
        if cancelled is not None and cancelled():
            raise Cancelled(rule.code)
        if rule.code != SUPPRESSION_RULE:
            _stage(f"rule {number}/{len(rules)}: {rule.code} {rule.name}")
            diagnostics.extend(run(rule))
    if settings.inline:
        lang_of = {}
        for code, document in bitext.documents.items():
            # a file of a pair has one language; an interleaved file has both
            lang_of[document.source.path] = code if document.source.path not in lang_of else None
        directives = suppress.collect((d.source for d in bitext.documents.values()), lang_of)
        diagnostics = suppress.apply(diagnostics, directives)
        if last:
            from .plugins import all_rules

            report = suppress.Report(directives, frozenset(r.code for r in rules if r.code != SUPPRESSION_RULE),
                                     tuple((r.code, r.name) for r in all_rules()))
            bitext.config = {**bitext.config, "suppressions": report}
            diagnostics.extend(suppress.apply(run(last[0]), directives))
        elif directives:
            # BL901 is not selected: a comment naming no rule, or malformed, still must not pass silently
            from .plugins import all_rules
            from .source import InputError

            problem = suppress.first_problem(directives, tuple((r.code, r.name) for r in all_rules()))
            if problem:
                raise InputError(problem)
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def _compared(bitext: Bitext) -> Bitext:
    """The bitext the comparing rules see: without the pairs of divisions whose versions do
    not correspond passage by passage (BL004 reports those divisions instead)."""
    regions = bitext.config.get("uncompared")
    if not regions:
        return bitext
    left_out = {id(node) for division, other, _ in regions for side in (division, other) for node in side.walk()}
    return replace(bitext, pairs=[pair for pair in bitext.pairs
                                  if id(pair.left) not in left_out and id(pair.right) not in left_out])


def _option_error(rule: Rule, settings: Settings, error: Exception) -> Exception:
    """A configured option value a rule rejects is the user's error: name the key.

    The error is blamed on an option only when its message quotes that option's configured
    value; anything else is a fault of the rule and is raised as it is."""
    import re

    from .selectors import did_you_mean
    from .source import InputError

    configured = {**settings.options.get(rule.name, {}), **settings.options.get(rule.code, {})}
    for option, value in configured.items():
        values = value if isinstance(value, list) else [value]
        quoted = [v for v in values if isinstance(v, (str, int, float)) and not isinstance(v, bool)
                  and (repr(v) in str(error) or (len(str(v)) > 1 and str(v) in str(error)))]
        if quoted:
            value = quoted[0]
            choices = re.search(r"\(([\w-]+(?:, [\w-]+)+)\)\s*$", str(error))
            hint = did_you_mean(str(value), choices.group(1).split(", ")) if choices else ""
            return InputError(f"'rules.{rule.name}.{option}': {error}{hint}")
    return error


def monolingual_finding(bitext: Bitext, rules: Sequence[Rule], lint: bool = False) -> list[Diagnostic] | None:
    """A file with text in one language only, not named as half of a pair: one info finding.

    A drafting repository holds a README, a changelog, notes: monolingual texts that are
    not bilingual laws with a missing version. Such a file is not linted (spelling a README
    against the pair's dictionaries is noise); it gets one ``info`` BL002, so that the run
    says what it skipped without failing. ``monolingual = "error"`` turns this off.
    ``monolingual = "lint"`` (``lint``): the file is linted with the rules that read one
    language (a Luxembourg law is published in French only), and the finding says so.
    """
    from .layouts import pair_name

    if len(bitext.paths) != 1:
        return None
    from .lang import available_languages

    parts = pair_name(bitext.paths[0])
    if parts is not None and (parts[1] in bitext.languages or parts[1] in available_languages()):
        return None   # named for a language (law.nl.md, act.en.xml): half of a pair, or the wrong --languages
    present = [code for code in bitext.languages if bitext.documents[code].root.children]
    if len(present) != 1:
        return None
    rule = next((r for r in rules if r.code == "BL002"), None)
    if rule is None:
        return []
    found, missing = present[0], bitext.other(present[0])
    source = bitext.documents[found].source
    if lint:
        message = (f"only {found} text found, no {missing}: a monolingual file, linted with the "
                   f"single-language rules only (monolingual = \"lint\")")
    else:
        message = (f"only {found} text found, no {missing}: a monolingual file, not linted "
                   f"(monolingual = \"lint\" lints it alone, \"error\" requires both versions)")
    finding = Finding(source.location(0, 0, found), message)
    return [replace(_stamp(finding, rule, Severity.INFO, bitext), key=MONOLINGUAL_KEY)]


def _severity(rule: Rule, overrides: Mapping[str, str]) -> Severity:
    """The configured severity: the longest matching code prefix (or the rule's name) wins."""
    best, level = -1, None
    for prefix, value in overrides.items():
        if prefix == rule.name:
            return Severity.parse(value)
        if rule.code.startswith(prefix) and len(prefix) > best:
            best, level = len(prefix), value
    return Severity.parse(level) if level is not None else rule.severity


class _Positions:
    """The structural position of a finding: the innermost node around its first character."""

    def __init__(self, bitext: Bitext) -> None:
        self.bitext = bitext
        self.index: dict[tuple[str, str | None], tuple[list[int], list]] = {}
        self.lines: dict[tuple[int, int], str] = {}

    def display_line(self, source, line: int) -> str:
        """``source.display_line(line)``, once a line: an HTML file is a few lines of
        hundreds of kilobytes, each blanked character by character (on the Criminal Code,
        74 findings on such lines took a fifth of the run)."""
        key = (id(source), line)
        shown = self.lines.get(key)
        if shown is None:
            shown = self.lines[key] = source.display_line(line)
        return shown

    def _nodes(self, path: str, lang: str | None):
        if (path, lang) not in self.index:
            ranges = []
            for code, document in self.bitext.documents.items():
                if document.source.path != path or (lang is not None and code != lang):
                    continue
                for node in document.root.walk():
                    if node.kind == "document" or not node.key:
                        continue
                    whole = node.whole()
                    ranges.append((whole.start, -whole.end, f"{code}:{node.key}", whole.end, node))
            ranges.sort()
            self.index[(path, lang)] = ([r[0] for r in ranges], ranges)
        return self.index[(path, lang)]

    def key(self, path: str, lang: str | None, offset: int) -> str:
        found = self.node(path, lang, offset)
        return found[0] if found else ""

    def node(self, path: str, lang: str | None, offset: int):
        """(key, node) of the innermost node around ``offset``, or None."""
        starts, ranges = self._nodes(path, lang)
        index = bisect_right(starts, offset) - 1
        if index < 0:
            return None
        # nodes nest, so the containing node that starts last is the innermost; when none
        # contains the offset (text between provisions), the node before it places it
        for candidate in range(index, max(-1, index - 200), -1):
            start, _, key, end, node = ranges[candidate]
            if start <= offset < max(end, start + 1):
                return key, node
        return ranges[index][2], ranges[index][4]

    def where(self, path: str, lang: str | None, offset: int, source) -> str:
        """The position in words: the reader's (XML markup, PDF page and column) and the
        structure's (``art. 7, § 2, 1°``)."""
        from .position import describe

        place = source.place(offset) if source is not None and hasattr(source, "place") else ""
        if source is not None and source.path.lower().endswith((".xml", ".akn")):
            return place   # the markup's numbers are the structure: s. 12(3)(a)
        found = self.node(path, lang, offset)
        structural = describe(found[1]) if found else ""
        if structural and place:
            return f"{structural} ({place})"
        return structural or place


def _fingerprint(code: str, key: str, flagged: str) -> str:
    """Stable across edits elsewhere: the rule, the position's key and the flagged words."""
    words = " ".join(flagged.split()).casefold()
    return hashlib.sha256(f"{code}\0{key}\0{words}".encode("utf-8")).hexdigest()[:16]


def _stamp(finding: Finding, rule: Rule, severity: Severity, bitext: Bitext,
           positions: _Positions | None = None) -> Diagnostic:
    location = finding.location
    source = next((d.source for d in bitext.documents.values() if d.source.path == location.path), None)
    if source is None:
        line = ""
    elif positions is not None:
        line = positions.display_line(source, location.span.line)   # markup blanked out
    else:
        line = source.display_line(location.span.line)
    code = rule.code
    key = finding.key
    if key is None:
        key = positions.key(location.path, location.lang, location.start) if positions else ""
    where = positions.where(location.path, location.lang, location.start, source) if positions else ""
    flagged = source.text[location.start:location.end] if source else ""
    fix = finding.fix
    if fix is not None and fix.location is None:
        fix = replace(fix, location=location)   # every fix says where it applies
    return Diagnostic(location.path, location.span, code, rule.name, rule.category, severity,
                      finding.message, location.lang, finding.related, fix, line,
                      key, _fingerprint(code, key, flagged or finding.message), where)


def lint_paths(paths: list[str], settings: Settings | None = None,
               texts: Mapping[str, str] | None = None,
               cancelled: Callable[[], bool] | None = None) -> tuple[Bitext, list[Diagnostic]]:
    """Lint one document (one file, or the two files of a pair); ``texts`` overrides file contents."""
    from .plugins import all_rules

    settings = settings or Settings()
    _check_selectors(settings, all_rules())
    bitext = build_bitext(paths, settings, texts)
    rules = selected(all_rules(), settings.select, settings.ignore, settings.extend_select)
    if settings.monolingual == "info":
        skipped = monolingual_finding(bitext, rules)
        if skipped is not None:
            return bitext, skipped
    elif settings.monolingual == "lint":
        note = monolingual_finding(bitext, rules, lint=True)
        if note is not None:
            # one language: the rules that compare the versions or want both have nothing to read
            single = [rule for rule in rules if not compares_versions(rule) and rule.code != "BL002"]
            found = lint_bitext(bitext, single, settings, cancelled)
            return bitext, sorted([*note, *found], key=Diagnostic.sort_key)
    if not bitext.config.get("translation", True):
        rules = [rule for rule in rules if not compares_versions(rule)]
    return bitext, lint_bitext(bitext, rules, settings, cancelled)


def _check_selectors(settings: Settings, rules: Sequence[Rule]) -> None:
    """A selector that matches no rule is an error for every caller (the API, an editor), not
    only for the command line and the configuration, which name the option themselves first."""
    from .selectors import unknown_selector
    from .source import InputError

    for option, tokens in (("select", settings.select), ("extend_select", settings.extend_select),
                           ("ignore", settings.ignore)):
        for token in tokens:
            problem = unknown_selector(token, rules)
            if problem:
                raise InputError(f"{option}: {problem}")


# Rules that compare the two versions: meaningless when the two languages of a file are
# not translations of each other (a plenary debate); BL004 says so once instead
_COMPARING = ("BL003", "BL4", "BL7")   # BL701: in a record either language may sit anywhere


def compares_versions(rule: Rule) -> bool:
    return rule.category == "parity" or rule.code.startswith(_COMPARING)


def lint_text(text: str, settings: Settings | None = None, path: str = "<text>.md") -> list[Diagnostic]:
    """Lint an interleaved or sectioned document held in memory."""
    return lint_paths([path], settings, {path: text})[1]
