"""What a picture of the graph shows: entities, the relations between them, their statistics.

kg's RDF carries more than a drawing needs (reified statements, provenance, offsets), and
every drawing (networkx, GraphML, the HTML page, a PNG) needs the same digest of it. This
module reads that digest once from an rdflib graph:

* a node per entity (anything typed with an ``ipo:`` class other than Statistic and
  Article), with its label, class, alternative labels, Wikidata link and the articles
  that mention it;
* an edge per relation triple between two entities, with the best confidence any source
  gave it, the articles it was read in and up to three evidence sentences;
* each statistic, attached to its subject, with value, unit, measure, date, qualifier and
  evidence.

Example:
    >>> from kg.records import Article, Entity, Evidence, Extraction, Relation
    >>> from kg.rdf.mapping import extractions_to_graph
    >>> text = "China is a member of the PCT."
    >>> a = Article("doc-1", "doc-1.txt", text, "0" * 64)
    >>> said = Relation("china", "memberOf", "pct", Evidence(text, 0, 29), 0.9, "member-of")
    >>> x = Extraction(a, (Entity("china", "China", "Country"),
    ...                    Entity("pct", "Patent Cooperation Treaty", "Treaty")), (said,))
    >>> view = read_view(extractions_to_graph([x]))
    >>> [(n.label, n.cls) for n in view.nodes.values()]
    [('China', 'Country'), ('Patent Cooperation Treaty', 'Treaty')]
    >>> [(e.prop, e.articles) for e in view.edges]
    [('memberOf', ('doc-1',))]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.rdf.namespaces import IPO, IPR

#: Classes that are not entities of the picture.
_NOT_ENTITIES = {IPO.Statistic, IPO.Article}
_ARTICLE_PREFIX = str(IPR["article/"])
_MAX_EVIDENCE = 3


@dataclass
class Node:
    """One entity as a picture shows it."""

    iri: str
    label: str
    cls: str
    alt_labels: tuple[str, ...] = ()
    wikidata: str | None = None
    articles: tuple[str, ...] = ()


@dataclass
class Edge:
    """One relation triple between two entities, with what its sources say about it."""

    source: str
    prop: str
    target: str
    confidence: float | None = None  # None: a gazetteer fact, not read in a text
    articles: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass
class StatisticView:
    """One statistic, to be shown on its subject."""

    subject: str
    measure: str
    value: str
    unit: str
    date: str | None = None
    qualifier: str | None = None
    field: str | None = None
    article: str | None = None
    evidence: str | None = None


@dataclass
class ArticleView:
    """One article: its id, source and date."""

    id: str
    source: str | None = None
    date: str | None = None


@dataclass
class GraphView:
    """The digest of a kg graph that every drawing reads."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    statistics: list[StatisticView] = field(default_factory=list)
    articles: dict[str, ArticleView] = field(default_factory=dict)


def local_name(iri: object) -> str:
    """The part of an IRI after its namespace ('memberOf' for ipo:memberOf).

    Example:
        >>> local_name("https://w3id.org/ipkg/ontology#memberOf")
        'memberOf'
    """
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rstrip("/").rsplit("/", 1)[-1]


def article_id(iri: object) -> str:
    """An article's id from its IRI (ipr:article/<id>)."""
    text = str(iri)
    return text[len(_ARTICLE_PREFIX) :] if text.startswith(_ARTICLE_PREFIX) else text


def read_view(graph: Graph) -> GraphView:
    """Read the entities, relations, statistics and articles of a kg graph."""
    view = GraphView()
    _read_articles(graph, view)
    _read_nodes(graph, view)
    _read_edges(graph, view)
    _read_statistics(graph, view)
    return view


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _read_articles(graph: Graph, view: GraphView) -> None:
    for node in sorted(set(graph.subjects(RDF.type, IPO.Article)), key=str):
        ident = article_id(node)
        view.articles[ident] = ArticleView(
            ident,
            _text(graph.value(node, URIRef("http://purl.org/dc/terms/source"))),
            _text(graph.value(node, URIRef("http://purl.org/dc/terms/date"))),
        )


def _read_nodes(graph: Graph, view: GraphView) -> None:
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    mentioned_in: dict[str, set[str]] = defaultdict(set)
    for article, entity in graph.subject_objects(IPO.mentions):
        mentioned_in[str(entity)].add(article_id(article))
    for node, cls in sorted(graph.subject_objects(RDF.type), key=lambda pair: str(pair[0])):
        if (
            not isinstance(node, URIRef)
            or node in statements
            or cls in _NOT_ENTITIES
            or not str(cls).startswith(str(IPO))
        ):
            continue
        iri = str(node)
        if iri in view.nodes:  # two classes: keep the first (kg writes one)
            continue
        label = graph.value(node, RDFS.label)
        alts = sorted(str(a) for a in graph.objects(node, SKOS.altLabel))
        links = [*graph.objects(node, OWL.sameAs), *graph.objects(node, SKOS.closeMatch)]
        wikidata = next((str(x) for x in links if "wikidata.org" in str(x)), None)
        view.nodes[iri] = Node(
            iri,
            str(label) if label is not None else local_name(node),
            local_name(cls),
            tuple(alts),
            wikidata,
            tuple(sorted(mentioned_in.get(iri, ()))),
        )


def _read_edges(graph: Graph, view: GraphView) -> None:
    sources: dict[tuple[str, str, str], list[tuple[float | None, str | None, str | None]]] = (
        defaultdict(list)
    )
    for statement in graph.subjects(RDF.type, RDF.Statement):
        triple = tuple(
            str(graph.value(statement, p)) for p in (RDF.subject, RDF.predicate, RDF.object)
        )
        confidence = graph.value(statement, IPO.confidence)
        article = graph.value(statement, PROV.wasDerivedFrom)
        sources[triple].append(  # type: ignore[index]
            (
                float(confidence) if isinstance(confidence, Literal) else None,
                article_id(article) if article is not None else None,
                _text(graph.value(statement, IPO.evidence)),
            )
        )
    for s, p, o in sorted(graph.triples((None, None, None)), key=lambda t: tuple(map(str, t))):
        if str(s) not in view.nodes or str(o) not in view.nodes or not str(p).startswith(str(IPO)):
            continue
        seen = sources.get((str(s), str(p), str(o)), [])
        confidences = [c for c, _, _ in seen if c is not None]
        evidence = sorted({e for _, _, e in seen if e})[:_MAX_EVIDENCE]
        view.edges.append(
            Edge(
                str(s),
                local_name(p),
                str(o),
                max(confidences) if confidences else None,
                tuple(sorted({a for _, a, _ in seen if a})),
                tuple(evidence),
            )
        )


def _read_statistics(graph: Graph, view: GraphView) -> None:
    for node in sorted(graph.subjects(RDF.type, IPO.Statistic), key=str):
        subject = graph.value(node, IPO.subject)
        value = graph.value(node, IPO.value)
        if subject is None or value is None or str(subject) not in view.nodes:
            continue
        unit = graph.value(node, IPO.unit)
        field_node = graph.value(node, IPO.technologyField)
        article = graph.value(node, PROV.wasDerivedFrom)
        view.statistics.append(
            StatisticView(
                str(subject),
                _text(graph.value(node, IPO.measure)) or "",
                _plain_number(value),
                local_name(unit) if unit is not None else "",
                _text(graph.value(node, IPO.date)),
                _text(graph.value(node, IPO.qualifier)),
                view.nodes[str(field_node)].label if str(field_node) in view.nodes else None,
                article_id(article) if article is not None else None,
                _text(graph.value(node, IPO.evidence)),
            )
        )


def _plain_number(value: object) -> str:
    """'4015000' for 4015000.0, '2.9' for 2.9: the number as a reader writes it."""
    text = str(value)
    return text[:-2] if text.endswith(".0") else text
