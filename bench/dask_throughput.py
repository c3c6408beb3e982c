"""Benchmark: kg's extraction on a Dask cluster against the local executor and raw spaCy.

On the same texts (examples/articles repeated --repeat times) it times
(1) raw spaCy, nlp.pipe over the texts in this process (the baseline),
(2) kg's extraction here, one process (build_graph's local executor),
(3) kg's extraction on a Dask LocalCluster of 1 worker, then of --workers workers,
each as articles/s, words/s and the ratio to the baseline, and per Dask worker.
Cluster start-up (workers spawning, loading the model) is timed apart: it is paid once
per cluster, not per corpus.  Dask workers run with one BLAS thread each (Dask sets
OMP_NUM_THREADS=1); run this with OMP_NUM_THREADS=1 to compare one core with one core.

    python bench/dask_throughput.py [--repeat 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy
from distributed import Client, LocalCluster

from kg.build import extract_articles
from kg.distributed import ExecutorSpec, extract_on_dask
from kg.ingest import collect_sources
from kg.nlp.pipeline import load_pipeline, resolve_model_name

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds; best kept")
    args = parser.parse_args()
    sources = collect_sources([ROOT / "examples" / "articles"])
    articles = [s.read() for s in sources] * args.repeat
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words; {args.workers} workers at most")

    raw = spacy.load(resolve_model_name())  # the pipeline as shipped, without kg's parts
    load_pipeline()  # kg's, loaded before timing, as each worker loads its own before work
    list(extract_articles(articles[:8]))  # and warmed up

    clusters = {}
    for workers in sorted({1, args.workers}):
        up = time.perf_counter()
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with Client(cluster) as client:
            client.wait_for_workers(workers)
        spec = ExecutorSpec("dask", scheduler=cluster.scheduler_address)
        list(extract_on_dask(articles[: 8 * workers], spec))  # load and warm up the model
        print(f"  cluster of {workers}: start-up and model load {time.perf_counter() - up:.1f} s")
        clusters[workers] = (cluster, spec)

    def run_raw() -> None:
        for _ in raw.pipe((a.text for a in articles), batch_size=16):
            pass

    runs = {"raw spaCy (baseline)": (run_raw, None)}
    runs["kg, local, 1 process"] = (lambda: list(extract_articles(articles)), None)
    for workers, (_, spec) in clusters.items():
        runs[f"kg, dask, {workers} worker(s)"] = (
            lambda spec=spec: list(extract_on_dask(articles, spec)),
            workers,
        )
    # interleaved rounds, the best of each kept: this machine's speed drifts from minute
    # to minute, and interleaving keeps the drift out of the ratios
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, (run, _) in runs.items():
            started = time.perf_counter()
            run()
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - started)
    for cluster, _ in clusters.values():
        cluster.close()
    baseline = best["raw spaCy (baseline)"]
    rows = [(name, best[name], workers) for name, (_, workers) in runs.items()]

    print(
        f"{'run':<26}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'vs spaCy':>10}"
        f"{'per worker':>12}"
    )
    for name, seconds, workers in rows:
        rate = len(articles) / seconds
        per = f"{rate / workers:.1f}" if workers else ""
        print(
            f"{name:<26}{seconds:>9.2f}{rate:>12.1f}{words / seconds:>10,.0f}"
            f"{baseline / seconds:>10.2f}{per:>12}"
        )


if __name__ == "__main__":
    main()
