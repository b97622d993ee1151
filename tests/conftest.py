"""Shared fixtures: where the corpus is (tests that need it skip when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "benelux-2021-drugs.md"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


# --- no network at run time -------------------------------------------------------------
# bilint must never touch the network (langdetect profiles, dictionaries and word lists are
# all local). Every test runs with outgoing connections refused; test_robustness proves
# that the guard is active. CLI subprocesses get the same guard through NO_NETWORK_BOOT.

class NetworkBlocked(RuntimeError):
    """A test (or bilint) tried to open a network connection."""


def _refuse(*args, **kwargs):
    raise NetworkBlocked("network access attempted during the test suite")


@pytest.fixture(autouse=True)
def english_reports(monkeypatch):
    """bilint's own words follow the user's language (LANGUAGE, LANG); the tests read English."""
    monkeypatch.setenv("LANGUAGE", "en")


_LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _loopback_only(original):
    """``original`` for an address on this machine (a test's own local cluster), refused otherwise."""
    def guarded(*args, **kwargs):
        where = next((a for a in args if isinstance(a, (tuple, str))), None)
        host = where[0] if isinstance(where, tuple) else where
        if host in _LOOPBACK:
            return original(*args, **kwargs)
        raise NetworkBlocked(f"network access attempted during the test suite: {where!r}")
    return guarded


@pytest.fixture(autouse=True)
def no_network(monkeypatch, request):
    """Outgoing connections are refused; a test marked ``loopback`` (it starts servers of its
    own on this machine) may reach 127.0.0.1 and nothing else."""
    import socket

    loopback = request.node.get_closest_marker("loopback") is not None
    for owner, name in ((socket.socket, "connect"), (socket.socket, "connect_ex"),
                        (socket, "create_connection"), (socket, "getaddrinfo")):
        original = getattr(owner, name)
        monkeypatch.setattr(owner, name, _loopback_only(original) if loopback else _refuse)


def pytest_configure(config):
    config.addinivalue_line("markers", "loopback: the test talks to servers it started on 127.0.0.1")


# A Python prologue that blocks the network in a child process, then runs the CLI:
#   subprocess.run([sys.executable, "-c", NO_NETWORK_BOOT, "check", path])
NO_NETWORK_BOOT = (
    "import socket, sys\n"
    "def _refuse(*a, **k):\n"
    "    raise OSError('network access attempted')\n"
    "socket.socket.connect = socket.socket.connect_ex = _refuse\n"
    "socket.create_connection = socket.getaddrinfo = _refuse\n"
    "from bilint.cli import main\n"
    "sys.argv[0] = 'bilint'\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)
