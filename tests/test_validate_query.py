"""Validation of built graphs and SPARQL over them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDF

from kg.build import build_graph
from kg.errors import FormatError, QueryError
from kg.rdf.namespaces import IPO
from kg.sparql import format_result, run_query
from kg.validation import validate_graph

TEXT = (
    "date 2024-01-25\nChinese Foreign Ministry spokesperson Wang Wenbin said on Thursday that "
    "China ranked 12th on the Global Innovation Index 2023 of the World Intellectual Property "
    "Organization. The China National Intellectual Property Administration announced that China "
    "had more than 4 million invention patents in force as of the end of 2023."
)


@pytest.fixture(scope="module")
def built():
    return build_graph(texts=[TEXT])


def test_built_graph_conforms(built) -> None:
    report = validate_graph(built.graph)
    assert report.conforms, report.text


def test_violation_names_the_sentence_that_produced_the_node(built) -> None:
    graph = built.graph
    broken = type(graph)()
    broken += graph
    stat = next(broken.subjects(RDF.type, IPO.Statistic))
    broken.add((stat, IPO.value, Literal("another value")))
    report = validate_graph(broken)
    assert not report.conforms
    hit = [v for v in report.violations if v.path == "ipo:value"]
    assert hit and hit[0].evidence and "Global Innovation Index" in hit[0].evidence + TEXT
    assert "ipo:value" in hit[0].describe()


def test_query_with_predeclared_prefixes(built) -> None:
    result = run_query(
        built.graph,
        "SELECT ?label ?v WHERE { ?s a ipo:Statistic ; ipo:subject/rdfs:label ?label ; "
        "ipo:unit ipo:Rank ; ipo:value ?v }",
    )
    assert [(str(r[0]), float(r[1])) for r in result.rows] == [("China", 12.0)]


def test_result_formats(built) -> None:
    result = run_query(built.graph, "SELECT ?p WHERE { ?p ipo:spokespersonOf ?o }")
    table = format_result(result, "table")
    assert "ipr:wang-wenbin" in table and "(1 row)" in table
    assert format_result(result, "csv").splitlines()[0] == "p"
    data = json.loads(format_result(result, "json"))
    assert data["results"]["bindings"][0]["p"]["type"] == "uri"
    with pytest.raises(FormatError):
        format_result(result, "yaml")


def test_ask_and_construct(built) -> None:
    assert run_query(built.graph, "ASK { ?s ipo:spokespersonOf ?o }").boolean is True
    constructed = run_query(
        built.graph, "CONSTRUCT { ?s ipo:headOf ?o } WHERE { ?s ipo:spokespersonOf ?o }"
    )
    assert constructed.graph is not None and len(constructed.graph) == 1


def test_syntax_error_is_a_query_error(built) -> None:
    with pytest.raises(QueryError, match="syntax error"):
        run_query(built.graph, "SELEC ?x WHERE { ?x ?y }")


def test_example_queries_answer_on_the_examples(examples_built) -> None:
    queries = sorted((Path(__file__).parent.parent / "examples" / "queries").glob("*.rq"))
    assert len(queries) >= 4
    answered = {
        q.name: len(run_query(examples_built.graph, q.read_text(encoding="utf-8")).rows)
        for q in queries
    }
    for name in (
        "statistics_by_country.rq",
        "spokespersons.rq",
        "treaty_members.rq",
        "office_announcements.rq",
    ):
        assert answered[name] > 0, answered


def test_public_api_functions_stay_functions(built) -> None:
    """Importing kg's modules must not shadow kg.query / kg.validate / kg.evaluate."""
    import kg
    import kg.scoring
    import kg.sparql
    import kg.validation

    for _ in range(2):
        assert kg.query(built.graph, "ASK { ?s ?p ?o }").boolean is True
        assert kg.validate(built.graph).conforms
    assert callable(kg.evaluate)
