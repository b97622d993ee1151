"""The language server, driven end to end by a real LSP client (pygls's) over stdio.

Every wait has a timeout (and the module a pytest-timeout), so a server that stops
answering fails the test instead of hanging it. Positions are checked with a UTF-16
conversion written here, independently of the server's.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, NO_NETWORK_BOOT

pygls = pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from bilint.lsp.linting import pair_paths  # noqa: E402
from bilint.lsp.positions import LineIndex, units  # noqa: E402

pytestmark = pytest.mark.timeout(300)
WAIT = 120   # seconds: the machine may be busy; a healthy server answers in a second or two

NL = """# Artikel 1

1. De Minister stelt de regels vast.
2. De Koning bepaalt de dataum van inwerkingtreding.
3. Deze wet treedt in werking op 1 januari 2022.
"""
FR = """# Article 1

1. Le Ministre fixe les règles.
2. Le Roi fixe la date d'entrée en vigueur.
3. La présente loi 😀 entre en vigueur le 1er janvier 2023.
"""


# -- an independent UTF-16 reading of LSP positions -------------------------------------

def _offset(text: str, position: types.Position) -> int:
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[:position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    count = 0
    for index, char in enumerate(line):
        if count >= position.character:
            return start + index
        count += len(char.encode("utf-16-le")) // 2
    return start + len(line.rstrip("\r\n"))


def _text_at(text: str, where: types.Range) -> str:
    return text[_offset(text, where.start):_offset(text, where.end)]


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:_offset(text, edit.range.start)] + edit.new_text + text[_offset(text, edit.range.end):]
    return text


def _position_of(text: str, needle: str) -> types.Position:
    offset = text.index(needle)
    line = text.count("\n", 0, offset)
    column = text[text.rfind("\n", 0, offset) + 1:offset]
    return types.Position(line, len(column.encode("utf-16-le")) // 2)


# -- the client ---------------------------------------------------------------------------

class Editor:
    """pygls's LanguageClient running ``bilint server``, recording every publication."""

    def __init__(self) -> None:
        self.client = LanguageClient("bilint-tests", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = defaultdict(list)
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.published[params.uri].append(params)

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            return None

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams) -> None:
            return None

    async def start(self, folder: Path, cache: bool = True) -> types.InitializeResult:
        options = [] if cache else ["--no-cache"]
        await self.client.start_io(sys.executable, "-c", NO_NETWORK_BOOT, "server", *options, cwd=str(folder))
        capabilities = types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)))
        result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=capabilities, process_id=os.getpid(), root_uri=folder.as_uri())), WAIT)
        self.client.initialized(types.InitializedParams())
        return result

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=uri, language_id="markdown", version=1,
            text=path.read_text(encoding="utf-8") if text is None else text)))
        return uri

    def change(self, uri: str, changes: list) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]), changes))
        return self.versions[uri]

    async def diagnostics(self, uri: str, after: int = 0, version: int | None = None,
                          check=lambda diagnostics: True) -> list[types.Diagnostic]:
        """The first publication for ``uri`` (the ``after``-th on) that matches."""
        async def wait():
            seen = after
            while True:
                while len(self.published[uri]) > seen:
                    params = self.published[uri][seen]
                    seen += 1
                    if (version is None or params.version == version) and check(params.diagnostics):
                        return list(params.diagnostics)
                await asyncio.sleep(0.02)
        return await asyncio.wait_for(wait(), WAIT)

    async def stop(self) -> int:
        await asyncio.wait_for(self.client.shutdown_async(None), WAIT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), WAIT)
        return self.client._server.returncode


def _codes(diagnostics) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def _run(coroutine):
    return asyncio.run(coroutine)


# -- end to end ------------------------------------------------------------------------------

def test_example_diagnostics_related_information_fix_and_hover():
    text = EXAMPLE.read_text(encoding="utf-8")

    async def session():
        editor = Editor()
        result = await editor.start(EXAMPLE.parent, cache=False)   # writes nothing into the repository
        assert result.server_info.name == "bilint"
        uri = editor.open(EXAMPLE, text)
        diagnostics = await editor.diagnostics(uri, check=lambda ds: len(ds) > 0)
        # the known typo, at its exact characters, with the French version as related information
        typo = next(d for d in diagnostics if d.code == "BL301" and "stabilitet" in d.message)
        assert _text_at(text, typo.range) == "stabilitet"
        assert typo.source == "bilint" and typo.severity == types.DiagnosticSeverity.Warning
        assert typo.related_information and typo.related_information[0].location.uri == uri
        assert "fr" in typo.related_information[0].message
        # é and « » before a finding on a French line: the column must still be right
        french = next(d for d in diagnostics if d.code == "BL301" and "égalelement" in d.message)
        assert _text_at(text, french.range) == "égalelement"

        # hover on a diagnostic shows its rule's documentation
        hover = await asyncio.wait_for(editor.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), typo.range.start)), WAIT)
        assert "BL301" in hover.contents.value and "Why" in hover.contents.value

        # a safe fix is a preferred quick fix; applying it removes the finding
        dash = next(d for d in diagnostics if d.code == "BL505")
        actions = await asyncio.wait_for(editor.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), dash.range, types.CodeActionContext(diagnostics=[dash]))), WAIT)
        preferred = [a for a in actions if a.is_preferred]
        assert len(preferred) == 1 and preferred[0].kind == types.CodeActionKind.QuickFix
        assert "unsafe" not in preferred[0].title
        assert any(a.title.startswith("Disable BL505") for a in actions)
        fixed = _apply(text, preferred[0].edit.changes[uri])
        assert fixed != text and len(fixed) == len(text)
        count = len(editor.published[uri])
        version = editor.change(uri, [types.TextDocumentContentChangeWholeDocument(text=fixed)])
        after = await editor.diagnostics(uri, after=count, version=version)
        assert "BL505" not in _codes(after)
        assert len(after) == len(diagnostics) - 1

        # "fix all" applies every safe fix of the file (here the one that is left: BL504)
        safe = [d for d in after if d.code == "BL504"]
        actions = await asyncio.wait_for(editor.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(0, 0)),
            types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.Source]))), WAIT)
        [fix_all] = actions
        assert fix_all.kind == types.CodeActionKind.SourceFixAll and len(fix_all.diagnostics) == len(safe) == 1
        count = len(editor.published[uri])
        version = editor.change(uri, [types.TextDocumentContentChangeWholeDocument(
            text=_apply(fixed, fix_all.edit.changes[uri]))])
        assert _codes(await editor.diagnostics(uri, after=count, version=version)) == \
            sorted(c for c in _codes(after) if c != "BL504")
        return await editor.stop()

    assert _run(session()) == 0


def test_pair_edit_one_buffer_updates_both_files(tmp_path):
    nl_path, fr_path = tmp_path / "wet.nl.md", tmp_path / "wet.fr.md"
    nl_path.write_text(NL, encoding="utf-8")
    fr_path.write_text(FR, encoding="utf-8")

    async def session():
        editor = Editor()
        await editor.start(tmp_path)
        nl = editor.open(nl_path)
        fr_uri = fr_path.as_uri()
        # the French file is not open: it is read from disk, and gets its diagnostics too
        nl_diagnostics = await editor.diagnostics(nl, check=lambda ds: len(ds) > 0)
        fr_diagnostics = await editor.diagnostics(fr_uri)
        assert _codes(nl_diagnostics) == ["BL301", "BL401"]
        assert _codes(fr_diagnostics) == ["BL401"]
        date = fr_diagnostics[0]
        assert _text_at(FR, date.range) == "1er janvier 2023"     # after an emoji (two UTF-16 units)
        related = date.related_information[0].location
        assert related.uri == nl and related.range.start.line == 4

        # "disable for this line" writes the suppression comment above the finding
        typo = next(d for d in nl_diagnostics if d.code == "BL301")
        actions = await asyncio.wait_for(editor.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(nl), typo.range, types.CodeActionContext(diagnostics=[typo]))), WAIT)
        fix = next(a for a in actions if a.title.startswith("BL301"))
        assert "unsafe" in fix.title and not fix.is_preferred     # a spelling suggestion is unsafe
        disable = next(a for a in actions if a.title.startswith("Disable BL301"))
        suppressed = _apply(NL, disable.edit.changes[nl])
        assert "<!-- bilint: disable-next-line=BL301 -->\n2. De Koning" in suppressed
        count = len(editor.published[nl])
        version = editor.change(nl, [types.TextDocumentContentChangeWholeDocument(text=suppressed)])
        assert _codes(await editor.diagnostics(nl, after=count, version=version)) == ["BL401"]
        # hovering the code in the comment explains the rule it silences
        where = _position_of(suppressed, "BL301 -->")
        hover = await asyncio.wait_for(editor.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(nl), types.Position(where.line, where.character + 2))), WAIT)
        assert hover.contents.value.startswith("**BL301 spelling**")

        # open the French buffer and edit it (unsaved): both files lose the date mismatch
        fr = editor.open(fr_path)
        await editor.diagnostics(fr, check=lambda ds: _codes(ds) == ["BL401"])
        nl_count, fr_count = len(editor.published[nl]), len(editor.published[fr])
        start = _position_of(FR, "2023")
        edit = types.TextDocumentContentChangePartial(
            range=types.Range(start, types.Position(start.line, start.character + 4)), text="2022")
        fr_version = editor.change(fr, [edit])
        assert await editor.diagnostics(fr, after=fr_count, version=fr_version) == []
        assert await editor.diagnostics(nl, after=nl_count, check=lambda ds: _codes(ds) == []) == []
        assert "2023" in fr_path.read_text(encoding="utf-8")      # nothing written to disk

        # a configuration change re-lints the open files
        fr_count = len(editor.published[fr])
        (tmp_path / "bilint.toml").write_text('ignore = ["BL4"]\n', encoding="utf-8")
        editor.change(fr, [types.TextDocumentContentChangeWholeDocument(text=FR)])  # the mismatch again
        await editor.diagnostics(fr, after=fr_count, check=lambda ds: _codes(ds) == [])
        fr_count = len(editor.published[fr])
        # (a different size as well as a later time: the configuration is cached on both)
        (tmp_path / "bilint.toml").write_text('select = ["BL401"]\n', encoding="utf-8")
        editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent((tmp_path / "bilint.toml").as_uri(), types.FileChangeType.Changed)]))
        await editor.diagnostics(fr, after=fr_count, check=lambda ds: _codes(ds) == ["BL401"])

        # closing both buffers clears both files' diagnostics, and no late lint brings them back
        nl_count, fr_count = len(editor.published[nl]), len(editor.published[fr])
        for uri in (nl, fr):
            editor.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
        await editor.diagnostics(nl, after=nl_count, check=lambda ds: len(ds) == 0)
        await editor.diagnostics(fr, after=fr_count, check=lambda ds: len(ds) == 0)
        code = await editor.stop()
        assert len(editor.published[nl][-1].diagnostics) == len(editor.published[fr][-1].diagnostics) == 0
        return code

    assert _run(session()) == 0


def test_word_list_change_relints_open_files(tmp_path):
    (tmp_path / "wet.nl.md").write_text(NL, encoding="utf-8")
    (tmp_path / "wet.fr.md").write_text(FR, encoding="utf-8")
    (tmp_path / "bilint.toml").write_text('words = ["words.txt"]\n', encoding="utf-8")
    words = tmp_path / "words.txt"
    words.write_text("# the project's words\n", encoding="utf-8")

    async def session():
        editor = Editor()
        await editor.start(tmp_path)
        nl = editor.open(tmp_path / "wet.nl.md")
        await editor.diagnostics(nl, check=lambda ds: "BL301" in _codes(ds))
        words_uri = editor.open(words)             # the word list is edited, not linted
        count = len(editor.published[nl])
        words.write_text("# the project's words\ndataum\n", encoding="utf-8")
        editor.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(words_uri)))
        await editor.diagnostics(nl, after=count, check=lambda ds: _codes(ds) == ["BL401"])
        assert editor.published[words_uri] == []
        # saving a document lints it again (its buffer now is the file: the result is cached too)
        count = len(editor.published[nl])
        editor.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(nl)))
        assert _codes(await editor.diagnostics(nl, after=count)) == ["BL401"]
        assert list((tmp_path / ".bilint_cache").glob("??/*.json"))
        return await editor.stop()

    assert _run(session()) == 0


# -- malformed input ------------------------------------------------------------------------

def _frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


async def _read_message(stream: asyncio.StreamReader) -> dict:
    length = 0
    while True:
        line = await stream.readline()
        if not line:
            raise EOFError("the server closed its output")
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
        if line in (b"\r\n", b"\n") and length:
            return json.loads(await stream.readexactly(length))


def test_malformed_requests_get_protocol_errors_and_the_server_lives_on(tmp_path):
    """Raw JSON-RPC over the pipes, so that the bytes can be wrong; the client asks for UTF-8 columns."""
    async def session():
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", NO_NETWORK_BOOT, "server", cwd=tmp_path,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        async def request(body: bytes, msg_id) -> dict:
            process.stdin.write(_frame(body))
            await process.stdin.drain()
            while True:
                message = await asyncio.wait_for(_read_message(process.stdout), WAIT)
                if "method" not in message and message["id"] == msg_id:   # a response has an id, maybe null
                    return message

        def send(message: dict) -> bytes:
            return json.dumps({"jsonrpc": "2.0", **message}).encode()

        capabilities = {"general": {"positionEncodings": ["utf-8", "utf-16"]}}
        initialize = await request(send({"id": 1, "method": "initialize", "params": {
            "processId": None, "rootUri": None, "capabilities": capabilities}}), 1)
        assert initialize["result"]["serverInfo"]["name"] == "bilint"
        assert initialize["result"]["capabilities"]["positionEncoding"] == "utf-8"
        process.stdin.write(_frame(send({"method": "initialized", "params": {}})))

        broken = await request(b'{"jsonrpc": "2.0", "id": 2, "method": "textDoc', None)
        assert broken["error"]["code"] == -32700                       # Parse error, id null
        unknown = await request(send({"id": 3, "method": "bilint/noSuchMethod", "params": {}}), 3)
        assert unknown["error"]["code"] == -32601                      # Method not found
        bad = await request(send({"id": 4, "method": "textDocument/hover", "params": {"position": "here"}}), 4)
        assert bad["error"]["code"] == -32602                          # Invalid params
        not_rpc = await request(json.dumps({"id": 5, "method": "shutdown"}).encode(), 5)
        assert not_rpc["error"]["code"] == -32600                      # Invalid Request (no "jsonrpc")
        batch = await request(b"[1, 2]", None)
        assert batch["error"]["code"] == -32600
        # a notification with bad params is dropped; the server still answers afterwards
        process.stdin.write(_frame(send({"method": "textDocument/didOpen", "params": {"textDocument": 7}})))
        hover = await request(send({"id": 6, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}}), 6)
        assert hover.get("result") is None and "error" not in hover

        # with UTF-8 negotiated, columns count bytes: "1. é😀 de " is 9 characters, 13 bytes
        uri = (tmp_path / "note.md").as_uri()
        text = "Gelet op:\n\n1. é😀 de samenwerkking van de diensten;\n\nVu:\n\n1. la coopération des services;\n"
        process.stdin.write(_frame(send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})))
        while True:
            message = await asyncio.wait_for(_read_message(process.stdout), WAIT)
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                break
        [typo] = message["params"]["diagnostics"]
        assert typo["code"] == "BL301"
        assert typo["range"] == {"start": {"line": 2, "character": 13}, "end": {"line": 2, "character": 26}}

        shutdown = await request(send({"id": 7, "method": "shutdown"}), 7)
        assert shutdown.get("result") is None and "error" not in shutdown
        process.stdin.write(_frame(send({"method": "exit"})))
        await process.stdin.drain()
        await asyncio.wait_for(process.wait(), WAIT)
        return process.returncode

    assert _run(session()) == 0


def test_lifecycle_ids_and_framing_errors_are_answered_and_never_end_the_server(tmp_path):
    """Whatever arrives, the server answers what JSON-RPC and LSP say and keeps serving:
    after each bad input a hover request still gets its answer."""
    async def session():
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", NO_NETWORK_BOOT, "server", cwd=tmp_path,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        probes = iter(range(1000, 2000))

        async def exchange(raw: bytes) -> tuple[list[dict], dict]:
            """Write ``raw``, then a hover request: every message up to the hover's answer, and that answer."""
            probe = next(probes)
            hover_request = {"jsonrpc": "2.0", "id": probe, "method": "textDocument/hover", "params": {
                "textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}}
            process.stdin.write(raw + _frame(json.dumps(hover_request).encode()))
            await process.stdin.drain()
            received = []
            while True:
                message = await asyncio.wait_for(_read_message(process.stdout), WAIT)
                if message.get("id") == probe and "method" not in message:
                    return received, message
                received.append(message)

        def send(message: dict) -> bytes:
            return _frame(json.dumps({"jsonrpc": "2.0", **message}).encode())

        def errors(received: list[dict]) -> list[tuple]:
            return [(m["id"], m["error"]["code"]) for m in received if "error" in m]

        hover = {"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}
        # before initialize: a request is refused with ServerNotInitialized, a notification dropped
        received, probe = await exchange(send({"id": 1, "method": "shutdown"}) + send(
            {"method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": (tmp_path / "a.md").as_uri(), "languageId": "markdown", "version": 1, "text": "x"}}}))
        assert errors(received) == [(1, -32002)] and probe["error"]["code"] == -32002
        # initialize with bad params is Invalid params; then a good one works, and a second one is refused
        received, _ = await exchange(send({"id": 2, "method": "initialize", "params": {"capabilities": 5}}))
        assert errors(received) == [(2, -32602)]
        received, probe = await exchange(send({"id": 3, "method": "initialize", "params": {
            "processId": None, "rootUri": None, "capabilities": {}}}) + send({"method": "initialized", "params": {}}))
        assert received[0]["result"]["serverInfo"]["name"] == "bilint"
        assert probe.get("result") is None and "error" not in probe
        received, _ = await exchange(send({"id": 4, "method": "initialize", "params": {
            "processId": None, "rootUri": None, "capabilities": {}}}))
        assert errors(received) == [(4, -32600)]

        # bad params for each request the server handles; a bad notification is dropped
        for msg_id, method, params in [
                (5, "textDocument/hover", {"position": "here"}),
                (6, "textDocument/hover", None),
                (7, "textDocument/codeAction", {"textDocument": {"uri": "file:///x.md"}}),
                (8, "textDocument/codeAction", {**hover, "range": {"start": {"line": -1, "character": 0},
                                                                   "end": {"line": 0, "character": 0}},
                                                "context": {"diagnostics": []}})]:
            received, _ = await exchange(send({"id": msg_id, "method": method, "params": params}))
            assert errors(received) == [(msg_id, -32602)], method
        for method, params in [("textDocument/didChange", {"textDocument": {"uri": "file:///x.md", "version": 2},
                                                           "contentChanges": [{"text": "x"}]}),   # never opened
                               ("textDocument/didSave", {"textDocument": 3}),
                               ("textDocument/didClose", {}),
                               ("workspace/didChangeWatchedFiles", {"changes": "all"})]:
            received, _ = await exchange(send({"method": method, "params": params}))
            assert errors(received) == [] and not [m for m in received if m.get("method") == "window/showMessage"]
        # an id JSON-RPC does not allow: Invalid Request, answered to id null
        for bad_id in [{"a": 1}, 1.5, True, [1]]:
            received, _ = await exchange(send({"id": bad_id, "method": "textDocument/hover", "params": hover}))
            assert errors(received) == [(None, -32600)], bad_id
        received, _ = await exchange(send({"id": 9, "method": "bilint/noSuchMethod"}))
        assert errors(received) == [(9, -32601)]

        # bytes that are no message: one Parse error each, and the next message is read
        for raw in [b"Content-Length: abc\r\n\r\n{}",                      # not a number, body left behind
                    b"\x00\xff\xfe garbage\r\n\r\n",                          # not a header
                    b'{"jsonrpc": "2.0", "id": 10, "method": "shutdown"}\r\n\r\n',   # no header at all
                    b"Content-Length: 99999999999\r\n\r\n",                   # more than any memory
                    b"Content-Length: 5\r\n\r\n" + json.dumps({"jsonrpc": "2.0", "id": 11}).encode(),  # too short
                    b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01",              # not UTF-8
                    b"X-Header: " + b"x" * 100_000 + b"\r\n\r\n"]:             # a header line too long
            received, probe = await exchange(raw)
            assert [code for _, code in errors(received)] == [-32700], raw[:40]
            assert errors(received)[0][0] is None and probe.get("result") is None and "error" not in probe

        # after shutdown, requests are Invalid Request; exit then ends the server with 0
        received, probe = await exchange(send({"id": 12, "method": "shutdown"}))
        assert received[0] == {"jsonrpc": "2.0", "id": 12, "result": None}
        assert probe["error"]["code"] == -32600
        process.stdin.write(send({"method": "exit"}))
        await process.stdin.drain()
        await asyncio.wait_for(process.wait(), WAIT)
        return process.returncode, (await process.stderr.read()).decode()

    returncode, stderr = _run(session())
    assert returncode == 0
    assert "Traceback" not in stderr, stderr


def test_a_client_that_goes_away_ends_the_server_with_exit_code_1():
    """The protocol: exit without shutdown (here: standard input closed) is exit code 1, quietly."""
    process = subprocess.run([sys.executable, "-c", NO_NETWORK_BOOT, "server"], capture_output=True, timeout=WAIT,
                             input=_frame(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                                 "processId": None, "rootUri": None, "capabilities": {}}}).encode()))
    assert process.returncode == 1
    assert b'"serverInfo"' in process.stdout and b"Traceback" not in process.stderr


# -- the pieces --------------------------------------------------------------------------------

def test_positions_count_utf16_units():
    text = "é😀x\r\nab\rc\n𝔏é"
    index = LineIndex(text)
    assert units("é😀x") == 4 and units("é😀x", "utf-8") == 7 and units("é😀x", "utf-32") == 3
    assert index.position(text.index("x")) == (0, 3)
    assert index.position(text.index("c")) == (2, 0)
    assert index.from_span(4, 2) == (3, 2)            # after 𝔏: one character, two units
    assert index.from_span(1, 99) == (0, 4)           # clamped to the end of the line, before \r\n
    for offset, char in enumerate(text):
        if char not in "\r\n":
            assert index.offset(*index.position(offset)) == offset
    assert LineIndex(text, "utf-8").position(text.index("x")) == (0, 6)


def test_scheduler_coalesces_a_burst_of_edits():
    import threading

    from bilint.lsp.scheduler import Scheduler

    batches: list[list[str]] = []
    done = threading.Event()

    def work(keys: list[str]) -> None:
        batches.append(keys)
        if {"a.nl.md", "b.md"} <= {key for batch in batches for key in batch}:
            done.set()

    scheduler = Scheduler(work)
    for _ in range(20):                      # twenty keystrokes, each pushing the lint back
        scheduler.schedule(["a.nl.md"], delay=1.0)
    scheduler.schedule(["b.md"], delay=1.0)
    assert done.wait(WAIT)
    scheduler.stop()
    scheduler.thread.join(WAIT)
    assert not scheduler.thread.is_alive()
    assert sorted(key for batch in batches for key in batch) == ["a.nl.md", "b.md"]   # each linted once


def test_server_without_pygls_is_one_line_and_exit_2(monkeypatch, capsys):
    from bilint.cli import main

    monkeypatch.setitem(sys.modules, "bilint.lsp.server", None)   # as if bilint[server] were not installed
    assert main(["server"]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "pip install 'bilint[server]'" in error[0]


def test_pair_paths_prefer_open_buffers(tmp_path):
    nl, fr = str(tmp_path / "a.nl.md"), str(tmp_path / "a.fr.md")
    assert pair_paths(nl, ("nl", "fr"), {}) == [nl]                  # no counterpart anywhere
    assert pair_paths(nl, ("nl", "fr"), {fr: "Vu:"}) == [nl, fr]       # an unsaved buffer counts
    Path(nl).write_text("x", encoding="utf-8")
    assert pair_paths(fr, ("nl", "fr"), {}) == [nl, fr]               # on disk, in language order
    assert pair_paths(str(tmp_path / "a.md"), ("nl", "fr"), {}) == [str(tmp_path / "a.md")]


def test_saved_documents_reuse_the_result_cache_shared_with_the_command_line(tmp_path, monkeypatch):
    import bilint.engine
    from bilint.cache import ResultCache
    from bilint.lsp.linting import cache_folder, lint_document
    from bilint.runner import Request, plan, run

    (tmp_path / "wet.nl.md").write_text(NL, encoding="utf-8")
    (tmp_path / "wet.fr.md").write_text(FR, encoding="utf-8")
    (tmp_path / "bilint.toml").write_text("", encoding="utf-8")
    nl, fr = str(tmp_path / "wet.nl.md"), str(tmp_path / "wet.fr.md")
    assert cache_folder(nl, []) == str(tmp_path / ".bilint_cache")
    cache = ResultCache(cache_folder(nl, []))
    # the command line, run from the project folder with relative paths, fills the cache
    monkeypatch.chdir(tmp_path)
    [cli] = run(plan(["wet.nl.md"], Request()), cache=cache)
    assert {d.path for d in cli.diagnostics} == {"wet.nl.md", "wet.fr.md"}
    monkeypatch.chdir(Path(__file__).parent)

    linted_paths = []
    real = bilint.engine.lint_paths
    monkeypatch.setattr(bilint.engine, "lint_paths", lambda paths, *a: linted_paths.append(paths) or real(paths, *a))
    saved = lint_document(nl, {nl: NL}, cache)        # the buffer holds what the file holds: read back
    assert linted_paths == []
    assert saved.paths == [nl, fr] and saved.texts == {nl: NL, fr: FR}
    assert _codes(saved.diagnostics[nl]) == ["BL301", "BL401"] and _codes(saved.diagnostics[fr]) == ["BL401"]
    everything = [d for ds in saved.diagnostics.values() for d in ds]
    assert {d.path for d in everything} == {nl, fr}                       # renamed to the server's paths
    assert {r.location.path for d in everything for r in d.related} <= {nl, fr}

    edited = NL.replace("dataum", "datum")
    unsaved = lint_document(nl, {nl: edited}, cache)  # unsaved edits are always linted
    assert linted_paths == [[nl, fr]] and _codes(unsaved.diagnostics[nl]) == ["BL401"]
    assert len(list((tmp_path / ".bilint_cache").glob("??/*.json"))) == 1   # and never stored


def test_a_bad_configuration_or_a_failing_rule_becomes_one_diagnostic(tmp_path, monkeypatch):
    import bilint.engine
    from bilint.lsp.linting import lint_document

    path = str(tmp_path / "wet.nl.md")
    (tmp_path / "bilint.toml").write_text('languages = ["nl"]\n', encoding="utf-8")
    linted = lint_document(path, {path: NL})
    assert "bilint.toml" in linted.problem and "languages" in linted.problem
    assert linted.diagnostics == {path: []}

    (tmp_path / "bilint.toml").write_text("", encoding="utf-8")

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a rule's bug")

    monkeypatch.setattr(bilint.engine, "lint_paths", broken)
    assert lint_document(path, {path: NL}).problem == "internal error: ZeroDivisionError: a rule's bug"


def test_a_stale_lint_is_given_up_between_rules(tmp_path):
    from bilint.engine import Cancelled, lint_paths
    from bilint.lsp.linting import lint_document

    path = str(tmp_path / "wet.nl.md")
    (tmp_path / "wet.nl.md").write_text(NL, encoding="utf-8")
    (tmp_path / "wet.fr.md").write_text(FR, encoding="utf-8")
    with pytest.raises(Cancelled):
        lint_paths([path], cancelled=lambda: True)
    asked: list[list[str]] = []

    def stale(paths: list[str]) -> bool:   # the buffer changes while the third rule runs
        asked.append(paths)
        return len(asked) > 3

    assert lint_document(path, {path: NL}, stale=stale) is None
    assert len(asked) == 4 and asked[0] == [path, str(tmp_path / "wet.fr.md")]
    assert lint_document(path, {path: NL}, stale=lambda paths: False).diagnostics[path]   # never stale: finished


def test_texts_linted_a_moment_ago_are_not_linted_again(tmp_path, monkeypatch):
    """An undo, a save with no edit since, opening the other version: the same texts with the
    same settings are answered from the memo; a new text, a changed file on disk or a
    changed word list (in the settings) is linted."""
    import bilint.engine
    from bilint.lsp.linting import Recent, lint_document

    (tmp_path / "bilint.toml").write_text('words = ["words.txt"]\n', encoding="utf-8")
    (tmp_path / "words.txt").write_text("", encoding="utf-8")
    (tmp_path / "wet.nl.md").write_text(NL, encoding="utf-8")
    (tmp_path / "wet.fr.md").write_text(FR, encoding="utf-8")
    nl, fr = str(tmp_path / "wet.nl.md"), str(tmp_path / "wet.fr.md")
    linted_paths = []
    real = bilint.engine.lint_paths
    monkeypatch.setattr(bilint.engine, "lint_paths", lambda paths, *a: linted_paths.append(paths) or real(paths, *a))
    recent = Recent()

    first = lint_document(nl, {nl: NL}, recent=recent)
    assert _codes(first.diagnostics[nl]) == ["BL301", "BL401"]
    assert lint_document(fr, {nl: NL, fr: FR}, recent=recent) is first   # the other version, as on disk
    edited = NL.replace("dataum", "datum")
    assert _codes(lint_document(nl, {nl: edited}, recent=recent).diagnostics[nl]) == ["BL401"]
    assert lint_document(nl, {nl: NL}, recent=recent) is first           # undone
    assert len(linted_paths) == 2

    (tmp_path / "wet.fr.md").write_text(FR.replace("2023", "2022"), encoding="utf-8")   # the file changed
    assert _codes(lint_document(nl, {nl: NL}, recent=recent).diagnostics[nl]) == ["BL301"]
    (tmp_path / "words.txt").write_text("dataum\n", encoding="utf-8")                   # the word list changed
    assert lint_document(nl, {nl: NL}, recent=recent).diagnostics[nl] == []
    assert len(linted_paths) == 4


def test_the_reader_resynchronises_after_bad_frames():
    """``framing.read_messages`` on bytes in memory: each body delivered whole, each bad
    header block one complaint, and the message after a bad one never lost."""
    import io
    import threading

    from bilint.lsp.framing import MAX_BODY, read_messages

    def body(n: int) -> bytes:
        return json.dumps({"jsonrpc": "2.0", "id": n, "method": "shutdown"}).encode()

    stream = io.BytesIO(b"".join([
        _frame(body(1)),
        b"\r\n",                                                          # a stray blank line
        b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + _frame(body(2)),
        b"content-length: %d\n\n" % len(body(3)) + body(3),               # lower case, bare \n
        b"Content-Length: x\r\n\r\n" + body(4),                           # bad length: body left unread
        _frame(body(5)),                                                  # ...and glued to this header
        b"garbage\r\n" + _frame(body(6)),                                 # garbage, then a real header
        b"Content-Length: %d\r\n\r\n" % (MAX_BODY + 1),
        _frame(body(7)),
        b"Content-Length: y\r\n\r\n" + b'{"text": "' + b"x" * 100_000 + b'"}',   # a long body left unread,
        _frame(body(8)),                                                         # glued to this header
        b"X-Padding: " + b"x" * 100_000 + b"\r\n\r\n",                           # a header line too long
        _frame(body(9)),
        b"Content-Length: 10\r\n\r\n{}",                                  # cut short by the end of input
    ]))
    delivered, complaints = [], []

    async def readline(limit: int) -> bytes:
        return stream.readline(limit)

    async def read(size: int) -> bytes:
        return stream.read(size)

    _run(read_messages(threading.Event(), readline, read, delivered.append, complaints.append))
    assert [json.loads(b)["id"] for b in delivered] == [1, 2, 3, 5, 6, 7, 8, 9]
    assert len(complaints) == 5
    assert "not a number" in complaints[0] and "not a message header" in complaints[1]
    assert "over the limit" in complaints[2] and "not a number" in complaints[3]
    assert "too long" in complaints[4]
