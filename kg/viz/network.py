"""kg's graph as a networkx graph: entities as nodes, relations as edges.

Every attribute is a plain string, number or boolean, so that the graph can be written
as GraphML or GEXF as it is.

Example:
    >>> from kg.viz.view import GraphView, Node, Edge
    >>> view = GraphView(nodes={"ipr:a": Node("ipr:a", "China", "Country", articles=("x",)),
    ...                         "ipr:b": Node("ipr:b", "PCT", "Treaty")},
    ...                  edges=[Edge("ipr:a", "memberOf", "ipr:b", 0.9, ("x",))])
    >>> g = view_to_networkx(view)
    >>> g.nodes["ipr:a"]["label"], g.nodes["ipr:a"]["article_count"]
    ('China', 1)
    >>> [(u, v, d["label"], d["confidence"]) for u, v, d in g.edges(data=True)]
    [('ipr:a', 'ipr:b', 'memberOf', 0.9)]
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
from rdflib import Graph

from kg.viz.style import class_colour
from kg.viz.view import GraphView, read_view


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """A MultiDiGraph of a kg graph's entities and relations.

    Node attributes: ``label``, ``cls`` (the ipo class), ``iri``, ``alt_labels`` ("; "
    joined), ``wikidata``, ``article_count``, ``articles`` (space-separated ids),
    ``statistics`` (how many statistics have it as subject), ``colour``.
    Edge attributes (key = the property): ``label`` (the property), ``confidence`` (the best
    of its sources; 1.0 for a gazetteer fact), ``from_text`` (False for gazetteer facts),
    ``article_count``, ``articles``, ``evidence`` (one sentence).
    """
    return view_to_networkx(read_view(graph))


def view_to_networkx(view: GraphView) -> nx.MultiDiGraph:
    """The MultiDiGraph of an already-read :class:`GraphView`."""
    statistics = Counter(s.subject for s in view.statistics)
    graph = nx.MultiDiGraph()
    for iri, node in view.nodes.items():
        graph.add_node(
            iri,
            label=node.label,
            cls=node.cls,
            iri=iri,
            alt_labels="; ".join(node.alt_labels),
            wikidata=node.wikidata or "",
            article_count=len(node.articles),
            articles=" ".join(node.articles),
            statistics=statistics.get(iri, 0),
            colour=class_colour(node.cls),
        )
    for edge in view.edges:
        graph.add_edge(
            edge.source,
            edge.target,
            key=edge.prop,
            label=edge.prop,
            confidence=1.0 if edge.confidence is None else edge.confidence,
            from_text=edge.confidence is not None,
            article_count=len(edge.articles),
            articles=" ".join(edge.articles),
            evidence=edge.evidence[0] if edge.evidence else "",
        )
    return graph
