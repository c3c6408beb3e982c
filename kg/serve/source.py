"""What the endpoint serves: an Oxigraph folder made from a graph file, or a store's snapshot.

Query workers open an Oxigraph database read-only, which is safe only when nobody
writes to it.  A graph file is therefore loaded once into a private folder; a kg
store is served from a snapshot (published on start when the store is free, else the
newest one kg add published as it went), so ``kg add`` can keep writing while
``kg serve`` answers.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "g.nt").write_text('<http://e/a> <http://e/p> "x" .\\n')
    >>> served = load_graph_file(folder / "g.nt", folder / "db")
    >>> served.name, served.path == folder / "db"
    ('g.nt', True)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphLoadError, KGError
from kg.rdf.io import format_for_path
from kg.rdf.xml_guard import check_xml_file
from kg.store import GraphStore, StoreError, current_snapshot, oxigraph_format


class SourceError(KGError):
    """The graph or store to serve cannot be read."""


@dataclass(frozen=True)
class Served:
    """An Oxigraph folder to open read-only, and how to describe it to users."""

    path: Path
    name: str
    store_dir: Path | None = None

    def newer(self) -> Served | None:
        """For a store, the snapshot it published since this one (None when there is none)."""
        if self.store_dir is None:
            return None
        latest = current_snapshot(self.store_dir)
        if latest is None or latest == self.path:
            return None
        return Served(latest, self.name, self.store_dir)


def load_graph_file(graph: Path, folder: Path) -> Served:
    """Load a graph file (format by suffix, Turtle by default) into a new Oxigraph folder."""
    if not graph.is_file():
        raise SourceError(f"{graph}: no such graph file")
    fmt = format_for_path(graph)
    if fmt == "xml":
        try:
            check_xml_file(graph)  # no external or nested entities (XXE, billion laughs)
        except GraphLoadError as exc:
            raise SourceError(str(exc)) from exc
    store = ox.Store(str(folder))
    try:
        store.bulk_load(path=str(graph), format=oxigraph_format(fmt))
        store.flush()
    except (SyntaxError, OSError, ValueError) as exc:
        message = " ".join(str(exc).split())[:300]
        raise SourceError(f"{graph}: cannot read it as RDF: {message}") from exc
    finally:
        del store  # closes the database, so that workers can open it
    return Served(folder, graph.name)


def store_snapshot(store_dir: Path) -> Served:
    """A snapshot of a kg store as it is now: published here when no kg add holds the store
    (so a run that was killed before publishing is seen whole), else the newest one that
    kg add published."""
    if not (store_dir / "facts").is_dir():
        raise SourceError(f"{store_dir}: no store there (build one with kg add)")
    try:
        with GraphStore(store_dir) as store:
            snapshot = store.publish_snapshot()
    except StoreError as exc:
        snapshot = current_snapshot(store_dir)  # a writer holds it: what it published last
        if snapshot is None:
            raise SourceError(
                f"{exc}; it has published no snapshot yet: try again when kg add is done"
            ) from exc
    assert snapshot is not None
    return Served(snapshot, store_dir.name, store_dir)
