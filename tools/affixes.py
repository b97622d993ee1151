"""Expand a Hunspell dictionary (``.aff`` + ``.dic``) into its word forms.

Used at development time by ``tools/build_wordlists.py`` to turn the curated spelling
dictionaries (OpenTaal, Grammalecte, SCOWL en_GB) into the embedded lexicon. It applies
what a spelling checker needs and nothing more: suffixes (two levels, through their
continuation flags), prefixes (with cross products), ``NEEDAFFIX``, ``ONLYINCOMPOUND``,
``FORBIDDENWORD`` and the compound flags. Prefixes that end in an apostrophe (the French
elisions ``l'``, ``d'``, ``qu'``) are skipped: the checker splits elisions itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

WORD, NAME, PART, FORBIDDEN = "w", "n", "p", "x"   # a word; a proper name; a compound part only; a forbidden form


@dataclass(frozen=True)
class Affix:
    flag: str
    strip: str
    add: str
    cont: frozenset[str]
    condition: re.Pattern | None
    cross: bool


def _flags(text: str, mode: str) -> list[str]:
    if mode == "long":
        return [text[i:i + 2] for i in range(0, len(text) - len(text) % 2, 2)]
    if mode == "num":
        return [f for f in text.split(",") if f]
    return list(text)


def _condition(cond: str, suffix: bool) -> re.Pattern | None:
    if cond in (".", ""):
        return None
    out, i = [], 0
    while i < len(cond):
        ch = cond[i]
        if ch == "[":
            j = cond.index("]", i)
            body = cond[i + 1:j]
            neg = body.startswith("^")
            body = body[1:] if neg else body
            out.append("[" + ("^" if neg else "") + "".join(re.escape(c) for c in body) + "]")
            i = j + 1
            continue
        out.append("." if ch == "." else re.escape(ch))
        i += 1
    pattern = "".join(out)
    return re.compile(pattern + "$" if suffix else "^" + pattern)


class AffixFile:
    """The parts of an ``.aff`` file that decide which words exist."""

    def __init__(self, path: Path) -> None:
        self.flag_mode = "char"
        self.suffixes: dict[str, list[Affix]] = {}
        self.prefixes: dict[str, list[Affix]] = {}
        self.aliases: list[str] = []
        self.special: dict[str, str] = {}
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        headers: dict[str, bool] = {}
        for line in lines:
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            key = parts[0]
            if key == "FLAG" and len(parts) > 1:
                self.flag_mode = {"long": "long", "num": "num"}.get(parts[1], "char")
            elif key == "AF" and len(parts) > 1 and not parts[1].isdigit():
                self.aliases.append(parts[1])
            elif key in ("NEEDAFFIX", "ONLYINCOMPOUND", "FORBIDDENWORD", "CIRCUMFIX",
                         "COMPOUNDFLAG", "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND",
                         "KEEPCASE", "NOSUGGEST") and len(parts) > 1:
                self.special[key] = parts[1]
            elif key in ("PFX", "SFX") and len(parts) >= 4:
                flag = parts[1]
                if flag not in headers:
                    headers[flag] = parts[2] == "Y"
                    continue
                strip = "" if parts[2] == "0" else parts[2]
                add, _, cont = parts[3].partition("/")
                add = "" if add == "0" else add
                cond = parts[4] if len(parts) > 4 else "."
                affix = Affix(flag, strip, add, frozenset(self.parse_flags(cont)),
                              _condition(cond, key == "SFX"), headers[flag])
                (self.suffixes if key == "SFX" else self.prefixes).setdefault(flag, []).append(affix)

    def parse_flags(self, text: str) -> list[str]:
        if self.aliases and text.isdigit():
            index = int(text) - 1
            return _flags(self.aliases[index], self.flag_mode) if 0 <= index < len(self.aliases) else []
        return _flags(text, self.flag_mode)

    def has(self, flags, name: str) -> bool:
        flag = self.special.get(name)
        return flag is not None and flag in flags


def _apply_suffix(word: str, affix: Affix) -> str | None:
    if affix.strip and not word.endswith(affix.strip):
        return None
    if affix.condition is not None and not affix.condition.search(word):
        return None
    return word[:len(word) - len(affix.strip)] + affix.add


def _apply_prefix(word: str, affix: Affix) -> str | None:
    if affix.strip and not word.startswith(affix.strip):
        return None
    if affix.condition is not None and not affix.condition.match(word):
        return None
    return affix.add + word[len(affix.strip):]


def expand(aff: AffixFile, word: str, flags: list[str]) -> Iterator[tuple[str, str]]:
    """(form, kind) for a dictionary entry; kind is WORD, PART or FORBIDDEN (read_dictionary
    turns the WORD forms of a capitalised entry into NAME)."""
    flagset = frozenset(flags)
    if aff.has(flagset, "FORBIDDENWORD"):
        yield word, FORBIDDEN
        return
    root_kind = PART if aff.has(flagset, "ONLYINCOMPOUND") else WORD
    if not aff.has(flagset, "NEEDAFFIX"):
        yield word, root_kind
    # suffixed forms: (form, its continuation flags, cross-product allowed)
    suffixed: list[tuple[str, frozenset[str], bool]] = []
    for flag in flags:
        for affix in aff.suffixes.get(flag, ()):
            form = _apply_suffix(word, affix)
            if form is None:
                continue
            suffixed.append((form, affix.cont, affix.cross))
            for flag2 in affix.cont:
                for affix2 in aff.suffixes.get(flag2, ()):
                    form2 = _apply_suffix(form, affix2)
                    if form2 is not None:
                        suffixed.append((form2, affix2.cont, affix.cross and affix2.cross))
    for form, cont, _ in suffixed:
        if aff.has(cont, "NEEDAFFIX") or aff.has(cont, "CIRCUMFIX"):
            continue
        yield form, PART if (aff.has(cont, "ONLYINCOMPOUND") or root_kind == PART) else WORD
    for flag in flags:
        for affix in aff.prefixes.get(flag, ()):
            if affix.add.endswith(("'", "’")):
                continue   # French elisions: the checker splits them off
            form = _apply_prefix(word, affix)
            if form is None:
                continue
            yield form, root_kind
            if affix.cross:
                for sform, _, cross in suffixed:
                    if cross:
                        pform = _apply_prefix(sform, affix)
                        if pform is not None:
                            yield pform, root_kind


def read_dictionary(aff_path: Path, dic_path: Path) -> dict[str, str]:
    """Every form of the dictionary, lower-cased, with its kind (a WORD wins over a PART)."""
    aff = AffixFile(aff_path)
    forms: dict[str, str] = {}
    rank = {WORD: 3, NAME: 2, PART: 1, FORBIDDEN: 0}
    lines = dic_path.read_text(encoding="utf-8", errors="replace").splitlines()
    for line in lines[1:]:
        if not line or line[0] in "\t#":
            continue
        entry = re.split(r"[\t ]", line, maxsplit=1)[0]
        match = re.match(r"((?:[^/\\]|\\.)+)(?:/(\S*))?$", entry)
        if not match:
            continue
        word = match.group(1).replace("\\/", "/")
        flags = aff.parse_flags(match.group(2) or "")
        capitalised = word[:1].isupper()
        for form, kind in expand(aff, word, flags):
            if capitalised and kind == WORD:
                kind = NAME   # Mario, Limbourg: known, never suggested for a common word
            form = form.lower().replace("’", "'").replace("ĳ", "ij")
            if rank[kind] > rank.get(forms.get(form, ""), -1):
                forms[form] = kind
    return forms
