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
    "validate",
]

if TYPE_CHECKING:
    from pathlib import Path

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


def evaluate(graph: Graph, gold_dir: str | Path) -> Evaluation:
    """Score a graph against gold annotation files."""
    from pathlib import Path as _Path

    from kg.scoring import evaluate as _evaluate

    return _evaluate(graph, _Path(gold_dir))
