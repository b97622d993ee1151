"""The pipeline and nothing else: read, split, parse, align, run rules, stamp, sort."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

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


def selected(rules: Iterable[Rule], select: Sequence[str], ignore: Sequence[str]) -> list[Rule]:
    """Rules chosen by code prefix; the longest matching prefix decides (like ruff)."""
    chosen = []
    for rule in rules:
        keys = (rule.code, rule.name)
        best_select = max((len(p) for p in select if any(k.startswith(p) for k in keys)), default=-1)
        best_ignore = max((len(p) for p in ignore if any(k.startswith(p) for k in keys)), default=-1)
        if not select:
            best_select = 0
        if best_select >= 0 and best_select > best_ignore:
            chosen.append(rule)
    return chosen


def build_bitext(paths: list[str], settings: Settings, texts: Mapping[str, str] | None = None) -> Bitext:
    from .align import align
    from .lang import get_language
    from .layouts.load import load
    from .parse import parse_blocks

    streams = load(paths, settings.languages, settings.layout, dict(texts) if texts else None)
    documents = {
        code: parse_blocks(streams.blocks[code], get_language(code), streams.sources[code])
        for code in settings.languages
    }
    first, second = settings.languages
    pairs = align(documents[first].root, documents[second].root)
    sources = tuple(dict.fromkeys(source.path for source in streams.sources.values()))
    config = {"notes": streams.notes, "words": tuple(settings.words)}
    return Bitext(settings.languages, documents, pairs, streams.layout, sources, config)


def lint_bitext(bitext: Bitext, rules: Sequence[Rule], settings: Settings) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    seen: set[tuple] = set()
    for rule in rules:
        options = {**rule.options, **settings.options.get(rule.name, {}), **settings.options.get(rule.code, {})}
        severity = Severity.parse(settings.severity[rule.code]) if rule.code in settings.severity else rule.severity
        for finding in rule.check(bitext, options):
            diagnostic = _stamp(finding, rule, severity, bitext)
            key = (diagnostic.path, diagnostic.span, diagnostic.code, diagnostic.message)
            if key not in seen:
                seen.add(key)
                diagnostics.append(diagnostic)
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def _stamp(finding: Finding, rule: Rule, severity: Severity, bitext: Bitext) -> Diagnostic:
    location = finding.location
    source = next((d.source for d in bitext.documents.values() if d.source.path == location.path), None)
    line = source.line_text(location.span.line) if source else ""
    return Diagnostic(location.path, location.span, rule.code, rule.name, rule.category, severity,
                      finding.message, location.lang, finding.related, finding.fix, line)


def lint_paths(paths: list[str], settings: Settings | None = None,
               texts: Mapping[str, str] | None = None) -> tuple[Bitext, list[Diagnostic]]:
    """Lint one document (one file, or the two files of a pair); ``texts`` overrides file contents."""
    from .plugins import all_rules

    settings = settings or Settings()
    bitext = build_bitext(paths, settings, texts)
    rules = selected(all_rules(), settings.select, settings.ignore)
    return bitext, lint_bitext(bitext, rules, settings)


def lint_text(text: str, settings: Settings | None = None, path: str = "<text>.md") -> list[Diagnostic]:
    """Lint an interleaved or sectioned document held in memory."""
    return lint_paths([path], settings, {path: text})[1]
