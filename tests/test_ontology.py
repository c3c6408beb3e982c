"""The ontology files: ontology/ipo.ttl (the core) and ontology/alignment-*.ttl.

The core must parse and declare every class, property and unit individual of the data
model (docs/data-model.md) with an English rdfs:label and rdfs:comment, the subclass
hierarchy as listed there, and the domains and ranges the contract gives. The alignment
files must parse, never use owl:equivalentClass (or any other OWL equivalence), and
only ever say things about ipo: terms that the core ontology defines.
"""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.resources import load_ontology, resource_dir

IPO = Namespace("https://w3id.org/ipkg/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/ipkg/ontology")
WD = Namespace("http://www.wikidata.org/entity/")
# An open Namespace rather than rdflib's XSD, whose attribute look-ups warn under pytest.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SCHEMA = Namespace("https://schema.org/")
DBO = Namespace("http://dbpedia.org/ontology/")

# Class -> its named superclasses, exactly as the data model lists them.
SUPERCLASSES: dict[str, set[URIRef]] = {
    "Agent": {PROV.Agent},
    "Person": {IPO.Agent},
    "Organization": {IPO.Agent},
    "GovernmentAgency": {IPO.Organization},
    "IPOffice": {IPO.GovernmentAgency},
    "InternationalOrganization": {IPO.Organization},
    "Company": {IPO.Organization},
    "Place": set(),
    "Country": {IPO.Place, IPO.Agent},
    "Region": {IPO.Place},
    "City": {IPO.Place},
    "Treaty": set(),
    "Agreement": set(),
    "Event": set(),
    "Index": set(),
    "TechnologyField": set(),
    "Initiative": set(),
    "Statistic": set(),
    "Article": {PROV.Entity},
    "Unit": set(),
}

UNITS: tuple[str, ...] = ("Count", "Percent", "Rank", "Money")

# A domain or range: a class, a union of classes, or None when the property has none.
ClassExpr = URIRef | frozenset[URIRef] | None

# Object property -> (domain, range).
OBJECT_PROPERTIES: dict[str, tuple[ClassExpr, ClassExpr]] = {
    "memberOf": (IPO.Agent, frozenset({IPO.Organization, IPO.Treaty})),
    "spokespersonOf": (IPO.Person, IPO.Organization),
    "headOf": (IPO.Person, IPO.Organization),
    "affiliatedWith": (IPO.Person, IPO.Organization),
    "cooperatesWith": (IPO.Agent, IPO.Agent),
    "partyTo": (IPO.Agent, IPO.Agreement),
    "participatedIn": (IPO.Agent, IPO.Event),
    "organizedBy": (IPO.Event, IPO.Agent),
    "location": (frozenset({IPO.Event, IPO.Organization}), IPO.Place),
    "publishedBy": (frozenset({IPO.Index, IPO.Article}), IPO.Organization),
    "country": (IPO.Agent, IPO.Country),
    "partOf": (IPO.Place, IPO.Place),
    "mentions": (IPO.Article, None),
    "subject": (IPO.Statistic, None),
    "unit": (IPO.Statistic, IPO.Unit),
    "technologyField": (IPO.Statistic, IPO.TechnologyField),
    "index": (IPO.Statistic, IPO.Index),
    "announcedBy": (IPO.Statistic, IPO.Agent),
}

# Datatype property -> (domain, range).
DATATYPE_PROPERTIES: dict[str, tuple[ClassExpr, URIRef]] = {
    "value": (IPO.Statistic, XSD.decimal),
    "measure": (IPO.Statistic, XSD.string),
    "date": (IPO.Statistic, RDFS.Literal),
    "qualifier": (IPO.Statistic, XSD.string),
    "currency": (IPO.Statistic, XSD.string),
    "evidence": (None, XSD.string),
    "evidenceStart": (None, XSD.integer),
    "evidenceEnd": (None, XSD.integer),
    "confidence": (RDF.Statement, XSD.decimal),
    "pattern": (None, XSD.string),
    "contentHash": (IPO.Article, XSD.string),
}

# The twelve relations between entities (the ones reified as rdf:Statement).
RELATIONS: tuple[str, ...] = (
    "memberOf",
    "spokespersonOf",
    "headOf",
    "affiliatedWith",
    "cooperatesWith",
    "partyTo",
    "participatedIn",
    "organizedBy",
    "location",
    "publishedBy",
    "country",
    "partOf",
)

ALIGNMENT_FILES: tuple[str, ...] = ("alignment-schema-dbpedia.ttl", "alignment-wikidata.ttl")

# Every link of alignment.md's "Class targets" / "Property targets" tables that has an
# ipo: subject (the table's "rank" row has none: the ontology has no rank property).
WIKIDATA_LINKS: set[tuple[URIRef, URIRef, URIRef]] = {
    (IPO.Country, SKOS.exactMatch, WD.Q6256),
    (IPO.Organization, SKOS.exactMatch, WD.Q43229),
    (IPO.GovernmentAgency, SKOS.exactMatch, WD.Q327333),
    (IPO.IPOffice, SKOS.exactMatch, WD.Q1148446),
    (IPO.InternationalOrganization, SKOS.exactMatch, WD.Q484652),
    (IPO.Company, SKOS.exactMatch, WD.Q4830453),
    (IPO.Person, SKOS.exactMatch, WD.Q5),
    (IPO.Treaty, SKOS.exactMatch, WD.Q131569),
    (IPO.memberOf, SKOS.exactMatch, WD.P463),
    (IPO.publishedBy, SKOS.exactMatch, WD.P123),
    (IPO.country, SKOS.exactMatch, WD.P17),
    (IPO.partyTo, SKOS.closeMatch, WD.P6193),
    (IPO.partyTo, SKOS.closeMatch, WD.P1891),
    (IPO.date, SKOS.exactMatch, WD.P585),
    (IPO.value, SKOS.closeMatch, WD.P1114),
}

SCHEMA_LINKS: set[tuple[URIRef, URIRef, URIRef]] = {
    (IPO.Country, RDFS.subClassOf, SCHEMA.Country),
    (IPO.Country, RDFS.subClassOf, DBO.Country),
    (IPO.Organization, RDFS.subClassOf, SCHEMA.Organization),
    (IPO.Organization, RDFS.subClassOf, DBO.Organisation),
    (IPO.GovernmentAgency, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
    (IPO.GovernmentAgency, RDFS.subClassOf, DBO.GovernmentAgency),
    (IPO.InternationalOrganization, RDFS.subClassOf, SCHEMA.Organization),
    (IPO.Company, RDFS.subClassOf, SCHEMA.Corporation),
    (IPO.Person, RDFS.subClassOf, SCHEMA.Person),
    (IPO.Person, RDFS.subClassOf, DBO.Person),
    (IPO.Treaty, RDFS.subClassOf, DBO.Treaty),
    (IPO.Statistic, RDFS.subClassOf, URIRef("http://purl.org/linked-data/cube#Observation")),
    (IPO.Statistic, RDFS.subClassOf, SCHEMA.Observation),
    (IPO.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (IPO.Article, RDFS.subClassOf, PROV.Entity),
    (IPO.Index, RDFS.subClassOf, SCHEMA.Dataset),
    (IPO.memberOf, RDFS.subPropertyOf, SCHEMA.memberOf),
    (IPO.memberOf, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#memberOf")),
    (IPO.publishedBy, RDFS.subPropertyOf, SCHEMA.publisher),
    (IPO.publishedBy, RDFS.subPropertyOf, URIRef("http://purl.org/dc/terms/publisher")),
    (IPO.country, RDFS.subPropertyOf, DBO.country),
    (
        IPO.date,
        RDFS.subPropertyOf,
        URIRef("http://purl.org/linked-data/sdmx/2009/dimension#refPeriod"),
    ),
    (
        IPO.value,
        RDFS.subPropertyOf,
        URIRef("http://purl.org/linked-data/sdmx/2009/measure#obsValue"),
    ),
    (IPO.value, RDFS.subPropertyOf, SCHEMA.value),
    (IPO.announcedBy, RDFS.subPropertyOf, PROV.wasAttributedTo),
}

OWL_EQUIVALENCES: tuple[URIRef, ...] = (
    OWL.equivalentClass,
    OWL.equivalentProperty,
    OWL.sameAs,
)


@pytest.fixture(scope="module")
def core() -> Graph:
    return load_ontology()


def _alignment(name: str) -> Graph:
    return Graph().parse(resource_dir("ontology") / name, format="turtle")


def _english(graph: Graph, subject: Node, predicate: URIRef) -> list[Literal]:
    return [
        o
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "en" and str(o).strip()
    ]


def _class_expr(graph: Graph, node: Node | None) -> ClassExpr:
    if node is None or isinstance(node, URIRef):
        return node
    assert isinstance(node, BNode)
    members = graph.value(node, OWL.unionOf)
    assert members is not None, "a blank-node domain or range must be an owl:unionOf"
    items = list(Collection(graph, members))
    assert all(isinstance(i, URIRef) for i in items)
    return frozenset(i for i in items if isinstance(i, URIRef))


def test_core_file_parses_on_its_own() -> None:
    path = resource_dir("ontology") / "ipo.ttl"
    graph = Graph().parse(path, format="turtle")
    assert len(graph) > 100


def test_ontology_header(core: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in core
    assert _english(core, ONTOLOGY_IRI, RDFS.label)
    assert _english(core, ONTOLOGY_IRI, RDFS.comment)
    assert core.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")


@pytest.mark.parametrize("name", sorted(SUPERCLASSES))
def test_class_is_declared_and_documented(core: Graph, name: str) -> None:
    cls = IPO[name]
    assert (cls, RDF.type, OWL.Class) in core
    assert _english(core, cls, RDFS.label), f"{name} has no English rdfs:label"
    assert _english(core, cls, RDFS.comment), f"{name} has no English rdfs:comment"


@pytest.mark.parametrize("name", sorted(SUPERCLASSES))
def test_subclass_hierarchy(core: Graph, name: str) -> None:
    parents = {p for p in core.objects(IPO[name], RDFS.subClassOf) if isinstance(p, URIRef)}
    assert parents == SUPERCLASSES[name]


def test_subclass_closure_examples(core: Graph) -> None:
    def ancestors(cls: URIRef) -> set[Node]:
        return set(core.transitive_objects(cls, RDFS.subClassOf)) - {cls}

    assert ancestors(IPO.IPOffice) == {
        IPO.GovernmentAgency,
        IPO.Organization,
        IPO.Agent,
        PROV.Agent,
    }
    assert ancestors(IPO.Country) == {IPO.Place, IPO.Agent, PROV.Agent}


@pytest.mark.parametrize("name", UNITS)
def test_unit_individuals(core: Graph, name: str) -> None:
    unit = IPO[name]
    assert (unit, RDF.type, IPO.Unit) in core
    assert (unit, RDF.type, OWL.NamedIndividual) in core
    assert _english(core, unit, RDFS.label)
    assert _english(core, unit, RDFS.comment)


def test_unit_class_has_exactly_the_four_units(core: Graph) -> None:
    assert set(core.subjects(RDF.type, IPO.Unit)) == {IPO[name] for name in UNITS}


@pytest.mark.parametrize("name", sorted(OBJECT_PROPERTIES))
def test_object_property(core: Graph, name: str) -> None:
    prop = IPO[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in core
    assert _english(core, prop, RDFS.label), f"{name} has no English rdfs:label"
    assert _english(core, prop, RDFS.comment), f"{name} has no English rdfs:comment"
    domain, range_ = OBJECT_PROPERTIES[name]
    assert _class_expr(core, core.value(prop, RDFS.domain)) == domain
    assert _class_expr(core, core.value(prop, RDFS.range)) == range_


@pytest.mark.parametrize("name", sorted(DATATYPE_PROPERTIES))
def test_datatype_property(core: Graph, name: str) -> None:
    prop = IPO[name]
    assert (prop, RDF.type, OWL.DatatypeProperty) in core
    assert _english(core, prop, RDFS.label), f"{name} has no English rdfs:label"
    assert _english(core, prop, RDFS.comment), f"{name} has no English rdfs:comment"
    domain, range_ = DATATYPE_PROPERTIES[name]
    assert _class_expr(core, core.value(prop, RDFS.domain)) == domain
    assert core.value(prop, RDFS.range) == range_


def test_properties_have_one_domain_and_range_at_most(core: Graph) -> None:
    for name in [*OBJECT_PROPERTIES, *DATATYPE_PROPERTIES]:
        assert len(list(core.objects(IPO[name], RDFS.domain))) <= 1, name
        assert len(list(core.objects(IPO[name], RDFS.range))) <= 1, name


def test_cooperates_with_is_symmetric(core: Graph) -> None:
    assert (IPO.cooperatesWith, RDF.type, OWL.SymmetricProperty) in core
    symmetric = set(core.subjects(RDF.type, OWL.SymmetricProperty))
    assert symmetric == {IPO.cooperatesWith}


def test_relations_are_object_properties(core: Graph) -> None:
    for name in RELATIONS:
        assert (IPO[name], RDF.type, OWL.ObjectProperty) in core, name


def test_no_undeclared_or_undocumented_ipo_terms(core: Graph) -> None:
    """Every ipo: IRI in the file is declared, labelled and commented (catches typos)."""
    expected = (
        {IPO[n] for n in SUPERCLASSES}
        | {IPO[n] for n in UNITS}
        | {IPO[n] for n in OBJECT_PROPERTIES}
        | {IPO[n] for n in DATATYPE_PROPERTIES}
    )
    used = {
        term
        for triple in core
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(str(IPO))
    }
    assert used == expected
    for term in used:
        assert _english(core, term, RDFS.label), term
        assert _english(core, term, RDFS.comment), term


def test_core_has_no_outside_alignment(core: Graph) -> None:
    """Links to outside vocabularies live in the alignment files, not in ipo.ttl."""
    for predicate in (*OWL_EQUIVALENCES, SKOS.exactMatch, SKOS.closeMatch):
        assert not list(core.triples((None, predicate, None))), predicate
    allowed_outside_parents = {PROV.Agent, PROV.Entity}
    for _, parent in core.subject_objects(RDFS.subClassOf):
        if isinstance(parent, URIRef) and not str(parent).startswith(str(IPO)):
            assert parent in allowed_outside_parents, parent


def test_load_ontology_without_alignments_is_the_core(core: Graph) -> None:
    assert not list(core.triples((None, SKOS.exactMatch, None)))
    with_alignments = load_ontology(with_alignments=True)
    assert (IPO.Person, SKOS.exactMatch, WD.Q5) in with_alignments
    assert len(with_alignments) > len(core)


@pytest.mark.parametrize("name", ALIGNMENT_FILES)
def test_alignment_parses_and_has_no_owl_equivalence(name: str) -> None:
    graph = _alignment(name)
    assert len(graph) > 0
    for predicate in OWL_EQUIVALENCES:
        assert not list(graph.triples((None, predicate, None))), f"{name} uses {predicate}"


@pytest.mark.parametrize("name", ALIGNMENT_FILES)
def test_alignment_subjects_are_core_terms(core: Graph, name: str) -> None:
    graph = _alignment(name)
    for subject in set(graph.subjects()):
        assert isinstance(subject, URIRef), f"{name}: blank-node subject"
        assert str(subject).startswith(str(IPO)), f"{name}: {subject} is not an ipo: term"
        assert (subject, RDF.type, None) in core, f"{name}: {subject} is not in ipo.ttl"


@pytest.mark.parametrize("name", ALIGNMENT_FILES)
def test_alignment_objects_are_outside_iris(name: str) -> None:
    graph = _alignment(name)
    for obj in graph.objects():
        assert isinstance(obj, URIRef), f"{name}: {obj!r} is not an IRI"
        assert not str(obj).startswith(str(IPO)), f"{name}: {obj} is an ipo: term"


def test_wikidata_alignment_is_exactly_the_table() -> None:
    graph = _alignment("alignment-wikidata.ttl")
    assert set(graph) == WIKIDATA_LINKS
    for _, _, obj in graph:
        assert str(obj).startswith(str(WD))


def test_schema_alignment_covers_the_table() -> None:
    graph = _alignment("alignment-schema-dbpedia.ttl")
    triples = set(graph)
    assert triples >= SCHEMA_LINKS
    allowed = {RDFS.subClassOf, RDFS.subPropertyOf, SKOS.narrowMatch}
    assert {p for _, p, _ in triples} <= allowed
    # Anything beyond the subclass/subproperty rows is the documented SKOS mapping
    # of ipo:subject to sdmx-dimension:refArea (places only, so not a subproperty).
    refarea = URIRef("http://purl.org/linked-data/sdmx/2009/dimension#refArea")
    assert triples - SCHEMA_LINKS == {(IPO.subject, SKOS.narrowMatch, refarea)}
    # schema.org in its https form (rdflib's SDO), as alignment.md prescribes.
    assert not any(str(o).startswith("http://schema.org/") for o in graph.objects())


def test_extractor_domains_agree_with_the_ontology() -> None:
    """The extractor's table of domains and ranges never admits what the ontology forbids."""
    from rdflib.collection import Collection

    from kg.extract.article import DOMAIN_RANGE
    from kg.records import is_subclass

    graph = load_ontology()

    def classes(node: object) -> list[str]:
        union = graph.value(node, OWL.unionOf)  # type: ignore[arg-type]
        members = list(Collection(graph, union)) if union is not None else [node]
        return [str(m).rsplit("#", 1)[-1] for m in members]

    for prop, (domain, range_) in DOMAIN_RANGE.items():
        allowed_domain = classes(graph.value(IPO[prop], RDFS.domain))
        allowed_range = classes(graph.value(IPO[prop], RDFS.range))
        for cls in domain:
            assert any(is_subclass(cls, a) for a in allowed_domain), (prop, cls, allowed_domain)
        for cls in range_:
            assert any(is_subclass(cls, a) for a in allowed_range), (prop, cls, allowed_range)
