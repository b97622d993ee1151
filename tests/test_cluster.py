"""A corpus audit on a Dask cluster gives the report one process gives.

The cluster is a real ``distributed`` LocalCluster of worker processes on this machine:
the same scheduler protocol, serialisation and worker imports as a cluster of machines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import BROKEN, CLEAN, TYPO_TEXT, run, write

distributed = pytest.importorskip("distributed", reason="the Dask extra (bilint[dask]) is not installed")

pytestmark = pytest.mark.loopback

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "benelux-2021-drugs.md"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write(tmp_path / "a.md", BROKEN)
    write(tmp_path / "b.md", TYPO_TEXT)
    write(tmp_path / "c.md", CLEAN)
    write(tmp_path / "d.md", EXAMPLE.read_text(encoding="utf-8"))
    return tmp_path


def _findings(result) -> list[dict]:
    return json.loads(result.stdout)["diagnostics"]


def test_the_cluster_report_is_the_one_process_report(cluster, corpus: Path) -> None:
    alone = run("check", "--no-cache", "--no-config", "--format", "json", str(corpus))
    spread = run("check", "--no-cache", "--no-config", "--format", "json", "--scheduler",
                 cluster.scheduler_address, str(corpus))
    assert spread.returncode == alone.returncode == 1, spread.stderr
    assert spread.stdout == alone.stdout
    paths = {Path(d["path"]).name for d in _findings(spread)}
    assert {"a.md", "b.md", "d.md"} <= paths


def test_the_python_api_takes_the_clusters_executor(cluster, corpus: Path) -> None:
    import bilint

    alone = bilint.lint_paths([str(corpus)], use_config=False)
    with distributed.Client(cluster) as client:
        spread = bilint.lint_paths([str(corpus)], use_config=False, executor=client.get_executor())
    assert [(d.path, d.span, d.code, d.message) for d in spread] == \
           [(d.path, d.span, d.code, d.message) for d in alone]
    assert any(d.code == "BL101" for d in spread)


def test_a_scheduler_that_is_not_an_address_is_one_line_and_exit_2(corpus: Path) -> None:
    result = run("check", "--no-cache", "--scheduler", "nowhere", str(corpus))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler at nowhere" in lines[0], result.stderr
