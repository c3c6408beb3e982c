"""The namespaces of kg's graphs.

Example:
    >>> str(IPO.Statistic), str(IPR["china"])
    ('https://w3id.org/ipkg/ontology#Statistic', 'https://w3id.org/ipkg/resource/china')
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

IPO = Namespace("https://w3id.org/ipkg/ontology#")
IPR = Namespace("https://w3id.org/ipkg/resource/")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, Namespace] = {
    "ipo": IPO,
    "ipr": IPR,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "xsd": XSD,
    "prov": PROV,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "wd": WD,
}


def bind_prefixes(graph) -> None:
    """Bind kg's prefixes on a graph so that serialisations are readable."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
