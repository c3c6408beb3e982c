"""The persistent store: same graph as a build, article-by-article changes, kills, the CLI."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import build_graph, extract_articles
from kg.cli import cli
from kg.errors import QueryError
from kg.ingest import article_from_text
from kg.rdf.mapping import extractions_to_graph, merge_entities
from kg.rdf.namespaces import IPO, IPR
from kg.records import fits_domain_range
from kg.store import GraphStore, StoreError

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "examples" / "articles"


def _extract(text: str, source: str, article_id: str):
    article = article_from_text(text, source=source, article_id=article_id)
    return next(extract_articles([article]))


@pytest.fixture(scope="module")
def filled(examples_built, tmp_path_factory: pytest.TempPathFactory):
    store = GraphStore(tmp_path_factory.mktemp("store") / "kg")
    for extraction in examples_built.extractions:
        assert store.put(extraction) == "added"
    return store


def test_store_holds_exactly_what_build_writes(filled: GraphStore, examples_built) -> None:
    assert isomorphic(filled.to_graph(), examples_built.graph)
    named = {str(q.graph_name.value) for q in filled.quads() if hasattr(q.graph_name, "value")}
    assert named == {str(IPR[f"graph/{x.article.id}"]) for x in examples_built.extractions}


def test_re_adding_unchanged_articles_changes_nothing(filled: GraphStore, examples_built) -> None:
    before = set(filled.quads())
    assert {filled.put(x) for x in examples_built.extractions[:5]} == {"unchanged"}
    assert set(filled.quads()) == before


def test_store_queries_like_the_graph(filled: GraphStore, examples_built) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ipo:Statistic ; ipo:unit ipo:Rank }"
    from kg.sparql import run_query

    assert filled.query(query).rows == run_query(examples_built.graph, query).rows
    per_article = filled.query(
        "SELECT ?g (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a ipo:Statistic } } GROUP BY ?g"
    )
    assert len(per_article.rows) >= 50  # GRAPH ?g reaches each article's named graph


def test_rdflib_api_over_the_store_without_a_copy(filled: GraphStore) -> None:
    dataset = filled.rdflib_dataset()
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ipo:Statistic }"
    assert [int(row[0]) for row in dataset.query(query)] == [int(filled.query(query).rows[0][0])]
    assert len(dataset) == len(filled.to_graph())


def test_changed_article_replaces_its_facts_and_removal_keeps_shared_entities(
    tmp_path: Path,
) -> None:
    first = _extract(
        "date 2024-01-10\nChina filed 70,000 PCT applications in 2023.", "/news/a.txt", "a"
    )
    other = _extract(
        "date 2024-01-11\nChina ranked 12th on the Global Innovation Index 2023.",
        "/news/b.txt",
        "b",
    )
    store = GraphStore(tmp_path / "kg")
    assert store.put(first) == "added" and store.put(other) == "added"

    changed = _extract(
        "date 2024-01-10\nChina filed 69,610 PCT applications in 2023.", "/news/a.txt", "a"
    )
    assert store.put(changed) == "replaced"
    values = {str(v) for v in store.to_graph().objects(None, IPO.value)}
    assert "69610.0" in values and "70000.0" not in values
    assert isomorphic(store.to_graph(), extractions_to_graph([changed, other]))

    # China is described by both articles: removing one keeps its description
    assert store.remove("/news/a.txt") is not None
    graph = store.to_graph()
    assert (IPR["china"], None, None) in graph
    assert isomorphic(graph, extractions_to_graph([other]))
    # by IRI; then nothing of either article remains
    assert store.remove(str(IPR["article/b"])) is not None
    assert len(store) == 0
    assert store.remove("/news/b.txt") is None


def test_two_sources_with_one_file_name_do_not_collide(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "kg")
    one = _extract("China filed 70,000 PCT applications.", "/x/report.txt", "report")
    two = _extract("Japan filed 48,000 PCT applications.", "/y/report.txt", "report")
    assert store.put(one) == "added" and store.put(two) == "added"
    ids = [a.id for a in store.articles()]
    assert len(set(ids)) == 2 and "report" in ids


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    first = GraphStore(tmp_path / "kg")
    with pytest.raises(StoreError, match="another kg process"):
        GraphStore(tmp_path / "kg")
    first.close()
    with pytest.raises(StoreError, match="no store"):
        GraphStore(tmp_path / "missing", read_only=True)


def _count_articles(runner: CliRunner, store: str):
    query = "SELECT (COUNT(*) AS ?n) { ?a a ipo:Article }"
    return runner.invoke(cli, ["query", "--store", store, "--format", "csv", query])


def test_cli_add_query_remove_validate_export(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in sorted(os.listdir(ARTICLES))[:3]:
        shutil.copy(ARTICLES / name, corpus / name)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    store = str(tmp_path / "kg")
    runner = CliRunner()

    added = runner.invoke(cli, ["add", "--store", store, str(corpus)])
    assert added.exit_code == 2  # one file failed; the rest went in
    said = " ".join(added.output.split())  # rich wraps long lines
    assert "3 added" in said and "empty.txt: empty article" in said
    again = runner.invoke(cli, ["add", "--store", store, str(corpus)])
    assert "0 added, 0 replaced, 3 unchanged" in " ".join(again.output.split())

    counted = _count_articles(runner, store)
    assert counted.exit_code == 0 and counted.output.split() == ["n", "3"]
    bad = runner.invoke(cli, ["query", "--store", store, "SELECT ?x WHERE { ?x"])
    assert isinstance(bad.exception, QueryError)  # kg's main() prints it as one line, exit 2
    assert str(bad.exception).startswith("SPARQL syntax error: error at 1:21")

    assert runner.invoke(cli, ["validate", "--store", store]).exit_code == 0
    out = tmp_path / "store.ttl"
    assert runner.invoke(cli, ["export", "--store", store, "-o", str(out)]).exit_code == 0
    with GraphStore(store, read_only=True) as held:
        assert isomorphic(_canonical(Graph().parse(out)), held.to_graph())
    trig = tmp_path / "store.trig"
    assert (
        runner.invoke(cli, ["export", "--store", store, "--to", "trig", "-o", str(trig)]).exit_code
        == 0
    )

    first = sorted(corpus.glob("0*.txt"))[0]
    removed = runner.invoke(cli, ["remove", "--store", store, str(first), "nothing-here"])
    assert removed.exit_code == 2 and "removed" in removed.output
    left = _count_articles(runner, store)
    assert left.output.split() == ["n", "2"]


def _canonical(graph: Graph) -> Graph:
    """Decimals in kg's lexical form ("121.0"): Oxigraph's writer prints them as "121"."""
    from decimal import Decimal

    from rdflib import Literal
    from rdflib.namespace import XSD

    from kg.rdf.mapping import decimal_literal

    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = decimal_literal(Decimal(str(o)))
        out.add((s, p, o))
    return out


def test_jobs_give_the_same_graph(tmp_path: Path) -> None:
    files = sorted(ARTICLES.glob("*.txt"))[:6]
    one = build_graph(files)
    two = build_graph(files, jobs=2)
    assert isomorphic(one.graph, two.graph)


def _facts_per_article(store: GraphStore) -> dict[str, tuple[int, int]]:
    """Statistics and statements in each article's named graph, by article id."""
    rows = store.query(
        "SELECT ?g (COUNT(DISTINCT ?s) AS ?stats) (COUNT(DISTINCT ?r) AS ?rels) WHERE { GRAPH ?g "
        "{ ?a a ipo:Article . OPTIONAL { ?s a ipo:Statistic } OPTIONAL { ?r a rdf:Statement } } }"
        " GROUP BY ?g"
    ).rows
    prefix = str(IPR["graph/"])
    return {str(g)[len(prefix) :]: (int(n), int(m)) for g, n, m in rows}


def test_killed_add_leaves_whole_articles_and_resumes(tmp_path: Path, examples_built) -> None:
    # (statistics, relations at most, relations at least): a relation whose ends the
    # classes merged so far no longer fit is left out (kg.rdf.mapping.extraction_triples),
    # and which classes are merged when depends on how far the run got
    merged = merge_entities(examples_built.extractions)
    classes = {key: entity.cls for key, entity in merged.items()}

    def counts(x) -> tuple[int, int, int]:
        relations = {(r.subject, r.predicate, r.object) for r in x.relations}
        fitting = {
            r for r in relations if fits_domain_range(r[1], classes.get(r[0]), classes.get(r[2]))
        }
        return len(x.statistics), len(relations), len(fitting)

    expected = {x.article.id: counts(x) for x in examples_built.extractions}

    def whole(found: tuple[int, int], wanted: tuple[int, int, int]) -> bool:
        return found[0] == wanted[0] and wanted[2] <= found[1] <= wanted[1]

    corpus = tmp_path / "in"
    for copy in range(3):  # enough articles that the kill lands mid-run
        (corpus / f"c{copy}").mkdir(parents=True)
        for file in ARTICLES.glob("*.txt"):
            shutil.copy(file, corpus / f"c{copy}" / file.name)
    store_dir = tmp_path / "kg"
    command = [sys.executable, "-c", "from kg.cli import main; main()", "add"]
    process = subprocess.Popen([*command, "-q", "--store", str(store_dir), str(corpus)])
    deadline = time.monotonic() + 240
    # wait until some articles are committed, then kill -9 in the middle of the run
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(1.0)
        if store_dir.exists() and _committed(store_dir) >= 10:
            break
    assert process.poll() is None, "kg add finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()

    store = GraphStore(store_dir)
    stored = store.articles()
    assert 10 <= len(stored) < 3 * len(expected)
    facts = _facts_per_article(store)
    assert set(facts) == {a.id for a in stored}  # no article graph without its bookkeeping
    for article_id, counts in facts.items():  # and every article is whole
        assert whole(counts, expected[article_id.split("-", 1)[1]]), article_id
    assert run_validation(store)
    store.close()

    resumed = subprocess.run(
        [*command, "--store", str(store_dir), str(corpus)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(stored)} unchanged" in " ".join(resumed.stderr.split())
    with GraphStore(store_dir) as store:
        facts = _facts_per_article(store)
        assert len(facts) == 3 * len(expected)
        wrong = {
            i: (c, expected[i.split("-", 1)[1]])
            for i, c in facts.items()
            if not whole(c, expected[i.split("-", 1)[1]])
        }
        assert not wrong, wrong


def run_validation(store: GraphStore) -> bool:
    from kg.validation import validate_graph

    return validate_graph(store.to_graph()).conforms


def _committed(store_dir: Path) -> int:
    """Articles committed so far, read from a snapshot copy (the writer holds the lock)."""
    snapshot = store_dir.parent / "snapshot"
    shutil.rmtree(snapshot, ignore_errors=True)
    try:
        shutil.copytree(store_dir, snapshot, ignore=shutil.ignore_patterns("LOCK"))
        with GraphStore(snapshot) as copy:
            return len(copy.articles())
    except (OSError, StoreError, shutil.Error):
        return 0
    finally:
        shutil.rmtree(snapshot, ignore_errors=True)


def test_a_half_done_change_is_settled_on_open(tmp_path: Path) -> None:
    """Facts committed, bookkeeping not (a kill between the two transactions): reopening
    undoes the article, and the entity descriptions are those of the other articles."""
    keep = _extract("China ranked 12th on the Global Innovation Index 2023.", "/n/a.txt", "a")
    half = _extract("China filed 69,610 PCT applications in 2024.", "/n/b.txt", "b")
    store = GraphStore(tmp_path / "kg")
    store.put(keep)

    class KilledBeforeCommit:  # the SQLite transaction never happens
        def __init__(self, db) -> None:
            self.db = db

        def __getattr__(self, name: str):
            return getattr(self.db, name)

        def __enter__(self):
            raise KeyboardInterrupt("killed")

        def __exit__(self, *exc: object) -> None:
            return None

    real = store._state
    store._state = KilledBeforeCommit(real)
    with pytest.raises(KeyboardInterrupt):
        store.put(half)
    store._state = real
    assert str(IPR["graph/b"]) in store.named_graphs()  # the facts went in
    store.close()

    reopened = GraphStore(tmp_path / "kg")
    assert [a.id for a in reopened.articles()] == ["a"]
    assert isomorphic(reopened.to_graph(), extractions_to_graph([keep]))
    assert reopened.put(half) == "added"
    assert isomorphic(reopened.to_graph(), extractions_to_graph([keep, half]))
