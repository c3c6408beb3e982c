"""RDF mapping: the data-model contract, determinism, merging, formats and atomic writes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import FormatError, GraphLoadError
from kg.rdf.io import atomic_write_bytes, load_graph, serialize, write_graph
from kg.rdf.mapping import extractions_to_dataset, extractions_to_graph, merge_entities
from kg.rdf.namespaces import IPO, IPR, WD
from kg.records import Article, Entity, Evidence, Extraction, Relation, Statistic

EVIDENCE = Evidence("China ranked 12th on the Global Innovation Index 2023.", 10, 64)


def sample(article_id: str = "doc-1", label: str = "Wang Wenbin") -> Extraction:
    article = Article(article_id, f"{article_id}.txt", "x" * 80, "a" * 64, date="2024-01-25")
    return Extraction(
        article=article,
        entities=(
            Entity("china", "China", "Country", wikidata="Q148"),
            Entity("wang-wenbin", label, "Person", alt_labels=("Wang",)),
            Entity("chinese-foreign-ministry", "Chinese Foreign Ministry", "GovernmentAgency"),
            Entity("global-innovation-index-2023", "Global Innovation Index 2023", "Index"),
            Entity("global-times", "Global Times", "Organization", mentioned=False),
        ),
        relations=(
            Relation(
                "wang-wenbin", "spokespersonOf", "chinese-foreign-ministry", EVIDENCE, 0.9, "r"
            ),
        ),
        statistics=(
            Statistic(
                "china",
                Decimal(12),
                "rank",
                "Rank",
                EVIDENCE,
                "rank-ordinal",
                date="2023",
                index="global-innovation-index-2023",
            ),
        ),
        publisher="global-times",
    )


def test_contract_triples() -> None:
    g = extractions_to_graph([sample()])
    china, doc = IPR["china"], IPR["article/doc-1"]
    assert (china, RDF.type, IPO.Country) in g
    assert (china, RDFS.label, Literal("China")) in g
    assert (china, OWL.sameAs, WD["Q148"]) in g  # on the curated allowlist
    assert (IPR["wang-wenbin"], SKOS.altLabel, Literal("Wang")) in g
    assert (doc, DCTERMS.date, Literal("2024-01-25", datatype=XSD.date)) in g
    assert (doc, IPO.publishedBy, IPR["global-times"]) in g
    assert (doc, IPO.mentions, china) in g
    assert (doc, IPO.mentions, IPR["global-times"]) not in g  # not mentioned in the text
    stat = next(g.subjects(RDF.type, IPO.Statistic))
    assert g.value(stat, IPO.value) == Literal("12.0", datatype=XSD.decimal)
    assert g.value(stat, IPO.unit) == IPO.Rank
    assert g.value(stat, IPO["index"]) == IPR["global-innovation-index-2023"]
    assert g.value(stat, IPO.date) == Literal("2023", datatype=XSD.gYear)
    assert g.value(stat, PROV.wasDerivedFrom) == doc
    assert str(g.value(stat, IPO.evidence)) == EVIDENCE.text
    statement = next(g.subjects(RDF.type, RDF.Statement))
    assert g.value(statement, RDF.predicate) == IPO.spokespersonOf
    assert (IPR["wang-wenbin"], IPO.spokespersonOf, IPR["chinese-foreign-ministry"]) in g
    assert 0 <= float(g.value(statement, IPO.confidence)) <= 1


def test_non_allowlisted_wikidata_is_a_close_match() -> None:
    extraction = sample()
    extraction = Extraction(
        extraction.article, (Entity("japan", "Japan", "Country", wikidata="Q17"),)
    )
    g = extractions_to_graph([extraction])
    assert (IPR["japan"], SKOS.closeMatch, WD["Q17"]) in g
    assert (IPR["japan"], OWL.sameAs, None) not in g


def test_same_input_gives_byte_identical_turtle() -> None:
    first = serialize(extractions_to_graph([sample()]), "turtle")
    second = serialize(extractions_to_graph([sample()]), "turtle")
    assert first == second


def test_merge_keeps_one_label_per_entity() -> None:
    merged = merge_entities([sample("a", "Wang Wenbin"), sample("b", "Wang  Wenbin"), sample("c")])
    assert merged["wang-wenbin"].label == "Wang Wenbin"
    assert "Wang  Wenbin" in merged["wang-wenbin"].alt_labels
    g = extractions_to_graph([sample("a"), sample("b")])
    assert len(list(g.objects(IPR["wang-wenbin"], RDFS.label))) == 1


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "trig", "xml"])
def test_every_format_round_trips(tmp_path: Path, fmt: str) -> None:
    g = extractions_to_graph([sample()])
    path = tmp_path / f"graph.{fmt}"
    write_graph(g, path, fmt)
    again = load_graph(path, fmt)
    assert isomorphic(g, again)


def test_trig_has_a_named_graph_per_article(tmp_path: Path) -> None:
    dataset = extractions_to_dataset([sample("a"), sample("b")])
    path = tmp_path / "graph.trig"
    atomic_write_bytes(path, serialize(dataset, "trig"))
    again = Dataset()
    again.parse(path, format="trig")
    names = {str(g.identifier) for g in again.graphs() if len(g)}
    assert {str(IPR["graph/a"]), str(IPR["graph/b"])} <= names
    assert isomorphic(load_graph(path), extractions_to_graph([sample("a"), sample("b")]))


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(FormatError, match="known formats: jsonld, nt, trig, turtle, xml"):
        serialize(Graph(), "yaml")


def test_unreadable_graph_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(GraphLoadError, match="cannot parse"):
        load_graph(bad)
    with pytest.raises(GraphLoadError, match="no such graph file"):
        load_graph(tmp_path / "missing.ttl")


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")

    class Boom:
        def __len__(self) -> int:
            raise RuntimeError("disk on fire")

    with pytest.raises(TypeError):
        atomic_write_bytes(target, Boom())  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_trig_from_a_graph_file_puts_each_article_in_its_own_graph(tmp_path: Path) -> None:
    graph = extractions_to_graph([sample("a"), sample("b")])
    path = tmp_path / "graph.trig"
    write_graph(graph, path, "trig")  # a plain Graph, as read from a Turtle file
    again = Dataset()
    again.parse(path, format="trig")
    names = {str(g.identifier): len(g) for g in again.graphs() if len(g)}
    assert names.keys() >= {str(IPR["graph/a"]), str(IPR["graph/b"])}
    # the statement, its relation and the statistic of article a are in a's graph
    a = again.graph(IPR["graph/a"])
    assert (IPR["wang-wenbin"], IPO.spokespersonOf, IPR["chinese-foreign-ministry"]) in a
    assert any(a.subjects(RDF.type, IPO.Statistic)) and any(a.subjects(RDF.type, RDF.Statement))
    # entity descriptions are shared: in the default graph, in no article's
    assert (IPR["china"], RDFS.label, Literal("China")) not in a
    assert isomorphic(load_graph(path), graph)


def test_jsonld_has_a_compact_context(tmp_path: Path) -> None:
    import json

    data = json.loads(serialize(extractions_to_graph([sample()]), "jsonld"))
    assert data["@context"]["ipo"] == str(IPO) and data["@context"]["ipr"] == str(IPR)
    assert any(str(node.get("@id", "")).startswith("ipr:") for node in data["@graph"])


def test_a_second_implementation_reads_every_turtle_file_kg_writes(tmp_path: Path) -> None:
    """pyoxigraph (Rust) parses what rdflib serialises: the graph, the TriG, the N-Triples,
    the ontology, the shapes and the alignment files."""
    import pyoxigraph

    from kg.resources import resource_dir

    graph = extractions_to_graph([sample("a"), sample("b")])
    formats = pyoxigraph.RdfFormat
    for fmt, ox in (("turtle", formats.TURTLE), ("nt", formats.N_TRIPLES)):
        data = serialize(graph, fmt)
        assert len(list(pyoxigraph.parse(data, ox))) == len(graph)
    quads = list(pyoxigraph.parse(serialize(graph, "trig"), formats.TRIG))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(graph)
    for folder in ("ontology", "shapes"):
        for path in sorted(resource_dir(folder).glob("*.ttl")):
            assert list(pyoxigraph.parse(path.read_bytes(), formats.TURTLE)), path


def test_ip_offices_link_to_epo_office_iris() -> None:
    from kg.rdf.mapping import ST3_OFFICE, entity_triples

    office = Entity("european-patent-office", "European Patent Office", "IPOffice")
    links = {o for _, p, o in entity_triples(office) if p == SKOS.closeMatch}
    assert links == {URIRef(ST3_OFFICE + "EP")}
    assert not any(p == SKOS.closeMatch for _, p, _ in entity_triples(sample().entities[1]))
