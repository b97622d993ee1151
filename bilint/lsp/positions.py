"""bilint's positions (1-based lines, columns in characters) to LSP positions and back.

LSP counts lines from 0 and columns in code units of the negotiated encoding: UTF-16 by
default, so a character outside the Basic Multilingual Plane (an emoji, a rare CJK
ideograph) counts two, while ``é`` counts one whether it is precomposed or not (a
combining accent is a character of its own in both). Line breaks are ``\\r\\n``, ``\\r``
or ``\\n``, as in ``bilint.source``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str = "utf-16") -> int:
    """The length of ``text`` in code units of ``encoding`` (utf-8, utf-16 or utf-32)."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class LineIndex:
    """The line table of one text, to convert between offsets and LSP positions."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def line_end(self, line: int) -> int:
        """The offset of the end of 0-based ``line``, before its line break."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based (line, code unit) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return line, units(self.text[self.starts[line]:offset], self.encoding)

    def from_span(self, line: int, column: int) -> tuple[int, int]:
        """The 0-based (line, code unit) of a 1-based bilint line and column."""
        if line < 1:
            return 0, 0
        if line > len(self.starts):
            return self.position(len(self.text))
        offset = self.starts[line - 1] + max(column, 1) - 1
        return self.position(min(offset, self.line_end(line - 1)))

    def offset(self, line: int, character: int) -> int:
        """The character offset of a 0-based LSP position (clamped to the text)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        if self.encoding == "utf-32":
            return min(start + character, end)
        count = 0
        for index in range(start, end):
            if count >= character:
                return index
            count += units(self.text[index], self.encoding)
        return end
