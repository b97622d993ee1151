"""Document text on its way to a terminal or a CI log: no control character gets through.

A text may hold escape sequences, C1 controls or bidirectional overrides; printed raw,
they would recolour, hide or reorder what the user reads. Each becomes U+FFFD.
"""

from __future__ import annotations


def printable(text: str) -> str:
    """``text`` with every non-printable character (tabs included) replaced."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else "\ufffd" for char in text)
