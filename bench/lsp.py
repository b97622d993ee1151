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
keystrokes 60 ms apart, timed from the last keystroke of each (before them, one undo of
the last letter: a text linted a moment ago, answered from the server's memo). The same
lint is then timed in this process without the server (``lint_only``), so that the
server's own share shows.
On a shared machine the wall times grow with the load; the CPU times do not much: the
server's per edit (``server_cpu_per_edit_s``, from /proc) and the lint's alone.
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
    news = asyncio.Event()   # set at each publication: no polling, which would take CPU from the server
    first: list[float] = []

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.uri == uri:
            arrived.setdefault(params.version, time.perf_counter())
            news.set()
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
    await wait_for(arrived, news, 1)
    cold = arrived[1] - opened

    # type letters into a word of line 35 (the Dutch 'stabilitet'), one after the other:
    # every version is a text never seen before, so neither the result cache (saved
    # documents) nor the server's memo of recent lints (texts linted before) is what is timed
    line = text.splitlines()[34]
    column = line.index("stabilitet") + 3
    start = len(line[:column].encode("utf-16-le")) // 2
    typed = 0

    def keystroke(version: int, undo: bool = False) -> None:
        """Type a letter after the ones typed so far, or (``undo``) take the last one back."""
        nonlocal typed
        if undo:
            typed -= 1
            where = types.Range(types.Position(34, start + typed), types.Position(34, start + typed + 1))
            letter = ""
        else:
            where = types.Range(types.Position(34, start + typed), types.Position(34, start + typed))
            typed += 1
            letter = LETTERS[version % 26]
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangePartial(range=where, text=letter)]))

    delays = []
    server_cpu = cpu_seconds(client._server.pid)
    for version in range(2, edits + 2):
        sent = time.perf_counter()
        keystroke(version)
        await wait_for(arrived, news, version)
        delays.append(arrived[version] - sent)
        await asyncio.sleep(0.3)   # a pause between keystrokes, so each change is linted on its own
    # bursts: eight keystrokes 60 ms apart (typing), timed from the last one; earlier runs
    # of the burst are given up as stale, so this should stay near one lint
    if server_cpu is not None:
        server_cpu = (cpu_seconds(client._server.pid) - server_cpu) / edits
    # an undo of the last letter: the text of the edit before, linted a moment ago, which
    # the server's memo answers without linting
    version = edits + 2
    sent = time.perf_counter()
    keystroke(version, undo=True)
    await wait_for(arrived, news, version)
    undo = arrived[version] - sent
    await asyncio.sleep(0.3)
    bursts = []
    for _ in range(5):
        for _ in range(8):
            version += 1
            sent = time.perf_counter()
            keystroke(version)
            await asyncio.sleep(0.06)
        await wait_for(arrived, news, version)
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
        "server_cpu_per_edit_s": round(server_cpu, 3) if server_cpu is not None else None,
        "undo_to_diagnostics_s": round(undo, 3),
        "burst_last_key_to_diagnostics_median_s": round(statistics.median(bursts), 3),
        "bursts": len(bursts),
        "diagnostics": first[0] if first else 0,
        "load_average": os.getloadavg()[0],
        "cpus": os.cpu_count(),
    }


def cpu_seconds(pid: int) -> float | None:
    """The CPU time (user + system) a process has used so far, from Linux's /proc; None elsewhere.
    Per edit, it is what the server's lint and protocol cost on an idle core, whatever the load."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def wait_for(arrived: dict, news: asyncio.Event, version: int) -> None:
    async def wait():
        while version not in arrived:
            news.clear()
            await news.wait()
    await asyncio.wait_for(wait(), TIMEOUT)


def lint_only(edits: int) -> dict:
    """The same lint in this process, warm, with no protocol around it: what the server adds is the rest."""
    from bilint.lsp.linting import lint_document

    path = str(EXAMPLE)
    text = EXAMPLE.read_text(encoding="utf-8")
    lint_document(path, {path: text})   # the cold start: imports, dictionaries
    times, cpu = [], []
    at = text.index("stabilitet") + 3
    for number in range(edits):   # a letter more each time, as in the server's run
        typed = text[:at] + LETTERS[:number + 1] + text[at:]
        started, started_cpu = time.perf_counter(), time.thread_time()
        lint_document(path, {path: typed})
        times.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
    # the CPU time is what the lint costs on an idle core; the wall time adds waiting for one
    return {"lint_only_warm_median_s": round(statistics.median(times), 3),
            "lint_only_warm_cpu_median_s": round(statistics.median(cpu), 3)}


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
