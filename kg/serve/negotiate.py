"""Content negotiation for the SPARQL endpoint: which media type answers a request.

SELECT and ASK answer with a SPARQL result format, CONSTRUCT and DESCRIBE with an
RDF format.  The choice follows the ``Accept`` header (with its q-values), unless a
``format`` (or ``output``) parameter names one, as YASGUI and Fuseki clients send.

Example:
    >>> choose("text/csv, application/json;q=0.5", graph=False)
    'text/csv'
    >>> choose("*/*", graph=True)
    'text/turtle'
    >>> choose("application/sparql-results+xml", graph=False, override="tsv")
    'text/tab-separated-values'
    >>> choose("image/png", graph=False) is None
    True
"""

from __future__ import annotations

#: Result-set media types kg answers in, the first the default; aliases map onto them.
RESULT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
#: RDF media types for CONSTRUCT and DESCRIBE, the first the default.
GRAPH_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
)
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/plain": "application/n-triples",
    "application/x-turtle": "text/turtle",
}
_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"),
    "nt": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"),
    "json-ld": (None, "application/ld+json"),
    "rdfxml": (None, "application/rdf+xml"),
}


def _accepted(header: str) -> list[tuple[float, int, str]]:
    """(q, order, media type) for each entry of an Accept header, best first."""
    entries = []
    for order, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            entries.append((q, order, media))
    return sorted(entries, key=lambda e: (-e[0], e[1]))


def _named(name: str, graph: bool, offered: tuple[str, ...]) -> str | None:
    """A format named by a parameter: a short name ('csv'), a media type or its subtype
    ('rdf+xml', as SPARQLWrapper sends)."""
    name = name.strip().lower()
    if name in _NAMES:
        return _NAMES[name][1 if graph else 0]
    for media in (name, f"application/{name}", f"text/{name}"):
        media = _ALIASES.get(media, media)
        if media in offered:
            return media
    return None


def choose(accept: str | None, graph: bool, override: str | list[str] | None = None) -> str | None:
    """The media type to answer in, or None when nothing acceptable is offered.

    ``override`` is the ``format``/``output`` parameter(s): the first one kg knows wins.
    """
    offered = GRAPH_TYPES if graph else RESULT_TYPES
    if override:
        names = [override] if isinstance(override, str) else override
        return next((m for n in names if (m := _named(n, graph, offered))), None)
    if not accept:
        return offered[0]
    for _, _, media in _accepted(accept):
        if media in {"*/*", "application/*", "text/*"}:
            prefix = media.split("/")[0]
            match = next((m for m in offered if prefix == "*" or m.startswith(prefix)), None)
            if match:
                return match
            continue
        media = _ALIASES.get(media, media)
        if media in offered:
            return media
    return None


def with_charset(media_type: str) -> str:
    """The Content-Type header value (text formats say they are UTF-8)."""
    if media_type.startswith("text/") or media_type.endswith(("json", "xml", "triples")):
        return f"{media_type}; charset=utf-8"
    return media_type
