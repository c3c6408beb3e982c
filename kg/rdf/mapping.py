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
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.rdf.namespaces import IPO, IPR, WD, bind_prefixes
from kg.records import CLASS_PARENT, Entity, Evidence, Extraction
from kg.resources import gazetteer_dir


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
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    alts: dict[str, set[str]] = defaultdict(set)
    wikidata: dict[str, str] = {}
    facts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    gazetteer_label: dict[str, str] = {}
    for entity in claims:
        labels[entity.key][entity.label] += 1
        classes[entity.key][entity.cls] += 1
        alts[entity.key].update(entity.alt_labels)
        facts[entity.key].update(entity.facts)
        if entity.wikidata:
            wikidata[entity.key] = entity.wikidata
            gazetteer_label[entity.key] = entity.label
    merged: dict[str, Entity] = {}
    for key in sorted(labels):
        label = gazetteer_label.get(key) or max(
            labels[key], key=lambda name: (labels[key][name], len(name), name)
        )
        cls = max(classes[key], key=lambda c: (classes[key][c], _depth(c), c))
        merged[key] = Entity(
            key=key,
            label=label,
            cls=cls,
            alt_labels=_distinct_alt_labels(alts[key] | set(labels[key]), label),
            wikidata=wikidata.get(key),
            facts=tuple(sorted(facts[key])),
        )
    return merged


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
    node = entity_iri(entity.key)
    graph.add((node, RDF.type, IPO[entity.cls]))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for alt in entity.alt_labels:
        graph.add((node, SKOS.altLabel, Literal(alt)))
    for prop, other in entity.facts:
        graph.add((node, IPO[prop], entity_iri(other)))
    if entity.wikidata:
        link = OWL.sameAs if entity.wikidata in same_as_allowlist() else SKOS.closeMatch
        graph.add((node, link, WD[entity.wikidata]))


def _add_evidence(graph: Graph, node: URIRef, evidence: Evidence) -> None:
    graph.add((node, IPO.evidence, Literal(evidence.text)))
    graph.add((node, IPO.evidenceStart, Literal(evidence.start, datatype=XSD.integer)))
    graph.add((node, IPO.evidenceEnd, Literal(evidence.end, datatype=XSD.integer)))


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
    return Literal(text, datatype=XSD.decimal)


def _date_literal(value: str) -> Literal:
    return Literal(value, datatype=XSD.gYear if len(value) == 4 else XSD.date)


def add_extraction(graph: Graph, extraction: Extraction) -> None:
    """Add one article's article node, statistics and relations (not its entity descriptions)."""
    article = extraction.article
    doc = article_iri(article.id)
    graph.add((doc, RDF.type, IPO.Article))
    graph.add((doc, RDFS.label, Literal(article.id)))
    graph.add((doc, DCTERMS.source, Literal(article.source)))
    graph.add((doc, IPO.contentHash, Literal(article.content_hash)))
    if article.date:
        graph.add((doc, DCTERMS.date, Literal(article.date, datatype=XSD.date)))
    if extraction.publisher:
        graph.add((doc, IPO.publishedBy, entity_iri(extraction.publisher)))
    for entity in extraction.entities:
        if entity.mentioned:
            graph.add((doc, IPO.mentions, entity_iri(entity.key)))

    for stat in extraction.statistics:
        node = IPR[
            f"statistic/{article.id}-{_digest(stat.subject, stat.value, stat.unit, stat.measure, stat.evidence.start)}"
        ]
        graph.add((node, RDF.type, IPO.Statistic))
        graph.add((node, IPO.subject, entity_iri(stat.subject)))
        graph.add((node, IPO.value, decimal_literal(stat.value)))
        graph.add((node, IPO.measure, Literal(stat.measure)))
        graph.add((node, IPO.unit, IPO[stat.unit]))
        if stat.date:
            graph.add((node, IPO.date, _date_literal(stat.date)))
        if stat.qualifier:
            graph.add((node, IPO.qualifier, Literal(stat.qualifier)))
        if stat.technology_field:
            graph.add((node, IPO.technologyField, entity_iri(stat.technology_field)))
        if stat.index:
            graph.add((node, IPO["index"], entity_iri(stat.index)))
        if stat.announced_by:
            graph.add((node, IPO.announcedBy, entity_iri(stat.announced_by)))
        if stat.currency:
            graph.add((node, IPO.currency, Literal(stat.currency)))
        graph.add((node, IPO.pattern, Literal(stat.pattern)))
        graph.add((node, PROV.wasDerivedFrom, doc))
        _add_evidence(graph, node, stat.evidence)

    for rel in extraction.relations:
        s, p, o = entity_iri(rel.subject), IPO[rel.predicate], entity_iri(rel.object)
        graph.add((s, p, o))
        node = IPR[f"statement/{article.id}-{_digest(rel.subject, rel.predicate, rel.object)}"]
        graph.add((node, RDF.type, RDF.Statement))
        graph.add((node, RDF.subject, s))
        graph.add((node, RDF.predicate, p))
        graph.add((node, RDF.object, o))
        graph.add((node, PROV.wasDerivedFrom, doc))
        graph.add((node, IPO.confidence, decimal_literal(round(rel.confidence, 2))))
        graph.add((node, IPO.pattern, Literal(rel.pattern)))
        _add_evidence(graph, node, rel.evidence)


def extractions_to_graph(extractions: Iterable[Extraction]) -> Graph:
    """The graph of a batch of extractions (entity descriptions merged across articles)."""
    extractions = list(extractions)
    graph = Graph()
    bind_prefixes(graph)
    for entity in merge_entities(extractions).values():
        add_entity(graph, entity)
    for extraction in extractions:
        add_extraction(graph, extraction)
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
    for entity in merge_entities(extractions).values():
        add_entity(dataset.default_graph, entity)
    for extraction in extractions:
        add_extraction(dataset.graph(graph_iri(extraction.article.id)), extraction)
    return dataset
