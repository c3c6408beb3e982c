"""Coverage-guided fuzzing (atheris) of kg's entry points, for a bounded time.

Targets:
  ingest   bytes -> decode -> article_from_text (header, HTML, limits): only InputError
  extract  bytes -> article -> spaCy + extraction -> RDF -> N-Triples read back by
           rdflib and pyoxigraph: only InputError, and every graph must read back
  guard    bytes -> the endpoint's SPARQL inspection and content negotiation: no error,
           and a query the guard passes never names SERVICE to Oxigraph's own parser

    python bench/fuzz.py TARGET [--seconds 60] [--corpus DIR]

Not part of the tests: it runs until its time is up and prints what it tried; atheris
writes any crashing input to crash-<hash> in the current folder.  Start it from the
example articles (--corpus examples/articles) so that mutations begin from real text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["kg"]):
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.errors import InputError
    from kg.extract.article import extract_article
    from kg.ingest import article_from_text, decode
    from kg.nlp.run import parse_article
    from kg.rdf.io import serialize
    from kg.rdf.mapping import extractions_to_graph
    from kg.serve.guard import inspect
    from kg.serve.negotiate import choose


def _article(data: bytes):
    try:
        return article_from_text(decode(data, "fuzz.txt"), "fuzz.txt", "fuzz")
    except InputError:
        return None


def fuzz_ingest(data: bytes) -> None:
    article = _article(data)
    if article is not None:
        assert len(article.prose) == len(article.text)


def fuzz_extract(data: bytes) -> None:
    article = _article(data)
    if article is None:
        return
    graph = extractions_to_graph([extract_article(article, parse_article(article))])
    nt = serialize(graph, "nt")
    assert len(Graph().parse(data=nt.decode("utf-8"), format="nt")) == len(graph)
    assert len(list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))) == len(graph)


_PROBE = ox.Store()


def fuzz_guard(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    found = inspect(text)
    choose(text[:200], graph=found.returns_graph, override=[text[:20]])
    if found.kind != "query" or found.uses_service:
        return
    # the guard let it through: Oxigraph must not see a SERVICE in it.  The probe store
    # is empty and SERVICE needs a pattern to run; an IRI that cannot connect makes any
    # SERVICE call fail at once with a message naming the service.
    try:
        result = _PROBE.query(text.replace("<http", "<xttp"))
        if isinstance(result, ox.QuerySolutions):
            list(result)
    except SyntaxError:
        return
    except OSError as exc:
        assert "service" not in str(exc).lower(), f"SERVICE got past the guard: {text!r}"


TARGETS = {"ingest": fuzz_ingest, "extract": fuzz_extract, "guard": fuzz_guard}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--corpus", type=Path, default=None)
    args, rest = parser.parse_known_args()
    argv = [sys.argv[0], f"-max_total_time={args.seconds}", "-rss_limit_mb=8192", *rest]
    if args.corpus:
        argv.append(str(args.corpus))
    atheris.Setup(argv, TARGETS[args.target])
    atheris.Fuzz()  # libFuzzer ends the process: its last line says how many inputs ran


if __name__ == "__main__":
    main()
