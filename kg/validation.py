"""Validate a graph against kg's SHACL shapes (pySHACL), readably.

The ontology is passed as pySHACL's ``ont_graph`` (mixed into the data before
validation), so ``sh:class`` and ``sh:targetClass`` follow ``rdfs:subClassOf``.
Each violation is reported with the evidence sentence of the node that broke
the rule, when the node has one (a statistic or statement), or of a statistic
about it.

Example:
    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms
    True
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.rdf.namespaces import IPO, PREFIXES
from kg.resources import load_ontology, load_shapes


@dataclass(frozen=True)
class Violation:
    """One SHACL result, with the sentence that produced the offending node."""

    focus: str
    path: str | None
    message: str
    severity: str
    evidence: str | None = None

    def describe(self) -> str:
        where = f" ({self.path})" if self.path else ""
        line = f"[{self.severity}] {self.focus}{where}: {self.message}"
        return line + (f"\n    from: “{self.evidence}”" if self.evidence else "")


@dataclass
class ValidationReport:
    """Whether the graph conforms, its violations, and pySHACL's report graph."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    report_graph: Graph | None = None
    text: str = ""


def _short(node: object) -> str:
    """ipo:value, ipr:statistic/doc-1-abc: kg's prefixes, even for local names with '/'."""
    text = str(node)
    if isinstance(node, URIRef):
        for prefix, namespace in PREFIXES.items():
            if text.startswith(str(namespace)):
                return f"{prefix}:{text[len(str(namespace)) :]}"
        return f"<{text}>"
    return text


def _evidence_for(data: Graph, focus: object) -> str | None:
    text = data.value(focus, IPO.evidence)  # type: ignore[arg-type]
    if text is None:
        for stat in data.subjects(IPO.subject, focus):  # type: ignore[arg-type]
            text = data.value(stat, IPO.evidence)
            if text is not None:
                break
    return str(text) if text is not None else None


@contextmanager
def _reuse_translated_queries() -> Iterator[None]:
    """Translate each SPARQL text once while pySHACL validates.

    pySHACL runs a SPARQL-based constraint once per focus node with the same text
    and different initial bindings; rdflib parses and translates the text anew
    every time, which is most of the validation time.  A translated query is
    reusable with other bindings (that is what rdflib's prepareQuery is for), so
    for the duration of one validation the processor keeps them by text.
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    cache: dict[tuple[str, str | None, tuple], object] = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if key not in cache:
                cache[key] = processor.translateQuery(
                    processor.parseQuery(strOrQuery), base, initNs
                )
            strOrQuery = cache[key]
        return processor.evalQuery(self.graph, strOrQuery, initBindings, base)

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original  # type: ignore[method-assign]


def validate_graph(data: Graph) -> ValidationReport:
    """Run the shapes over a graph and collect readable violations."""
    from pyshacl import validate

    with _reuse_translated_queries():
        conforms, report, text = _run(validate, data)
    return _collect(data, bool(conforms), report, str(text))


def _run(validate, data: Graph):
    return validate(
        data,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )


def _collect(data: Graph, conforms: bool, report: Graph, text: str) -> ValidationReport:
    violations: list[Violation] = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=_short(focus),
                path=_short(path) if path is not None else None,
                message=str(message) if message is not None else "constraint not met",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                evidence=_evidence_for(data, focus),
            )
        )
    violations.sort(key=lambda v: (v.severity, v.focus, v.path or "", v.message))
    return ValidationReport(conforms, violations, report, text)
