"""No catastrophic (or quadratic) backtracking in any regular expression of bilint.

Every ``re.Pattern`` bound at module level in ``bilint`` and ``bilint_rules`` (collected
generically: a new pattern is tested without touching this file), and the patterns of
the language data, is run the way the code calls it (``match``, ``search``, or a scan:
``finditer``, ``sub``, ``split``; every way when no call is found) against adversarial strings of 20,000 characters: long runs of the characters the
pattern itself names, of letters, spaces, digits, dots and hyphens, ending in a character
that makes the match fail. A linear pattern takes milliseconds on such a string; the
bound is a second of the child's CPU time (a quadratic one needs many seconds, an
exponential one never ends); CPU time, not wall time, so that a busy machine does not
make a linear pattern look slow.
Python's regex engine cannot be interrupted, so each module is checked in a child
process with a time limit that names the pattern it was stuck in.

Run one module by hand: ``python tests/test_regex_safety.py bilint_rules.typography``.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

SIZE = 20_000
LIMIT = 1.0           # seconds for one pattern on one string: ~200x what a linear pattern needs
MODULE_TIMEOUT = 300  # seconds for all patterns of a module, in the child



def modules() -> list[str]:
    names = []
    for package_name in ("bilint", "bilint_rules"):
        package = importlib.import_module(package_name)
        names.append(package_name)
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            if not info.name.endswith("__main__"):
                names.append(info.name)
    return sorted(set(names))


def patterns_of(module_name: str) -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}
    module = importlib.import_module(module_name)
    for name, value in vars(module).items():
        if isinstance(value, re.Pattern):
            found[f"{module_name}.{name}"] = value
        elif isinstance(value, type) and value.__module__ == module_name:
            for attribute, inner in vars(value).items():
                if isinstance(inner, re.Pattern):
                    found[f"{module_name}.{name}.{attribute}"] = inner
    if module_name == "bilint.lang":
        for code in module.available_languages():   # every language shipped, Spanish too
            language = module.get_language(code)
            for attribute in dir(language):
                value = getattr(language, attribute, None)
                if isinstance(value, re.Pattern):
                    found[f"bilint.lang[{code}].{attribute}"] = value
    return found


_SCANNING = {"search": "search", "match": "match", "fullmatch": "fullmatch", "finditer": "finditer",
             "findall": "finditer", "sub": "finditer", "subn": "finditer", "split": "finditer"}
_ALL = frozenset({"search", "match", "fullmatch", "finditer"})


def _sources() -> str:
    texts = []
    for package_name in ("bilint", "bilint_rules"):
        for directory in importlib.import_module(package_name).__path__:
            texts += [p.read_text(encoding="utf-8") for p in sorted(Path(directory).rglob("*.py"))]
    return "\n".join(texts)


def methods_used(name: str, sources: str) -> frozenset[str]:
    """How the code calls a pattern (``_LABEL.match(...)``): a pattern written for
    ``match`` (a leading ``\\s*``) is quadratic under ``finditer`` but never used so. A
    pattern whose calls cannot be found is tested with every method."""
    attribute = name.rsplit(".", 1)[-1]
    used = re.findall(rf"\b{re.escape(attribute)}\.(\w+)\(", sources)
    methods = frozenset(_SCANNING[m] for m in used if m in _SCANNING)
    return methods or _ALL


def adversarial(pattern: re.Pattern) -> list[str]:
    """Long runs built from the pattern's own characters and from the usual suspects."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else ""
    own = {ch for ch in re.sub(r"\\[A-Za-z]", "", source) if ch.isprintable()}
    own |= {"a", "A", "1", " ", ".", "-", "\n", "é", "Å", "'", "\u00a0", "/", "(", "<", "§", "°"}
    units = [ch for ch in sorted(own)]
    units += ["a ", "a-", "a.", "1.", "a'", "ab", "1)", "a)", "1 ", "a\n", ". ", "- ", "aa ", "A.", "<a", "(a"]
    words = re.findall(r"[^\W\d_]{2,}", source)
    units += [w + " " for w in sorted(set(words))[:40]]
    strings = []
    for unit in units:
        body = unit * (SIZE // len(unit))
        strings.append(body + "\x00!")
        strings.append(body)
    return strings


def check_module(module_name: str) -> list[dict]:
    """In the child: time every pattern of a module; print progress so a hang is named."""
    results = []
    sources = _sources()
    for name, pattern in sorted(patterns_of(module_name).items()):
        if not isinstance(pattern.pattern, str):
            continue
        methods = methods_used(name, sources)
        print(json.dumps({"start": name, "methods": sorted(methods)}), flush=True)
        worst, worst_input = 0.0, ""
        for text in adversarial(pattern):
            began = time.process_time()
            if "search" in methods:
                pattern.search(text)
            if "match" in methods:
                pattern.match(text)
            if "fullmatch" in methods:
                pattern.fullmatch(text)
            if "finditer" in methods:
                for _ in pattern.finditer(text):
                    pass
            elapsed = time.process_time() - began
            if elapsed > worst:
                worst, worst_input = elapsed, text[:12]
            if elapsed > LIMIT:
                break
        results.append({"pattern": name, "seconds": worst, "input": worst_input})
        print(json.dumps(results[-1]), flush=True)
    return results


def run_child(module_name: str) -> tuple[list[dict], str | None]:
    try:
        child = subprocess.run([sys.executable, __file__, module_name], capture_output=True, text=True,
                               timeout=MODULE_TIMEOUT)
        output, hung = child.stdout, None
        if child.returncode != 0:
            raise AssertionError(f"{module_name}: the checker failed:\n{child.stderr[-2000:]}")
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout.decode() if isinstance(expired.stdout, bytes) else (expired.stdout or "")
        hung = "?"
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    if hung:
        started = [r["start"] for r in records if "start" in r]
        hung = started[-1] if started else module_name
    return [r for r in records if "pattern" in r], hung


@pytest.mark.parametrize("module_name", modules())
def test_patterns_have_no_catastrophic_backtracking(module_name):
    results, hung = run_child(module_name)
    slow = {r["pattern"]: r for r in results if r["seconds"] > LIMIT}
    if hung:
        slow[hung] = {"pattern": hung, "seconds": float("inf"), "input": "(never finished)"}
    assert not slow, "patterns that backtrack: " + "; ".join(
        f"{name} took {r['seconds']:.1f} s on {r['input']!r}x{SIZE}" for name, r in slow.items())


def test_patterns_are_collected():
    """The collector sees the patterns it is meant to see (a guard against an empty test)."""
    collected = {}
    for name in modules():
        collected.update(patterns_of(name))
    assert "bilint_rules.spellcheck._SKIP_SPANS" in collected
    assert "bilint.lexer._LABEL" in collected
    assert any(name.startswith("bilint.lang[nl]") for name in collected)
    assert len(collected) > 30


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    check_module(sys.argv[1])
