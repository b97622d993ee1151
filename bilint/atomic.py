"""Files written whole or not at all: a temporary file in the same folder, then a rename.

The result cache and the compact word tables are shared by runs that may start at the same
time; a reader must never see half a file, and a folder that cannot be written must only
mean that nothing is stored.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Callable


def write_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> bool:
    """Write ``path`` through ``write`` (given a binary file); False when the folder cannot
    be written (nothing is left behind), True when the file is in place."""
    import tempfile   # only a run that stores something needs it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        try:
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except OSError:
        return False
    return True
