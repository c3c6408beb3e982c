"""Map extractions to triples exactly as docs/data-model.md says.

* entity: ``ipr:<key>`` with one ``rdf:type``, one ``rdfs:label``,
  ``skos:altLabel`` per other surface form, ``owl:sameAs`` to Wikidata for the
  curated allowlist and ``skos:closeMatch`` for other known Wikidata items;
* article: ``ipr:article/<id>`` with ``dcterms:source``, ``dcterms:date``,
  ``ipo:publishedBy``, ``ipo:contentHash`` and ``ipo:mentions``;
* statistic: ``ipr:statistic/<article>-<hash>`` with its properties,
  ``prov:wasDerivedFrom`` the article and ``ipo:evidence`` (+ offsets);
* relation: the direct triple, and an ``rdf:Statement`` per source with
  evidence, offsets, confidence and the rule's name.

IRIs are content-derived (no blank nodes), so the same input always gives the
same graph, and graphs built separately merge by union.

Example:
    >>> from kg.records import Article, Extraction, Entity
    >>> a = Article("doc-1", "doc-1.txt", "China.", "0" * 64)
    >>> g = extractions_to_graph([Extraction(a, (Entity("china", "China", "Country"),))])
    >>> (IPR["china"], RDFS.label, Literal("China")) in g
    True
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.rdf.namespaces import IPO, IPR, WD, bind_prefixes
from kg.records import CLASS_PARENT, Entity, Evidence, Extraction, fits_domain_range
from kg.resources import gazetteer_dir
from kg.textsafe import safe_text


class _Terms:
    """A namespace's terms, each made once: a namespace lookup builds and validates a new
    URIRef every time, and the mapping writes the same few terms millions of times."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = self._namespace[name]  # type: ignore[index]
        setattr(self, name, term)  # later lookups find the attribute without __getattr__
        return term


_ipo, _rdf, _rdfs, _skos, _owl, _prov, _dcterms, _xsd = (
    _Terms(ns) for ns in (IPO, RDF, RDFS, SKOS, OWL, PROV, DCTERMS, XSD)
)


@lru_cache(maxsize=65536)
def entity_iri(key: str) -> URIRef:
    return IPR[key]


def article_iri(article_id: str) -> URIRef:
    return IPR[f"article/{article_id}"]


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


@cache
def same_as_allowlist() -> frozenset[str]:
    """Wikidata ids whose identity with a gazetteer entry is certain (owl:sameAs may be asserted)."""
    path = gazetteer_dir().parent / "sameas_allowlist.tsv"
    with path.open(encoding="utf-8") as handle:
        return frozenset(row["wikidata"] for row in csv.DictReader(handle, delimiter="\t"))


#: EPO's linked-data IRIs of IP offices by WIPO ST.3 code (docs/alignment.md: the pattern is
#: seen for EP; the others follow it, so they are skos:closeMatch, never owl:sameAs).
ST3_OFFICE = "http://data.epo.org/linked-data/id/st3/"


@cache
def office_codes() -> dict[str, str]:
    """Entity key -> WIPO ST.3 code, for the IP offices of the gazetteer.

    Example:
        >>> office_codes()["european-patent-office"]
        'EP'
    """
    from kg.gazetteer import load_gazetteer

    return {key: e.st3 for key, e in load_gazetteer().entries.items() if e.st3}


def _depth(cls: str) -> int:
    depth, current = 0, CLASS_PARENT.get(cls)
    while current:
        depth, current = depth + 1, CLASS_PARENT.get(current)
    return depth


def merge_entities(extractions: Iterable[Extraction]) -> dict[str, Entity]:
    """One description per entity key across articles: one label, one class, all alt labels."""
    return merge_entity_claims(e for x in extractions for e in x.entities)


def merge_entity_claims(claims: Iterable[Entity]) -> dict[str, Entity]:
    """Merge what each article says about its entities (one claim per article and key):
    the most frequent label (the gazetteer's when there is one), the most frequent and then
    most specific class, every other surface form as an alternative label.

    Example:
        >>> a = Entity("cnipa", "CNIPA", "IPOffice")
        >>> b = Entity("cnipa", "CNIPA", "Organization", alt_labels=("the Office",))
        >>> merged = merge_entity_claims([a, b])["cnipa"]
        >>> merged.cls, merged.alt_labels
        ('IPOffice', ('the Office',))
    """
    tallies: dict[str, EntityTally] = {}
    for entity in claims:
        tallies.setdefault(entity.key, EntityTally(entity.key)).add(entity)
    merged = {key: tallies[key].merged() for key in sorted(tallies)}
    return {key: entity for key, entity in merged.items() if entity is not None}


@dataclass
class EntityTally:
    """Counts of what articles say about one entity, so that an article's claims can be
    added and taken away again (the store keeps one per entity) and the merged description
    recomputed without reading every article.

    Example:
        >>> tally = EntityTally("epo")
        >>> tally.add(Entity("epo", "EPO", "IPOffice"))
        >>> tally.add(Entity("epo", "European Patent Office", "IPOffice"))
        >>> tally.add(Entity("epo", "EPO", "IPOffice"), -1)
        >>> tally.merged().label
        'European Patent Office'
    """

    key: str
    labels: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)
    alts: Counter[str] = field(default_factory=Counter)
    facts: Counter[str] = field(default_factory=Counter)
    wikidata: Counter[str] = field(default_factory=Counter)
    gazetteer_labels: Counter[str] = field(default_factory=Counter)

    def add(self, entity: Entity, sign: int = 1) -> None:
        """Count one article's claim (``sign=-1`` takes it away)."""
        self.labels[entity.label] += sign
        self.classes[entity.cls] += sign
        for alt in set(entity.alt_labels):
            self.alts[alt] += sign
        for prop, other in set(entity.facts):
            self.facts[f"{prop}\x1f{other}"] += sign
        if entity.wikidata:
            self.wikidata[entity.wikidata] += sign
            self.gazetteer_labels[entity.label] += sign
        for counter in (
            self.labels,
            self.classes,
            self.alts,
            self.facts,
            self.wikidata,
            self.gazetteer_labels,
        ):
            for name in [n for n, c in counter.items() if c <= 0]:
                del counter[name]

    def merged(self) -> Entity | None:
        """The merged description, or None when no article names the entity any more."""
        if not self.labels:
            return None
        labels, classes = self.labels, self.classes
        label = (
            max(self.gazetteer_labels, key=lambda n: (self.gazetteer_labels[n], n))
            if self.gazetteer_labels
            else max(labels, key=lambda name: (labels[name], len(name), name))
        )
        cls = max(classes, key=lambda c: (classes[c], _depth(c), c))
        wikidata = (
            max(self.wikidata, key=lambda w: (self.wikidata[w], w)) if self.wikidata else None
        )
        return Entity(
            key=self.key,
            label=label,
            cls=cls,
            alt_labels=_distinct_alt_labels(set(self.alts) | set(labels), label),
            wikidata=wikidata,
            facts=tuple(sorted(tuple(f.split("\x1f", 1)) for f in self.facts)),  # type: ignore[misc]
        )

    def to_json(self) -> str:
        data = {name: dict(getattr(self, name)) for name in _TALLY_FIELDS}
        return json.dumps({"key": self.key, **data}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> EntityTally:
        data = json.loads(text)
        return cls(data["key"], **{name: Counter(data[name]) for name in _TALLY_FIELDS})


_TALLY_FIELDS = ("labels", "classes", "alts", "facts", "wikidata", "gazetteer_labels")


def _distinct_alt_labels(forms: set[str], label: str) -> tuple[str, ...]:
    """Other names, one per spelling that differs from the label beyond case ("Battery" and
    "battery" are one alternative label)."""
    seen = {label.casefold()}
    kept: list[str] = []
    for form in sorted(forms):
        if form.casefold() not in seen:
            seen.add(form.casefold())
            kept.append(form)
    return tuple(kept)


def add_entity(graph: Graph, entity: Entity) -> None:
    """Add one merged entity description (type, label, alternative labels, facts, links)."""
    for triple in entity_triples(entity):
        graph.add(triple)


def entity_triples(entity: Entity) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The triples of one merged entity description."""
    node = entity_iri(entity.key)
    yield node, _rdf.type, getattr(_ipo, entity.cls)
    yield node, _rdfs.label, _text(entity.label)
    for alt in entity.alt_labels:
        yield node, _skos.altLabel, _text(alt)
    for prop, other in entity.facts:
        yield node, getattr(_ipo, prop), entity_iri(other)
    if entity.wikidata:
        link = _owl.sameAs if entity.wikidata in same_as_allowlist() else _skos.closeMatch
        yield node, link, WD[entity.wikidata]
    code = office_codes().get(entity.key)
    if code:
        yield node, _skos.closeMatch, URIRef(ST3_OFFICE + code)


def _evidence_triples(node: URIRef, evidence: Evidence) -> Iterator[tuple]:
    yield node, _ipo.evidence, _text(evidence.text)
    yield node, _ipo.evidenceStart, Literal(evidence.start, datatype=_xsd.integer)
    yield node, _ipo.evidenceEnd, Literal(evidence.end, datatype=_xsd.integer)


def decimal_literal(value: Decimal | float) -> Literal:
    """An xsd:decimal in canonical form ("12.0", "4015000.0", "-5.3"), so that it survives a
    Turtle round trip unchanged.

    Example:
        >>> str(decimal_literal(Decimal("4.015E+6")))
        '4015000.0'
    """
    text = format(Decimal(str(value)).normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=_xsd.decimal)


def _text(value: str) -> Literal:
    """A plain string literal every RDF format can carry (see kg.textsafe)."""
    return Literal(safe_text(value))


def _date_literal(value: str) -> Literal:
    return Literal(value, datatype=_xsd.gYear if len(value) == 4 else _xsd.date)


def add_extraction(
    graph: Graph, extraction: Extraction, classes: dict[str, str] | None = None
) -> None:
    """Add one article's article node, statistics and relations (not its entity descriptions)."""
    for triple in extraction_triples(extraction, classes):
        graph.add(triple)


def extraction_triples(
    extraction: Extraction, classes: dict[str, str] | None = None
) -> Iterator[tuple]:
    """The triples of one article: its node, statistics and relations (the entity
    descriptions, merged across articles, come from ``entity_triples``).

    ``classes`` are the entities' merged classes: a relation whose ends no longer fit its
    property once articles disagree on a class ("Herzogenaurach's Schaeffler" made the town
    a company in one article) is left out, so that the graph keeps to the shapes."""
    article = extraction.article
    doc = article_iri(article.id)
    yield doc, _rdf.type, _ipo.Article
    yield doc, _rdfs.label, Literal(article.id)
    yield doc, _dcterms.source, _text(article.source)
    yield doc, _ipo.contentHash, Literal(article.content_hash)
    if article.date:
        yield doc, _dcterms.date, Literal(article.date, datatype=_xsd.date)
    if extraction.publisher:
        yield doc, _ipo.publishedBy, entity_iri(extraction.publisher)
    for entity in extraction.entities:
        if entity.mentioned:
            yield doc, _ipo.mentions, entity_iri(entity.key)

    for stat in extraction.statistics:
        node = IPR[
            f"statistic/{article.id}-{_digest(stat.subject, stat.value, stat.unit, stat.measure, stat.evidence.start)}"
        ]
        yield node, _rdf.type, _ipo.Statistic
        yield node, _ipo.subject, entity_iri(stat.subject)
        yield node, _ipo.value, decimal_literal(stat.value)
        yield node, _ipo.measure, _text(stat.measure)
        yield node, _ipo.unit, getattr(_ipo, stat.unit)
        if stat.date:
            yield node, _ipo.date, _date_literal(stat.date)
        if stat.qualifier:
            yield node, _ipo.qualifier, _text(stat.qualifier)
        if stat.technology_field:
            yield node, _ipo.technologyField, entity_iri(stat.technology_field)
        if stat.index:
            yield node, _ipo.index, entity_iri(stat.index)
        if stat.announced_by:
            yield node, _ipo.announcedBy, entity_iri(stat.announced_by)
        if stat.currency:
            yield node, _ipo.currency, _text(stat.currency)
        yield node, _ipo.pattern, _text(stat.pattern)
        yield node, _prov.wasDerivedFrom, doc
        yield from _evidence_triples(node, stat.evidence)

    for rel in extraction.relations:
        if classes is not None and not fits_domain_range(
            rel.predicate, classes.get(rel.subject), classes.get(rel.object)
        ):
            continue
        s, p, o = entity_iri(rel.subject), getattr(_ipo, rel.predicate), entity_iri(rel.object)
        yield s, p, o
        node = IPR[f"statement/{article.id}-{_digest(rel.subject, rel.predicate, rel.object)}"]
        yield node, _rdf.type, _rdf.Statement
        yield node, _rdf.subject, s
        yield node, _rdf.predicate, p
        yield node, _rdf.object, o
        yield node, _prov.wasDerivedFrom, doc
        yield node, _ipo.confidence, decimal_literal(round(rel.confidence, 2))
        yield node, _ipo.pattern, _text(rel.pattern)
        yield from _evidence_triples(node, rel.evidence)


def extractions_to_graph(extractions: Iterable[Extraction]) -> Graph:
    """The graph of a batch of extractions (entity descriptions merged across articles)."""
    extractions = list(extractions)
    graph = Graph()
    bind_prefixes(graph)
    merged = merge_entities(extractions)
    for entity in merged.values():
        add_entity(graph, entity)
    classes = {key: entity.cls for key, entity in merged.items()}
    for extraction in extractions:
        add_extraction(graph, extraction, classes)
    return graph


def graph_iri(article_id: str) -> URIRef:
    """The named graph that holds one article's facts (TriG, and the store later)."""
    return IPR[f"graph/{article_id}"]


def extractions_to_dataset(extractions: Iterable[Extraction]) -> Dataset:
    """A Dataset: entity descriptions in the default graph, each article's facts in its own
    named graph ``ipr:graph/<article id>``.

    Example:
        >>> from kg.records import Article
        >>> ds = extractions_to_dataset([Extraction(Article("a", "a.txt", "x", "0" * 64))])
        >>> sorted(str(g.identifier) for g in ds.graphs() if len(g))
        ['https://w3id.org/ipkg/resource/graph/a']
    """
    extractions = list(extractions)
    dataset = Dataset()
    bind_prefixes(dataset)
    merged = merge_entities(extractions)
    for entity in merged.values():
        add_entity(dataset.default_graph, entity)
    classes = {key: entity.cls for key, entity in merged.items()}
    for extraction in extractions:
        add_extraction(dataset.graph(graph_iri(extraction.article.id)), extraction, classes)
    return dataset
