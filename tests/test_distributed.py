"""The Dask executor: a real LocalCluster of two worker processes gives the same graph
and the same store as the local executor, and a scheduler that cannot be reached is
one clear error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import LocalCluster
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import add_to_store, build_graph
from kg.cli import cli
from kg.distributed import ClusterError, ExecutorSpec
from kg.store import GraphStore

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dask-corpus")
    for path in sorted(ARTICLES.glob("*.txt"))[:20]:
        shutil.copy(path, folder / path.name)
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # reported
    return folder


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as running:
        yield running


@pytest.fixture(scope="module")
def local_build(corpus: Path):
    return build_graph([corpus])


def test_dask_build_is_isomorphic_to_the_local_one(corpus, cluster, local_build) -> None:
    spec = ExecutorSpec("dask", scheduler=cluster.scheduler_address)
    result = build_graph([corpus], executor=spec)
    assert len(result.extractions) == 20
    assert [f.source for f in result.failures] == [str(corpus / "broken.txt")]
    assert [x.article.id for x in result.extractions] == [
        x.article.id for x in local_build.extractions
    ]  # streamed back in input order
    assert isomorphic(result.graph, local_build.graph)


def test_dask_add_fills_the_same_store(corpus, cluster, tmp_path, local_build) -> None:
    spec = ExecutorSpec("dask", scheduler=cluster.scheduler_address)
    with GraphStore(tmp_path / "kg") as store:
        report = add_to_store(store, [corpus], executor=spec)
        assert (report.added, len(report.failures)) == (20, 1)
        assert isomorphic(store.to_graph(), local_build.graph)
        again = add_to_store(store, [corpus], executor=spec)  # nothing new to send
        assert (again.added, again.unchanged) == (0, 20)


def test_cli_build_on_a_scheduler(corpus, cluster, tmp_path, local_build) -> None:
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(corpus),
            "-o",
            str(out),
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--no-validate",
            "-q",
        ],
    )
    assert result.exit_code == 2, result.output  # the broken file is reported: exit 2
    assert isomorphic(Graph().parse(out), local_build.graph)


def test_an_unreachable_scheduler_is_one_clear_error(corpus) -> None:
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        build_graph([corpus], executor=ExecutorSpec("dask", scheduler="tcp://127.0.0.1:9"))
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", "x.ttl", "--scheduler", "x"])
    assert result.exit_code == 2 and "--scheduler goes with --executor dask" in result.output
