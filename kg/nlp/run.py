"""Run the pipeline over articles: chunk long texts, batch with nlp.pipe.

Example:
    >>> from kg.ingest import article_from_text
    >>> docs = parse_article(article_from_text("CNIPA granted 921,000 invention patents."))
    >>> docs[0][0], len(docs[0][1]) > 0
    (0, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from kg.nlp.pipeline import load_pipeline
from kg.records import Article
from kg.settings import CHUNK_CHARS


def chunk_offsets(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut a text into pieces of at most ``limit`` characters at paragraph or sentence breaks.

    Example:
        >>> chunk_offsets("a\\n\\nb", limit=2)
        [(0, 3), (3, 4)]
    """
    if len(text) <= limit:
        return [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n\n"), window.rfind("\n"))
            if cut <= limit // 4:
                sentence_end = max((m.end() for m in re.finditer(r"[.!?]\s", window)), default=-1)
                cut = sentence_end if sentence_end > limit // 4 else window.rfind(" ")
            if cut > 0:
                end = start + cut + 1 if window[cut : cut + 1] in {"\n", " "} else start + cut
        pieces.append((start, end))
        start = end
    return pieces


def parse_articles(
    articles: Iterable[Article], model: str | None = None, batch_size: int = 16
) -> Iterator[tuple[Article, list[tuple[int, Doc]]]]:
    """Yield each article with its parsed chunks [(offset, Doc)], batching through nlp.pipe."""
    nlp = load_pipeline(model)
    pending: list[tuple[Article, list[tuple[int, int]]]] = []

    def texts() -> Iterator[str]:
        for article in articles:
            prose = article.prose
            offsets = chunk_offsets(prose)
            pending.append((article, offsets))
            for start, end in offsets:
                yield prose[start:end]

    stream = nlp.pipe(texts(), batch_size=batch_size)
    while True:
        try:
            first = next(stream)
        except StopIteration:
            return
        article, offsets = pending.pop(0)
        docs = [(offsets[0][0], first)]
        for start, _ in offsets[1:]:
            docs.append((start, next(stream)))
        yield article, docs


def parse_article(article: Article, model: str | None = None) -> list[tuple[int, Doc]]:
    """Parse one article into its chunks."""
    return next(parse_articles([article], model))[1]
