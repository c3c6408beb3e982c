"""Graph files in and out: format names, atomic writes, loading with clear errors.

Example:
    >>> rdflib_format("ttl"), rdflib_format("jsonld")
    ('turtle', 'json-ld')
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import FormatError, GraphLoadError, OutputError
from kg.rdf.namespaces import IPR, PREFIXES, bind_prefixes

#: kg's format names -> rdflib's plugin names.
FORMATS: dict[str, str] = {
    "turtle": "turtle",
    "ttl": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "trig": "trig",
    "xml": "xml",
    "rdfxml": "xml",
}
_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".n3": "n3",
    ".nq": "nquads",
}


def rdflib_format(name: str) -> str:
    """The rdflib plugin for a kg format name; FormatError listing the known ones otherwise."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(sorted({"turtle", "nt", "jsonld", "trig", "xml"}))
        raise FormatError(f"unknown format {name!r}; known formats: {known}") from None


def format_for_path(path: Path) -> str:
    """The rdflib format a file name implies (Turtle by default)."""
    return _SUFFIXES.get(path.suffix.lower(), "turtle")


def check_writable(path: Path) -> None:
    """Fail early (before a long build) when ``path`` cannot be written."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for the output")
    parent = path.parent if str(path.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create its folder ({exc.strerror or exc})") from exc
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{path}: its folder is not writable")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old content or the new one, never a part.

    The file gets the permissions a plain ``open(path, "w")`` would give (umask applied).
    """
    path = Path(path)
    check_writable(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from exc
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    """Serialise a graph in a kg format name (deterministic for Turtle and N-Triples).

    TriG needs named graphs: a Dataset is written as it is; a plain Graph goes into the
    named graph ``ipr:graph/all``.
    """
    plugin = rdflib_format(fmt)
    if plugin == "trig" and not isinstance(graph, Dataset):
        graph = dataset_by_article(graph)
    elif plugin != "trig" and isinstance(graph, Dataset):
        graph = union_graph(graph)
    bind_prefixes(graph)
    if plugin == "nt":
        # split at "\n" only: splitlines() also splits inside literals (at \x1c, \x85, ...)
        lines = sorted(graph.serialize(format="nt").split("\n"))
        return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
    if plugin == "json-ld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
    return graph.serialize(format=plugin).encode("utf-8")


def dataset_by_article(graph: Graph) -> Dataset:
    """A kg graph split as kg's store keeps it: each article's node, statistics, reified
    statements and the relation triples they state in ``ipr:graph/<article id>``, entity
    descriptions in the default graph. Their union is the graph again. A graph with no
    article goes whole into ``ipr:graph/all``.

    Example:
        >>> from rdflib import Literal, URIRef
        >>> from rdflib.namespace import RDF
        >>> from kg.rdf.namespaces import IPO
        >>> g = Graph()
        >>> a = IPR["article/a"]
        >>> _ = g.add((a, RDF.type, IPO.Article)).add((IPR.china, RDF.type, IPO.Country))
        >>> ds = dataset_by_article(g)
        >>> [len(ds.graph(IPR["graph/a"])), len(ds.default_graph)]
        [1, 1]
    """
    from rdflib.namespace import PROV, RDF

    from kg.rdf.namespaces import IPO

    dataset = Dataset()
    articles = sorted(set(graph.subjects(RDF.type, IPO.Article)), key=str)
    if not articles:
        named = dataset.graph(IPR["graph/all"])
        for triple in graph:
            named.add(triple)
        return dataset
    placed: set[tuple] = set()
    prefix = str(IPR["article/"])
    for article in articles:
        named = dataset.graph(IPR["graph/" + str(article)[len(prefix) :]])
        nodes = [article, *graph.subjects(PROV.wasDerivedFrom, article)]
        for node in nodes:
            for triple in graph.triples((node, None, None)):
                named.add(triple)
                placed.add(triple)
            if (node, RDF.type, RDF.Statement) in graph:  # the relation it states
                stated = tuple(
                    graph.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object)
                )
                if None not in stated and stated in graph:
                    named.add(stated)
                    placed.add(stated)
    for triple in graph:
        if triple not in placed:
            dataset.default_graph.add(triple)
    return dataset


def output_format(path: Path, fmt: str | None = None) -> str:
    """The kg format name to write ``path`` in: ``fmt`` if given (checked), else the suffix's.

    Example:
        >>> output_format(Path("g.jsonld")), output_format(Path("g.ttl"), "nt")
        ('jsonld', 'nt')
    """
    if fmt:
        rdflib_format(fmt)
        return fmt
    plugin = format_for_path(Path(path))
    return {"json-ld": "jsonld", "n3": "turtle", "nquads": "nt"}.get(plugin, plugin)


def write_graph(graph: Graph, path: Path, fmt: str | None = None) -> None:
    """Serialise and write atomically; the format defaults to the one the suffix implies."""
    atomic_write_bytes(Path(path), serialize(graph, output_format(Path(path), fmt)))


def load_graph(path: str | Path, fmt: str | None = None) -> Graph:
    """Read a graph file; GraphLoadError with the parser's message when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise GraphLoadError(f"{path}: no such graph file")
    plugin = rdflib_format(fmt) if fmt else format_for_path(path)
    if plugin == "xml":
        from kg.rdf.xml_guard import check_xml_file

        check_xml_file(path)  # no external or nested entities (XXE, billion laughs)
    graph = Dataset() if plugin in {"trig", "nquads"} else Graph()
    try:
        graph.parse(path, format=plugin)
    except FormatError:
        raise
    except Exception as exc:  # rdflib raises many parser-specific types
        raise GraphLoadError(f"{path}: cannot parse as RDF ({type(exc).__name__}: {exc})") from exc
    if isinstance(graph, Dataset):
        graph = union_graph(graph)
    bind_prefixes(graph)
    return graph


def union_graph(dataset: Dataset) -> Graph:
    """All triples of a Dataset's graphs in one Graph (what queries and validation read)."""
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph
