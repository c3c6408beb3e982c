"""What a graph holds, in numbers: entities by class, the most mentioned, the most central,
and how it falls apart into connected components.

Example:
    >>> from kg.viz.view import GraphView, Node, Edge
    >>> view = GraphView(nodes={"a": Node("a", "China", "Country", articles=("1", "2")),
    ...                         "b": Node("b", "PCT", "Treaty", articles=("1",)),
    ...                         "c": Node("c", "Paris", "City")},
    ...                  edges=[Edge("a", "memberOf", "b", 0.9, ("1",))])
    >>> stats = view_stats(view)
    >>> stats["entities_by_class"], stats["components"]["count"]
    ({'City': 1, 'Country': 1, 'Treaty': 1}, 2)
    >>> stats["most_mentioned"][0]["label"], stats["most_central"][0]["degree_centrality"]
    ('China', 0.5)
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
from rdflib import Graph

from kg.viz.network import view_to_networkx
from kg.viz.view import GraphView, read_view


def graph_stats(graph: Graph, top: int = 10) -> dict:
    """The numbers ``kg stats`` prints, as plain JSON-ready data."""
    return view_stats(read_view(graph), top)


def view_stats(view: GraphView, top: int = 10) -> dict:
    """:func:`graph_stats` of an already-read view."""
    network = view_to_networkx(view)
    simple = nx.Graph(network.to_undirected(as_view=True))
    centrality = nx.degree_centrality(simple) if len(simple) > 1 else {n: 0.0 for n in simple}
    components = sorted(nx.connected_components(simple), key=len, reverse=True)

    def entity(iri: str) -> dict:
        node = view.nodes[iri]
        return {
            "iri": iri,
            "label": node.label,
            "class": node.cls,
            "articles": len(node.articles),
            "relations": network.degree(iri),
            "degree_centrality": round(centrality.get(iri, 0.0), 4),
        }

    by_mentions = sorted(
        view.nodes, key=lambda i: (-len(view.nodes[i].articles), view.nodes[i].label)
    )
    by_centrality = sorted(view.nodes, key=lambda i: (-centrality.get(i, 0.0), view.nodes[i].label))
    sizes = [len(c) for c in components]
    largest = (
        [
            view.nodes[i].label
            for i in sorted(components[0], key=lambda i: (-network.degree(i), view.nodes[i].label))
        ][:5]
        if components
        else []
    )
    return {
        "entities": len(view.nodes),
        "relations": network.number_of_edges(),
        "statistics": len(view.statistics),
        "articles": len(view.articles),
        "entities_by_class": dict(sorted(Counter(n.cls for n in view.nodes.values()).items())),
        "relations_by_property": dict(sorted(Counter(e.prop for e in view.edges).items())),
        "most_mentioned": [entity(i) for i in by_mentions[:top]],
        "most_central": [entity(i) for i in by_centrality[:top] if centrality.get(i, 0.0) > 0],
        "components": {
            "count": len(components),
            "largest": sizes[0] if sizes else 0,
            "largest_hubs": largest,
            "isolated": sum(1 for s in sizes if s == 1),
            "sizes": sizes[:top],
        },
    }
