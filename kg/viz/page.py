"""The self-contained HTML page: the graph to explore in any browser, with no network.

Everything the page needs is inside the one file: the data as JSON, the style and the
script (kg/viz/assets/). Positions are computed here (kg.viz.layout), so the page opens
already laid out and the same graph always gives the same page.

Example:
    >>> from kg.viz.view import GraphView, Node
    >>> html = page_html(GraphView(nodes={"ipr:a": Node("ipr:a", "China", "Country")}), "demo")
    >>> "<title>demo</title>" in html, "http" in html.split("<script")[1][:40]
    (True, False)
"""

from __future__ import annotations

import html
import json
from importlib import resources

from kg.viz.layout import component_layout
from kg.viz.network import view_to_networkx
from kg.viz.style import CLASS_COLOURS, class_colour
from kg.viz.view import GraphView


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def page_data(view: GraphView, title: str) -> dict:
    """The JSON the page's script reads: nodes with positions and statistics, edges with
    confidence and evidence, articles, class colours. Sentences are stored once."""
    graph = view_to_networkx(view)
    positions = component_layout(graph)
    articles = sorted(view.articles) or sorted({a for n in view.nodes.values() for a in n.articles})
    article_index = {a: i for i, a in enumerate(articles)}
    sentences: list[str] = []
    sentence_index: dict[str, int] = {}

    def sentence(text: str | None) -> int:
        if not text:
            return -1
        if text not in sentence_index:
            sentence_index[text] = len(sentences)
            sentences.append(text)
        return sentence_index[text]

    node_index = {iri: i for i, iri in enumerate(view.nodes)}
    statistics: dict[str, list] = {}
    for s in view.statistics:
        statistics.setdefault(s.subject, []).append(
            [
                s.measure, s.value, s.unit, s.date or "", s.qualifier or "", s.field or "",
                article_index.get(s.article or "", -1), sentence(s.evidence),
            ]
        )  # fmt: skip
    nodes = []
    for iri, node in view.nodes.items():
        x, y = positions.get(iri, (0.0, 0.0))
        nodes.append(
            {
                "id": iri,
                "label": node.label,
                "cls": node.cls,
                "alt": list(node.alt_labels),
                "wd": node.wikidata or "",
                "arts": [article_index[a] for a in node.articles if a in article_index],
                "x": round(x * 100, 1),
                "y": round(y * 100, 1),
                "deg": graph.degree(iri),
                "stats": statistics.get(iri, []),
            }
        )
    edges = [
        {
            "s": node_index[e.source],
            "t": node_index[e.target],
            "p": e.prop,
            "c": e.confidence,
            "arts": [article_index[a] for a in e.articles if a in article_index],
            "ev": [sentence(text) for text in e.evidence],
        }
        for e in view.edges
    ]
    present = {n.cls for n in view.nodes.values()}
    order = [c for c in CLASS_COLOURS if c in present] + sorted(present - set(CLASS_COLOURS))
    return {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "articles": [
            {
                "id": a,
                "date": (view.articles[a].date if a in view.articles else None) or "",
                "source": (view.articles[a].source if a in view.articles else None) or "",
            }
            for a in articles
        ],
        "sentences": sentences,
        "classes": [[c, class_colour(c)] for c in order],
        "statistics": len(view.statistics),
    }


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element ('</script>' and '<!--' cannot end or open it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_html(view: GraphView, title: str = "kg graph") -> str:
    """The whole page as one string."""
    page = _asset("page.html")
    for key, value in (
        ("TITLE", html.escape(title)),
        ("STYLE", _asset("page.css")),
        ("DATA", _script_json(page_data(view, title))),
        ("SCRIPT", _asset("page.js")),
    ):
        page = page.replace("{{" + key + "}}", value)
    return page
