"""kg push against a real Oxigraph server started on loopback: one named graph per
article, idempotent re-pushes, removed articles dropped, SPARQL Update as the fallback,
credentials and errors."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import add_to_store
from kg.cli import cli
from kg.push import ENTITIES_GRAPH, PushError, Remote, push_store
from kg.store import GraphStore

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    return found


@contextlib.contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """An Oxigraph server on a free loopback port, its data in ``folder``."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [_oxigraph(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(base + "/query", params={"query": "ASK {}"}).status_code == 200:
                    break
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def remote_graphs(base: str) -> dict[str, Graph]:
    """Every named graph the server holds, read back by the Graph Store protocol."""
    names = httpx.post(
        base + "/query",
        data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    ).json()["results"]["bindings"]
    graphs = {}
    for row in names:
        name = row["g"]["value"]
        data = httpx.get(
            base + "/store", params={"graph": name}, headers={"Accept": "application/n-triples"}
        ).text
        graphs[name] = Graph().parse(data=data, format="nt")
    return graphs


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for path in sorted(ARTICLES.glob("*.txt"))[:8]:
        shutil.copy(path, corpus / path.name)
    folder = tmp_path / "kg"
    with GraphStore(folder) as store:
        add_to_store(store, [corpus])
    return folder


def _local(store_dir: Path) -> Graph:
    """The store's facts as the remote sees them (N-Triples, read back by rdflib)."""
    with GraphStore(store_dir, read_only=True) as store:
        data = ox.serialize(store.triples(), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def _union(graphs: dict[str, Graph]) -> Graph:
    union = Graph()
    for graph in graphs.values():
        for triple in graph:
            union.add(triple)
    return union


def test_push_by_graph_store_protocol_then_idempotent(store_dir: Path, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "remote") as base:
        remote = Remote(base + "/update", base + "/store")
        report = push_store(store_dir, remote)
        assert (report.sent, report.protocol) == (9, "graph store")  # 8 articles + entities
        graphs = remote_graphs(base)
        assert len(graphs) == 9 and ENTITIES_GRAPH in graphs
        local = _local(store_dir)
        with GraphStore(store_dir, read_only=True) as store:
            ids = [a.id for a in store.articles()]
        assert isomorphic(_union(graphs), local)
        # each article's graph holds that article's facts
        article = f"https://w3id.org/ipkg/resource/graph/{ids[0]}"
        assert any(ids[0] in str(s) for s in graphs[article].subjects())
        # again: nothing changed, nothing sent; --full: everything replaced, same data
        assert push_store(store_dir, remote).sent == 0
        assert push_store(store_dir, remote, full=True).sent == 9
        assert isomorphic(_union(remote_graphs(base)), local)


def test_removed_articles_are_dropped_remotely(store_dir: Path, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "remote") as base:
        remote = Remote(base + "/update", base + "/store")
        push_store(store_dir, remote)
        with GraphStore(store_dir) as store:
            gone = store.articles()[0]
            store.remove(gone.id)
        local = _local(store_dir)
        report = push_store(store_dir, remote)
        assert report.dropped == 1 and report.sent == 1  # the graph, and the entities changed
        graphs = remote_graphs(base)
        assert f"https://w3id.org/ipkg/resource/graph/{gone.id}" not in graphs
        assert isomorphic(_union(graphs), local)


def test_sparql_update_fallback_gives_the_same_data(store_dir: Path, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "a") as first, oxigraph_server(tmp_path / "b") as second:
        by_update = push_store(store_dir, Remote(first + "/update"))
        assert by_update.protocol == "SPARQL update"
        # a Graph Store URL that is no such endpoint (404): the push falls back to update
        wrong = push_store(store_dir, Remote(second + "/update", second + "/nothing-here"))
        assert wrong.protocol == "SPARQL update"
        a, b = remote_graphs(first), remote_graphs(second)
        assert a.keys() == b.keys() and all(isomorphic(a[k], b[k]) for k in a)


def test_cli_push_and_its_errors(store_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    with oxigraph_server(tmp_path / "remote") as base:
        args = ["push", "--store", str(store_dir), "--endpoint", base + "/update"]
        result = runner.invoke(cli, [*args, "--graph-store", base + "/store"])
        assert result.exit_code == 0, result.output
        assert "9 graph(s) sent" in result.output and "by graph store" in result.output
        again = runner.invoke(cli, [*args, "--graph-store", base + "/store"])
        assert "0 graph(s) sent" in again.output and "9 unchanged" in again.output
    command = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    down = subprocess.run([*command, "--full"], capture_output=True, text=True, check=False)
    assert down.returncode == 2 and "cannot reach the store" in down.stderr
    assert "Traceback" not in down.stderr
    bad = runner.invoke(cli, [*args, "--auth", "no-colon"])
    assert bad.exit_code == 2 and "USER:PASSWORD" in bad.output


def test_credentials_are_sent_and_a_refusal_stops_the_push(store_dir: Path) -> None:
    seen: list[httpx.Request] = []

    def refuse_after_two(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204 if len(seen) <= 2 else 403, text="forbidden for you")

    remote = Remote("http://store.example/update", "http://store.example/data", ("ann", "pw"))
    with pytest.raises(PushError, match="403: forbidden for you"):
        push_store(store_dir, remote, transport=httpx.MockTransport(refuse_after_two))
    assert all(r.headers["authorization"].startswith("Basic ") for r in seen)
    assert [r.method for r in seen] == ["PUT", "PUT", "PUT"]
    # what went through is remembered: the next push starts at the graph that failed
    retry: list[httpx.Request] = []

    def accept(request: httpx.Request) -> httpx.Response:
        retry.append(request)
        return httpx.Response(204)

    report = push_store(store_dir, remote, transport=httpx.MockTransport(accept))
    assert report.sent == 7 and report.unchanged == 2
    token = Remote("http://q.example/", token="s3cret")
    push_store(store_dir, token, full=True, transport=httpx.MockTransport(accept))
    assert retry[-1].headers["authorization"] == "Bearer s3cret"
    assert retry[-1].headers["content-type"] == "application/sparql-update"
