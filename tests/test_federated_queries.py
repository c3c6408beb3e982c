"""The federated example queries (examples/queries/federated/*.rq): parsed, never run.

Each query joins kg's graph with a public endpoint through SERVICE, so running it needs
the network; these tests only parse it, with rdflib (prepareQuery) and with Oxigraph
(Store.query parses at once but evaluates lazily: the result is never iterated, so no
SERVICE call is made). They also check the header comment that says the query needs the
network, that the SERVICE clause is one rdflib can send, that the kg side uses only
terms the ontology defines, and that the outside side uses only IRIs docs/alignment.md
lists.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import URIRef
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.resources import gazetteer_dir, load_ontology
from kg.slug import slugify

FEDERATED = Path(__file__).resolve().parent.parent / "examples" / "queries" / "federated"
QUERIES = sorted(FEDERATED.glob("*.rq"))

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
EPO_ENDPOINT = "https://data.epo.org/linked-data/query"
ENDPOINTS = {WIKIDATA_ENDPOINT, EPO_ENDPOINT}

IPO = "https://w3id.org/ipkg/ontology#"
IPR = "https://w3id.org/ipkg/resource/"
WDT = "http://www.wikidata.org/prop/direct/"
WD = "http://www.wikidata.org/entity/"
ST3 = "http://data.epo.org/linked-data/id/st3/"
# Wikidata properties the queries may use: ISO 3166-1 alpha-2, population, and those
# docs/alignment.md lists (member of, publisher, country, ratified by, signatory,
# point in time, quantity, ranking).
WIKIDATA_PROPERTIES = {f"P{n}" for n in (297, 1082, 463, 123, 17, 6193, 1891, 585, 1114, 1352)}
# alignment.md has seen only the EP office IRI of the st3 pattern.
VERIFIED_ST3 = {ST3 + "EP"}
# rdflib sends a SERVICE block only when its text has this shape (no SILENT, a full IRI).
RDFLIB_SERVICE = re.compile(r"^service <(.*)>[ \n]*{(.*)}[ \n]*$", re.DOTALL | re.IGNORECASE)


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


def _walk(node: object) -> Iterator[object]:
    yield node
    if isinstance(node, dict):  # CompValue is an OrderedDict
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple | set):
        for value in node:
            yield from _walk(value)


def _services(algebra: object) -> list[CompValue]:
    return [
        n for n in _walk(algebra) if isinstance(n, CompValue) and n.name == "ServiceGraphPattern"
    ]


def _iris(algebra: object) -> set[str]:
    return {str(n) for n in _walk(algebra) if isinstance(n, URIRef)}


def test_there_are_federated_queries_and_a_readme() -> None:
    assert len(QUERIES) >= 3
    readme = (FEDERATED / "README.md").read_text(encoding="utf-8")
    assert "need the network" in readme.lower()
    for path in QUERIES:
        assert path.name in readme, f"{path.name} is not described in README.md"


def test_top_level_query_folder_does_not_pick_them_up() -> None:
    """The tests that run examples/queries/*.rq offline must not see the federated ones."""
    top = {p.name for p in (FEDERATED.parent).glob("*.rq")}
    assert not top & {p.name for p in QUERIES}


@pytest.mark.parametrize("path", QUERIES, ids=[p.name for p in QUERIES])
def test_header_says_it_needs_the_network(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = _header(text)
    assert "NEEDS THE NETWORK" in header
    services = set(re.findall(r"SERVICE\s+<([^>]+)>", text))
    assert services, "no SERVICE clause"
    assert services <= ENDPOINTS
    for endpoint in services:
        assert endpoint in header, f"the header does not name {endpoint}"


@pytest.mark.parametrize("path", QUERIES, ids=[p.name for p in QUERIES])
def test_parses_with_rdflib_and_its_service_can_be_sent(path: Path) -> None:
    query = prepareQuery(path.read_text(encoding="utf-8"))
    services = _services(query.algebra)
    assert services, "no SERVICE in the algebra"
    for service in services:
        assert str(service.term) in ENDPOINTS
        match = RDFLIB_SERVICE.match(service.get("service_string", ""))
        assert match is not None, "rdflib would skip this SERVICE block (SILENT? prefixed IRI?)"
        assert match.group(1) == str(service.term)


@pytest.mark.parametrize("path", QUERIES, ids=[p.name for p in QUERIES])
def test_parses_with_pyoxigraph_without_running(path: Path) -> None:
    store = pyoxigraph.Store()
    result = store.query(path.read_text(encoding="utf-8"))  # parsed now, evaluated lazily
    assert isinstance(result, pyoxigraph.QuerySolutions)  # SELECT; never iterated
    del result


@pytest.mark.parametrize("path", QUERIES, ids=[p.name for p in QUERIES])
def test_kg_side_uses_defined_terms_and_minted_iris(path: Path) -> None:
    query = prepareQuery(path.read_text(encoding="utf-8"))
    ontology = load_ontology()
    iris = _iris(query.algebra)
    for iri in sorted(i for i in iris if i.startswith(IPO)):
        assert (URIRef(iri), RDF.type, None) in ontology, f"{iri} is not defined in ipo.ttl"
    with (gazetteer_dir() / "ip_offices.tsv").open(encoding="utf-8") as handle:
        offices = {IPR + slugify(row["name"]) for row in csv.DictReader(handle, delimiter="\t")}
    for iri in sorted(i for i in iris if i.startswith(IPR)):
        assert iri in offices, f"{iri} is not an IRI kg mints for a gazetteer office"


@pytest.mark.parametrize("path", QUERIES, ids=[p.name for p in QUERIES])
def test_outside_side_uses_only_listed_iris(path: Path) -> None:
    iris = _iris(prepareQuery(path.read_text(encoding="utf-8")).algebra)
    for iri in iris:
        if iri.startswith(WDT):
            assert iri.removeprefix(WDT) in WIKIDATA_PROPERTIES, iri
        if iri.startswith(WD):
            pytest.fail(f"{iri}: the queries reach Wikidata items through kg's links only")
        if iri.startswith(ST3):
            assert iri in VERIFIED_ST3, f"{iri}: only the EP office IRI is verified"
