"""How long after a keystroke do the example's diagnostics arrive from ``bilint server``?

    python bench/lsp.py                 # 20 edits; prints the figures
    python bench/lsp.py --edits 50 --json out.json

Starts ``bilint server`` as a subprocess and drives it with pygls's LanguageClient, as an
editor would: initialize, open ``examples/benelux-2021-drugs.md``, wait for its first
diagnostics (the cold start: imports, dictionaries), then send one ``didChange`` at a
time (one more letter typed into a word, so that no text is linted twice) and time from
the moment the change is written to the moment the diagnostics for that document version
arrive. The figure includes the server's debounce (``bilint.lsp.server.DEBOUNCE``), the
lint of both language versions and the round trip over stdio. Then five bursts of eight
keystrokes 60 ms apart, timed from the last keystroke of each. The same lint is then timed
in this process without the server (``lint_only``), so that the server's own share shows.
Needs ``bilint[server]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "benelux-2021-drugs.md"
TIMEOUT = 120
LETTERS = "abcdefghijklmnopqrstuvwxyz"


async def measure(edits: int) -> dict:
    client = LanguageClient("bilint-bench", "1")
    arrived: dict[int, float] = {}
    first: list[float] = []

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.uri == uri:
            arrived.setdefault(params.version, time.perf_counter())
            first.append(len(params.diagnostics))

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def shown(params: types.ShowMessageParams) -> None:
        print(f"server: {params.message}", file=sys.stderr)

    text = EXAMPLE.read_text(encoding="utf-8")
    uri = EXAMPLE.as_uri()
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "bilint", "server", "--no-cache", cwd=str(ROOT))
    await asyncio.wait_for(client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), process_id=os.getpid(), root_uri=ROOT.as_uri())), TIMEOUT)
    client.initialized(types.InitializedParams())
    opened = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=text)))
    await wait_for(arrived, 1)
    cold = arrived[1] - opened

    # type letters into a word of line 35 (the Dutch 'stabilitet'), one after the other:
    # every version is a text never seen before, so neither the result cache (saved
    # documents) nor the server's memo of recent lints (texts linted before) is what is timed
    line = text.splitlines()[34]
    column = line.index("stabilitet") + 3
    start = len(line[:column].encode("utf-16-le")) // 2
    typed = 0

    def keystroke(version: int) -> None:
        nonlocal typed
        where = types.Position(34, start + typed)
        typed += 1
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangePartial(range=types.Range(where, where), text=LETTERS[version % 26])]))

    delays = []
    for version in range(2, edits + 2):
        sent = time.perf_counter()
        keystroke(version)
        await wait_for(arrived, version)
        delays.append(arrived[version] - sent)
        await asyncio.sleep(0.3)   # a pause between keystrokes, so each change is linted on its own
    # bursts: eight keystrokes 60 ms apart (typing), timed from the last one; earlier runs
    # of the burst are given up as stale, so this should stay near one lint
    bursts = []
    version = edits + 1
    for _ in range(5):
        for _ in range(8):
            version += 1
            sent = time.perf_counter()
            keystroke(version)
            await asyncio.sleep(0.06)
        await wait_for(arrived, version)
        bursts.append(arrived[version] - sent)
        await asyncio.sleep(0.3)
    await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
    client.exit(None)
    await asyncio.wait_for(client.stop(), TIMEOUT)
    return {
        "start_to_first_diagnostics_s": round(arrived[1] - started, 3),
        "open_to_first_diagnostics_s": round(cold, 3),
        "change_to_diagnostics_median_s": round(statistics.median(delays), 3),
        "change_to_diagnostics_min_s": round(min(delays), 3),
        "change_to_diagnostics_max_s": round(max(delays), 3),
        "edits": len(delays),
        "burst_last_key_to_diagnostics_median_s": round(statistics.median(bursts), 3),
        "bursts": len(bursts),
        "diagnostics": first[0] if first else 0,
        "load_average": os.getloadavg()[0],
        "cpus": os.cpu_count(),
    }


async def wait_for(arrived: dict, version: int) -> None:
    async def poll():
        while version not in arrived:
            await asyncio.sleep(0.002)
    await asyncio.wait_for(poll(), TIMEOUT)


def lint_only(edits: int) -> dict:
    """The same lint in this process, warm, with no protocol around it: what the server adds is the rest."""
    from bilint.lsp.linting import lint_document

    path = str(EXAMPLE)
    text = EXAMPLE.read_text(encoding="utf-8")
    lint_document(path, {path: text})   # the cold start: imports, dictionaries
    times = []
    at = text.index("stabilitet") + 3
    for number in range(edits):   # a letter more each time, as in the server's run
        typed = text[:at] + LETTERS[:number + 1] + text[at:]
        started = time.perf_counter()
        lint_document(path, {path: typed})
        times.append(time.perf_counter() - started)
    return {"lint_only_warm_median_s": round(statistics.median(times), 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20, help="number of changes to time (default 20)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    figures = asyncio.run(measure(args.edits))
    figures.update(lint_only(min(args.edits, 10)))
    figures["load_average_after"] = os.getloadavg()[0]
    for key, value in figures.items():
        print(f"{key:40} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
