"""Findings accepted earlier, so that a project can adopt bilint and still fail on new ones.

An entry is keyed by structural position, not by line: the file (relative to the baseline
file's folder), the rule, the key of the node the finding is in (``nl:considering/l``) and
a fingerprint of the flagged text. An edit elsewhere (a paragraph added above, an article
renumbered further down) leaves the entry matching; an edit of the flagged words or a
move to another provision makes the finding new again. Identical entries are counted, so
a third identical typo in one item is new when two were accepted.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .model import Diagnostic
from .source import InputError

FORMAT = 1


def _entry_key(diagnostic: Diagnostic, base: str) -> tuple[str, str, str, str]:
    path = Path(os.path.relpath(os.path.abspath(diagnostic.path), base)).as_posix()
    return path, diagnostic.code, diagnostic.key, diagnostic.fingerprint


@dataclass
class Baseline:
    path: str
    counts: Counter
    messages: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    @classmethod
    def read(cls, path: str) -> "Baseline":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{path}: no such baseline (create it with --update-baseline)") from None
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise InputError(f"{path}: cannot read baseline ({error})") from None
        if not isinstance(data, dict) or data.get("bilint-baseline") != FORMAT or not isinstance(data.get("findings"), list):
            raise InputError(f"{path}: not a bilint baseline (expected {{\"bilint-baseline\": {FORMAT}, \"findings\": […]}})")
        counts: Counter = Counter()
        messages: dict = {}
        for entry in data["findings"]:
            try:
                key = (entry["path"], entry["code"], entry["key"], entry["fingerprint"])
                counts[key] += int(entry.get("count", 1))
                messages.setdefault(key, entry.get("message", ""))
            except (KeyError, TypeError, ValueError):
                raise InputError(f"{path}: a baseline entry lacks path, code, key or fingerprint: {entry!r}") from None
        return cls(path, counts, messages)

    def filter(self, diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics the baseline does not accept (each entry accepts ``count`` findings)."""
        return self.match(diagnostics).new

    def match(self, diagnostics: Sequence[Diagnostic], linted: Sequence[str] = ()) -> "Match":
        """Split ``diagnostics`` into new and accepted; count the stale entries of ``linted`` files.

        An entry is stale when its file was linted and no finding matched it: the text was
        corrected (or the finding moved), and the entry would silently accept a future one.
        """
        left = Counter(self.counts)
        new = []
        accepted = 0
        for diagnostic in diagnostics:
            key = _entry_key(diagnostic, self.base)
            if left[key] > 0:
                left[key] -= 1
                accepted += 1
            else:
                new.append(diagnostic)
        files = {self.relative(path) for path in linted}
        stale = sum(count for key, count in left.items() if count > 0 and key[0] in files)
        return Match(new, accepted, stale)

    def relative(self, path: str) -> str:
        return Path(os.path.relpath(os.path.abspath(path), self.base)).as_posix()


@dataclass
class Match:
    new: list[Diagnostic]
    accepted: int      # findings the baseline accepted
    stale: int         # entries of linted files that matched no finding


def write(path: str, diagnostics: Sequence[Diagnostic], linted: Sequence[str] | None = None) -> tuple[int, int]:
    """Record ``diagnostics`` as accepted; the file is sorted, for clean diffs.

    With ``linted`` (the files of this run), the entries of other files are kept, so that
    updating after linting one file does not forget the rest. Returns (how many findings
    recorded, how many earlier entries were dropped as stale).
    """
    base = os.path.dirname(os.path.abspath(path))
    counts: Counter = Counter(_entry_key(d, base) for d in diagnostics)
    messages = {}
    for diagnostic in diagnostics:
        messages.setdefault(_entry_key(diagnostic, base), diagnostic.message)
    dropped = 0
    if os.path.exists(path):
        old = Baseline.read(path)
        files = None if linted is None else {old.relative(p) for p in linted}
        for key, count in old.counts.items():
            if files is not None and key[0] not in files:
                counts[key] += count             # not linted this time: kept as it was
                messages.setdefault(key, old.messages.get(key, ""))
            else:
                dropped += max(0, count - counts.get(key, 0))
    findings = []
    for key in sorted(counts):
        entry = dict(zip(("path", "code", "key", "fingerprint"), key))
        entry["message"] = messages.get(key, "")   # for the reader of a diff; not used to match
        if counts[key] > 1:
            entry["count"] = counts[key]
        findings.append(entry)
    text = json.dumps({"bilint-baseline": FORMAT, "findings": findings}, ensure_ascii=False, indent=1) + "\n"
    from .fixes import write_atomic

    write_atomic(path, text.encode("utf-8"))
    return len(diagnostics), dropped
