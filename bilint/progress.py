"""Progress on a terminal: a bar for many documents, a stage line for a few large ones.

Only when standard error is a terminal (never in a log, a pipe or CI), and never with
``--quiet``.
"""

from __future__ import annotations

import os
import sys

from .reporting import resolved_format


def wants_bar(args, jobs) -> bool:
    """A progress bar for runs of many documents, on a terminal only."""
    return (len(jobs) >= 8 and sys.stderr.isatty() and resolved_format(args.format) == "rich"
            and not args.quiet)


def wants_stages(args, jobs) -> bool:
    """Stage-by-stage progress for a run of one or a few large documents, on a terminal only."""
    if args.quiet or not sys.stderr.isatty() or len(jobs) >= 8 or (args.jobs != 1 and len(jobs) > 1):
        return False
    size = 0
    for job in jobs:
        for path in job.paths:
            try:
                size += os.path.getsize(path)
            except OSError:
                pass
    return size >= STAGES_FROM


STAGES_FROM = 100_000   # bytes of text: below this a document is linted in a second or two


class StageDisplay:
    """A status line on standard error naming the current stage (reading, parsing, aligning,
    rule 12/33…), rewritten in place and erased at the end, so that a large document does
    not look hung. Every stage is written when it starts (a few dozen writes a document)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def show(self, stage: str) -> None:
        import shutil

        width = shutil.get_terminal_size((80, 24)).columns
        from .formatters.escape import printable

        sys.stderr.write("\r\x1b[2K" + printable(f"bilint: {stage}")[: width - 1])
        sys.stderr.flush()

    def __enter__(self):
        if self.enabled:
            from .engine import set_stage_listener

            set_stage_listener(self.show)
        return self

    def __exit__(self, *exc) -> None:
        if self.enabled:
            from .engine import set_stage_listener

            set_stage_listener(None)
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
