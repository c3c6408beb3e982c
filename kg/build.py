"""Build a graph from articles: the whole pipeline behind ``kg build`` and the Python API.

Example:
    >>> from kg.build import build_graph
    >>> result = build_graph(texts=["date 2024-01-04\\nChina filed 126,400 patent applications."])
    >>> result.summary().articles
    1
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.distributed import ExecutorSpec
from kg.errors import InputError
from kg.ingest import Source, article_from_text, collect_sources
from kg.records import Article, Extraction


@dataclass(frozen=True)
class Failure:
    """An input that could not be built, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Summary:
    """What a build produced, for the closing line of ``kg build``."""

    articles: int
    failed: int
    entities_by_class: dict[str, int]
    relations: int
    statistics: int
    seconds: float
    linked: int = 0  # entities with an owl:sameAs or skos:closeMatch link to another KB
    same_as: int = 0  # of which by owl:sameAs (the curated allowlist)


@dataclass
class BuildResult:
    """The graph, the per-article extractions and the inputs that failed."""

    graph: Graph
    extractions: list[Extraction]
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    def dataset(self):
        """The same facts as a Dataset with one named graph per article (for TriG)."""
        from kg.rdf.mapping import extractions_to_dataset

        return extractions_to_dataset(self.extractions)

    def summary(self) -> Summary:
        from rdflib.namespace import OWL, RDF, RDFS, SKOS

        from kg.rdf.namespaces import IPO

        classes: Counter[str] = Counter()
        for node in set(self.graph.subjects(RDFS.label, None)):
            for cls in self.graph.objects(node, RDF.type):
                if str(cls).startswith(str(IPO)) and not str(cls).endswith("Article"):
                    classes[str(cls)[len(str(IPO)) :]] += 1
        return Summary(
            articles=len(self.extractions),
            failed=len(self.failures),
            entities_by_class=dict(sorted(classes.items())),
            relations=len(
                {(r.subject, r.predicate, r.object) for e in self.extractions for r in e.relations}
            ),
            statistics=sum(len(e.statistics) for e in self.extractions),
            seconds=self.seconds,
            linked=len(
                set(self.graph.subjects(OWL.sameAs, None))
                | set(self.graph.subjects(SKOS.closeMatch, None))
            ),
            same_as=len(set(self.graph.subjects(OWL.sameAs, None))),
        )


ProgressHook = Callable[[str], None]

#: Articles parsed in one spaCy memory zone (see ``extract_articles``).
MEMORY_ZONE_ARTICLES = 200


def _read_all(sources: list[Source], failures: list[Failure]) -> Iterator[Article]:
    for source in sources:
        try:
            yield source.read()
        except InputError as exc:
            failures.append(Failure(source.name, str(exc)))


def extract_articles(
    articles: Iterable[Article],
    model: str | None = None,
    on_article: ProgressHook | None = None,
    failures: list[Failure] | None = None,
) -> Iterator[Extraction]:
    """Parse and extract a stream of articles (one failing article is reported, not fatal)."""
    from itertools import islice

    from kg.extract.article import extract_article
    from kg.nlp.pipeline import load_pipeline
    from kg.nlp.run import parse_articles

    nlp = load_pipeline(model)
    stream = iter(articles)
    while chunk := list(islice(stream, MEMORY_ZONE_ARTICLES)):
        # spaCy keeps every new string (each figure, each name) in its vocabulary for good;
        # a memory zone per chunk frees them, so memory stays flat over millions of articles.
        # Extractions hold plain Python values only, so they outlive the zone.
        with nlp.memory_zone():
            for article, docs in parse_articles(chunk, model):
                try:
                    extraction = extract_article(article, docs)
                except Exception as exc:
                    if failures is None:
                        raise
                    failures.append(
                        Failure(article.source, f"extraction failed: {type(exc).__name__}: {exc}")
                    )
                    extraction = None
                if on_article is not None:
                    on_article(article.source)
                if extraction is not None:
                    yield extraction


def build_graph(
    paths: Iterable[str | Path | Source] = (),
    texts: Iterable[str] = (),
    model: str | None = None,
    on_article: ProgressHook | None = None,
    jobs: int = 1,
    executor: ExecutorSpec | None = None,
) -> BuildResult:
    """Build a graph from files/folders (``paths``, '-' for stdin) and/or raw strings (``texts``).

    Unreadable inputs are listed in ``result.failures``; the rest are built.  ``executor``
    sends the NLP elsewhere (a Dask cluster: ``ExecutorSpec("dask", scheduler=ADDRESS)``).
    """
    from kg.rdf.mapping import extractions_to_graph

    started = time.perf_counter()
    failures: list[Failure] = []
    given = list(paths)
    # Sources already collected (the CLI counts them for its progress bar) are not walked again.
    sources = [p for p in given if isinstance(p, Source)] + collect_sources(
        [p for p in given if not isinstance(p, Source)]
    )
    articles: list[Article] = list(_read_all(sources, failures))
    for i, text in enumerate(texts):
        try:
            articles.append(article_from_text(text, source=f"<text {i + 1}>"))
        except InputError as exc:
            failures.append(Failure(f"<text {i + 1}>", str(exc)))
    if jobs > 1 or (executor is not None and (executor.kind != "local" or executor.jobs > 1)):
        from kg.parallel import extract_with

        extractions = []
        for outcome in extract_with(articles, executor, jobs, model):
            if isinstance(outcome, tuple):
                failures.append(Failure(*outcome))
            else:
                extractions.append(outcome)
            if on_article is not None:
                on_article(outcome[0] if isinstance(outcome, tuple) else outcome.article.source)
    else:
        extractions = list(extract_articles(articles, model, on_article, failures))
    graph = extractions_to_graph(extractions)
    return BuildResult(graph, extractions, failures, time.perf_counter() - started)


@dataclass
class StoreReport:
    """What ``kg add`` did: articles added, replaced, left unchanged, and the failures."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0


def add_to_store(
    store,
    paths: Iterable[str | Path | Source],
    model: str | None = None,
    jobs: int = 1,
    on_article: ProgressHook | None = None,
    executor: ExecutorSpec | None = None,
) -> StoreReport:
    """Stream articles from files into a GraphStore, one transaction per article.

    An article already stored with the same content is skipped before any NLP runs,
    so an interrupted run resumes where it stopped; memory does not grow with the
    number of articles.

    Example:
        >>> import tempfile, pathlib
        >>> from kg.store import GraphStore
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("CNIPA granted 921,000 invention patents.")
        >>> store = GraphStore(None)
        >>> add_to_store(store, [folder]).added, add_to_store(store, [folder]).unchanged
        (1, 1)
    """
    from kg.parallel import extract_with

    started = time.perf_counter()
    report = StoreReport()
    given = list(paths)
    sources = [p for p in given if isinstance(p, Source)] + collect_sources(
        [p for p in given if not isinstance(p, Source)]
    )

    def fresh() -> Iterator[Article]:
        for source in sources:
            try:
                article = source.read()
            except InputError as exc:
                report.failures.append(Failure(source.name, str(exc)))
                if on_article is not None:
                    on_article(source.name)
                continue
            if store.is_current(article.source, article.content_hash):
                report.unchanged += 1
                if on_article is not None:
                    on_article(source.name)
                continue
            yield article

    for outcome in extract_with(fresh(), executor, jobs, model):
        if isinstance(outcome, tuple):
            report.failures.append(Failure(*outcome))
        else:
            outcome_name = store.put(outcome)  # 'added', 'replaced' or 'unchanged'
            setattr(report, outcome_name, getattr(report, outcome_name) + 1)
        if on_article is not None:
            on_article(outcome[0] if isinstance(outcome, tuple) else outcome.article.source)
    store.flush()
    report.seconds = time.perf_counter() - started
    return report
