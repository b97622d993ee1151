"""The embedded word lists in a form that loads in milliseconds.

A list ships as ``LANG.tsv.gz``: sorted ``word\\tvalue`` lines (``rules/data/words``).
Decompressing it and splitting half a million lines took 0.15 to 0.3 s a language at every
start. On first use it is written once, uncompressed, with a small index, to
``$BILINT_LEXICON_DIR`` (default: ``$XDG_CACHE_HOME/bilint/lexicon``, else
``~/.cache/bilint/lexicon``); later runs map that file into memory and read only the
index: the first line of every block of ``BLOCK`` lines and the block offsets. A lookup
bisects the index, then the one block it needs (decoded once, then kept).

The answers are those of a bisection over the whole sorted list: the line found is the
first one at or after ``word + "\\t"`` in code-point order, which UTF-8 byte order is.
Where no cache folder can be written, the table is built in memory from the gzip file
(as slow as before, never wrong). The file's name holds a hash of the list and the format,
so an updated list is never answered from an old table; at most ``KEEP`` tables a language
are kept.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import mmap
import os
import struct
import sys
from array import array
from pathlib import Path
from typing import Iterator

from bilint.atomic import write_atomically

BLOCK = 50            # lines a block (the spelling engine samples every 50th line)
# decoded blocks kept: about 4 MB of strings. Unbounded, the Criminal Code's spelling and
# candidate look-ups decoded 10,000 blocks (35 MB, half a million strings) that stayed for the
# whole run; a block decodes again in microseconds, and the callers memoise their verdicts
DECODED_BLOCKS = 1024
_MAGIC = b"BILEX\x00\x01\n"
_HEADER = struct.Struct("<8sII")   # magic, number of blocks, length of the index text


def lexicon_folder() -> Path:
    """Where compact tables are kept (one file a list, rebuilt when the list changes)."""
    chosen = os.environ.get("BILINT_LEXICON_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "bilint" / "lexicon"


KEEP = 3   # tables kept per language: a few installed versions side by side, never more


def _prune(folder: Path, language: str) -> None:
    """Drop all but the ``KEEP`` newest tables of ``language`` (older lists, older formats),
    so that upgrades do not pile up 7 MB files; a file another run still maps stays readable
    until it closes it (POSIX), and is rebuilt if asked for again."""
    try:
        tables = sorted(folder.glob(f"{language}-*.lex"), key=lambda path: path.stat().st_mtime, reverse=True)
        for stale in tables[KEEP:]:
            stale.unlink()
    except OSError:
        return


class WordTable:
    """Sorted ``key\\tvalue`` lines: ``value(key)`` and ``every(n)`` without a list of them all."""

    def __init__(self, index: list[str], offsets: array, body: bytes | mmap.mmap) -> None:
        self._index = index          # the first line of each block
        self._offsets = offsets      # len(index) + 1 byte offsets of the blocks in body
        self._body = body
        self._blocks: dict[int, list[str]] = {}

    # -- building and opening --------------------------------------------------
    @classmethod
    def from_text(cls, body: bytes) -> "WordTable":
        """The table of a list's text (``\\n``-separated sorted lines)."""
        if body.endswith(b"\n"):
            body = body[:-1]
        lines = body.split(b"\n") if body else []
        index = []
        offsets = array("I")
        position = 0
        for start in range(0, len(lines), BLOCK):
            offsets.append(position)
            index.append(lines[start].decode("utf-8"))
            block = lines[start:start + BLOCK]
            position += sum(map(len, block)) + len(block)   # each line and its newline
        offsets.append(position)
        return cls(index, offsets, body + b"\n")

    @classmethod
    def open(cls, source: Path) -> "WordTable":
        """The table of ``source`` (a ``.tsv.gz``), from its compact file, built if needed.

        The file is named by the list's content (a hash of the compressed bytes, a few
        milliseconds), so every checkout and virtual environment with the same list shares
        one table, and an updated list never answers from an old one."""
        packed = source.read_bytes()
        language = source.name.split(".")[0]
        digest = hashlib.blake2b(packed, digest_size=10).hexdigest()
        compact = lexicon_folder() / f"{language}-{digest}-{BLOCK}-v2.lex"
        try:
            return cls.load(compact)
        except (OSError, ValueError):
            pass
        table = cls.from_text(gzip.decompress(packed))
        table.save(compact)
        _prune(compact.parent, language)
        return table

    def save(self, path: Path) -> None:
        """Write the compact file (temporary file, then rename); an unwritable folder is skipped."""
        index = "\n".join(self._index).encode("utf-8")
        offsets = array("I", self._offsets)
        if sys.byteorder != "little":
            offsets.byteswap()

        def write(out) -> None:
            out.write(_HEADER.pack(_MAGIC, len(self._index), len(index)))
            out.write(offsets.tobytes())
            out.write(index)
            out.write(bytes(self._body))

        write_atomically(path, write)

    @classmethod
    def load(cls, path: Path) -> "WordTable":
        """Map a compact file; ``ValueError`` when it is not a whole one of this format."""
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < _HEADER.size:
                raise ValueError(f"{path}: truncated")
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        magic, blocks, index_length = _HEADER.unpack_from(mapped, 0)
        if magic != _MAGIC:
            raise ValueError(f"{path}: not a compact word table")
        start = _HEADER.size
        offsets = array("I")
        offsets.frombytes(mapped[start:start + 4 * (blocks + 1)])
        if sys.byteorder != "little":
            offsets.byteswap()
        start += 4 * (blocks + 1)
        index = mapped[start:start + index_length].decode("utf-8").split("\n") if blocks else []
        body_start = start + index_length
        if len(index) != blocks or len(offsets) != blocks + 1 or body_start + offsets[-1] != size:
            raise ValueError(f"{path}: truncated or inconsistent")
        body = memoryview(mapped)[body_start:]
        return cls(index, offsets, body)   # type: ignore[arg-type]

    # -- reading ---------------------------------------------------------------
    def _block(self, number: int) -> list[str]:
        lines = self._blocks.get(number)
        if lines is None:
            if len(self._blocks) >= DECODED_BLOCKS:
                self._blocks.clear()
            raw = bytes(self._body[self._offsets[number]:self._offsets[number + 1] - 1])
            lines = self._blocks[number] = raw.decode("utf-8").split("\n")
        return lines

    def value(self, word: str) -> str | None:
        """The value of the line ``word\\t…``, or None when the list has no such line."""
        key = word + "\t"
        index = self._index
        block = bisect.bisect_left(index, key)   # the first block whose first line >= key
        if block > 0:
            lines = self._block(block - 1)
            found = bisect.bisect_left(lines, key)
            if found < len(lines):
                line = lines[found]
                return line[len(key):] if line.startswith(key) else None
        if block < len(index):
            line = index[block]
            return line[len(key):] if line.startswith(key) else None
        return None

    def every(self, step: int) -> Iterator[str]:
        """Every ``step``-th line from the first (the first lines of the blocks when equal)."""
        if step == BLOCK:
            yield from self._index
            return
        count = 0
        for number in range(len(self._index)):
            for line in self._block(number):
                if count % step == 0:
                    yield line
                count += 1

    def __len__(self) -> int:
        return (len(self._index) - 1) * BLOCK + len(self._block(len(self._index) - 1)) if self._index else 0
