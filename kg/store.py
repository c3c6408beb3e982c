"""A persistent graph store (Oxigraph) that grows and shrinks article by article.

A store is a folder holding two databases:

* ``facts/``, an Oxigraph dataset: each article's facts (its node, statistics,
  relations and their statements) in the named graph ``ipr:graph/<article id>``,
  exactly as in a TriG export, and the merged entity descriptions (one label, one
  class, alternative labels, links) in the default graph.  Queries run over all
  of it (the default graph is the union), so Oxigraph's indexes serve them whole;
* ``state.sqlite``, kg's bookkeeping: per article its source path, content hash
  and what it says about each entity it names; per entity a tally of those
  claims, from which its merged description is recomputed when an article comes
  or goes, at a cost that does not grow with the store.

A change of one article (add, replace, remove) is one Oxigraph transaction, then
one SQLite transaction.  A process killed between the two leaves whole articles
only; opening the store for writing finishes or undoes such a half-done change
(``repair``), and re-adding the article settles it in any case.

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
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Literal, URIRef

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

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT UNIQUE NOT NULL, hash TEXT NOT NULL, claims TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tallies (key TEXT PRIMARY KEY, tally TEXT NOT NULL);
"""


#: Changes between two flushes of Oxigraph's in-memory write buffers to disk (without
#: flushing, they grow by about 50 MiB per 1,000 articles).
FLUSH_EVERY = 200

#: Where a store publishes read-only snapshots of its facts for readers that run beside
#: a writer (kg serve), and how many it keeps (older ones may still be open a moment).
SNAPSHOTS = "snapshots"
KEEP_SNAPSHOTS = 3


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
        self._changes = 0
        self._published = 0
        if self.path is not None and self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: is a file, not a store folder")
        if read_only and (self.path is None or not (self.path / "facts").is_dir()):
            raise StoreError(f"{self.path}: no store there (build one with kg add)")
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path / "facts"))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path / "facts"))
        except OSError as exc:
            reason = str(exc)
            if "lock" in reason.lower():
                reason = "it is open in another kg process (one writer at a time)"
            raise StoreError(f"{self.path}: cannot open the store: {reason}") from exc
        if self.path is None:
            self._state = sqlite3.connect(":memory:")
        elif read_only:
            self._state = sqlite3.connect(f"file:{self.path / 'state.sqlite'}?mode=ro", uri=True)
        else:
            self._state = sqlite3.connect(self.path / "state.sqlite")
            # WAL without a sync per commit: a killed process loses no committed change (only
            # a power cut can take the last ones, and repair() then settles the facts)
            self._state.execute("PRAGMA journal_mode=WAL")
            self._state.execute("PRAGMA synchronous=NORMAL")
        if not read_only:
            self._state.executescript(_SCHEMA)
            self.repair()

    # -- bookkeeping -----------------------------------------------------------------------

    def articles(self) -> list[StoredArticle]:
        """Every article in the store, by id."""
        rows = self._state.execute("SELECT id, path, hash FROM articles ORDER BY id")
        return [StoredArticle(*row) for row in rows]

    def find(self, ref: str) -> StoredArticle | None:
        """The stored article named by its file path, its IRI or its id (None when absent)."""
        article_id = ref[len(str(IPR["article/"])) :] if ref.startswith(str(IPR)) else ref
        row = self._state.execute(
            "SELECT id, path, hash FROM articles WHERE id = ? OR path = ? OR path = ?",
            (article_id, ref, source_key(ref)),
        ).fetchone()
        return StoredArticle(*row) if row else None

    def _by_path(self, path: str) -> StoredArticle | None:
        row = self._state.execute(
            "SELECT id, path, hash FROM articles WHERE path = ?", (path,)
        ).fetchone()
        return StoredArticle(*row) if row else None

    def is_current(self, source: str, content_hash: str) -> bool:
        """True when the article read from ``source`` is stored with this very content."""
        stored = self._by_path(source_key(source))
        return stored is not None and stored.content_hash == content_hash

    def _article_claims(self, article_id: str) -> list[Entity]:
        row = self._state.execute(
            "SELECT claims FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return [_entity_from_dict(d) for d in json.loads(row[0])] if row else []

    def _tallies(self, keys: set[str]) -> dict[str, EntityTally]:
        tallies = {key: EntityTally(key) for key in keys}
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):  # SQLite caps the parameters of a query
            chunk = ordered[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for (text,) in self._state.execute(
                f"SELECT tally FROM tallies WHERE key IN ({marks})", chunk
            ):
                tally = EntityTally.from_json(text)
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
        named: dict[object, list[str]] = {}
        if extraction is not None:
            classes = {key: entity.cls for key, entity in after.items() if entity is not None}
            named[graph_iri(article_id)] = _ntriples(extraction_triples(extraction, classes))
        described = {key for key in redescribed if before[key] is not None}
        update = [
            *_forget(article_id, described),
            _insert(default=_ntriples(t for e in merged for t in entity_triples(e)), named=named),
        ]
        self._store.update(" ;\n".join(update))
        self._changes += 1
        if self._changes % FLUSH_EVERY == 0:
            self.flush()  # RocksDB keeps writes in memory until flushed: bound that memory
            self.publish_snapshot()
        with self._state:  # one SQLite transaction
            self._state.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            if extraction is not None:
                claims = json.dumps([_entity_dict(e) for e in new_claims], ensure_ascii=False)
                self._state.execute(
                    "INSERT INTO articles (id, path, hash, claims) VALUES (?, ?, ?, ?)",
                    (article_id, path, extraction.article.content_hash, claims),
                )
            self._write_tallies(tallies)

    def _write_tallies(self, tallies: dict[str, EntityTally]) -> None:
        """Store the tallies (inside the caller's transaction); an empty one is deleted."""
        for key, tally in tallies.items():
            if tally.labels:
                self._state.execute(
                    "INSERT OR REPLACE INTO tallies (key, tally) VALUES (?, ?)",
                    (key, tally.to_json()),
                )
            else:
                self._state.execute("DELETE FROM tallies WHERE key = ?", (key,))

    def repair(self) -> list[str]:
        """Settle changes a killed process left half done (facts written, bookkeeping not):
        an article graph the bookkeeping does not know is undone, a known article whose
        graph is gone is taken out of the bookkeeping.  Returns the article ids settled."""
        prefix = str(IPR["graph/"])
        in_facts = {
            g.value[len(prefix) :]
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)
        }
        known = {a.id for a in self.articles()}
        settled = []
        for article_id in sorted(in_facts - known):
            keys = self._keys_in_graph(article_id)
            tallies = self._tallies(keys)
            merged = [m for t in tallies.values() if (m := t.merged()) is not None]
            update = [*_forget(article_id, keys)]
            if merged:
                update.append(
                    _insert(default=_ntriples(t for e in merged for t in entity_triples(e)))
                )
            self._store.update(" ;\n".join(update))
            settled.append(article_id)
        for article_id in sorted(known - in_facts):
            # a removal whose facts went: finish it in the bookkeeping
            claims = self._article_claims(article_id)
            tallies = self._tallies({e.key for e in claims})
            for entity in claims:
                tallies[entity.key].add(entity, -1)
            with self._state:
                self._state.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                self._write_tallies(tallies)
            settled.append(article_id)
        return settled

    def _keys_in_graph(self, article_id: str) -> set[str]:
        """Entity keys an article graph names (subjects and objects in the resource space)."""
        keys = set()
        skip = ("article/", "statistic/", "statement/", "graph/")
        for quad in self._store.quads_for_pattern(
            None, None, None, ox.NamedNode(str(graph_iri(article_id)))
        ):
            for term in (quad.subject, quad.object):
                if isinstance(term, ox.NamedNode) and term.value.startswith(str(IPR)):
                    local = term.value[len(str(IPR)) :]
                    if not local.startswith(skip):
                        keys.add(local)
        return keys

    def _free_id(self, wanted: str, path: str) -> str:
        """``wanted`` unless another source already holds that id (then a path-derived suffix)."""
        taken = self._state.execute("SELECT 1 FROM articles WHERE id = ?", (wanted,)).fetchone()
        if not taken:
            return wanted
        return f"{wanted}-{hashlib.sha256(path.encode('utf-8')).hexdigest()[:8]}"

    def flush(self) -> None:
        """Make every write durable now (Oxigraph also flushes in the background)."""
        if self.path is not None and not self.read_only:
            self._store.flush()

    def publish_snapshot(self) -> Path | None:
        """Publish the facts as they are now in ``snapshots/`` for readers beside this
        writer: an Oxigraph backup (hard links, so cheap), named in ``snapshots/CURRENT``
        once complete.  Oxigraph must not be opened read-only while another process
        writes to it; a snapshot is never written again, so a reader can open it safely.

        Example:
            >>> import tempfile
            >>> with GraphStore(tempfile.mkdtemp()) as store:
            ...     store.publish_snapshot() == current_snapshot(store.path)
            True
        """
        if self.path is None or self.read_only:
            return None
        from kg.rdf.io import atomic_write_bytes

        self.flush()
        folder = self.path / SNAPSHOTS
        folder.mkdir(exist_ok=True)
        name = f"{time.time_ns():020d}"  # sorts by age
        self._store.backup(str(folder / name))
        atomic_write_bytes(folder / "CURRENT", name.encode("ascii"))
        self._published = self._changes
        for old in sorted(p for p in folder.iterdir() if p.is_dir())[:-KEEP_SNAPSHOTS]:
            shutil.rmtree(old, ignore_errors=True)
        return folder / name

    def optimize(self) -> None:
        """Compact the store after a large batch of changes."""
        if self.path is not None and not self.read_only:
            self._store.optimize()

    # -- reading ---------------------------------------------------------------------------

    def named_graphs(self) -> list[str]:
        """The IRIs of the article graphs."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str) -> QueryResult:
        """Run SPARQL over every article's facts and the entity descriptions (kg's prefixes
        predeclared); GRAPH ?g reaches each article's named graph."""
        from kg.sparql import QueryResult

        try:
            result = self._store.query(
                sparql,
                prefixes={p: str(ns) for p, ns in PREFIXES.items()},
                use_default_graph_as_union=True,
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
        converted: dict[object, object] = {}  # labels and IRIs repeat from row to row

        def term(value: object) -> object:
            if value is None:
                return None
            found = converted.get(value)
            if found is None:
                found = converted[value] = _term(value)
            return found

        return QueryResult(variables, [[term(value) for value in row] for row in result])

    def triples(self) -> Iterator[ox.Triple]:
        """Every fact triple (default and article graphs; duplicates across graphs once)."""
        seen: set[ox.Triple] = set()
        for quad in self._store:
            triple = quad.triple
            if isinstance(quad.graph_name, ox.DefaultGraph):
                yield triple
            elif triple not in seen:
                seen.add(triple)
                yield triple

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad: entity descriptions (default graph) and article graphs."""
        return iter(self._store)

    def __len__(self) -> int:
        """The number of fact quads."""
        return sum(1 for _ in self.quads())

    def write(self, output: Path, fmt: str) -> None:
        """Serialise the store's facts with Oxigraph's writers, atomically (see rdf.io)."""
        from kg.rdf.io import atomic_write_bytes

        rdf_format = oxigraph_format(fmt)
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

    def rdflib_dataset(self) -> Dataset:
        """The store itself behind rdflib's API (oxrdflib): no copy, SPARQL answered by
        Oxigraph, the default graph the union of all graphs. For reading; change the store
        with ``put`` and ``remove`` so that its bookkeeping stays in step.

        Example:
            >>> store = GraphStore(None)
            >>> len(store.rdflib_dataset())
            0
        """
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        from kg.rdf.namespaces import bind_prefixes

        dataset = Dataset(store=OxigraphStore(store=self._store), default_union=True)
        bind_prefixes(dataset)
        return dataset

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
        unpublished = self._changes != self._published
        if (
            self.path is not None
            and not self.read_only
            and (unpublished or current_snapshot(self.path) is None)
        ):
            self.publish_snapshot()
        self.flush()
        self._state.close()
        del self._store

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- helpers -----------------------------------------------------------------------------


def current_snapshot(store_dir: str | Path) -> Path | None:
    """The newest complete snapshot a store published (see GraphStore.publish_snapshot).

    Example:
        >>> current_snapshot("/nonexistent") is None
        True
    """
    folder = Path(store_dir) / SNAPSHOTS
    try:
        name = (folder / "CURRENT").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return folder / name if name and (folder / name).is_dir() else None


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
    return [f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in triples]


_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _nt(term: object) -> str:
    """A term in N-Triples syntax, without rdflib's n3() (which re-validates every IRI: kg's
    IRIs were validated when the mapping made them, and this runs for every stored triple)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = _literal(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    return term.n3()  # type: ignore[attr-defined]


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid SPARQL string


def _forget(article_id: str, redescribed: set[str]) -> list[str]:
    """Updates that drop an article's graph and the descriptions of ``redescribed``."""
    ops = [f"DROP SILENT GRAPH <{graph_iri(article_id)}>"]
    if redescribed:
        values = " ".join(f"<{IPR[k]}>" for k in sorted(redescribed))
        ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
    return ops


def _insert(default: list[str], named: dict[object, list[str]] | None = None) -> str:
    parts = ["INSERT DATA {", *default]
    for name, lines in (named or {}).items():
        parts.extend([f"GRAPH <{name}> {{", *lines, "}"])
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


def oxigraph_format(fmt: str) -> ox.RdfFormat:
    """Oxigraph's format for a kg format name (or an rdflib plugin name).

    Example:
        >>> oxigraph_format("ttl").name
        'Turtle'
    """
    from kg.rdf.io import rdflib_format

    return _OX_FORMATS[rdflib_format(fmt) if fmt not in _OX_FORMATS else fmt]
