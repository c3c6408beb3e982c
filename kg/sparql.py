"""SPARQL over a graph, with results as a table, CSV or JSON.

Example:
    >>> from rdflib import Graph
    >>> run_query(Graph(), "SELECT ?s WHERE { ?s ?p ?o }").rows
    []
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef

from kg.errors import FormatError, QueryError
from kg.rdf.namespaces import PREFIXES

RESULT_FORMATS = ("table", "csv", "json")


@dataclass
class QueryResult:
    """Variables and rows of a SELECT (or a boolean for ASK, a graph for CONSTRUCT/DESCRIBE)."""

    variables: list[str]
    rows: list[list[object]]
    boolean: bool | None = None
    graph: Graph | None = None


def _prologue(query: str) -> str:
    """kg's prefixes, for those a query uses without declaring."""
    declared = {
        line.split()[1].rstrip(":").lower()
        for line in query.splitlines()
        if line.strip().lower().startswith("prefix") and len(line.split()) > 1
    }
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)


def run_query(graph: Graph, query: str) -> QueryResult:
    """Run a SPARQL query; QueryError carrying the parser's message on a syntax error."""
    from pyparsing import ParseException

    try:
        result = graph.query(_prologue(query) + query)
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except Exception as exc:  # rdflib evaluation errors have no common base
        raise QueryError(f"SPARQL query failed: {type(exc).__name__}: {exc}") from exc
    if result.type == "ASK":
        return QueryResult([], [], boolean=bool(result.askAnswer))
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return QueryResult([], [], graph=result.graph)
    variables = [str(v) for v in (result.vars or [])]
    return QueryResult(variables, [list(row) for row in result])


def _cell(graph: Graph | None, value: object, short: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef) and short:
        for prefix, ns in PREFIXES.items():
            if str(value).startswith(str(ns)):
                return f"{prefix}:{str(value)[len(str(ns)) :]}"
    if isinstance(value, Literal | URIRef | BNode):
        return str(value)
    return str(value)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned text table, CSV or SPARQL-JSON-like JSON."""
    if fmt not in RESULT_FORMATS:
        raise FormatError(f"unknown result format {fmt!r}; known: {', '.join(RESULT_FORMATS)}")
    if result.boolean is not None:
        return (
            json.dumps({"boolean": result.boolean})
            if fmt == "json"
            else str(result.boolean).lower()
        )
    if result.graph is not None:
        return result.graph.serialize(format="turtle")
    if fmt == "json":
        bindings = [
            {
                var: _json_term(value)
                for var, value in zip(result.variables, row, strict=False)
                if value is not None
            }
            for row in result.rows
        ]
        return json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
            indent=2,
            ensure_ascii=False,
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_cell(None, v, short=False) for v in row])
        return buffer.getvalue()
    rows = [[_cell(None, v, short=True) for v in row] for row in result.rows]
    widths = [
        min(60, max([len(var), *(len(r[i]) for r in rows)]))
        for i, var in enumerate(result.variables)
    ]

    def line(cells: list[str]) -> str:
        return " | ".join(
            (c if len(c) <= w else c[: w - 1] + "…").ljust(w)
            for c, w in zip(cells, widths, strict=False)
        ).rstrip()

    out = [line(result.variables), "-+-".join("-" * w for w in widths)]
    out.extend(line(r) for r in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _json_term(value: object) -> dict[str, str]:
    if isinstance(value, URIRef):
        return {"type": "uri", "value": str(value)}
    if isinstance(value, BNode):
        return {"type": "bnode", "value": str(value)}
    if isinstance(value, Literal):
        term = {"type": "literal", "value": str(value)}
        if value.datatype:
            term["datatype"] = str(value.datatype)
        if value.language:
            term["xml:lang"] = value.language
        return term
    return {"type": "literal", "value": str(value)}
