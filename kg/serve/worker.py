"""The process that answers queries for the endpoint: one Oxigraph store opened read-only.

Queries run in worker processes, not in the server, so that a query past its time can
be stopped the only way Oxigraph allows, by ending its process.  A worker takes a
:class:`Job`, runs it, and sends back an :class:`Answer` with the serialised results,
cut at the endpoint's limit.

Example:
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    >>> answer = answer_job(store, Job("SELECT ?o WHERE { ?s ?p ?o }", "text/csv", limit=10))
    >>> answer.status, answer.body
    ('ok', b'o\\r\\nx\\r\\n')
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIXES


@dataclass(frozen=True)
class Job:
    """A query to run, the media type to answer in, and the most rows (or triples) to send."""

    query: str
    media_type: str
    limit: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    #: the query names its own dataset (FROM, FROM NAMED): no union default graph then
    own_dataset: bool = False


@dataclass(frozen=True)
class Answer:
    """'ok' with a body, or 'syntax' / 'error' with a message in the body."""

    status: str
    body: bytes
    media_type: str = "text/plain; charset=utf-8"
    truncated: bool = False
    rows: int = 0
    headers: dict[str, str] = field(default_factory=dict)


def _dataset(job: Job) -> dict[str, object]:
    """Oxigraph's dataset options for the protocol's default-graph-uri / named-graph-uri
    (graphs of this store only: nothing is fetched)."""
    options: dict[str, object] = {}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    elif not job.own_dataset:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    return options


def answer_job(store: ox.Store, job: Job) -> Answer:
    """Run one job on a store (see the module docstring)."""
    try:
        result = store.query(
            job.query, prefixes={p: str(ns) for p, ns in PREFIXES.items()}, **_dataset(job)
        )
        if isinstance(result, ox.QueryBoolean):
            fmt = ox.QueryResultsFormat.from_media_type(job.media_type)
            return Answer("ok", result.serialize(format=fmt), job.media_type, rows=1)
        if isinstance(result, ox.QueryTriples):
            triples = list(islice(result, job.limit + 1))
            fmt = ox.RdfFormat.from_media_type(job.media_type)
            truncated = len(triples) > job.limit
            kept = triples[: job.limit]
            prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
            body = ox.serialize(kept, format=fmt, prefixes=prefixes)
            return Answer("ok", body, job.media_type, truncated, len(kept))
        variables = [v.value for v in result.variables]
        rows = list(islice(result, job.limit + 1))
        truncated = len(rows) > job.limit
        kept = rows[: job.limit]
        body = solutions_json(variables, kept)
        fmt = ox.QueryResultsFormat.from_media_type(job.media_type)
        if fmt != ox.QueryResultsFormat.JSON:
            body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(
                format=fmt
            )
        return Answer("ok", body, job.media_type, truncated, len(kept))
    except SyntaxError as exc:
        return Answer("syntax", _message(exc).encode("utf-8"))
    except (OSError, ValueError, RuntimeError) as exc:
        return Answer("error", _message(exc).encode("utf-8"))


def _message(exc: Exception) -> str:
    message = " ".join(str(exc).split())
    return message if len(message) <= 400 else message[:400] + " …"


def solutions_json(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    """SPARQL 1.1 Query Results JSON for solutions already taken from a result.

    Example:
        >>> solutions_json(["x"], [])
        b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
    """
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            value = row[name]
            if value is not None:
                binding[name] = _json_term(value)
        bindings.append(binding)
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_term(term: object) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def serve_jobs(store_path: str, connection) -> None:
    """A worker process's loop: open the store, then answer jobs until told to stop (None)."""
    store = ox.Store.read_only(store_path)
    connection.send("ready")
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        if job is None:
            return
        connection.send(answer_job(store, job))
