"""One worker thread that lints what is due: debounced, coalesced, never on the protocol's thread.

Typing schedules a document a little later; each new keystroke pushes its time back
(debouncing), so a burst of edits costs one lint. Opening or saving schedules it now.
A run made stale by a newer edit is given up between two rules (the engine asks before
each rule), and whatever finishes stale anyway is dropped by the server instead of
published; the newer edit has already scheduled the next run.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Iterable

logger = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, work: Callable[[list[str]], None]) -> None:
        self.work = work
        self.due: dict[str, float] = {}   # key -> monotonic time at which to lint it
        self.condition = threading.Condition()
        self.stopped = False
        self.thread = threading.Thread(target=self._run, name="bilint-lint", daemon=True)
        self.thread.start()

    def schedule(self, keys: Iterable[str], delay: float = 0.0) -> None:
        """Lint ``keys`` in ``delay`` seconds; a later request replaces an earlier one's time."""
        at = time.monotonic() + delay
        with self.condition:
            for key in keys:
                self.due[key] = at
            self.condition.notify()

    def stop(self) -> None:
        with self.condition:
            self.stopped = True
            self.condition.notify()

    def _run(self) -> None:
        while True:
            with self.condition:
                while True:
                    if self.stopped:
                        return
                    now = time.monotonic()
                    ready = sorted((key for key, at in self.due.items() if at <= now), key=self.due.get)
                    if ready:
                        break
                    self.condition.wait(min(self.due.values()) - now if self.due else None)
                for key in ready:
                    del self.due[key]
            try:
                self.work(ready)
            except Exception:   # the worker must survive anything a lint does
                logger.exception("bilint: lint failed")
