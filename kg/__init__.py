"""kg: turn intellectual-property news articles into a typed, validated, queryable knowledge graph.

The public API (heavy modules load on first use, so ``import kg`` is cheap):

    >>> import kg
    >>> result = kg.build_graph(texts=["date 2024-01-25\\nChina ranked 12th on the Global Innovation Index 2023."])
    >>> rows = kg.query(result.graph, "SELECT ?v WHERE { ?s ipo:unit ipo:Rank ; ipo:value ?v }").rows
    >>> [str(r[0]) for r in rows]
    ['12.0']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "KGError",
    "build_graph",
    "evaluate",
    "export",
    "load_graph",
    "query",
    "stats",
    "to_networkx",
    "validate",
]

if TYPE_CHECKING:
    from pathlib import Path

    import networkx
    from rdflib import Graph

    from kg.scoring import Evaluation
    from kg.sparql import QueryResult
    from kg.validation import ValidationReport

from kg.errors import KGError


def __getattr__(name: str) -> Any:
    if name == "build_graph":
        from kg.build import build_graph

        return build_graph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def load_graph(path: str | Path, fmt: str | None = None) -> Graph:
    """Read a graph file written by kg (or any RDF file)."""
    from kg.rdf.io import load_graph as _load

    return _load(path, fmt)


def query(graph: Graph, sparql: str) -> QueryResult:
    """Run SPARQL over a graph; kg's prefixes (ipo:, ipr:, ...) are predeclared."""
    from kg.sparql import run_query

    return run_query(graph, sparql)


def validate(graph: Graph) -> ValidationReport:
    """Validate a graph against kg's SHACL shapes."""
    from kg.validation import validate_graph

    return validate_graph(graph)


def export(graph: Graph, path: str | Path, fmt: str | None = None) -> None:
    """Write a graph atomically (format from ``fmt`` or the file suffix)."""
    from pathlib import Path as _Path

    from kg.rdf.io import write_graph

    write_graph(graph, _Path(path), fmt)


def to_networkx(graph: Graph) -> networkx.MultiDiGraph:
    """The graph's entities (nodes) and relations (edges) as a networkx MultiDiGraph.

    Node attributes: label, cls, iri, alt_labels, wikidata, article_count, articles,
    statistics, colour; edge attributes (key = the property): label, confidence,
    from_text, article_count, articles, evidence. Ready for ``nx.write_graphml``.
    """
    from kg.viz.network import to_networkx as _to_networkx

    return _to_networkx(graph)


def stats(graph: Graph, top: int = 10) -> dict:
    """Entities by class, the most mentioned and most central entities, components."""
    from kg.viz.stats import graph_stats

    return graph_stats(graph, top)


def evaluate(graph: Graph, gold_dir: str | Path) -> Evaluation:
    """Score a graph against gold annotation files."""
    from pathlib import Path as _Path

    from kg.scoring import evaluate as _evaluate

    return _evaluate(graph, _Path(gold_dir))
