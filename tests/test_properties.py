"""Property-based tests (hypothesis) on ingest, extraction and RDF mapping: no exception
but InputError for any text; every graph parses with rdflib and pyoxigraph; every minted
IRI is valid; every literal round-trips; the same input gives byte-identical output."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.extract.article import extract_article
from kg.ingest import article_from_text
from kg.nlp.run import parse_article
from kg.rdf.io import serialize
from kg.rdf.mapping import extractions_to_graph
from kg.records import Article, Entity, Evidence, Extraction, Relation, Statistic
from kg.slug import slugify
from kg.textsafe import safe_text

SLOW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_FRAGMENTS = [
    "The China National Intellectual Property Administration (CNIPA)",
    "CNIPA",
    "WIPO",
    "the Office",
    "China",
    "Chinese applicants",
    "Japan's JPO",
    "the country",
    "it",
    "granted",
    "announced",
    "reported",
    "ranked",
    "is a member of the PCT",
    "signed an MoU with",
    "921,000",
    "4.015 million",
    "about 12,000",
    "more than 70,000",
    "12th",
    "No. 3",
    "up 2.9% year on year",
    "a decline of 4%",
    "in 2023",
    "last year",
    "as of the end of June",
    "in fiscal 2022",
    "Director General Daren Tang",
    "said",
    ".",
    ",",
    ";",
    "(",
    ")",
    '"',
    "'",
    "<b>",
    "&amp;",
    "\n\n",
    "date 2024-01-25\n",
    "GENEVA, May 2 (Reuters) -",
    "—",
    "Top 10",
    "the 16th meeting",
    "patents",
    "trademarks",
    "in Beijing",
    "the Global Innovation Index 2023",
    "Co., Ltd.",
    "Inc.",
    "0",
    "-1",
    "1e9",
    "¥",
    "€5 billion",
]
#: Texts that look like IP news, cut and joined at random, with odd characters between.
newsy = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=6)), min_size=1, max_size=40
).map(" ".join)
#: Any text at all (surrogates excluded: they cannot reach kg from a decoded file).
anything = st.text(max_size=400)


def _extract(text: str) -> Extraction | None:
    try:
        article = article_from_text(text, "prop.txt", "prop")
    except InputError:
        return None
    return extract_article(article, parse_article(article))


def _check_graph(graph: Graph) -> None:
    """Both parsers read it; IRIs are valid; literals round-trip through each format."""
    nt = serialize(graph, "nt")
    assert isomorphic(Graph().parse(data=nt.decode("utf-8"), format="nt"), graph)
    assert len(list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))) == len(graph)
    for term in {t for triple in graph for t in triple}:
        if isinstance(term, URIRef):
            ox.NamedNode(str(term))  # raises ValueError for an invalid IRI
        assert not isinstance(term, BNode)
    literals = {t for t in graph.objects() if isinstance(t, Literal)}
    assert not any(t.ill_typed for t in literals)  # "2023-06"^^xsd:date would be
    for fmt, oxformat in (
        ("turtle", ox.RdfFormat.TURTLE),
        ("xml", ox.RdfFormat.RDF_XML),
        ("json-ld", ox.RdfFormat.JSON_LD),
    ):
        data = serialize(graph, fmt)
        back = Graph().parse(data=data.decode("utf-8"), format=fmt)
        assert {t for t in back.objects() if isinstance(t, Literal)} == literals, fmt
        assert len(list(ox.parse(data, format=oxformat))) == len(graph), fmt


@SLOW
@given(text=st.one_of(newsy, anything))
def test_any_text_gives_a_valid_graph_or_an_input_error(text: str) -> None:
    extraction = _extract(text)
    if extraction is None:
        return
    article = extraction.article
    assert len(article.prose) == len(article.text)  # offsets hold
    for fact in (*extraction.statistics, *extraction.relations):
        evidence = fact.evidence
        assert article.text[evidence.start : evidence.end] == evidence.text
    _check_graph(extractions_to_graph([extraction]))


@SLOW
@given(text=newsy)
def test_the_same_text_gives_byte_identical_output(text: str) -> None:
    first, second = _extract(text), _extract(text)
    if first is None:
        assert second is None
        return
    assert serialize(extractions_to_graph([first]), "nt") == serialize(
        extractions_to_graph([second]), "nt"
    )
    assert serialize(extractions_to_graph([first]), "turtle") == serialize(
        extractions_to_graph([second]), "turtle"
    )


names = st.text(min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=300, deadline=None)
@given(
    label=names,
    other=names,
    evidence=st.text(min_size=1, max_size=200),
    value=st.decimals(allow_nan=False, allow_infinity=False, places=3),
    date=st.one_of(st.none(), st.sampled_from(["2023", "2023-06-30"])),
)
def test_mapping_mints_valid_iris_and_keeps_every_literal(
    label: str, other: str, evidence: str, value: Decimal, date: str | None
) -> None:
    key, other_key = slugify(label) or "x", slugify(other) or "y"
    text = evidence
    article = Article("a-" + key[:20], "<prop>", text, "0" * 64, date="2024-01-25")
    ev = Evidence(text, 0, len(text))
    entities = (Entity(key, label, "Company"), Entity(other_key, other, "Country"))
    relation = Relation(key, "country", other_key, ev, 0.8, "prop")
    statistic = Statistic(key, value, "patents granted", "Count", ev, "prop", date=date)
    graph = extractions_to_graph(
        [Extraction(article, entities, (relation,) if key != other_key else (), (statistic,))]
    )
    _check_graph(graph)
    labels = {str(o) for o in graph.objects() if isinstance(o, Literal)}
    assert safe_text(label) in labels  # control characters become spaces, one for one
