"""Reading LSP messages off standard input without trusting the bytes.

pygls's reader takes ``Content-Length`` at its word: a header it cannot read makes it skip
the next message too (it reads the body as headers), and a huge length makes it try to
allocate that much (a MemoryError ends the server). Here every header block ends in either
a body handed to the protocol or one JSON-RPC Parse error (id null), and the reader finds
the next header even when it is glued to the end of a bad frame's unread body.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from typing import BinaryIO, Callable

logger = logging.getLogger(__name__)

MAX_BODY = 256 * 1024 * 1024   # bytes: far above any text an editor sends, far below a machine's memory
MAX_LINE = 64 * 1024           # a header line longer than this is not a header
HEADER = re.compile(rb"([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?\n")
CONTENT_LENGTH = b"content-length:"


class Frames:
    """The state of one header block: its Content-Length, or what was wrong with it."""

    def __init__(self) -> None:
        self.started = False
        self.headers = 0     # well-formed header lines
        self.length: int | None = None
        self.problem = ""

    def header(self, line: bytes) -> None:
        self.started = True
        match = HEADER.fullmatch(line)
        if match is None:
            self.problem = self.problem or f"not a message header: {line[:60]!r}"
            return
        self.headers += 1
        name, value = match.groups()
        if name.lower() != b"content-length":
            return   # Content-Type and any other header: nothing to do
        if not value.isdigit():
            self.problem = self.problem or f"Content-Length is not a number: {value[:30]!r}"
        elif int(value) > MAX_BODY:
            self.problem = self.problem or f"Content-Length {int(value)} is over the limit of {MAX_BODY} bytes"
        else:
            self.length = int(value)


async def read_messages(stop: threading.Event, readline: Callable, read: Callable,
                        deliver: Callable[[bytes], None], complain: Callable[[str], None]) -> None:
    """Hand each message body to ``deliver`` and each unreadable header block to ``complain``,
    until end of input or ``stop``. ``readline(limit)`` and ``read(n)`` are awaitables."""
    frames = Frames()
    while not stop.is_set():
        line = await readline(MAX_LINE)
        long = not line.endswith(b"\n")
        while line and not line.endswith(b"\n"):   # longer than any header: only its end may count
            line = await readline(MAX_LINE)
        if not line:
            return
        if long and CONTENT_LENGTH not in line.lower():
            frames.started = True
            frames.problem = frames.problem or "a header line too long"
            continue
        if not line.strip():   # the blank line that ends a header block
            if not frames.started:
                continue   # a stray blank line between messages
            if frames.problem or frames.length is None:
                complain(frames.problem or "a message header without Content-Length")
            else:
                body = await read(frames.length)
                if len(body) < frames.length:
                    return   # end of input in the middle of a message
                deliver(body)
            frames = Frames()
            continue
        glued = line.lower().find(CONTENT_LENGTH)
        if glued > 0 and not frames.headers:   # the rest of a bad frame, then a real header
            line = line[glued:]
            glued = 0
        if glued == 0 and frames.problem and not frames.headers:
            complain(frames.problem)   # garbage, then a header: the garbage was a block of its own
            frames = Frames()
        frames.header(line)


def serve_stdio(server, stdin: BinaryIO, stdout: BinaryIO) -> None:
    """pygls's ``start_io`` loop with this module's reader: runs until exit or end of input."""
    from pygls.exceptions import JsonRpcParseError
    from pygls.io_ import StdoutWriter

    server._stop_event = stop = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout))

    def deliver(body: bytes) -> None:
        try:
            message = json.loads(body, object_hook=server.protocol.structure_message)
            server.protocol.handle_message(message)
        except Exception as error:   # reported to the client by the server; the loop goes on
            logger.debug("unreadable message", exc_info=True)
            server._report_server_error(error, type(error))

    def complain(problem: str) -> None:
        server.protocol.send_error(None, JsonRpcParseError.CODE, f"Parse error: {problem}")

    async def run() -> None:
        loop = asyncio.get_running_loop()
        pool = server.thread_pool

        async def readline(limit: int) -> bytes:
            return await loop.run_in_executor(pool, stdin.readline, limit)

        async def read(size: int) -> bytes:
            return await loop.run_in_executor(pool, stdin.read, size)

        await read_messages(stop, readline, read, deliver, complain)

    try:
        asyncio.run(run())
    except BrokenPipeError:
        logger.error("the client went away")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
