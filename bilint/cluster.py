"""Linting a corpus on a Dask cluster: for audits that outgrow one machine's cores.

bilint does not schedule work across machines itself. A Dask ``distributed`` client hands
out a ``concurrent.futures.Executor`` (``Client.get_executor()``); the runner maps its
document jobs over it exactly as it maps them over a local process pool, so the results
come back in the jobs' order and make one report, the same as ``-j 1``. Each worker needs
the same bilint, rule packs and dictionaries installed as the machine that submits.

``bilint check --scheduler tcp://HOST:8786 corpus/`` submits to a running scheduler
(``dask scheduler`` and ``dask worker tcp://HOST:8786`` on the machines);
``--scheduler local`` starts a throw-away cluster of this machine's cores, which is how the
tests and a first try run it. Needs the optional extra ``bilint[dask]``.
"""

from __future__ import annotations

from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Iterator

from .source import InputError

LOCAL = "local"


@contextmanager
def dask_executor(address: str) -> Iterator[Executor]:
    """An executor whose tasks run on the Dask cluster at ``address`` (or a local one)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'bilint[dask]'") from None
    cluster = None
    try:
        if address == LOCAL:
            cluster = LocalCluster(processes=True, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout=10)
    except (OSError, ValueError) as error:   # unreachable, refused, timed out, not an address
        if cluster is not None:
            cluster.close()
        raise InputError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        yield client.get_executor()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
