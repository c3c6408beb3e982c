"""Benchmark: kg build against raw spaCy on the same texts, in one process.

Prints words/s for (1) the bare spaCy pipeline (nlp.pipe, no kg components),
(2) kg's NLP stage (the same pipeline plus kg's rulers and sentence fixes),
and (3) the whole kg build (ingest, NLP, extraction, RDF mapping), plus
SHACL validation of the result, with the ratio of each to the baseline.

    python bench/build_vs_spacy.py [PATHS...] [--repeat N]

Defaults to examples/articles repeated 5 times.  The model loads before
timing starts; each figure is the best of --rounds runs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from kg.build import build_graph
from kg.ingest import collect_sources
from kg.nlp.pipeline import load_pipeline, resolve_model_name
from kg.validation import validate_graph

ROOT = Path(__file__).resolve().parent.parent


def best_of(rounds: int, fn) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "examples" / "articles")])
    parser.add_argument("--repeat", type=int, default=5, help="times each text is repeated")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs; the best is kept")
    args = parser.parse_args()

    sources = collect_sources(args.paths)
    articles = [s.read() for s in sources]
    texts = [a.text for a in articles] * args.repeat
    words = sum(len(t.split()) for t in texts)

    raw = spacy.load(resolve_model_name())
    kg_nlp = load_pipeline()
    list(raw.pipe(texts[:2]))
    list(kg_nlp.pipe(texts[:2]))
    build_graph(texts=texts[:2])

    t_raw = best_of(args.rounds, lambda: list(raw.pipe(texts, batch_size=16)))
    t_nlp = best_of(args.rounds, lambda: list(kg_nlp.pipe(texts, batch_size=16)))
    result = {}
    t_build = best_of(args.rounds, lambda: result.setdefault("r", build_graph(texts=texts)))
    graph = build_graph(texts=texts).graph
    t_validate = best_of(1, lambda: validate_graph(graph))

    print(f"texts: {len(texts)} ({len(articles)} articles x {args.repeat}), words: {words:,}")
    print(f"model: {resolve_model_name()}, spaCy {spacy.__version__}")
    print(f"{'stage':<34} {'seconds':>8} {'words/s':>10} {'ratio to raw spaCy':>20}")
    for name, seconds in (
        ("raw spaCy nlp.pipe (baseline)", t_raw),
        ("kg NLP stage (rulers, fixes)", t_nlp),
        ("kg build (ingest..RDF graph)", t_build),
    ):
        print(f"{name:<34} {seconds:8.3f} {words / seconds:10.0f} {t_raw / seconds:20.2f}")
    print(f"{'SHACL validation of that graph':<34} {t_validate:8.3f}   ({len(graph):,} triples)")


if __name__ == "__main__":
    main()
