"""Refuse RDF/XML that declares entities an attacker could use: external entities
(XXE: ``<!ENTITY x SYSTEM "file:///etc/passwd">``), parameter entities, and entities
built from other entities (the "billion laughs": ten nested levels make 3 GB from
1 KB; pyoxigraph expanded one into a 3-billion-character label, using 9 GB).

The common, harmless use stays allowed: short internal entities abbreviating
namespaces, as ontology editors write them (``<!ENTITY owl "http://...#">``).

Example:
    >>> check_xml_entities(b'<!DOCTYPE rdf:RDF [<!ENTITY owl "http://www.w3.org/2002/07/owl#">]>',
    ...                    "ok.rdf")
    >>> check_xml_entities(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "x.rdf")
    Traceback (most recent call last):
    ...
    kg.errors.GraphLoadError: x.rdf: RDF/XML declaring an external entity (x) is refused
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import GraphLoadError

#: How much of a file is read for its DOCTYPE (a longer internal subset is refused).
PREFIX_BYTES = 1_000_000
MAX_ENTITY_CHARS = 2_000
_DOCTYPE = re.compile(r"<!DOCTYPE\b", re.I)
_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[(?P<subset>.*?)\]\s*>", re.S | re.I)
_ENTITY = re.compile(
    r"<!ENTITY\s+(?P<param>%\s+)?(?P<name>[^\s\"'>]+)\s+(?P<body>(?:\"[^\"]*\"|'[^']*'|[^>])*)>",
    re.S,
)


def _text(prefix: bytes) -> str:
    if prefix.startswith((b"\xff\xfe", b"\xfe\xff")):
        return prefix.decode("utf-16", errors="replace")
    return prefix.decode("utf-8", errors="replace")


def check_xml_entities(prefix: bytes, source: str) -> None:
    """GraphLoadError when the DOCTYPE at the start of an RDF/XML document declares a
    dangerous entity; nothing otherwise."""
    text = _text(prefix)
    if not _DOCTYPE.search(text):
        return
    subset = _SUBSET.search(text)
    if subset is None:
        if "[" in text[_DOCTYPE.search(text).end() :][:200]:
            raise GraphLoadError(f"{source}: RDF/XML whose DOCTYPE does not end is refused")
        return  # a DOCTYPE with no internal subset declares nothing
    for entity in _ENTITY.finditer(subset.group("subset")):
        name, body = entity.group("name"), entity.group("body").strip()
        if entity.group("param"):
            raise GraphLoadError(
                f"{source}: RDF/XML declaring a parameter entity ({name}) is refused"
            )
        if body.upper().startswith(("SYSTEM", "PUBLIC")):
            raise GraphLoadError(
                f"{source}: RDF/XML declaring an external entity ({name}) is refused"
            )
        value = body[1:-1] if body[:1] in "\"'" else body
        if "&" in value or "%" in value:
            raise GraphLoadError(
                f"{source}: RDF/XML declaring an entity made of entities ({name}) is refused "
                "(entity expansion)"
            )
        if len(value) > MAX_ENTITY_CHARS:
            raise GraphLoadError(
                f"{source}: RDF/XML declaring a {len(value):,}-character entity is refused"
            )


def check_xml_file(path: Path) -> None:
    """check_xml_entities on the start of a file."""
    with open(path, "rb") as handle:
        check_xml_entities(handle.read(PREFIX_BYTES), str(path))
