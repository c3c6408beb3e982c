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
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from kg.records import Article, Extraction

CHUNK_ARTICLES = 8
_MODEL: str | None = None


def _init_worker(model: str | None) -> None:
    global _MODEL
    _MODEL = model
    from kg.nlp.pipeline import load_pipeline

    load_pipeline(model)  # once per worker, before the first chunk arrives


def _extract_chunk(articles: list[Article]) -> list[Extraction | tuple[str, str]]:
    """Extract a chunk; a failing article comes back as (source, reason)."""
    from kg.build import Failure, extract_articles

    failures: list[Failure] = []
    done = {id(x.article): x for x in extract_articles(articles, _MODEL, failures=failures)}
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
        iterator = iter(articles)
        in_flight: deque[Future] = deque()
        while True:
            while len(in_flight) < 2 * jobs and (chunk := list(islice(iterator, CHUNK_ARTICLES))):
                in_flight.append(pool.submit(_extract_chunk, chunk))
            if not in_flight:
                return
            yield from in_flight.popleft().result()
