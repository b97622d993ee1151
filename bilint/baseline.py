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
from dataclasses import dataclass
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
        for entry in data["findings"]:
            try:
                counts[(entry["path"], entry["code"], entry["key"], entry["fingerprint"])] += int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise InputError(f"{path}: a baseline entry lacks path, code, key or fingerprint: {entry!r}") from None
        return cls(path, counts)

    def filter(self, diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics the baseline does not accept (each entry accepts ``count`` findings)."""
        left = Counter(self.counts)
        new = []
        for diagnostic in diagnostics:
            key = _entry_key(diagnostic, self.base)
            if left[key] > 0:
                left[key] -= 1
            else:
                new.append(diagnostic)
        return new


def write(path: str, diagnostics: Sequence[Diagnostic]) -> int:
    """Record ``diagnostics`` as accepted; returns how many. The file is sorted, for clean diffs."""
    base = os.path.dirname(os.path.abspath(path))
    counts: Counter = Counter(_entry_key(d, base) for d in diagnostics)
    messages = {}
    for diagnostic in diagnostics:
        messages.setdefault(_entry_key(diagnostic, base), diagnostic.message)
    findings = []
    for key in sorted(counts):
        entry = dict(zip(("path", "code", "key", "fingerprint"), key))
        entry["message"] = messages[key]   # for the reader of a diff; not used to match
        if counts[key] > 1:
            entry["count"] = counts[key]
        findings.append(entry)
    text = json.dumps({"bilint-baseline": FORMAT, "findings": findings}, ensure_ascii=False, indent=1) + "\n"
    from .fixes import write_atomic

    write_atomic(path, text.encode("utf-8"))
    return len(diagnostics)
