"""Benchmark: kg serve under a bounded concurrent load on loopback.

Starts ``kg serve`` on a graph (default: the examples, built first) in its own process,
then for each example query (examples/queries/*.rq) sends REQUESTS requests from
CLIENTS concurrent clients (httpx, keep-alive) and prints requests per second and
p50/p95 latency.  The baseline, run in this process on the same data, is the same
query answered by pyoxigraph directly (no HTTP, no worker process, no serialisation
to the wire), so the ratio is what the endpoint costs on top of Oxigraph itself.

    python bench/serve_load.py [GRAPH.ttl] [--clients 8] [--requests 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.rdf.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parent.parent


def build_examples(folder: Path) -> Path:
    import kg

    path = folder / "examples.ttl"
    kg.export(kg.build_graph([ROOT / "examples" / "articles"]).graph, path)
    return path


def start_server(graph: Path, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve", str(graph)]
    command += ["--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/status", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("kg serve did not start")


async def load(url: str, query: str, clients: int, requests: int) -> tuple[float, list[float]]:
    """(wall seconds, latencies) of ``requests`` queries sent by ``clients`` workers."""
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(i)

    async def client(session: httpx.AsyncClient) -> None:
        while not queue.empty():
            queue.get_nowait()
            started = time.perf_counter()
            response = await session.post(url, data={"query": query})
            latencies.append(time.perf_counter() - started)
            response.raise_for_status()

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as session:
        started = time.perf_counter()
        await asyncio.gather(*(client(session) for _ in range(clients)))
        return time.perf_counter() - started, latencies


def direct(store: ox.Store, query: str, requests: int) -> float:
    """Queries per second answered by pyoxigraph in this process (results consumed)."""
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    started = time.perf_counter()
    for _ in range(requests):
        result = store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
        if isinstance(result, ox.QuerySolutions):
            for _row in result:
                pass
    return requests / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8931)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph or build_examples(Path(tmp))
        store = ox.Store()
        store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
        print(
            f"graph {graph.name}: {len(store):,} triples; {args.clients} clients, "
            f"{args.requests} requests per query, {args.workers} workers"
        )
        server = start_server(graph, args.port, args.workers)
        url = f"http://127.0.0.1:{args.port}/sparql"
        print(
            f"{'query':<28}{'rows':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
            f"{'direct q/s':>12}{'ratio':>8}"
        )
        try:
            for path in sorted((ROOT / "examples" / "queries").glob("*.rq")):
                query = path.read_text(encoding="utf-8")
                rows = len(httpx.post(url, data={"query": query}).json()["results"]["bindings"])
                wall, latencies = asyncio.run(load(url, query, args.clients, args.requests))
                rate = args.requests / wall
                quantiles = statistics.quantiles(latencies, n=100)
                baseline = direct(store, query, max(20, args.requests // 4))
                print(
                    f"{path.stem:<28}{rows:>6}{rate:>9.1f}{quantiles[49] * 1000:>9.1f}"
                    f"{quantiles[94] * 1000:>9.1f}{baseline:>12.1f}{rate / baseline:>8.2f}"
                )
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
