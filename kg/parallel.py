"""Extraction spread over worker processes (``--jobs N``), results streamed back in order.

Each worker loads the spaCy pipeline once and extracts chunks of articles; the
parent keeps at most two chunks per worker in flight, so memory stays flat
however many articles stream through.

Example:
    >>> from kg.ingest import article_from_text
    >>> arts = [article_from_text("CNIPA granted 921,000 invention patents.", article_id="a")]
    >>> [type(x).__name__ for x in extract_in_processes(arts, jobs=1)]
    ['Extraction']
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from kg.records import Article, Extraction

if TYPE_CHECKING:
    from kg.distributed import ExecutorSpec

CHUNK_ARTICLES = 8


def _init_worker(model: str | None) -> None:
    from kg.nlp.pipeline import load_pipeline

    load_pipeline(model)  # once per worker, before the first chunk arrives


def extract_chunk(articles: list[Article], model: str | None) -> list[Extraction | tuple[str, str]]:
    """Extract a chunk in a worker (a process of the pool or of a Dask cluster); a failing
    article comes back as (source, reason)."""
    from kg.build import Failure, extract_articles

    failures: list[Failure] = []
    done = {id(x.article): x for x in extract_articles(articles, model, failures=failures)}
    failed = {f.source: f.reason for f in failures}
    return [
        done.get(id(a)) or (a.source, failed.get(a.source, "extraction failed")) for a in articles
    ]


def _extract_stream(
    articles: Iterable[Article], model: str | None
) -> Iterator[Extraction | tuple[str, str]]:
    from kg.build import Failure, extract_articles

    failures: list[Failure] = []
    reported = 0
    for extraction in extract_articles(articles, model, failures=failures):
        while reported < len(failures):  # failures surface in order, before the next success
            yield failures[reported].source, failures[reported].reason
            reported += 1
        yield extraction
    for failure in failures[reported:]:
        yield failure.source, failure.reason


def stream_chunks(
    articles: Iterable[Article],
    executor: Executor,
    workers: int,
    model: str | None,
    chunk_size: int = CHUNK_ARTICLES,
) -> Iterator[Extraction | tuple[str, str]]:
    """Submit chunks of articles to any concurrent.futures-style executor (a process pool,
    a Dask client's executor), at most two per worker in flight; yield results in order."""
    iterator = iter(articles)
    in_flight: deque[Future] = deque()
    while True:
        while len(in_flight) < 2 * workers and (chunk := list(islice(iterator, chunk_size))):
            in_flight.append(executor.submit(extract_chunk, chunk, model))
        if not in_flight:
            return
        yield from in_flight.popleft().result()


def extract_in_processes(
    articles: Iterable[Article], jobs: int, model: str | None = None
) -> Iterator[Extraction | tuple[str, str]]:
    """Yield each article's Extraction (or (source, reason) when it failed), in input order."""
    if jobs <= 1:  # one stream through nlp.pipe: its batches stay full
        yield from _extract_stream(articles, model)
        return
    # spawn, not fork: a forked copy of a parent holding threads or a store can deadlock
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(model,)
    ) as pool:
        yield from stream_chunks(articles, pool, jobs, model)


def extract_with(
    articles: Iterable[Article], spec: ExecutorSpec | None, jobs: int, model: str | None
) -> Iterator[Extraction | tuple[str, str]]:
    """Extraction where ``spec`` says (a Dask cluster), else here with ``jobs`` processes."""
    if spec is not None and spec.kind == "dask":
        from kg.distributed import extract_on_dask

        return extract_on_dask(articles, spec, model)
    return extract_in_processes(articles, spec.jobs if spec else jobs, model)
