"""The SHACL shapes (shapes/ipo-shapes.ttl) against the fixtures in tests/fixtures/shapes/.

Every node shape has a pair of fixtures named after it: ``<name>-ok.ttl`` is a small
but complete graph that must conform, and ``<name>-bad.ttl`` breaks the rules of that
shape and no other. For a bad fixture the test checks more than ``conforms=False``:
every result must come from that node shape (its property shapes or SPARQL
constraints, read from sh:sourceShape), and the set of (focus node, rule, sh:resultPath)
must be exactly the one listed in ``EXPECTED_BAD``.

Validation runs the way kg runs it: the core ontology as ``ont_graph`` (so
sh:targetClass and sh:class follow rdfs:subClassOf), no inference, advanced features on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.resources import load_ontology, load_shapes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"

IPO = Namespace("https://w3id.org/ipkg/ontology#")
IPSH = Namespace("https://w3id.org/ipkg/shapes#")
IPR = "https://w3id.org/ipkg/resource/"

# A result path: a predicate, ("^", predicate) for an inverse path, or None when the
# rule reports none.
PathKey = URIRef | tuple[str, URIRef] | None
# (focus node relative to ipr:, rule = local name of the property shape or SPARQL
# constraint, result path)
Expected = tuple[str, str, PathKey]

# Fixture stem -> the node shape it exercises.
SHAPE_OF_FIXTURE: dict[str, URIRef] = {
    "entity": IPSH.EntityShape,
    "agent": IPSH.AgentShape,
    "person": IPSH.PersonShape,
    "organization": IPSH.OrganizationShape,
    "government-agency": IPSH.GovernmentAgencyShape,
    "ip-office": IPSH.IPOfficeShape,
    "international-organization": IPSH.InternationalOrganizationShape,
    "company": IPSH.CompanyShape,
    "place": IPSH.PlaceShape,
    "country": IPSH.CountryShape,
    "region": IPSH.RegionShape,
    "city": IPSH.CityShape,
    "treaty": IPSH.TreatyShape,
    "agreement": IPSH.AgreementShape,
    "event": IPSH.EventShape,
    "index": IPSH.IndexShape,
    "technology-field": IPSH.TechnologyFieldShape,
    "initiative": IPSH.InitiativeShape,
    "statistic": IPSH.StatisticShape,
    "article": IPSH.ArticleShape,
    "statement": IPSH.StatementShape,
}

# Core class -> the node shape that targets it.
CORE_CLASSES: tuple[str, ...] = (
    "Agent",
    "Person",
    "Organization",
    "GovernmentAgency",
    "IPOffice",
    "InternationalOrganization",
    "Company",
    "Place",
    "Country",
    "Region",
    "City",
    "Treaty",
    "Agreement",
    "Event",
    "Index",
    "TechnologyField",
    "Initiative",
    "Statistic",
    "Article",
)

DOMAIN = "RelationDomain"

EXPECTED_BAD: dict[str, set[Expected]] = {
    "entity": {
        ("china", "Entity-label", RDFS.label),
        ("wipo", "Entity-label", RDFS.label),
        ("wipo", "Entity-sameAs", OWL.sameAs),
        ("patent-cooperation-treaty", "Entity-altLabel", SKOS.altLabel),
        ("new-energy-vehicles", "Entity-label", RDFS.label),
        ("belt-and-road-initiative", "Entity-singleCoreType", RDF.type),
    },
    "agent": {
        ("china", "Agent-memberOf", IPO.memberOf),
        ("china", "Agent-cooperatesWith", IPO.cooperatesWith),
        ("china", DOMAIN, IPO.organizedBy),
        ("uspto", "Agent-partyTo", IPO.partyTo),
        ("kipo", "Agent-participatedIn", IPO.participatedIn),
        ("ip5", "Agent-concrete", RDF.type),
    },
    "person": {
        ("wang-wenbin", "Person-spokespersonOf", IPO.spokespersonOf),
        ("wang-wenbin", "Person-country", IPO.country),
        ("daren-tang", "Person-headOf", IPO.headOf),
        ("sheng-li", "Person-affiliatedWith", IPO.affiliatedWith),
    },
    "organization": {
        ("global-times", "Organization-location", IPO.location),
        ("global-times", "Organization-country", IPO.country),
    },
    "government-agency": {
        ("chinese-foreign-ministry", "GovernmentAgency-country", IPO.country),
    },
    "ip-office": {
        ("cnipa", "IPOffice-memberOf", IPO.memberOf),
    },
    "international-organization": {
        ("wipo", "InternationalOrganization-country", IPO.country),
    },
    "company": {
        ("huawei", "Company-country", IPO.country),
    },
    "place": {
        ("chinese-mainland", "Place-partOfCycle", IPO.partOf),
        ("china", "Place-partOfCycle", IPO.partOf),
        ("asia", "Place-partOf", IPO.partOf),
        ("greater-bay-area", "Place-concrete", RDF.type),
    },
    "country": {
        ("china", "Country-country", IPO.country),
    },
    "region": {
        ("europe", DOMAIN, IPO.cooperatesWith),
        ("chinese-mainland", DOMAIN, IPO.memberOf),
    },
    "city": {
        ("shenzhen", "City-partOf", IPO.partOf),
        ("geneva", DOMAIN, IPO.location),
    },
    "treaty": {
        ("patent-cooperation-treaty", DOMAIN, IPO.memberOf),
        ("patent-cooperation-treaty", DOMAIN, IPO.location),
    },
    "agreement": {
        ("cnipa-uspto-mou", DOMAIN, IPO.partyTo),
        ("cnipa-uspto-mou", DOMAIN, IPO.location),
    },
    "event": {
        ("ip-cooperation-forum", "Event-organizedBy", IPO.organizedBy),
        ("ip-cooperation-forum", "Event-location", IPO.location),
        ("ip-cooperation-forum", DOMAIN, IPO.participatedIn),
    },
    "index": {
        ("global-innovation-index-2023", "Index-publishedBy", IPO.publishedBy),
        ("global-innovation-index-2023", DOMAIN, IPO.organizedBy),
    },
    "technology-field": {
        ("computer-technology", DOMAIN, IPO.partOf),
        ("computer-technology", "TechnologyField-usedBy", ("^", IPO.technologyField)),
    },
    "initiative": {
        ("belt-and-road-initiative", DOMAIN, IPO.organizedBy),
        ("belt-and-road-initiative", DOMAIN, IPO.location),
    },
    "statistic": {
        ("statistic/bad-1", "Statistic-value", IPO.value),
        ("statistic/bad-1", "Statistic-unit", IPO.unit),
        ("statistic/bad-2", "Statistic-rankValue", IPO.value),
        ("statistic/bad-2", "Statistic-index", IPO["index"]),
        ("statistic/bad-2", "Statistic-technologyField", IPO.technologyField),
        ("statistic/bad-3", "Statistic-countValue", IPO.value),
        ("statistic/bad-3", "Statistic-currencyUnit", IPO.currency),
        ("statistic/bad-3", "Statistic-announcedBy", IPO.announcedBy),
        ("statistic/bad-4", "Statistic-subject", IPO.subject),
        ("statistic/bad-4", "Statistic-date", IPO.date),
        ("statistic/bad-4", "Statistic-qualifier", IPO.qualifier),
        ("statistic/bad-4", "Statistic-evidence", IPO.evidence),
        ("statistic/bad-4", "Statistic-wasDerivedFrom", PROV.wasDerivedFrom),
        ("statistic/bad-5", "Statistic-value", IPO.value),
        ("statistic/bad-5", "Statistic-measure", IPO.measure),
        ("statistic/bad-5", "Statistic-currency", IPO.currency),
        ("statistic/bad-5", "Statistic-evidenceStart", IPO.evidenceStart),
    },
    "article": {
        ("article/seed-1", "Article-source", DCTERMS.source),
        ("article/seed-1", "Article-date", DCTERMS.date),
        ("article/seed-1", "Article-publishedBy", IPO.publishedBy),
        ("article/seed-1", "Article-contentHash", IPO.contentHash),
        ("article/seed-1", "Article-mentions", IPO.mentions),
        ("article/seed-2", "Article-source", DCTERMS.source),
        ("article/seed-2", "Article-contentHash", IPO.contentHash),
    },
    "statement": {
        ("statement/bad-1", "Statement-predicate", RDF.predicate),
        ("statement/bad-1", "Statement-asserted", None),
        ("statement/bad-2", "Statement-confidence", IPO.confidence),
        ("statement/bad-2", "Statement-evidence", IPO.evidence),
        ("statement/bad-3", "Statement-object", RDF.object),
        ("statement/bad-3", "Statement-wasDerivedFrom", PROV.wasDerivedFrom),
        ("statement/bad-3", "Statement-asserted", None),
        ("statement/bad-4", "Statement-wasDerivedFrom", PROV.wasDerivedFrom),
        ("statement/bad-4", "Statement-confidence", IPO.confidence),
        ("statement/bad-5", "Statement-asserted", None),
    },
}


@dataclass(frozen=True)
class Result:
    """One sh:ValidationResult, reduced to what the assertions compare."""

    focus: str
    rule: str
    path: PathKey
    owner: URIRef
    severity: Node | None
    message: str | None


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _load(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(FIXTURES / name, format="turtle")
    return graph


def _run(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph, str]:
    conforms, report, text = validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
    )
    assert isinstance(report, Graph)
    return bool(conforms), report, str(text)


def _local(node: Node, base: str) -> str:
    text = str(node)
    return text[len(base) :] if text.startswith(base) else text


def _path_key(report: Graph, path: Node | None) -> PathKey:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return path
    inverse = report.value(path, SH.inversePath)
    assert isinstance(inverse, URIRef), f"unexpected complex path {path!r}"
    return ("^", inverse)


def _owner(shapes: Graph, source_shape: Node) -> URIRef:
    """The node shape a result's sh:sourceShape belongs to."""
    if (source_shape, RDF.type, SH.NodeShape) in shapes:
        assert isinstance(source_shape, URIRef)
        return source_shape
    parents = [s for s in shapes.subjects(SH.property, source_shape) if isinstance(s, URIRef)]
    assert len(parents) == 1, f"{source_shape} belongs to {parents}"
    return parents[0]


def _results(report: Graph, shapes: Graph) -> list[Result]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        source_shape = report.value(node, SH.sourceShape)
        assert source_shape is not None
        constraint = report.value(node, SH.sourceConstraint)
        rule_node = constraint if constraint is not None else source_shape
        message = report.value(node, SH.resultMessage)
        results.append(
            Result(
                focus=_local(report.value(node, SH.focusNode), IPR),
                rule=_local(rule_node, str(IPSH)),
                path=_path_key(report, report.value(node, SH.resultPath)),
                owner=_owner(shapes, source_shape),
                severity=report.value(node, SH.resultSeverity),
                message=str(message) if message is not None else None,
            )
        )
    return results


def test_every_node_shape_has_a_fixture_pair(shapes: Graph) -> None:
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert node_shapes == set(SHAPE_OF_FIXTURE.values())
    for stem in SHAPE_OF_FIXTURE:
        assert (FIXTURES / f"{stem}-ok.ttl").is_file()
        assert (FIXTURES / f"{stem}-bad.ttl").is_file()
    assert set(EXPECTED_BAD) == set(SHAPE_OF_FIXTURE)


def test_every_core_class_has_its_shape(shapes: Graph) -> None:
    for name in CORE_CLASSES:
        shape = IPSH[f"{name}Shape"]
        assert (shape, RDF.type, SH.NodeShape) in shapes, name
        assert (shape, SH.targetClass, IPO[name]) in shapes, name
    assert (IPSH.StatementShape, SH.targetClass, RDF.Statement) in shapes


def test_every_rule_has_an_english_message(shapes: Graph) -> None:
    rules: set[Node] = set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
    assert rules
    for rule in rules:
        messages = [m for m in shapes.objects(rule, SH.message) if isinstance(m, Literal)]
        assert messages, f"{rule} has no sh:message"
        assert all(m.language == "en" and str(m).strip() for m in messages), rule


def test_shapes_use_only_terms_of_the_ontology(shapes: Graph, ontology: Graph) -> None:
    used = {
        term
        for triple in shapes
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(str(IPO))
    }
    assert used
    missing = {term for term in used if (term, RDF.type, None) not in ontology}
    assert not missing, f"shapes use ipo: terms the ontology does not define: {missing}"


@pytest.mark.parametrize("stem", sorted(SHAPE_OF_FIXTURE))
def test_ok_fixture_conforms(stem: str, shapes: Graph, ontology: Graph) -> None:
    conforms, _, text = _run(_load(f"{stem}-ok.ttl"), shapes, ontology)
    assert conforms, text


@pytest.mark.parametrize("stem", sorted(SHAPE_OF_FIXTURE))
def test_bad_fixture_breaks_exactly_its_shape(stem: str, shapes: Graph, ontology: Graph) -> None:
    conforms, report, text = _run(_load(f"{stem}-bad.ttl"), shapes, ontology)
    assert not conforms
    results = _results(report, shapes)
    assert results, text
    owners = {r.owner for r in results}
    assert owners == {SHAPE_OF_FIXTURE[stem]}, text
    found = {(r.focus, r.rule, r.path) for r in results}
    assert found == EXPECTED_BAD[stem], text
    for result in results:
        assert result.severity == SH.Violation
        assert result.message, f"{result.rule} reported without a message"


def test_ok_fixtures_merge_by_union(shapes: Graph, ontology: Graph) -> None:
    """Graphs built separately merge by plain union: all -ok fixtures together conform."""
    merged = _load(*(f"{stem}-ok.ttl" for stem in sorted(SHAPE_OF_FIXTURE)))
    conforms, _, text = _run(merged, shapes, ontology)
    assert conforms, text


def test_sh_class_needs_the_ontology(shapes: Graph) -> None:
    """Without ont_graph an IPOffice is not known to be an Organization: pass the ontology."""
    data = _load("person-ok.ttl")
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    assert not conforms
    assert isinstance(report, Graph)
    assert (None, SH.sourceShape, IPSH["Person-affiliatedWith"]) in report
