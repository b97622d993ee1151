"""Shared fixtures: where the corpus is (tests that need it skip when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "benelux-2021-drugs.md"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
