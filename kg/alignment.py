"""The ontology's alignment files, generated from one mapping table.

``ontology/mappings/ipo-alignment.sssom.tsv`` (SSSOM TSV: a YAML metadata block
as ``#`` lines, then one row per link) is the source of truth for the links of
ipo: terms to outside vocabularies.  This module reads it, checks the rules of
docs/alignment.md on every row, and writes the two Turtle files the package
loads (``kg.resources`` reads ``ontology/alignment*.ttl``):

* ``alignment-schema-dbpedia.ttl``: every target that is not Wikidata
  (schema.org, DBpedia, PROV-O, W3C ORG, RDF Data Cube, SDMX, DCMI Terms, the
  EPO patent ontology), by ``rdfs:subClassOf`` / ``rdfs:subPropertyOf``;
* ``alignment-wikidata.ttl``: the Wikidata items, by ``skos:exactMatch`` /
  ``skos:closeMatch`` only (they are individuals in Wikidata's RDF).

``python -m kg.alignment`` rewrites both files (atomically, and only when they
change); ``python -m kg.alignment --check`` exits 1 and names the files that are
out of step with the table (2 when the table itself breaks a rule).

Example:
    >>> table = read_table()
    >>> sorted(render(table))
    ['alignment-schema-dbpedia.ttl', 'alignment-wikidata.ttl']
    >>> check(table) == []
    True
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ResourceError
from kg.rdf.io import atomic_write_bytes
from kg.resources import resource_dir

if TYPE_CHECKING:
    from rdflib import Graph

IPO_NAMESPACE = "https://w3id.org/ipkg/ontology#"
WIKIDATA = "http://www.wikidata.org/"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
SEMAPV = "https://w3id.org/semapv/vocab/"

SUBCLASS_OF = RDFS + "subClassOf"
SUBPROPERTY_OF = RDFS + "subPropertyOf"
#: Links to outside classes and properties (design rule 3).  skos:narrowMatch is
#: kept for the one row that alignment.md restricts to part of a property's range
#: (ipo:subject to sdmx-dimension:refArea, "for places"), where a subproperty
#: would say too much; like every SKOS mapping it imports no axioms.
OUTSIDE_PREDICATES = frozenset({SUBCLASS_OF, SUBPROPERTY_OF, SKOS + "narrowMatch"})
#: Links to Wikidata items (design rule 4): SKOS only, never OWL.
WIKIDATA_PREDICATES = frozenset({SKOS + "exactMatch", SKOS + "closeMatch"})
FORBIDDEN_PREDICATES = frozenset(
    {OWL + "equivalentClass", OWL + "equivalentProperty", OWL + "sameAs"}
)
_FORBIDDEN_CURIES = frozenset(f"owl:{iri.removeprefix(OWL)}" for iri in FORBIDDEN_PREDICATES)

#: SSSOM confidence for each verification status of alignment.md.
STATUS_CONFIDENCE: dict[str, float] = {"V": 1.0, "V1": 0.8}

COLUMNS: tuple[str, ...] = (
    "subject_id",
    "predicate_id",
    "object_id",
    "mapping_justification",
    "confidence",
    "status",
    "comment",
)
REQUIRED_METADATA: tuple[str, ...] = (
    "curie_map",
    "mapping_set_id",
    "license",
    "mapping_set_description",
)

TABLE_NAME = "mappings/ipo-alignment.sssom.tsv"
SCHEMA_FILE = "alignment-schema-dbpedia.ttl"
WIKIDATA_FILE = "alignment-wikidata.ttl"

_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_.-]*):([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)$")
_RULE = "# " + "=" * 77

_TITLES: dict[str, tuple[str, ...]] = {
    SCHEMA_FILE: (
        "Alignment of ipo: to schema.org, DBpedia, PROV-O, W3C ORG, RDF Data Cube,",
        "SDMX and DCMI Terms: every target but Wikidata (links to the EPO patent",
        "ontology would come here too; the table has none yet).",
        "",
        "Only rdfs:subClassOf / rdfs:subPropertyOf (and one documented skos:narrowMatch),",
        "never owl:equivalentClass or owl:equivalentProperty: they would import the",
        "outside vocabularies' axioms into validation. Wikidata links are in",
        f"{WIKIDATA_FILE}.",
    ),
    WIKIDATA_FILE: (
        "Alignment of ipo: to Wikidata.",
        "",
        "Wikidata classes (Q...) and properties (P...) are individuals in Wikidata's",
        "RDF, so they are linked with skos:exactMatch / skos:closeMatch only, never",
        "with OWL axioms; both kinds are written in the entity namespace wd:",
        "(wd:Q5, wd:P463). Individuals (owl:sameAs from ipr: entities) are the",
        "builder's business, not this file's.",
    ),
}


class AlignmentError(ResourceError):
    """The mapping table breaks a rule of docs/alignment.md or cannot be read."""


@dataclass(frozen=True)
class Mapping:
    """One row of the table: ``subject_id predicate_id object_id`` and why."""

    subject_id: str
    predicate_id: str
    object_id: str
    mapping_justification: str
    confidence: float
    status: str
    comment: str
    line: int = 0


@dataclass(frozen=True)
class MappingTable:
    """The table's metadata (``curie_map`` apart) and its rows, in table order."""

    metadata: dict[str, str]
    curie_map: dict[str, str]
    mappings: tuple[Mapping, ...]
    source: str = "<table>"

    def expand(self, curie: str) -> str:
        """The full IRI of a CURIE of the table.

        Example:
            >>> read_table().expand("wd:Q5")
            'http://www.wikidata.org/entity/Q5'
        """
        match = _CURIE.match(curie)
        if match is None:
            raise AlignmentError(f"{self.source}: {curie!r} is not a CURIE (prefix:local)")
        prefix, local = match.groups()
        if prefix not in self.curie_map:
            raise AlignmentError(f"{self.source}: the prefix of {curie!r} is not in curie_map")
        return self.curie_map[prefix] + local


def table_path(directory: Path | None = None) -> Path:
    """Where the mapping table lives: ``mappings/`` under the ontology folder.

    Example:
        >>> table_path(Path("ontology")).as_posix()
        'ontology/mappings/ipo-alignment.sssom.tsv'
    """
    return (directory or resource_dir("ontology")) / TABLE_NAME


def _scalar(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def parse_metadata(lines: Iterable[str]) -> dict[str, str | dict[str, str]]:
    """Parse the YAML subset an SSSOM metadata block needs (PyYAML is no dependency).

    Top-level ``key: value`` scalars (plain or quoted), folded block scalars
    (``key: >`` and indented lines), and one level of nested ``key: value``
    mappings (as ``curie_map``).  Lines may keep their leading ``#``.

    Example:
        >>> parse_metadata(["#curie_map:", "#  wd: http://www.wikidata.org/entity/",
        ...                 "#license: https://www.apache.org/licenses/LICENSE-2.0",
        ...                 "#mapping_set_description: >", "#  two", "#  lines"])
        ... # doctest: +NORMALIZE_WHITESPACE
        {'curie_map': {'wd': 'http://www.wikidata.org/entity/'},
         'license': 'https://www.apache.org/licenses/LICENSE-2.0',
         'mapping_set_description': 'two lines'}
    """
    result: dict[str, str | dict[str, str]] = {}
    key: str | None = None
    for raw in lines:
        line = raw[1:] if raw.startswith("#") else raw
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        if not line[0].isspace():
            name, sep, value = line.partition(":")
            if not sep or not name.strip():
                raise AlignmentError(f"metadata line {raw.strip()!r} is not 'key: value'")
            key, value = name.strip(), value.strip()
            if value in {"", ">", ">-", "|", "|-"}:
                result[key] = {} if value == "" else ""
            else:
                result[key] = _scalar(value)
            continue
        if key is None:
            raise AlignmentError(f"metadata line {raw.strip()!r} is indented under no key")
        current = result[key]
        if isinstance(current, dict):
            name, sep, value = line.strip().partition(":")
            if not sep:
                raise AlignmentError(f"metadata line {raw.strip()!r} is not 'key: value'")
            current[name.strip()] = _scalar(value)
        else:
            result[key] = f"{current} {line.strip()}".strip()
    return result


def parse_table(text: str, source: str = "<table>") -> MappingTable:
    """Read an SSSOM TSV text and check every rule of docs/alignment.md on it.

    Raises AlignmentError naming the line of the first broken row.

    Example:
        >>> text = table_path().read_text(encoding="utf-8")
        >>> [row.object_id for row in parse_table(text).mappings if row.subject_id == "ipo:Person"]
        ['schema:Person', 'dbo:Person', 'wd:Q5']
        >>> parse_table(text.replace("ipo:Treaty\\trdfs:subClassOf", "ipo:Treaty\\towl:equivalentClass"))
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        kg.alignment.AlignmentError: <table>, line ...: owl:equivalentClass is never used for outside terms ...
    """
    lines = text.splitlines()
    meta_lines = [line for line in lines if line.startswith("#")]
    metadata = parse_metadata(meta_lines)
    for key in REQUIRED_METADATA:
        if not metadata.get(key):
            raise AlignmentError(f"{source}: the metadata block has no {key}")
    curie_map = metadata.pop("curie_map")
    if not isinstance(curie_map, dict):
        raise AlignmentError(f"{source}: curie_map is not a mapping of prefixes")
    if curie_map.get("ipo") != IPO_NAMESPACE:
        raise AlignmentError(f"{source}: curie_map must map ipo: to {IPO_NAMESPACE}")
    flat = {k: v for k, v in metadata.items() if isinstance(v, str)}

    numbered = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith("#")]
    numbered = [(n, line) for n, line in numbered if line.strip()]
    if not numbered:
        raise AlignmentError(f"{source}: no header row")
    reader = csv.reader((line for _, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise AlignmentError(f"{source}: missing columns {', '.join(missing)}")
    table = MappingTable(flat, dict(curie_map), (), source)
    rows: list[Mapping] = []
    for (number, _), cells in zip(numbered[1:], reader, strict=True):
        if len(cells) != len(header):
            raise AlignmentError(
                f"{source}, line {number}: {len(cells)} cells, the header has {len(header)}"
            )
        record = dict(zip(header, cells, strict=True))
        rows.append(_check_row(table, record, number))
    _check_consistency(table, rows)
    return MappingTable(flat, dict(curie_map), tuple(rows), source)


def _check_row(table: MappingTable, record: dict[str, str], line: int) -> Mapping:
    where = f"{table.source}, line {line}"

    def fail(message: str) -> AlignmentError:
        return AlignmentError(f"{where}: {message}")

    def expand(column: str) -> str:
        try:
            return table.expand(record[column].strip())
        except AlignmentError:
            raise fail(
                f"{column} {record[column]!r} is not a CURIE whose prefix is in curie_map"
            ) from None

    curie = record["predicate_id"].strip()
    if curie in _FORBIDDEN_CURIES:  # before expansion: the table need not declare owl:
        predicate = OWL + curie.split(":", 1)[1]
    else:
        predicate = expand("predicate_id")
    if predicate in FORBIDDEN_PREDICATES:
        raise fail(
            f"{curie} is never used for outside terms (docs/alignment.md, design rules 3 "
            "and 4); use rdfs:subClassOf / rdfs:subPropertyOf, or skos:exactMatch / "
            "skos:closeMatch for Wikidata"
        )
    subject, obj = expand("subject_id"), expand("object_id")
    if not subject.startswith(IPO_NAMESPACE):
        raise fail(
            f"the subject {record['subject_id']} is not an ipo: term; outside IRIs are "
            "only ever objects (docs/alignment.md, design rule 1)"
        )
    if obj.startswith(IPO_NAMESPACE):
        raise fail(f"the object {record['object_id']} is an ipo: term, not an outside one")
    if obj.startswith(WIKIDATA):
        if not obj.startswith(WIKIDATA_ENTITY):
            raise fail(f"write Wikidata targets as wd: entities (wd:P463), not {obj}")
        if predicate not in WIKIDATA_PREDICATES:
            raise fail(f"Wikidata items take skos:exactMatch or skos:closeMatch, not {curie}")
    elif predicate not in OUTSIDE_PREDICATES:
        raise fail(
            f"outside classes and properties take rdfs:subClassOf or rdfs:subPropertyOf, "
            f"not {curie}"
        )
    justification = expand("mapping_justification")
    if not justification.startswith(SEMAPV):
        raise fail("mapping_justification must be a semapv: term")
    status = record["status"].strip()
    if status not in STATUS_CONFIDENCE:
        raise fail(f"status {status!r} is not V or V1 (a U target of alignment.md gets no row)")
    try:
        confidence = float(record["confidence"])
    except ValueError:
        raise fail(f"confidence {record['confidence']!r} is not a number") from None
    if confidence != STATUS_CONFIDENCE[status]:
        raise fail(f"status {status} has confidence {STATUS_CONFIDENCE[status]}, not {confidence}")
    comment = record["comment"].strip()
    if not comment:
        raise fail("the comment (the justification in words) is empty")
    return Mapping(
        record["subject_id"].strip(),
        curie,
        record["object_id"].strip(),
        record["mapping_justification"].strip(),
        confidence,
        status,
        comment,
        line,
    )


def _check_consistency(table: MappingTable, rows: Sequence[Mapping]) -> None:
    """No duplicate rows and no two rows that contradict each other."""
    seen: dict[tuple[str, str], Mapping] = {}
    kinds: dict[str, tuple[str, Mapping]] = {}
    exact: dict[str, Mapping] = {}
    for row in rows:
        subject, obj = table.expand(row.subject_id), table.expand(row.object_id)
        predicate = table.expand(row.predicate_id)
        where = f"{table.source}, line {row.line}"
        earlier = seen.get((subject, obj))
        if earlier is not None:
            raise AlignmentError(
                f"{where}: {row.subject_id} -> {row.object_id} is already linked on line "
                f"{earlier.line} ({earlier.predicate_id}); one link per pair"
            )
        seen[subject, obj] = row
        if predicate in {SUBCLASS_OF, SUBPROPERTY_OF}:
            kind, first = kinds.setdefault(subject, (predicate, row))
            if kind != predicate:
                raise AlignmentError(
                    f"{where}: {row.subject_id} is linked as a class and as a property "
                    f"(line {first.line})"
                )
        if predicate == SKOS + "exactMatch":
            other = exact.setdefault(obj, row)
            if other is not row:
                raise AlignmentError(
                    f"{where}: {row.object_id} is the exactMatch of {other.subject_id} "
                    f"(line {other.line}) too, which would make the two ipo: terms one"
                )


def read_table(path: Path | None = None) -> MappingTable:
    """Read and check the mapping table (the shipped one by default).

    Example:
        >>> rows = read_table().mappings
        >>> rows[0].subject_id, rows[0].predicate_id, rows[0].object_id
        ('ipo:Country', 'rdfs:subClassOf', 'schema:Country')
    """
    path = path or table_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AlignmentError(f"cannot read the mapping table {path}: {exc}") from exc
    return parse_table(text, str(path))


def check_against_ontology(table: MappingTable, ontology: Graph) -> None:
    """Every subject is declared in the core ontology, with the right kind of link.

    rdfs:subClassOf only from an owl:Class, rdfs:subPropertyOf only from a property.

    Example:
        >>> from kg.resources import load_ontology
        >>> check_against_ontology(read_table(), load_ontology())
    """
    from rdflib import RDF, URIRef

    classes = {URIRef(OWL + "Class")}
    properties = {URIRef(OWL + "ObjectProperty"), URIRef(OWL + "DatatypeProperty")}
    for row in table.mappings:
        where = f"{table.source}, line {row.line}"
        types = set(ontology.objects(URIRef(table.expand(row.subject_id)), RDF.type))
        if not types & (classes | properties):
            raise AlignmentError(f"{where}: {row.subject_id} is not a class or property of ipo")
        predicate = table.expand(row.predicate_id)
        if predicate == SUBCLASS_OF and not types & classes:
            raise AlignmentError(f"{where}: {row.subject_id} is no class: no rdfs:subClassOf")
        if predicate == SUBPROPERTY_OF and not types & properties:
            raise AlignmentError(f"{where}: {row.subject_id} is no property: no subPropertyOf")


def target_file(table: MappingTable, row: Mapping) -> str:
    """The alignment file a row belongs to: Wikidata targets apart, the rest together.

    Example:
        >>> table = read_table()
        >>> sorted({target_file(table, row) for row in table.mappings})
        ['alignment-schema-dbpedia.ttl', 'alignment-wikidata.ttl']
    """
    obj = table.expand(row.object_id)
    return WIKIDATA_FILE if obj.startswith(WIKIDATA_ENTITY) else SCHEMA_FILE


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, width=86, initial_indent="# ", subsequent_indent="#   ")


def _render_file(table: MappingTable, name: str, rows: Sequence[Mapping]) -> str:
    out: list[str] = [_RULE]
    out += [f"# {line}".rstrip() for line in _TITLES[name]]
    out += [
        "#",
        f"# GENERATED from {TABLE_NAME} (beside this file) by",
        "# `python -m kg.alignment`: do not edit it by hand. Change the table and",
        "# regenerate; `python -m kg.alignment --check` and tests/test_alignment.py fail",
        "# when this file and the table are out of step.",
        "#",
        "# Every link comes from docs/alignment.md (in the shared project docs); the",
        "# comment above each triple gives its status there and the justification:",
        "#   V  = seen in an authoritative source or in two independent ones",
        "#   V1 = seen in one source only",
        "# Terms that have no link on purpose are listed in the table's",
        "# mapping_set_description. Every triple has an ipo: term of the core ontology as",
        "# its subject, so the file carries no ontology header node of its own.",
        _RULE,
        "",
    ]
    used = {row.subject_id.split(":", 1)[0] for row in rows}
    used |= {row.predicate_id.split(":", 1)[0] for row in rows}
    used |= {row.object_id.split(":", 1)[0] for row in rows}
    width = max((len(p) for p in used), default=0) + 1
    for prefix in sorted(used):
        out.append(f"@prefix {prefix + ':':<{width}} <{table.curie_map[prefix]}> .")
    previous: str | None = None
    for row in rows:
        if row.subject_id != previous:
            out.append("")
            previous = row.subject_id
        out += _comment(f"{row.status}: {row.comment}")
        out.append(f"{row.subject_id} {row.predicate_id} {row.object_id} .")
    return "\n".join(out) + "\n"


def render(table: MappingTable) -> dict[str, str]:
    """The text of each alignment file, as the table generates it (deterministic).

    Example:
        >>> text = render(read_table())["alignment-wikidata.ttl"]
        >>> "ipo:Person skos:exactMatch wd:Q5 ." in text
        True
    """
    files: dict[str, list[Mapping]] = {SCHEMA_FILE: [], WIKIDATA_FILE: []}
    for row in table.mappings:
        files[target_file(table, row)].append(row)
    return {name: _render_file(table, name, rows) for name, rows in files.items()}


def write(table: MappingTable, directory: Path | None = None) -> list[Path]:
    """Write the alignment files that differ from the table; return those written.

    Each file is written atomically (a temporary file in the same folder, then
    os.replace), and only when its text changes.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     first = [p.name for p in write(read_table(), Path(folder))]
        ...     again = write(read_table(), Path(folder))
        >>> sorted(first), again
        (['alignment-schema-dbpedia.ttl', 'alignment-wikidata.ttl'], [])
    """
    directory = directory or resource_dir("ontology")
    written: list[Path] = []
    for name, text in render(table).items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            atomic_write_bytes(path, text.encode("utf-8"))
            written.append(path)
    return written


def check(table: MappingTable, directory: Path | None = None) -> list[Path]:
    """The alignment files that are missing or differ from what the table generates.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     missing = [p.name for p in check(read_table(), Path(folder))]
        >>> missing, check(read_table())
        (['alignment-schema-dbpedia.ttl', 'alignment-wikidata.ttl'], [])
    """
    directory = directory or resource_dir("ontology")
    return [
        directory / name
        for name, text in render(table).items()
        if not (directory / name).is_file()
        or (directory / name).read_text(encoding="utf-8") != text
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kg.alignment [--check]``: regenerate, or check, the alignment files.

    Exit status: 0 done (or in step), 1 a file is out of step (``--check``), 2 the
    table breaks a rule (the error names its line).

    Example:
        >>> main(["--check"])
        0
    """
    parser = argparse.ArgumentParser(
        prog="python -m kg.alignment",
        description="Generate ontology/alignment-*.ttl from the SSSOM mapping table.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when a generated file is out of step with the table",
    )
    parser.add_argument(
        "--directory",
        type=Path,
        default=None,
        help="the ontology folder (default: kg's own)",
    )
    parser.add_argument(
        "--table",
        type=Path,
        default=None,
        help=f"the mapping table (default: {TABLE_NAME} under the ontology folder)",
    )
    args = parser.parse_args(argv)
    directory: Path = args.directory or resource_dir("ontology")
    try:
        table = read_table(args.table or table_path(directory))
        from kg.resources import load_ontology

        check_against_ontology(table, load_ontology())
    except AlignmentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    source = args.table or table_path(directory)
    if args.check:
        stale = check(table, directory)
        for path in stale:
            state = "differs from" if path.is_file() else "is missing: it is generated from"
            print(
                f"{path} {state} {source}; run python -m kg.alignment to regenerate it",
                file=sys.stderr,
            )
        return 1 if stale else 0
    for path in write(table, directory):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
