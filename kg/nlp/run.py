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
    """Cut a text into contiguous pieces of at most ``limit`` characters, preferring to cut
    after a line break, then after a sentence end, then after a space (spaCy refuses texts
    above its max_length, and memory grows with the length of a Doc).

    Example:
        >>> chunk_offsets("one.\\n\\ntwo.", limit=6)
        [(0, 6), (6, 10)]
    """
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        floor = limit // 4  # never cut so early that pieces become tiny
        cut = window.rfind("\n") + 1
        if cut <= floor:
            cut = max((m.end() for m in re.finditer(r"[.!?][\"”’)]?\s", window)), default=0)
        if cut <= floor:
            cut = window.rfind(" ") + 1
        if cut <= floor:
            cut = limit  # one unbroken run of characters: cut anywhere
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


#: A run of punctuation this long, with no space in it, is no prose (see defuse_runs).
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{32,}")


def defuse_runs(text: str) -> str:
    """Break long runs of punctuation with spaces, keeping the text's length (offsets stay
    true): spaCy's tokenizer peels affixes one at a time, which takes quadratic time on
    "((((((...", 18 s for 10,000 brackets.

    Example:
        >>> defuse_runs("a" + "(" * 40 + "b") == "a" + "( " * 20 + "b"
        True
    """

    def spaced(match: re.Match[str]) -> str:
        run = match.group()
        return "".join(ch if i % 2 == 0 else " " for i, ch in enumerate(run))

    return _PUNCTUATION_RUN.sub(spaced, text)


#: "199 275", "24 966", "1 234 567" (and with narrow or no-break spaces): thousands written
#: with spaces, as the EPO and French and Swiss sites do
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")


def join_digit_groups(text: str) -> str:
    """Write space-grouped thousands with commas, keeping the text's length, so the tagger
    reads "199 275" as one number, not two.

    Example:
        >>> join_digit_groups("received 199 275 applications in 2023 250 days")
        'received 199,275 applications in 2023 250 days'
    """
    return _SPACED_THOUSANDS.sub(lambda m: re.sub(r"[ \u00a0\u202f]", ",", m.group()), text)


def parse_articles(
    articles: Iterable[Article], model: str | None = None, batch_size: int = 16
) -> Iterator[tuple[Article, list[tuple[int, Doc]]]]:
    """Yield each article with its parsed chunks [(offset, Doc)], batching through nlp.pipe."""
    nlp = load_pipeline(model)
    pending: list[tuple[Article, list[tuple[int, int]]]] = []

    def texts() -> Iterator[str]:
        for article in articles:
            prose = article.prose
            offsets = chunk_offsets(prose, CHUNK_CHARS)
            pending.append((article, offsets))
            for start, end in offsets:
                yield join_digit_groups(defuse_runs(prose[start:end]))

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
