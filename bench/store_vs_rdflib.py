"""Benchmark: kg's Oxigraph store against rdflib's in-memory Graph on the same facts.

Given a store built by `kg add` (bench/scaling.py leaves one of 10,000 articles,
about 1.8 million triples), it loads the same triples into an rdflib Graph and
times, in this one process:

* each query of examples/queries/ on both (kg: best of --rounds; rdflib: one run in a
  forked child, stopped after --rdflib-timeout seconds; the row counts must agree),
* Turtle export of everything (Oxigraph's writer against rdflib's serializer),
* SHACL validation (pySHACL) of the first articles' facts, reported per 100,000 triples.

    python bench/store_vs_rdflib.py [--store /tmp/kg-bench/store-10000] [--shacl-triples 100000]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from kg.sparql import run_query
from kg.store import GraphStore
from kg.validation import validate_graph

ROOT = Path(__file__).resolve().parent.parent


def best_of(rounds: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def rdflib_with_limit(graph: Graph, text: str, limit: float) -> tuple[float | None, int]:
    """Time one rdflib query in a forked child (it shares the loaded graph), stopped after
    ``limit`` seconds: (seconds or None when stopped, rows)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue()

    def run() -> None:
        start = time.perf_counter()
        result = run_query(graph, text)
        queue.put((time.perf_counter() - start, len(result.rows)))

    child = context.Process(target=run)
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return None, 0
    return queue.get()


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def shacl_slice(store: GraphStore, wanted: int) -> Graph:
    """The facts of the first articles (with every entity description) up to ``wanted``
    triples: a graph of the size pySHACL is asked to validate."""
    graph = Graph()
    names = store.named_graphs()
    for quad in store.quads():
        if not hasattr(quad.graph_name, "value"):  # entity descriptions: all of them
            graph.add(_rdflib_triple(quad))
    for name in names:
        if len(graph) >= wanted:
            break
        for quad in store._store.quads_for_pattern(None, None, None, _named(name)):
            graph.add(_rdflib_triple(quad))
    return graph


def _named(name: str):
    import pyoxigraph as ox

    return ox.NamedNode(name)


def _rdflib_triple(quad):
    from kg.store import _term

    return _term(quad.subject), _term(quad.predicate), _term(quad.object)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-bench/store-10000"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--shacl-triples", type=int, default=100_000)
    parser.add_argument(
        "--rdflib-timeout",
        type=float,
        default=300,
        help="seconds before an rdflib query is stopped",
    )
    args = parser.parse_args()

    store = GraphStore(args.store, read_only=True)
    start = time.perf_counter()
    graph = store.to_graph()
    t_load = time.perf_counter() - start
    print(f"store: {args.store} ({len(store.articles()):,} articles)")
    print(f"rdflib Graph loaded from the store: {len(graph):,} triples in {t_load:.1f} s")
    print(f"peak memory so far: {peak_mib():,.0f} MiB")
    print()
    print(f"{'query':<36} {'rows':>6} {'kg store s':>11} {'rdflib s':>10} {'rdflib/kg':>10}")
    for path in sorted((ROOT / "examples" / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        t_kg, kg_result = best_of(args.rounds, lambda text=text: store.query(text))
        t_rdflib, rdflib_rows = rdflib_with_limit(graph, text, args.rdflib_timeout)
        rows = len(kg_result.rows)
        if t_rdflib is None:
            stopped = f">{args.rdflib_timeout:.0f}"
            ratio = f">{args.rdflib_timeout / t_kg:.0f}"
            print(f"{path.stem:<36} {rows:>6} {t_kg:>11.3f} {stopped:>10} {ratio:>10}", flush=True)
            continue
        agree = "" if rows == rdflib_rows else f"  (rdflib: {rdflib_rows} rows)"
        print(
            f"{path.stem:<36} {rows:>6} {t_kg:>11.3f} {t_rdflib:>10.3f} "
            f"{t_rdflib / t_kg:>10.1f}{agree}",
            flush=True,
        )

    with tempfile.TemporaryDirectory() as tmp:
        t_ox, _ = best_of(1, lambda: store.write(Path(tmp) / "kg.ttl", "turtle"))
        t_rdf, _ = best_of(1, lambda: graph.serialize(Path(tmp) / "rdflib.ttl", format="turtle"))
        size = (Path(tmp) / "kg.ttl").stat().st_size / 1e6
    print()
    print(
        f"Turtle export of {len(graph):,} triples: kg store {t_ox:.1f} s ({size:,.0f} MB), "
        f"rdflib {t_rdf:.1f} s, ratio {t_rdf / t_ox:.1f}"
    )

    graph = Graph()  # free the big one before pySHACL builds its own
    part = shacl_slice(store, args.shacl_triples)
    t_shacl, report = best_of(1, lambda: validate_graph(part))
    per_100k = t_shacl * 100_000 / len(part)
    print(
        f"SHACL validation of {len(part):,} triples: {t_shacl:.1f} s "
        f"({per_100k:.1f} s per 100,000 triples; conforms: {report.conforms})"
    )
    print(f"peak memory: {peak_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
