"""Positions for drawing: a force layout per connected component, components packed in rows.

A force layout of a whole graph with many components spreads the small ones around a
ring; packing each component's own layout keeps every cluster compact and readable, and
puts the entities that take part in no relation in a tidy grid after them. The result
is deterministic (fixed seeds), so the same graph always gives the same picture.

Example:
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> g.add_node("alone")
    >>> pos = component_layout(g)
    >>> sorted(pos) == sorted(g)
    True
    >>> pos == component_layout(g)
    True
"""

from __future__ import annotations

import math

import networkx as nx

_SEED = 7
_GAP = 0.6  # between packed components, in layout units


def component_layout(graph: nx.Graph, spread: float = 1.0) -> dict[str, tuple[float, float]]:
    """Deterministic positions (y grows downwards, as on a screen) for every node;
    ``spread`` > 1 pushes the nodes of a component further apart (for labelled pictures)."""
    undirected = nx.Graph(graph.to_undirected(as_view=True)) if graph.is_directed() else graph
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(undirected)),
        key=lambda c: (-len(c), str(c[0])),
    )
    boxes: list[tuple[dict[str, tuple[float, float]], float, float]] = []
    singles: list[str] = []
    for nodes in components:
        if len(nodes) == 1:
            singles.append(nodes[0])
            continue
        boxes.append(_layout_one(undirected.subgraph(nodes), spread))
    if singles:
        boxes.append(_grid(singles))
    return _pack(boxes)


def _layout_one(
    component: nx.Graph, spread: float = 1.0
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """A component's force layout, scaled so that its area grows with its size."""
    size = len(component)
    if size == 2:
        a, b = sorted(component, key=str)
        raw = {a: (0.0, 0.0), b: (1.0, 0.0)}
    else:
        iterations = 60 if size <= 600 else max(25, int(60 * 600 / size))
        k = spread / math.sqrt(size)  # networkx's default optimal distance, times spread
        layout = nx.spring_layout(component, k=k, seed=_SEED, iterations=iterations)
        raw = {node: (float(x), float(y)) for node, (x, y) in layout.items()}
    return _normalised(raw, math.sqrt(size) * spread)


def _grid(nodes: list[str]) -> tuple[dict[str, tuple[float, float]], float, float]:
    columns = max(1, math.ceil(math.sqrt(len(nodes) * 2)))
    step = 0.45
    raw = {n: ((i % columns) * step, (i // columns) * step) for i, n in enumerate(nodes)}
    return _normalised(raw, None)


def _normalised(
    raw: dict[str, tuple[float, float]], side: float | None
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Shift to the origin and (for force layouts) scale the longer side to ``side``."""
    xs = [x for x, _ in raw.values()]
    ys = [y for _, y in raw.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    scale = side / max(width, height, 1e-9) if side else 1.0
    pos = {n: ((x - min(xs)) * scale, (y - min(ys)) * scale) for n, (x, y) in raw.items()}
    return pos, width * scale, height * scale


def _pack(boxes: list[tuple[dict[str, tuple[float, float]], float, float]]):
    """Shelf packing: boxes left to right in rows no wider than the biggest box or a
    square's side, whichever is larger."""
    if not boxes:
        return {}
    area = sum((w + _GAP) * (h + _GAP) for _, w, h in boxes)
    row_width = max(max(w for _, w, _ in boxes), math.sqrt(area) * 1.3)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        for node, (px, py) in pos.items():
            positions[node] = (round(x + px, 4), round(y + py, 4))
        x += width + _GAP
        row_height = max(row_height, height)
    return positions
