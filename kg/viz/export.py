"""Write kg's graph for graph tools and readers: GraphML, GEXF, Cytoscape.js, DOT, PNG, SVG, HTML.

Every writer takes an rdflib graph and returns the file's bytes; :func:`write_drawing`
writes them atomically. Positions come from :mod:`kg.viz.layout`, so Gephi, yEd and
Cytoscape open the graph already laid out, and colours from :mod:`kg.viz.style`.

Example:
    >>> drawing_format("g.graphml"), drawing_format("g.gv"), drawing_format("g.ttl")
    ('graphml', 'dot', None)
"""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kg.errors import FormatError
from kg.rdf.io import atomic_write_bytes
from kg.viz.layout import component_layout
from kg.viz.network import view_to_networkx
from kg.viz.style import CLASS_COLOURS, PROPERTY_COLOURS, class_colour, rgb
from kg.viz.view import GraphView, read_view

#: Drawing formats and the file suffixes that imply them.
DRAWING_SUFFIXES: dict[str, str] = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".cyjs": "cytoscape",
    ".dot": "dot",
    ".gv": "dot",
    ".html": "html",
    ".htm": "html",
    ".png": "png",
    ".svg": "svg",
}
DRAWING_FORMATS: tuple[str, ...] = ("graphml", "gexf", "cytoscape", "dot", "html", "png", "svg")
#: Most entities a static picture shows (the best connected); a page shows them all.
PICTURE_MAX_NODES = 60
_LAYOUT_SCALE = 100.0  # layout units -> pixels in GEXF and Cytoscape


def drawing_format(path: str | Path) -> str | None:
    """The drawing format a file name implies (None for RDF and unknown suffixes)."""
    name = str(path).lower()
    if name.endswith(".cytoscape.json"):
        return "cytoscape"
    return DRAWING_SUFFIXES.get(Path(name).suffix)


def render(graph: Graph, fmt: str, *, title: str = "kg graph") -> bytes:
    """The bytes of ``graph`` drawn in ``fmt`` (one of DRAWING_FORMATS).

    Example:
        >>> render(Graph(), "dot").decode().splitlines()[0]
        'digraph kg {'
    """
    writers: dict[str, Callable[[GraphView, str], bytes]] = {
        "graphml": _graphml,
        "gexf": _gexf,
        "cytoscape": _cytoscape,
        "dot": _dot,
        "png": lambda view, title: _picture(view, "png", title),
        "svg": lambda view, title: _picture(view, "svg", title),
        "html": _html,
    }
    if fmt not in writers:
        known = ", ".join(DRAWING_FORMATS)
        raise FormatError(f"unknown drawing format {fmt!r}; known drawing formats: {known}")
    return writers[fmt](read_view(graph), title)


def write_drawing(graph: Graph, path: str | Path, fmt: str | None = None, **options) -> None:
    """Draw ``graph`` into ``path`` (atomically); the format defaults to the suffix's."""
    fmt = fmt or drawing_format(path)
    if fmt is None:
        raise FormatError(f"{path}: cannot tell a drawing format from the suffix; give one")
    atomic_write_bytes(Path(path), render(graph, fmt, **options))


def _positioned(view: GraphView) -> tuple[nx.MultiDiGraph, dict[str, tuple[float, float]]]:
    graph = view_to_networkx(view)
    return graph, component_layout(graph)


def _graphml(view: GraphView, title: str) -> bytes:
    graph, pos = _positioned(view)
    for node, (x, y) in pos.items():
        graph.nodes[node]["x"], graph.nodes[node]["y"] = x * _LAYOUT_SCALE, y * _LAYOUT_SCALE
    graph.graph["name"] = title
    return ("\n".join(nx.generate_graphml(graph, named_key_ids=True)) + "\n").encode("utf-8")


def _gexf(view: GraphView, title: str) -> bytes:
    graph, pos = _positioned(view)
    for node, data in graph.nodes(data=True):
        r, g, b = rgb(data["colour"])
        x, y = pos[node]
        data["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "position": {"x": x * _LAYOUT_SCALE, "y": -y * _LAYOUT_SCALE, "z": 0.0},
            "size": 4.0 + 2.0 * min(data["article_count"], 10),
        }
    for _, _, data in graph.edges(data=True):
        data["weight"] = data["confidence"]
    return ("\n".join(nx.generate_gexf(graph, version="1.2draft")) + "\n").encode("utf-8")


def _cytoscape(view: GraphView, title: str) -> bytes:
    """Cytoscape.js elements JSON, with positions for the ``preset`` layout."""
    graph, pos = _positioned(view)
    data = nx.cytoscape_data(graph, name="label", ident="id")
    data["data"] = {"name": title}
    for element in data["elements"]["nodes"]:
        x, y = pos[element["data"]["id"]]
        element["position"] = {"x": round(x * _LAYOUT_SCALE, 2), "y": round(y * _LAYOUT_SCALE, 2)}
        element["classes"] = element["data"]["cls"]
    for number, element in enumerate(data["elements"]["edges"]):
        element["data"]["id"] = f"e{number}"
        element["classes"] = element["data"]["label"]
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _dot_id(text: str) -> str:
    """A DOT quoted ID (backslashes and quotes escaped, newlines as \\n)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _dot(view: GraphView, title: str) -> bytes:
    """Graphviz DOT: ``dot -Tsvg`` or ``sfdp -Tpng`` draws it."""
    lines = [
        "digraph kg {",
        f"  label={_dot_id(title)};",
        '  graph [overlap=false, splines=true, fontname="Helvetica"];',
        '  node [shape=ellipse, style=filled, fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8, color="#777777"];',
    ]
    for iri, node in view.nodes.items():
        lines.append(
            f"  {_dot_id(iri)} [label={_dot_id(node.label)}, fillcolor={_dot_id(class_colour(node.cls))},"
            f" tooltip={_dot_id(node.cls)}];"
        )
    for edge in view.edges:
        confidence = "" if edge.confidence is None else f" ({edge.confidence:.2f})"
        lines.append(
            f"  {_dot_id(edge.source)} -> {_dot_id(edge.target)}"
            f" [label={_dot_id(edge.prop)}, tooltip={_dot_id(edge.prop + confidence)}];"
        )
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _wrapped(label: str, width: int = 24) -> str:
    """A label on at most two lines of about ``width`` characters, cut with an ellipsis."""
    lines = textwrap.wrap(label, width) or [label]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return "\n".join(lines)


def _picture(view: GraphView, fmt: str, title: str) -> bytes:
    """A static picture of the best-connected entities, for a report: nodes coloured by
    class and sized by articles, edges coloured by property (two legends)."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "kg"  # stable element ids: same graph, same file
    import matplotlib.pyplot as plt
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D

    graph = view_to_networkx(view)
    shown = _best_connected(graph, PICTURE_MAX_NODES)
    sub = nx.MultiDiGraph(graph.subgraph(shown))
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    pos = component_layout(sub, spread=3.0)
    figure, axes = plt.subplots(figsize=(16, 11))
    axes.set_axis_off()
    axes.invert_yaxis()
    labelled_edges = sub.number_of_edges() <= 40
    for u, v, key in sub.edges(keys=True):
        (x0, y0), (x1, y1) = pos[u], pos[v]
        colour = PROPERTY_COLOURS.get(key, "#9a9a9a")
        axes.annotate(
            "",
            xy=(x1, y1),
            xytext=(x0, y0),
            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.0, "alpha": 0.75,
                        "shrinkA": 8, "shrinkB": 8},
        )  # fmt: skip
        if labelled_edges:
            axes.text((x0 + x1) / 2, (y0 + y1) / 2, key, fontsize=6.5, color="#555555",
                      ha="center", va="center")  # fmt: skip
    for node in sub:
        data = sub.nodes[node]
        x, y = pos[node]
        axes.scatter(
            [x], [y], s=70 + 45 * min(data["article_count"], 8), c=data["colour"],
            edgecolors="white", linewidths=0.9, zorder=3,
        )  # fmt: skip
        axes.text(
            x, y + 0.16, _wrapped(data["label"]), fontsize=7.5, ha="center", va="top", zorder=4,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
        )  # fmt: skip
    classes = sorted({sub.nodes[n]["cls"] for n in sub}, key=_class_order)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=class_colour(c), label=c)
        for c in classes
    ]
    props = sorted({k for _, _, k in sub.edges(keys=True)})
    edge_handles = [
        Line2D([], [], color=PROPERTY_COLOURS.get(p, "#9a9a9a"), lw=2, label=p) for p in props
    ]
    legends = [  # two legends: each its own artist (axes.legend keeps only the last)
        axes.add_artist(
            Legend(
                axes,
                items,
                [h.get_label() for h in items],
                title=title,
                loc=loc,
                bbox_to_anchor=anchor,
                frameon=False,
            )
        )
        for items, title, loc, anchor in (
            (handles, "Entities", "upper left", (1.0, 1.0)),
            (edge_handles, "Relations", "lower left", (1.0, 0.0)),
        )
        if items
    ]
    hidden = graph.number_of_nodes() - sub.number_of_nodes()
    subtitle = f"{sub.number_of_nodes()} entities, {sub.number_of_edges()} relations"
    if hidden:
        subtitle += f" (the best connected; {hidden} more entities in the full graph)"
    axes.set_title(f"{title}\n{subtitle}", fontsize=12, loc="left")
    buffer = io.BytesIO()
    options = {"dpi": 150} if fmt == "png" else {"metadata": {"Date": None}}
    figure.savefig(buffer, format=fmt, bbox_inches="tight", bbox_extra_artists=legends, **options)
    plt.close(figure)
    return buffer.getvalue()


def _class_order(cls: str) -> int:
    order = list(CLASS_COLOURS)
    return order.index(cls) if cls in order else len(order)


def _best_connected(graph: nx.MultiDiGraph, limit: int) -> list[str]:
    """The ``limit`` entities with most relations (then most articles), isolated ones last."""
    ranked = sorted(
        graph,
        key=lambda n: (-graph.degree(n), -graph.nodes[n]["article_count"], graph.nodes[n]["label"]),
    )
    connected = [n for n in ranked if graph.degree(n) > 0]
    return (connected or ranked)[:limit]


def _html(view: GraphView, title: str) -> bytes:
    from kg.viz.page import page_html

    return page_html(view, title).encode("utf-8")
