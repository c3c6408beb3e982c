"""Locate the files kg ships beside its code: ontology/, shapes/ and the gazetteers.

The ontology and the shapes live at the repository's top level (they are the
source of truth).  A built wheel carries them inside the package as
``kg/_resources/{ontology,shapes}``; an editable install or a source checkout
finds them one level above the package.  Every caller goes through this module,
so both layouts behave alike.

Example:
    >>> from kg.resources import resource_dir
    >>> (resource_dir("ontology") / "ipo.ttl").is_file()
    True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ResourceError

if TYPE_CHECKING:
    from rdflib import Graph

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the directory of a shipped resource set ("ontology" or "shapes")."""
    for candidate in (_PACKAGE_DIR / "_resources" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise ResourceError(
        f"kg cannot find its {name}/ directory; reinstall kg (pip install .) "
        "or run it from a source checkout."
    )


def gazetteer_dir() -> Path:
    """Return the directory holding the gazetteer TSV files."""
    return _PACKAGE_DIR / "data" / "gazetteer"


def _load_turtle_dir(name: str, pattern: str = "*.ttl") -> Graph:
    from rdflib import Graph

    graph = Graph()
    files = sorted(resource_dir(name).glob(pattern))
    if not files:
        raise ResourceError(f"no Turtle files in {resource_dir(name)}")
    for path in files:
        graph.parse(path, format="turtle")
    return graph


@cache
def _ontology() -> Graph:
    return _load_turtle_dir("ontology", "ipo.ttl")


@cache
def _alignments() -> Graph:
    return _load_turtle_dir("ontology", "alignment*.ttl")


@cache
def _shapes() -> Graph:
    return _load_turtle_dir("shapes")


def load_ontology(with_alignments: bool = False) -> Graph:
    """Return a fresh copy of the core ontology (optionally with its alignments).

    Example:
        >>> from kg.resources import load_ontology
        >>> len(load_ontology()) > 100
        True
    """
    from rdflib import Graph

    graph = Graph()
    graph += _ontology()
    if with_alignments:
        graph += _alignments()
    return graph


def load_shapes() -> Graph:
    """Return a fresh copy of the SHACL shapes graph."""
    from rdflib import Graph

    graph = Graph()
    graph += _shapes()
    return graph
