"""A persistent graph store (Oxigraph) that grows and shrinks article by article.

Layout of the store (an Oxigraph dataset on disk):

* each article's facts (its node, statistics, relations and their statements)
  live in the named graph ``ipr:graph/<article id>``, exactly as in a TriG export;
* the merged entity descriptions (one label, one class, alternative labels,
  links) live in the default graph;
* kg's bookkeeping lives in the named graph ``<urn:kg:state>``: per article its
  source path and content hash, and what the article says about each entity it
  names (a JSON record), from which the merged descriptions are recomputed when
  an article comes or goes.  Queries through kg never see this graph.

Every change of one article (add, replace, remove) is one SPARQL update, which
Oxigraph applies as one transaction: a killed process leaves the store as it
was, or with whole articles only.

Example:
    >>> from kg.records import Article, Entity, Extraction
    >>> store = GraphStore(None)  # in memory; give a folder to persist
    >>> a = Article("a", "/news/a.txt", "China.", "0" * 64)
    >>> store.put(Extraction(a, (Entity("china", "China", "Country"),)))
    'added'
    >>> store.put(Extraction(a, (Entity("china", "China", "Country"),)))
    'unchanged'
    >>> store.query("SELECT ?l WHERE { ipr:china rdfs:label ?l }").rows
    [[rdflib.term.Literal('China')]]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import KGError, QueryError
from kg.rdf.mapping import (
    EntityTally,
    article_iri,
    decimal_literal,
    entity_triples,
    extraction_triples,
    graph_iri,
)
from kg.rdf.namespaces import IPR, PREFIXES
from kg.records import Entity, Extraction

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

    from kg.sparql import QueryResult

STATE = ox.NamedNode("urn:kg:state")
_PATH = "urn:kg:path"
_HASH = "urn:kg:contentHash"
_CLAIMS = "urn:kg:claims"  # an article's entity claims (JSON list), taken back on removal
_TALLY = "urn:kg:tally"  # per entity: counts of its labels, classes ... over all articles


class StoreError(KGError):
    """The store folder cannot be opened (locked by another process, not a store, ...)."""


@dataclass(frozen=True)
class StoredArticle:
    """One article held by the store: its id, where it was read from and its content hash."""

    id: str
    path: str
    content_hash: str

    @property
    def iri(self) -> str:
        return str(article_iri(self.id))


def source_key(source: str) -> str:
    """How the store names where an article came from: the absolute path of a file.

    Example:
        >>> source_key("<stdin>")
        '<stdin>'
    """
    if source.startswith("<"):
        return source
    return str(Path(source).resolve())


class GraphStore:
    """kg's persistent store: open it on a folder (created when missing), or ``None`` for memory."""

    def __init__(self, path: str | Path | None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no store there (build one with kg add)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                if self.path.exists() and not self.path.is_dir():
                    raise StoreError(f"{self.path}: is a file, not a store folder")
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            reason = str(exc)
            if "lock" in reason.lower():
                reason = "it is open in another kg process (one writer at a time)"
            raise StoreError(f"{self.path}: cannot open the store: {reason}") from exc

    # -- bookkeeping -----------------------------------------------------------------------

    def articles(self) -> list[StoredArticle]:
        """Every article in the store, by id."""
        rows = self._store.query(
            f"SELECT ?a ?path ?hash WHERE {{ GRAPH <{STATE.value}> "
            f"{{ ?a <{_PATH}> ?path ; <{_HASH}> ?hash }} }}"
        )
        found = [
            StoredArticle(_article_id(row["a"].value), row["path"].value, row["hash"].value)
            for row in rows
        ]
        return sorted(found, key=lambda a: a.id)

    def find(self, ref: str) -> StoredArticle | None:
        """The stored article named by its file path, its IRI or its id (None when absent)."""
        key = source_key(ref)
        for article in self.articles():
            if ref in (article.iri, article.id, article.path) or key == article.path:
                return article
        return None

    def _by_path(self, path: str) -> StoredArticle | None:
        rows = list(
            self._store.query(
                f"SELECT ?a ?hash WHERE {{ GRAPH <{STATE.value}> "
                f"{{ ?a <{_PATH}> {_literal(path)} ; <{_HASH}> ?hash }} }}"
            )
        )
        if not rows:
            return None
        return StoredArticle(_article_id(rows[0]["a"].value), path, rows[0]["hash"].value)

    def is_current(self, source: str, content_hash: str) -> bool:
        """True when the article read from ``source`` is stored with this very content."""
        stored = self._by_path(source_key(source))
        return stored is not None and stored.content_hash == content_hash

    def _article_claims(self, article_id: str) -> list[Entity]:
        rows = list(
            self._store.query(
                f"SELECT ?claims WHERE {{ GRAPH <{STATE.value}> "
                f"{{ <{article_iri(article_id)}> <{_CLAIMS}> ?claims }} }}"
            )
        )
        return [_entity_from_dict(d) for d in json.loads(rows[0]["claims"].value)] if rows else []

    def _tallies(self, keys: set[str]) -> dict[str, EntityTally]:
        tallies = {key: EntityTally(key) for key in keys}
        if not keys:
            return tallies
        values = " ".join(f"<{IPR[k]}>" for k in sorted(keys))
        rows = self._store.query(
            f"SELECT ?tally WHERE {{ GRAPH <{STATE.value}> {{ VALUES ?e {{ {values} }} "
            f"?e <{_TALLY}> ?tally }} }}"
        )
        for row in rows:
            tally = EntityTally.from_json(row["tally"].value)
            tallies[tally.key] = tally
        return tallies

    # -- changes ---------------------------------------------------------------------------

    def put(self, extraction: Extraction) -> str:
        """Add an article's facts, or replace them when its content changed.

        Returns 'added', 'replaced' or 'unchanged' (same source, same content hash).
        """
        article = extraction.article
        path = source_key(article.source)
        stored = self._by_path(path)
        if stored is not None and stored.content_hash == article.content_hash:
            return "unchanged"
        article_id = stored.id if stored else self._free_id(article.id, path)
        if article_id != article.id:
            extraction = _with_article_id(extraction, article_id)
        old_claims = self._article_claims(article_id) if stored else []
        self._change(article_id, old_claims, list(extraction.entities), extraction, path)
        return "replaced" if stored else "added"

    def remove(self, ref: str) -> StoredArticle | None:
        """Remove an article (by path, IRI or id) and what only it said; None when absent."""
        stored = self.find(ref)
        if stored is None:
            return None
        self._change(stored.id, self._article_claims(stored.id), [], None, None)
        return stored

    def _change(
        self,
        article_id: str,
        old_claims: list[Entity],
        new_claims: list[Entity],
        extraction: Extraction | None,
        path: str | None,
    ) -> None:
        """One transaction: the article's old facts and claims out, the new ones in, and the
        descriptions of every entity either names recomputed from the updated tallies."""
        touched = {e.key for e in old_claims} | {e.key for e in new_claims}
        tallies = self._tallies(touched)
        before = {key: tally.merged() for key, tally in tallies.items()}
        for entity in old_claims:
            tallies[entity.key].add(entity, -1)
        for entity in new_claims:
            tallies[entity.key].add(entity)
        after = {key: tally.merged() for key, tally in tallies.items()}
        # most articles leave most descriptions as they were ("China" stays "China"): only
        # the changed ones are rewritten, the tallies always
        redescribed = {key for key in touched if after[key] != before[key]}
        merged = [after[key] for key in sorted(redescribed) if after[key] is not None]
        state: list[str] = [
            f"<{IPR[t.key]}> <{_TALLY}> {_literal(t.to_json())} ."
            for t in tallies.values()
            if t.labels
        ]
        named: dict[object, list[str]] = {}
        if extraction is not None:
            doc = article_iri(article_id)
            claims = json.dumps([_entity_dict(e) for e in new_claims], ensure_ascii=False)
            state += [
                f"<{doc}> <{_PATH}> {_literal(path or '')} .",
                f"<{doc}> <{_HASH}> {_literal(extraction.article.content_hash)} .",
                f"<{doc}> <{_CLAIMS}> {_literal(claims)} .",
            ]
            named[graph_iri(article_id)] = _ntriples(extraction_triples(extraction))
        update = [
            *_forget(article_id, touched, redescribed),
            _insert(
                default=_ntriples(t for e in merged for t in entity_triples(e)),
                named=named,
                state=state,
            ),
        ]
        self._store.update(" ;\n".join(update))

    def _free_id(self, wanted: str, path: str) -> str:
        """``wanted`` unless another source already holds that id (then a path-derived suffix)."""
        taken = self._store.query(
            f"ASK {{ GRAPH <{STATE.value}> {{ <{article_iri(wanted)}> <{_PATH}> ?p }} }}"
        )
        if not taken:
            return wanted
        return f"{wanted}-{hashlib.sha256(path.encode('utf-8')).hexdigest()[:8]}"

    def flush(self) -> None:
        """Make every write durable now (Oxigraph also flushes in the background)."""
        if self.path is not None and not self.read_only:
            self._store.flush()

    def optimize(self) -> None:
        """Compact the store after a large batch of changes."""
        if self.path is not None and not self.read_only:
            self._store.optimize()

    # -- reading ---------------------------------------------------------------------------

    def _fact_graphs(self) -> list[ox.NamedNode | ox.DefaultGraph]:
        return [ox.DefaultGraph(), *(g for g in self._store.named_graphs() if g != STATE)]

    def _named_fact_graphs(self) -> list[ox.NamedNode]:
        return [g for g in self._store.named_graphs() if g != STATE]

    def query(self, sparql: str) -> QueryResult:
        """Run SPARQL over every article's facts and the entity descriptions (kg's prefixes
        predeclared); GRAPH ?g reaches each article's named graph."""
        from kg.sparql import QueryResult

        named = self._named_fact_graphs()
        try:
            result = self._store.query(
                sparql,
                prefixes={p: str(ns) for p, ns in PREFIXES.items()},
                default_graph=[ox.DefaultGraph(), *named],
                named_graphs=named,
            )
        except SyntaxError as exc:
            message = " ".join(str(exc).split())
            if len(message) > 200:  # Oxigraph lists every token it expected
                message = message[:200] + " …"
            raise QueryError(f"SPARQL syntax error: {message}") from exc
        except OSError as exc:
            raise QueryError(f"SPARQL query failed: {exc}") from exc
        if isinstance(result, ox.QueryBoolean):
            return QueryResult([], [], boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            graph = _rdflib_graph()
            for triple in result:
                graph.add((_term(triple.subject), _term(triple.predicate), _term(triple.object)))
            return QueryResult([], [], graph=graph)
        variables = [v.value for v in result.variables]
        return QueryResult(
            variables,
            [[_term(row[v]) if row[v] is not None else None for v in variables] for row in result],
        )

    def triples(self) -> Iterator[ox.Triple]:
        """Every fact triple (default and article graphs; duplicates across graphs once)."""
        seen: set[ox.Triple] = set()
        for quad in self._store:
            if quad.graph_name == STATE:
                continue
            triple = quad.triple
            if isinstance(quad.graph_name, ox.DefaultGraph):
                yield triple
            elif triple not in seen:
                seen.add(triple)
                yield triple

    def quads(self) -> Iterator[ox.Quad]:
        """Every fact quad (the bookkeeping graph left out)."""
        return (q for q in self._store if q.graph_name != STATE)

    def __len__(self) -> int:
        """The number of fact quads."""
        return sum(1 for _ in self.quads())

    def write(self, output: Path, fmt: str) -> None:
        """Serialise the store's facts with Oxigraph's writers, atomically (see rdf.io)."""
        from kg.rdf.io import atomic_write_bytes

        rdf_format = _ox_format(fmt)
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        if rdf_format.supports_datasets:
            data = ox.serialize(self.quads(), format=rdf_format, prefixes=prefixes)
        else:
            data = ox.serialize(self.triples(), format=rdf_format, prefixes=prefixes)
        atomic_write_bytes(output, data)

    def to_graph(self) -> Graph:
        """The store's facts as one rdflib Graph (what ``kg build -o`` would have written)."""
        graph = _rdflib_graph()
        for triple in self.triples():
            graph.add((_term(triple.subject), _term(triple.predicate), _term(triple.object)))
        return graph

    def to_dataset(self) -> Dataset:
        """The store's facts as an rdflib Dataset (a named graph per article)."""
        from rdflib import Dataset, URIRef

        from kg.rdf.namespaces import bind_prefixes

        dataset = Dataset()
        bind_prefixes(dataset)
        for quad in self.quads():
            graph = (
                dataset.default_graph
                if isinstance(quad.graph_name, ox.DefaultGraph)
                else dataset.graph(URIRef(quad.graph_name.value))
            )
            graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
        return dataset

    def close(self) -> None:
        self.flush()
        del self._store

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- helpers -----------------------------------------------------------------------------


def _article_id(iri: str) -> str:
    return iri[len(str(IPR["article/"])) :]


def _rdflib_graph() -> Graph:
    from rdflib import Graph

    return Graph()


def _with_article_id(extraction: Extraction, article_id: str) -> Extraction:
    from dataclasses import replace

    return replace(extraction, article=replace(extraction.article, id=article_id))


def _entity_dict(entity: Entity) -> dict:
    return {
        "key": entity.key,
        "label": entity.label,
        "cls": entity.cls,
        "alt_labels": list(entity.alt_labels),
        "wikidata": entity.wikidata,
        "mentioned": entity.mentioned,
        "facts": [list(f) for f in entity.facts],
    }


def _entity_from_dict(data: dict) -> Entity:
    return Entity(
        key=data["key"],
        label=data["label"],
        cls=data["cls"],
        alt_labels=tuple(data["alt_labels"]),
        wikidata=data["wikidata"],
        mentioned=data["mentioned"],
        facts=tuple(tuple(f) for f in data["facts"]),  # type: ignore[misc]
    )


def _ntriples(triples: Iterable[tuple]) -> list[str]:
    return [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples]


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid SPARQL string


def _forget(article_id: str, keys: set[str], redescribed: set[str]) -> list[str]:
    """Updates that drop an article's graph, its bookkeeping, the tallies of ``keys`` and the
    descriptions of ``redescribed``."""
    doc = article_iri(article_id)
    ops = [
        f"DROP SILENT GRAPH <{graph_iri(article_id)}>",
        f"DELETE WHERE {{ GRAPH <{STATE.value}> {{ <{doc}> ?p ?o }} }}",
    ]
    if redescribed:
        values = " ".join(f"<{IPR[k]}>" for k in sorted(redescribed))
        ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
    if keys:
        values = " ".join(f"<{IPR[k]}>" for k in sorted(keys))
        ops.append(
            f"DELETE {{ GRAPH <{STATE.value}> {{ ?s <{_TALLY}> ?t }} }} WHERE {{ VALUES ?s "
            f"{{ {values} }} GRAPH <{STATE.value}> {{ ?s <{_TALLY}> ?t }} }}"
        )
    return ops


def _insert(
    default: list[str] | None = None,
    named: dict[object, list[str]] | None = None,
    state: list[str] | None = None,
) -> str:
    parts = ["INSERT DATA {", *(default or [])]
    for name, lines in (named or {}).items():
        parts.extend([f"GRAPH <{name}> {{", *lines, "}"])
    if state:
        parts.extend([f"GRAPH <{STATE.value}> {{", *state, "}"])
    parts.append("}")
    return "\n".join(parts)


_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _term(term: object):
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        if datatype == _DECIMAL:  # Oxigraph drops the ".0" that kg's decimals carry
            return decimal_literal(Decimal(term.value))
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected RDF term {term!r}")


_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "nquads": ox.RdfFormat.N_QUADS,
    "n3": ox.RdfFormat.N3,
}


def _ox_format(fmt: str) -> ox.RdfFormat:
    from kg.rdf.io import rdflib_format

    return _OX_FORMATS[rdflib_format(fmt) if fmt not in _OX_FORMATS else fmt]
