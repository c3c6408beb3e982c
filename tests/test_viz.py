"""Drawings of the graph: networkx, GraphML, GEXF, Cytoscape.js, DOT, PNG, SVG, the HTML page
(opened in headless Chromium), and kg stats."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

import kg
from kg.cli import cli
from kg.rdf.mapping import extractions_to_graph
from kg.records import Article, Entity, Evidence, Extraction, Relation, Statistic
from kg.viz.export import DRAWING_FORMATS, drawing_format, render
from kg.viz.page import page_data
from kg.viz.stats import graph_stats
from kg.viz.view import read_view

ARTIFACTS = Path(__file__).parent / "artifacts"
HOSTILE = 'Acme </script><script>alert("x")</script> & "Sons" <Ltd>'


def _small_graph() -> Graph:
    """Two articles: China in the PCT (read in both), a hostile company name, a statistic."""
    from decimal import Decimal

    def article(ident: str, text: str) -> Article:
        return Article(ident, f"{ident}.txt", text, "0" * 64, date="2024-01-25")

    text = "China is a member of the PCT. CNIPA granted 921,000 patents."
    ev = Evidence(text[:29], 0, 29)
    entities = (
        Entity("china", "China", "Country", wikidata="Q148"),
        Entity("patent-cooperation-treaty", "Patent Cooperation Treaty", "Treaty", ("PCT",)),
        Entity("china-national-intellectual-property-administration", "CNIPA", "IPOffice"),
        Entity("acme", HOSTILE, "Company"),
    )
    member = Relation("china", "memberOf", "patent-cooperation-treaty", ev, 0.95, "member-of")
    stat = Statistic(
        "china-national-intellectual-property-administration",
        Decimal(921000),
        "invention patents granted",
        "Count",
        Evidence(text[30:], 30, len(text)),
        "count",
        date="2023",
    )
    located = Relation("acme", "country", "china", Evidence(text[:29], 0, 29), 0.8, "x")
    return extractions_to_graph(
        [
            Extraction(article("a", text), entities, (member, located), (stat,)),
            Extraction(article("b", text), entities[:2], (member,)),
        ]
    )


@pytest.fixture(scope="module")
def small() -> Graph:
    return _small_graph()


@pytest.fixture(scope="module")
def examples_file(examples_built, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "examples.ttl"
    kg.export(examples_built.graph, path)
    return path


def test_to_networkx_carries_labels_classes_confidence_and_articles(small: Graph) -> None:
    g = kg.to_networkx(small)
    china = g.nodes["https://w3id.org/ipkg/resource/china"]
    assert china["label"] == "China" and china["cls"] == "Country"
    assert china["article_count"] == 2 and china["wikidata"].endswith("Q148")
    office = g.nodes[
        "https://w3id.org/ipkg/resource/china-national-intellectual-property-administration"
    ]
    assert office["statistics"] == 1
    edges = {(d["label"], d["confidence"], d["article_count"]) for _, _, d in g.edges(data=True)}
    assert ("memberOf", 0.95, 2) in edges and ("country", 0.8, 1) in edges
    # statistics, articles and statements are not entities of the picture
    assert all(d["cls"] not in {"Statistic", "Article"} for _, d in g.nodes(data=True))
    assert g.number_of_nodes() == 4


def test_gazetteer_facts_are_edges_without_a_text_source(examples_built) -> None:
    g = kg.to_networkx(examples_built.graph)
    facts = [d for _, _, d in g.edges(data=True) if not d["from_text"]]
    read = [d for _, _, d in g.edges(data=True) if d["from_text"]]
    assert facts and read
    assert all(d["confidence"] == 1.0 and d["article_count"] == 0 for d in facts)
    assert all(0 < d["confidence"] <= 1 and d["article_count"] >= 1 and d["evidence"] for d in read)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape"])
def test_network_formats_read_back_with_the_same_nodes_and_edges(small: Graph, fmt: str) -> None:
    data = render(small, fmt)
    expected = kg.to_networkx(small)
    if fmt == "graphml":
        again = nx.parse_graphml(data.decode(), force_multigraph=True)
    elif fmt == "gexf":
        again = nx.read_gexf(__import__("io").BytesIO(data))
    else:
        parsed = json.loads(data)
        again = nx.cytoscape_graph(parsed, name="label", ident="id")
        assert all("position" in n for n in parsed["elements"]["nodes"])
    assert again.number_of_nodes() == expected.number_of_nodes()
    assert again.number_of_edges() == expected.number_of_edges()
    labels = {d.get("label") for _, d in again.nodes(data=True)}
    assert {"China", "Patent Cooperation Treaty", HOSTILE} <= labels


def test_dot_parses_with_pydot_and_escapes_quotes(small: Graph) -> None:
    pydot = pytest.importorskip("pydot")
    text = render(small, "dot").decode()
    (parsed,) = pydot.graph_from_dot_data(text)
    names = {n.get_name().strip('"') for n in parsed.get_nodes()} - {"node", "graph", "edge"}
    assert len(names) == 4
    assert len(parsed.get_edges()) == 2
    assert '\\"Sons\\"' in text


def test_pictures(small: Graph, examples_built, tmp_path: Path) -> None:
    png = render(examples_built.graph, "png", title="kg examples")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 50_000
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "examples-picture.png").write_bytes(png)
    svg = render(small, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert render(small, "svg") == svg  # no timestamps: the same graph gives the same file


def test_drawing_format_from_suffix() -> None:
    assert [drawing_format(f"g.{s}") for s in ("graphml", "gexf", "cyjs", "dot", "html", "png", "svg")] == [
        "graphml", "gexf", "cytoscape", "dot", "html", "png", "svg",
    ]  # fmt: skip
    assert drawing_format("g.cytoscape.json") == "cytoscape"
    assert drawing_format("g.ttl") is None and set(DRAWING_FORMATS) >= {"html", "png"}


def test_html_page_is_self_contained_and_escapes_names(small: Graph) -> None:
    page = render(small, "html", title="IP <news>").decode()
    assert "<title>IP &lt;news&gt;</title>" in page
    # nothing fetched: no external script, style, font or image
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page and "url(http" not in page
    # a hostile label cannot close the data's script element
    assert page.count("</script>") == 2
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert HOSTILE in {n["label"] for n in data["nodes"]}
    office = next(n for n in data["nodes"] if n["cls"] == "IPOffice")
    measure, value, unit, date, *_rest, evidence = office["stats"][0]
    assert (measure, value, unit, date) == ("invention patents granted", "921000", "Count", "2023")
    assert data["sentences"][evidence] == "CNIPA granted 921,000 patents."
    assert [a["id"] for a in data["articles"]] == ["a", "b"]


def test_page_data_has_a_position_for_every_entity(examples_built) -> None:
    data = page_data(read_view(examples_built.graph), "t")
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])
    assert all(
        0 <= e["s"] < len(data["nodes"]) and 0 <= e["t"] < len(data["nodes"]) for e in data["edges"]
    )


def test_html_page_renders_in_headless_chromium(
    examples_file: Path, tmp_path: Path, headless
) -> None:
    page = tmp_path / "examples.html"
    result = CliRunner().invoke(
        cli, ["export", str(examples_file), "-o", str(page), "--title", "kg: examples"]
    )
    assert result.exit_code == 0, result.output
    dom = headless("--dump-dom", page.as_uri()).stdout
    rendered = int(re.search(r'data-rendered="(\d+)"', dom).group(1))
    circles = dom.count("<circle ")
    view = read_view(kg.load_graph(examples_file))
    connected = {e.source for e in view.edges} | {e.target for e in view.edges}
    assert circles == len(view.nodes)  # every entity drawn
    assert rendered == len(connected)  # shown at first: those in a relation
    assert "Classes" in dom and 'id="search"' in dom
    # the page opened on an entity shows its statistics and evidence
    cnipa = "https://w3id.org/ipkg/resource/china-national-intellectual-property-administration"
    dom = headless("--dump-dom", f"{page.as_uri()}#node={cnipa}").stdout
    details = dom.split('id="detail-body"', 1)[1]
    assert "Statistics (" in details and "<blockquote>" in details
    ARTIFACTS.mkdir(exist_ok=True)
    for name, suffix in (("examples-page.png", ""), ("examples-page-cnipa.png", f"#node={cnipa}")):
        shot = ARTIFACTS / name
        shot.unlink(missing_ok=True)
        headless(f"--screenshot={shot}", page.as_uri() + suffix)
        assert shot.stat().st_size > 30_000  # a picture with content, not a blank page
        import matplotlib.image

        pixels = matplotlib.image.imread(shot)
        colours = {tuple(p) for p in pixels[::7, ::7, :3].reshape(-1, 3).round(2).tolist()}
        assert len(colours) > 40


def test_cli_export_every_drawing_format(examples_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in DRAWING_FORMATS:
        out = tmp_path / f"g.{fmt}"
        result = runner.invoke(cli, ["export", str(examples_file), "--to", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    out = tmp_path / "by-suffix.graphml"
    assert runner.invoke(cli, ["export", str(examples_file), "-o", str(out)]).exit_code == 0
    assert out.read_text().startswith("<graphml")
    result = runner.invoke(
        cli, ["export", str(examples_file), "--to", "pdf", "-o", str(tmp_path / "g.pdf")]
    )
    assert result.exit_code == 2 and "graphml" in result.output


def test_stats(small: Graph, examples_file: Path) -> None:
    figures = graph_stats(small)
    assert figures["entities_by_class"] == {"Company": 1, "Country": 1, "IPOffice": 1, "Treaty": 1}
    assert figures["most_mentioned"][0]["label"] == "China"
    assert figures["most_central"][0]["label"] == "China"
    assert figures["components"] == {
        "count": 2, "largest": 3, "largest_hubs": ["China", HOSTILE, "Patent Cooperation Treaty"],
        "isolated": 1, "sizes": [3, 1],
    }  # fmt: skip
    result = CliRunner().invoke(cli, ["stats", str(examples_file), "--json", "--top", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["most_mentioned"]) == 3 and data["entities"] > 500
    assert sum(data["entities_by_class"].values()) == data["entities"]
    text = CliRunner().invoke(cli, ["stats", str(examples_file)]).output
    assert "Most central" in text and "Connected components" in text


def test_drawings_of_a_store(examples_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    articles = sorted((examples_dir / "articles").glob("0[1-3]_*.txt"))
    runner = CliRunner()
    added = runner.invoke(cli, ["add", "--store", str(store), *map(str, articles), "-q"])
    assert added.exit_code == 0, added.output
    out = tmp_path / "store.graphml"
    result = runner.invoke(cli, ["export", "--store", str(store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    drawn = nx.read_graphml(out)
    assert drawn.number_of_nodes() > 10 and drawn.number_of_edges() > 0
    stats = runner.invoke(cli, ["stats", "--store", str(store), "--json"])
    assert json.loads(stats.output)["articles"] == 3


@pytest.mark.parametrize("fmt", DRAWING_FORMATS)
def test_an_empty_graph_still_draws(fmt: str) -> None:
    assert render(Graph(), fmt)  # a page, a picture or a file with no entities, no error
    assert graph_stats(Graph())["components"]["count"] == 0
