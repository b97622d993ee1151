"""``bilint check --stdin-filename NAME -``: lint a text piped in, as if it were the file NAME.

For editors that can only pipe a buffer through a command: the text is read from
standard input, configured and paired as ``NAME`` would be (``NAME.nl.md`` is linted with
``NAME.fr.md`` from disk), and reported under that name.
"""

from __future__ import annotations

from typing import BinaryIO, Sequence

from .source import InputError, decode

STDIN = "-"


def lint_stdin(paths: Sequence[str], name: str | None, request, stream: BinaryIO) -> list:
    """The results of linting the piped text as ``name`` (``<stdin>`` when not given)."""
    from .engine import lint_paths
    from .runner import Result, plan

    if list(paths) != [STDIN]:
        raise InputError("to read standard input give '-' as the only path (with --stdin-filename NAME)")
    name = name or "<stdin>"
    text, _ = decode(stream.read(), name)
    results = []
    for job in plan([name], request):
        bitext, diagnostics = lint_paths(job.paths, job.settings, {name: text})
        files = [{"path": path, "languages": list(job.settings.languages), "layout": bitext.layout}
                 for path in bitext.paths]
        results.append(Result(files, diagnostics, job.fail_level, bitext if job.keep_documents else None))
    return results
