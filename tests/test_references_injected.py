"""Reference errors injected into real treaties are found, the changed part named.

A number, a level word or an act's date changed in one version, or an internal article
reference sent past the last article in both (``tools/inject_references.py`` does the
same over more texts and prints the rate).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_injected_reference_errors_are_found(corpus: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tools.inject_references import measure

    total, found, report = measure(corpus, docs=2, per_doc=3)
    assert total >= 3, report
    assert found == total, "\n".join(line for line in report if line.startswith("MISSED"))
