"""``bilint server``: the language server (pygls over stdio).

The protocol thread only records buffers and answers requests from the last published
lint; linting runs in ``Scheduler``'s worker thread, and its results are published back
on the protocol thread (one writer on standard output, and the staleness check made
against the buffers as they are at that moment).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import threading
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest, JsonRpcParseError
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..cache import ResultCache
from ..model import Diagnostic
from . import convert
from .linting import Linted, Recent, cache_folder, lint_document, support_files
from .scheduler import Scheduler

logger = logging.getLogger(__name__)

DEBOUNCE = 0.05   # seconds of quiet typing before a lint starts (a lint made stale stops at the next rule)
NOT_LINTED = (".toml",)   # configuration files the editor may send us


@dataclass
class Buffer:
    uri: str
    text: str
    version: int | None


@dataclass
class Published:
    """What was last published for one file: answers code actions and hovers."""

    text: str
    texts: convert.Texts
    items: list[tuple[types.Diagnostic, Diagnostic]] = field(default_factory=list)


@dataclass
class _Rejected:
    """A message that did not fit its method, or a request with an id JSON-RPC does not allow."""

    id: Any
    error: JsonRpcException
    method: str
    answer: bool   # a request (it had an id): the client waits for an error


SERVER_NOT_INITIALIZED = -32002   # LSP's code for a request before initialize


class Protocol(LanguageServerProtocol):
    """pygls's protocol, answering what it would drop or mishandle with JSON-RPC errors:
    malformed requests, ids that are neither integers nor strings, requests before
    ``initialize`` or after ``shutdown``, a second ``initialize``."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initialize_received = False

    def structure_message(self, data):
        if isinstance(data, dict) and "jsonrpc" in data and "method" in data and "id" in data:
            msg_id = data["id"]
            if isinstance(msg_id, bool) or not isinstance(msg_id, (int, str)):
                return _Rejected(None, JsonRpcInvalidRequest("Invalid Request: an id is an integer or a string"),
                                 str(data["method"]), True)
            if "params" not in data:   # JSON-RPC lets a request omit them; pygls's types want the key
                data = {**data, "params": None}
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if isinstance(data, dict) and "method" in data:
                return _Rejected(data.get("id"), error, str(data["method"]), "id" in data)
            raise

    def handle_message(self, message):
        if isinstance(message, _Rejected):
            self._refuse(message.method, message.id if message.answer else None, message.answer,
                         message.error.CODE, message.error.message)
            return
        if not hasattr(message, "jsonrpc"):   # a JSON value that is not a JSON-RPC message
            msg_id = message.get("id") if isinstance(message, dict) else None
            self.send_error(msg_id if isinstance(msg_id, (int, str)) else None, JsonRpcInvalidRequest.CODE,
                            "Invalid Request: not a JSON-RPC 2.0 message")
            return
        method = getattr(message, "method", None)
        request = method is not None and hasattr(message, "id")
        msg_id = getattr(message, "id", None)
        if method is not None and method != types.EXIT:
            if self._shutdown:
                self._refuse(method, msg_id, request, JsonRpcInvalidRequest.CODE,
                             "Invalid Request: the server is shutting down")
                return
            if method == types.INITIALIZE:
                if self.initialize_received:
                    self._refuse(method, msg_id, request, JsonRpcInvalidRequest.CODE,
                                 "Invalid Request: initialize was already received")
                    return
                self.initialize_received = True
            elif not self.initialize_received:
                self._refuse(method, msg_id, request, SERVER_NOT_INITIALIZED,
                             "Server not initialized: initialize comes first")
                return
            if method == types.TEXT_DOCUMENT_DID_CHANGE and \
                    message.params.text_document.uri not in self.workspace.text_documents:
                logger.warning("ignored a change to %s, which is not open", message.params.text_document.uri)
                return
        super().handle_message(message)

    def _refuse(self, method: str, msg_id, request: bool, code: int, message: str) -> None:
        """An error response to a request; a notification has nobody to answer, so it is logged."""
        if request:
            self.send_error(msg_id, code, message)
        else:
            logger.warning("ignored %s: %s", method, message)

    def send_error(self, msg_id, code: int, message: str) -> None:
        """An error response, written as a plain dict: lsprotocol's converter drops an ``"id": null``."""
        self._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})


class BilintServer(LanguageServer):
    def __init__(self, cache: bool = True) -> None:
        super().__init__("bilint", __version__, protocol_cls=Protocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.use_cache = cache
        self.caches: dict[str, ResultCache] = {}     # folder -> the result cache kept there
        self.lock = threading.Lock()
        self.buffers: dict[str, Buffer] = {}          # path -> the open buffer
        self.published: dict[str, Published] = {}    # path -> the last diagnostics published
        self.support: set[str] = set()               # config files and word lists of open documents
        self.recent = Recent()                        # the last lints, by the texts they read
        self.warm = False                             # a first lint has loaded rules and dictionaries
        self.loop: asyncio.AbstractEventLoop | None = None
        self.scheduler = Scheduler(self._lint_many)

    # -- the protocol's own errors -------------------------------------------------------

    def _start_io_async(self, stdin=None, stdout=None) -> None:
        """``start_io`` with a reader that survives bad framing (``framing``)."""
        import sys

        from .framing import serve_stdio

        serve_stdio(self, stdin or sys.stdin.buffer, stdout or sys.stdout.buffer)

    def report_server_error(self, error: Exception, source) -> None:
        if isinstance(error, (ValueError, UnicodeDecodeError)) and not isinstance(error, JsonRpcException):
            # the body was not JSON (json.JSONDecodeError is a ValueError): JSON-RPC's Parse error
            self.protocol.send_error(None, JsonRpcParseError.CODE, f"Parse error: {error}")
            return
        super().report_server_error(error, source)

    # -- buffers -------------------------------------------------------------------------

    def path_of(self, uri: str) -> str:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return os.path.normpath(path) if path else uri

    def uri_of(self, path: str) -> str:
        buffer = self.buffers.get(path)
        if buffer is not None:
            return buffer.uri
        return path if ":" in path and not os.path.isabs(path) else (from_fs_path(path) or path)

    def lintable(self, path: str) -> bool:
        return not path.endswith(NOT_LINTED) and path not in self.support

    def remember(self, uri: str) -> str:
        """Copy the workspace's current text of ``uri`` into ``buffers``; returns its path."""
        document = self.workspace.get_text_document(uri)
        path = self.path_of(uri)
        with self.lock:
            self.buffers[path] = Buffer(uri, document.source, document.version)
        return path

    def forget(self, uri: str) -> str:
        path = self.path_of(uri)
        with self.lock:
            self.buffers.pop(path, None)
        return path

    def schedule(self, paths, delay: float = 0.0) -> None:
        if self.loop is None:
            self.loop = asyncio.get_running_loop()
        self.scheduler.schedule([p for p in paths if self.lintable(p)], delay)

    def relint_all(self) -> None:
        self.recent.clear()   # a configuration file, word list or glossary changed
        self.schedule(list(self.buffers))

    # -- linting (worker thread) and publishing (protocol thread) ------------------------

    def _lint_many(self, paths: list[str]) -> None:
        covered: set[str] = set()
        for path in paths:
            if path in covered:
                continue
            with self.lock:
                if path not in self.buffers:   # closed meanwhile
                    continue
                buffers = dict(self.buffers)

            def stale(paths: list[str]) -> bool:   # a newer edit (or a close) of the document's buffers
                return any(self.buffers.get(p) is not buffers.get(p) for p in paths)

            linted = lint_document(path, {p: b.text for p, b in buffers.items()}, self.cache_for(path), stale,
                                   self.recent)
            if linted is None:
                continue   # given up for a newer edit, whose lint is already scheduled
            if not self.warm:
                self.warm = True
                # what the first lint loaded (rules, dictionaries, Grammalecte) stays for the
                # server's life: out of the collector's sight, a lint's collections no longer
                # walk it (about 0.04 s of each 0.7 s lint measured on a busy machine)
                gc.collect()
                gc.freeze()
            support = support_files(path)
            covered.update(linted.paths)
            read = {p: (buffers[p].text, buffers[p].version) if p in buffers else (None, None) for p in linted.paths}
            if self.loop is not None and not self.loop.is_closed():
                self.loop.call_soon_threadsafe(self._publish, path, linted, read, support)

    def cache_for(self, path: str) -> ResultCache | None:
        """The result cache of ``path``'s project (the one ``bilint check`` uses there)."""
        if not self.use_cache:
            return None
        roots = [self.workspace.root_path or "", *(to_fs_path(f.uri) or "" for f in self.workspace.folders.values())]
        folder = cache_folder(path, [root for root in roots if root])
        if folder is None:
            return None
        if folder not in self.caches:
            self.caches[folder] = ResultCache(folder)
        return self.caches[folder]

    def _publish(self, path: str, linted: Linted, read: dict[str, tuple[str | None, int | None]],
                 support: set[str]) -> None:
        """Publish a lint's diagnostics, unless a buffer it read has changed (or closed, or opened) since."""
        self.support |= support
        for other, (text, version) in read.items():
            current = self.buffers.get(other)
            if (current.text if current else None) is not text or (current.version if current else None) != version:
                return   # stale: the newer lint is already scheduled
        if path not in self.buffers:
            return
        texts = convert.Texts(linted.texts, self.workspace.position_encoding or "utf-16")
        for other in linted.paths:
            if linted.problem and other == path:
                items = []
                lsp = [convert.problem(f"bilint: {linted.problem}")]
            else:
                items = [(convert.diagnostic(d, texts, self.uri_of), d) for d in linted.diagnostics.get(other, [])]
                lsp = [item[0] for item in items]
            self.published[other] = Published(linted.texts.get(other, ""), texts, items)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=self.uri_of(other), diagnostics=lsp, version=read[other][1]))

    def current(self, uri: str) -> Published | None:
        """The last published lint of ``uri``, if it was made from the text the buffer holds now."""
        path = self.path_of(uri)
        published = self.published.get(path)
        buffer = self.buffers.get(path)
        if published is None or (buffer is not None and buffer.text != published.text):
            return None
        return published


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) <= (b.line, b.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _before(a.start, b.end) and _before(b.start, a.end)


def build(cache: bool = True) -> BilintServer:
    server = BilintServer(cache)

    @server.feature(types.INITIALIZED)
    def initialized(ls: BilintServer, params: types.InitializedParams) -> None:
        ls.loop = asyncio.get_running_loop()
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            globs = ["**/bilint.toml", "**/pyproject.toml", "**/*.txt", "**/*.dic", "**/*.tsv", "**/*.md"]
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="bilint-watched-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in globs]))]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BilintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule([ls.remember(params.text_document.uri)])

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BilintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule([ls.remember(params.text_document.uri)], DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: BilintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if path in ls.support or path.endswith(NOT_LINTED):
            ls.relint_all()   # a configuration file or word list: every open document may change
        else:
            ls.schedule([path])

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BilintServer, params: types.DidCloseTextDocumentParams) -> None:
        path = ls.forget(params.text_document.uri)
        linted_with = _paired_with(ls, path)
        partners = [p for p in linted_with if p in ls.buffers]
        if partners:
            ls.schedule(partners)   # the other version, still open, now reads this file from disk
            return
        for closed in (path, *linted_with):   # nothing of this document is open any more
            ls.published.pop(closed, None)
            uri = params.text_document.uri if closed == path else ls.uri_of(closed)
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: BilintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if params.changes:
            ls.relint_all()

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: BilintServer, *args) -> None:
        ls.scheduler.stop()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
    def code_action(ls: BilintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        published = ls.current(params.text_document.uri)
        if published is None:
            return []

        def wanted(kind: str) -> bool:   # kinds are hierarchical: "source" asks for "source.fixAll"
            return not params.context.only or any(kind == k or kind.startswith(f"{k}.") for k in params.context.only)

        actions: list[types.CodeAction] = []
        if wanted(types.CodeActionKind.QuickFix):
            disabled: set[tuple[str, int]] = set()
            for lsp, diagnostic in published.items:
                if not _overlaps(lsp.range, params.range):
                    continue
                fix = convert.fix_action(diagnostic, lsp, published.texts, ls.uri_of)
                if fix is not None:
                    actions.append(fix)
                if (diagnostic.code, diagnostic.span.line) not in disabled:
                    disabled.add((diagnostic.code, diagnostic.span.line))
                    actions.append(convert.disable_action(diagnostic, lsp, published.texts, ls.uri_of))
            # the safe fixes first, then the unsafe ones, then the suppressions
            actions.sort(key=lambda a: (not a.is_preferred, a.title.startswith("Disable")))
        if wanted(types.CodeActionKind.SourceFixAll):
            fix_all = convert.fix_all_action(published.items, ls.path_of(params.text_document.uri),
                                             published.texts, ls.uri_of)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: BilintServer, params: types.HoverParams) -> types.Hover | None:
        published = ls.current(params.text_document.uri)
        if published is None:
            return None
        here = types.Range(params.position, params.position)
        codes = list(dict.fromkeys(str(lsp.code) for lsp, _ in published.items if _overlaps(lsp.range, here)))
        if not codes:   # a rule named in a suppression comment: <!-- bilint: disable=BL301 -->
            path = ls.path_of(params.text_document.uri)
            index = published.texts.index(path)
            if params.position.line < len(index.starts):
                start = index.starts[params.position.line]
                line = published.text[start:index.line_end(params.position.line)]
                column = index.offset(params.position.line, params.position.character) - start
                codes = [code for code in [convert.code_in_suppression(line, column)] if code]
        docs = [doc for doc in (convert.rule_documentation(code) for code in codes) if doc]
        if not docs:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value="\n\n---\n\n".join(docs)))

    return server


def _paired_with(ls: BilintServer, path: str) -> set[str]:
    """The files ``path`` was last linted with (its other language version)."""
    return {p for p, published in ls.published.items() if p != path and path in published.texts.texts}


def main(cache: bool = True) -> int:
    """Serve on standard input and output until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="bilint server: %(levelname)s %(message)s")
    # pygls logs a traceback for every message whose params do not fit; ``Protocol`` answers
    # those with Invalid params (or logs one line for a notification), which says it all
    logging.getLogger("pygls.protocol.json_rpc").addFilter(
        lambda record: not record.getMessage().startswith("Unable to deserialize message"))
    server = build(cache)
    try:
        server.start_io()
    finally:
        server.scheduler.stop()
    return 0 if server.protocol._shutdown else 1   # the protocol: exit without shutdown is an error
