"""The alignment mapping table (ontology/mappings/ipo-alignment.sssom.tsv) and the files
generated from it (ontology/alignment-*.ttl).

The generated files must be exactly what the table generates; every row must link an
ipo: term of the core ontology to an outside IRI with an allowed link kind
(rdfs:subClassOf / rdfs:subPropertyOf outside Wikidata, skos:exactMatch / closeMatch to
Wikidata, never OWL equivalence); no two rows may contradict each other; the table's
prefixes must cover its CURIEs; and a broken row must raise a clear error.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.alignment import (
    COLUMNS,
    SCHEMA_FILE,
    STATUS_CONFIDENCE,
    TABLE_NAME,
    WIKIDATA_ENTITY,
    WIKIDATA_FILE,
    AlignmentError,
    MappingTable,
    check,
    check_against_ontology,
    main,
    parse_table,
    read_table,
    render,
    table_path,
    target_file,
    write,
)
from kg.resources import load_ontology, resource_dir

ROOT = Path(__file__).resolve().parent.parent
ALIGNMENT_MD = ROOT.parent / "shared" / "docs" / "alignment.md"
IPO = "https://w3id.org/ipkg/ontology#"
SDMX_REF_AREA = "http://purl.org/linked-data/sdmx/2009/dimension#refArea"

CLASSES = {URIRef(OWL.Class)}
PROPERTIES = {URIRef(OWL.ObjectProperty), URIRef(OWL.DatatypeProperty)}


@pytest.fixture(scope="module")
def table() -> MappingTable:
    return read_table()


@pytest.fixture(scope="module")
def table_text() -> str:
    return table_path().read_text(encoding="utf-8")


def _triples(table: MappingTable) -> set[tuple[URIRef, URIRef, URIRef]]:
    return {
        (
            URIRef(table.expand(r.subject_id)),
            URIRef(table.expand(r.predicate_id)),
            URIRef(table.expand(r.object_id)),
        )
        for r in table.mappings
    }


def _with_row(text: str, row: str) -> str:
    return text.rstrip("\n") + "\n" + row + "\n"


def _row(subject: str, predicate: str, obj: str, status: str = "V", comment: str = "a test") -> str:
    confidence = str(STATUS_CONFIDENCE.get(status, 1.0))
    return "\t".join(
        [subject, predicate, obj, "semapv:ManualMappingCuration", confidence, status, comment]
    )


# --- the table and the generated files stay in step -----------------------------------


def test_generated_files_are_what_the_table_generates(table: MappingTable) -> None:
    generated = render(table)
    assert set(generated) == {SCHEMA_FILE, WIKIDATA_FILE}
    for name, text in generated.items():
        on_disk = (resource_dir("ontology") / name).read_text(encoding="utf-8")
        assert on_disk == text, (
            f"{name} is out of step with {TABLE_NAME}: run python -m kg.alignment"
        )
    assert check(table) == []


def test_generated_files_match_the_resource_glob() -> None:
    """kg.resources loads ontology/alignment*.ttl: both generated files, nothing else."""
    found = sorted(p.name for p in resource_dir("ontology").glob("alignment*.ttl"))
    assert found == sorted([SCHEMA_FILE, WIKIDATA_FILE])


def test_rendering_is_deterministic(table: MappingTable, table_text: str) -> None:
    assert render(table) == render(parse_table(table_text, str(table_path())))


def test_generated_files_carry_the_table_exactly(table: MappingTable) -> None:
    loaded: set[tuple[URIRef, URIRef, URIRef]] = set()
    for name in (SCHEMA_FILE, WIKIDATA_FILE):
        graph = Graph().parse(resource_dir("ontology") / name, format="turtle")
        loaded |= set(graph)  # type: ignore[arg-type]
        for _, _, obj in graph:
            assert str(obj).startswith(WIKIDATA_ENTITY) == (name == WIKIDATA_FILE), (name, obj)
    assert loaded == _triples(table)
    assert len(loaded) == len(table.mappings)


def test_each_triple_has_a_status_and_justification_comment(table: MappingTable) -> None:
    for name, text in render(table).items():
        assert "do not edit it by hand" in text
        assert TABLE_NAME in text
        lines = text.splitlines()
        triples = [i for i, line in enumerate(lines) if line.startswith("ipo:")]
        assert len(triples) == sum(1 for r in table.mappings if target_file(table, r) == name)
        for i in triples:
            j = i - 1
            while lines[j].startswith("#   "):
                j -= 1
            assert re.match(r"^# V1?: alignment\.md ", lines[j]), (name, lines[i])


def test_check_and_write_on_a_stale_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ontology = resource_dir("ontology")
    (tmp_path / "mappings").mkdir()
    shutil.copy(table_path(), tmp_path / TABLE_NAME)
    for name in (SCHEMA_FILE, WIKIDATA_FILE):
        shutil.copy(ontology / name, tmp_path / name)
    assert main(["--check", "--directory", str(tmp_path)]) == 0

    stale = tmp_path / WIKIDATA_FILE
    stale.write_text(
        stale.read_text(encoding="utf-8").replace("wd:Q5 .", "wd:Q6 ."), encoding="utf-8"
    )
    (tmp_path / SCHEMA_FILE).unlink()
    capsys.readouterr()
    assert main(["--check", "--directory", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{stale} differs from" in err
    assert f"{tmp_path / SCHEMA_FILE} is missing" in err

    stale.chmod(0o644)
    assert main(["--directory", str(tmp_path)]) == 0
    assert main(["--check", "--directory", str(tmp_path)]) == 0
    assert stale.stat().st_mode & 0o777 == 0o644  # the rewrite keeps the file's mode
    for name in (SCHEMA_FILE, WIKIDATA_FILE):
        assert (tmp_path / name).read_text(encoding="utf-8") == (ontology / name).read_text(
            encoding="utf-8"
        )
    assert write(read_table(tmp_path / TABLE_NAME), tmp_path) == []  # nothing left to write
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_check_exits_non_zero_on_a_broken_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mappings").mkdir()
    text = table_path().read_text(encoding="utf-8")
    (tmp_path / TABLE_NAME).write_text(
        _with_row(text, _row("ipo:Person", "owl:equivalentClass", "schema:Person")),
        encoding="utf-8",
    )
    assert main(["--check", "--directory", str(tmp_path)]) == 2
    assert "owl:equivalentClass is never used" in capsys.readouterr().err


def test_module_entry_point_check_passes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg.alignment", "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


# --- every row keeps the rules ---------------------------------------------------------


def test_subjects_are_terms_of_the_core_ontology(table: MappingTable) -> None:
    core = load_ontology()
    check_against_ontology(table, core)
    for row in table.mappings:
        subject = URIRef(table.expand(row.subject_id))
        assert str(subject).startswith(IPO)
        types = set(core.objects(subject, RDF.type))
        assert types & (CLASSES | PROPERTIES), f"{row.subject_id} is not defined in ipo.ttl"
        predicate = table.expand(row.predicate_id)
        if predicate == str(RDFS.subClassOf):
            assert types & CLASSES, row
        if predicate == str(RDFS.subPropertyOf):
            assert types & PROPERTIES, row


def test_predicates_are_in_the_allowed_set(table: MappingTable) -> None:
    outside = {str(RDFS.subClassOf), str(RDFS.subPropertyOf)}
    wikidata = {str(SKOS.exactMatch), str(SKOS.closeMatch)}
    exceptions = set()
    for row in table.mappings:
        predicate, obj = table.expand(row.predicate_id), table.expand(row.object_id)
        assert predicate not in {
            str(OWL.equivalentClass),
            str(OWL.equivalentProperty),
            str(OWL.sameAs),
        }
        assert not obj.startswith(IPO), "outside IRIs are only ever objects"
        if obj.startswith("http://www.wikidata.org/"):
            assert obj.startswith(WIKIDATA_ENTITY)
            assert predicate in wikidata, row
        elif predicate not in outside:
            exceptions.add((row.subject_id, predicate, obj))
    # The one documented exception: refArea is narrower than ipo:subject (places only).
    assert exceptions == {("ipo:subject", str(SKOS.narrowMatch), SDMX_REF_AREA)}


def test_no_two_rows_contradict(table: MappingTable) -> None:
    pairs: dict[tuple[str, str], str] = {}
    exact_targets: dict[str, str] = {}
    kinds: dict[str, set[str]] = {}
    for row in table.mappings:
        subject, predicate, obj = (
            table.expand(c) for c in (row.subject_id, row.predicate_id, row.object_id)
        )
        assert (subject, obj) not in pairs, f"{row.subject_id} -> {row.object_id} twice"
        pairs[subject, obj] = predicate
        if predicate == str(SKOS.exactMatch):
            assert exact_targets.setdefault(obj, subject) == subject, f"two exactMatches to {obj}"
        if predicate in {str(RDFS.subClassOf), str(RDFS.subPropertyOf)}:
            kinds.setdefault(subject, set()).add(predicate)
    assert all(len(k) == 1 for k in kinds.values()), kinds


def test_status_and_confidence(table: MappingTable) -> None:
    assert {r.status for r in table.mappings} <= {"V", "V1"}
    for row in table.mappings:
        assert row.confidence == STATUS_CONFIDENCE[row.status]
        assert row.mapping_justification == "semapv:ManualMappingCuration"
        assert row.comment
    v1 = {(r.subject_id, r.object_id) for r in table.mappings if r.status == "V1"}
    assert v1 == {
        ("ipo:country", "dbo:country"),
        ("ipo:Organization", "wd:Q43229"),
        ("ipo:GovernmentAgency", "wd:Q327333"),
        ("ipo:Company", "wd:Q4830453"),
    }


def test_prefixes_cover_every_curie_and_none_is_unused(table: MappingTable) -> None:
    used: set[str] = set()
    for row in table.mappings:
        for curie in (row.subject_id, row.predicate_id, row.object_id, row.mapping_justification):
            prefix = curie.split(":", 1)[0]
            assert prefix in table.curie_map, curie
            used.add(prefix)
    assert used == set(table.curie_map)


def test_metadata_block(table: MappingTable, table_text: str) -> None:
    for key in ("mapping_set_id", "license", "mapping_set_description", "comment"):
        assert table.metadata.get(key), key
    assert table.metadata["mapping_set_id"].startswith("https://w3id.org/ipkg/")
    # the status column is explained, and the missing EPO targets are said so
    assert "V1" in table.metadata["comment"]
    assert "EPO patent ontology" in table.metadata["mapping_set_description"]
    header = next(line for line in table_text.splitlines() if not line.startswith("#"))
    assert tuple(header.split("\t")) == COLUMNS


def test_every_target_is_named_in_alignment_md(table: MappingTable) -> None:
    """No invented IRIs: every object CURIE of the table is written in docs/alignment.md."""
    if not ALIGNMENT_MD.is_file():
        pytest.skip("../shared/docs/alignment.md is not present")
    doc = ALIGNMENT_MD.read_text(encoding="utf-8")
    for row in table.mappings:
        assert re.search(rf"{re.escape(row.object_id)}\b", doc), row.object_id


def test_prefixes_agree_with_kg_namespaces(table: MappingTable) -> None:
    from kg.rdf.namespaces import PREFIXES

    for prefix, namespace in PREFIXES.items():
        if prefix in table.curie_map:
            assert table.curie_map[prefix] == str(namespace), prefix


def test_the_table_ships_with_the_package() -> None:
    """The wheel force-includes ontology/ whole, so ontology/mappings/ goes with it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force.get("ontology") == "kg/_resources/ontology"
    assert table_path().parent.parent == resource_dir("ontology")


# --- a broken row raises a clear error -------------------------------------------------

BROKEN: list[tuple[str, str, str]] = [
    (
        _row("ipo:Person", "owl:equivalentClass", "schema:Person"),
        "owl:equivalentClass is never used",
        "equivalentClass",
    ),
    (
        _row("ipo:value", "owl:equivalentProperty", "schema:value"),
        "owl:equivalentProperty is never used",
        "equivalentProperty",
    ),
    (_row("ipo:Person", "owl:sameAs", "wd:Q5"), "owl:sameAs is never used", "sameAs"),
    (
        _row("schema:Person", "rdfs:subClassOf", "ipo:Person"),
        "is not an ipo: term",
        "outside-subject",
    ),
    (_row("ipo:Person", "rdfs:subClassOf", "ipo:Agent"), "is an ipo: term", "inside-object"),
    (
        _row("ipo:Person", "rdfs:subClassOf", "wd:Q5"),
        "Wikidata items take skos:exactMatch or skos:closeMatch",
        "owl-to-wikidata",
    ),
    (
        _row("ipo:Person", "skos:exactMatch", "dbo:Person"),
        "take rdfs:subClassOf or rdfs:subPropertyOf",
        "skos-outside",
    ),
    (
        _row("ipo:Person", "skos:exactMatch", "wdx:Q5"),
        "not a CURIE whose prefix is in curie_map",
        "unknown-prefix",
    ),
    (_row("ipo:Index", "skos:closeMatch", "wd:Q1", status="U"), "is not V or V1", "status-U"),
    (_row("ipo:Person", "skos:closeMatch", "wd:Q5"), "already linked", "exact-and-close"),
    (
        _row("ipo:Agent", "skos:exactMatch", "wd:Q5"),
        "would make the two ipo: terms one",
        "two-exact",
    ),
    (
        _row("ipo:Country", "rdfs:subPropertyOf", "dbo:country"),
        "as a class and as a property",
        "class-and-property",
    ),
]


@pytest.mark.parametrize(
    ("row", "message"), [(r, m) for r, m, _ in BROKEN], ids=[i for _, _, i in BROKEN]
)
def test_a_broken_row_raises_a_clear_error(table_text: str, row: str, message: str) -> None:
    text = _with_row(table_text, row)
    line = len(text.splitlines())
    with pytest.raises(AlignmentError, match=re.escape(message)) as info:
        parse_table(text, "t.tsv")
    assert f"t.tsv, line {line}:" in str(info.value)


def test_a_wrong_confidence_or_empty_comment_is_an_error(table_text: str) -> None:
    row = _row("ipo:Index", "skos:closeMatch", "wd:Q1").replace("\t1.0\t", "\t0.8\t")
    with pytest.raises(AlignmentError, match=re.escape("status V has confidence 1.0")):
        parse_table(_with_row(table_text, row))
    with pytest.raises(AlignmentError, match="comment"):
        parse_table(
            _with_row(table_text, _row("ipo:Index", "skos:closeMatch", "wd:Q1", comment=" "))
        )


def test_wikidata_targets_are_entities_not_direct_properties(table_text: str) -> None:
    text = table_text.replace("#  wd: ", "#  wdt: http://www.wikidata.org/prop/direct/\n#  wd: ")
    with pytest.raises(AlignmentError, match="as wd: entities"):
        parse_table(_with_row(text, _row("ipo:memberOf", "skos:closeMatch", "wdt:P463")))


def test_a_subject_missing_from_the_ontology_is_an_error(table_text: str) -> None:
    broken = parse_table(_with_row(table_text, _row("ipo:Patent", "skos:exactMatch", "wd:Q253623")))
    with pytest.raises(AlignmentError, match="ipo:Patent is not a class or property"):
        check_against_ontology(broken, load_ontology())
    wrong_kind = parse_table(
        _with_row(table_text, _row("ipo:rank", "rdfs:subPropertyOf", "schema:value"))
    )
    with pytest.raises(AlignmentError, match="ipo:rank"):
        check_against_ontology(wrong_kind, load_ontology())
    prop_as_class = parse_table(
        _with_row(table_text, _row("ipo:headOf", "rdfs:subClassOf", "schema:Person"))
    )
    with pytest.raises(AlignmentError, match="no class"):
        check_against_ontology(prop_as_class, load_ontology())


# --- the generated Turtle parses with rdflib and with Oxigraph -------------------------


@pytest.mark.parametrize("name", [SCHEMA_FILE, WIKIDATA_FILE])
def test_generated_turtle_parses_with_rdflib_and_pyoxigraph(table: MappingTable, name: str) -> None:
    text = render(table)[name]
    graph = Graph().parse(data=text, format="turtle")
    quads = list(pyoxigraph.parse(text, pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(graph) > 0
    from_oxigraph = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}
    from_rdflib = {(str(s), str(p), str(o)) for s, p, o in graph}
    assert from_oxigraph == from_rdflib
    expected = {(str(s), str(p), str(o)) for s, p, o in _triples(table)}
    assert from_rdflib <= expected
