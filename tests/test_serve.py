"""kg serve: the SPARQL 1.1 Protocol over a real server on loopback, its limits, the
attacks it refuses, a store served while it grows, and the query page in Chromium."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from SPARQLWrapper import JSON, RDFXML, SPARQLWrapper

import kg
from kg.records import Article, Entity, Evidence, Extraction, Relation
from kg.serve.guard import inspect
from kg.serve.negotiate import choose
from kg.sparql import run_query
from kg.store import GraphStore, current_snapshot

QUERIES = Path(__file__).resolve().parent.parent / "examples" / "queries"
SELECT_ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(*args: str) -> Iterator[str]:
    """Run `kg serve ARGS` on a free loopback port; yield its base URL once it answers."""
    port = _free_port()
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve", *args]
    process = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode())
            try:
                if httpx.get(base + "/status", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise AssertionError("kg serve did not start")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def examples_file(examples_built, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "examples.ttl"
    kg.export(examples_built.graph, path)
    return path


@pytest.fixture(scope="module")
def endpoint(examples_file: Path) -> Iterator[str]:
    with serving(str(examples_file), "--timeout", "3", "--limit", "1000") as base:
        yield base + "/sparql"


def _get(url: str, query: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(url, params={"query": query, **params}, headers=headers, timeout=30)


# -- the protocol --------------------------------------------------------------------------


def test_get_form_post_and_direct_post_agree(endpoint: str, examples_file: Path) -> None:
    query = "SELECT ?label WHERE { ?e a ipo:IPOffice ; rdfs:label ?label } ORDER BY ?label"
    answers = [
        _get(endpoint, query),
        httpx.post(endpoint, data={"query": query}, timeout=30),
        httpx.post(
            endpoint,
            content=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
            timeout=30,
        ),
    ]
    bodies = []
    for response in answers:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        bodies.append([b["label"]["value"] for b in response.json()["results"]["bindings"]])
    assert bodies[0] == bodies[1] == bodies[2]
    expected = run_query(kg.load_graph(examples_file), query).rows
    assert bodies[0] == [str(row[0]) for row in expected] and len(expected) > 20


def test_example_queries_answer_as_rdflib_does(endpoint: str, examples_file: Path) -> None:
    graph = kg.load_graph(examples_file)
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        response = _get(endpoint, text)
        assert response.status_code == 200, (path.name, response.text)
        got = response.json()["results"]["bindings"]
        expected = len(run_query(graph, text).rows)
        # the test endpoint cuts answers at 1000 rows (--limit) and says so
        assert len(got) == min(expected, 1000), path.name
        assert ("X-KG-Truncated" in response.headers) == (expected > 1000), path.name


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/html;q=0.9, text/csv", "text/csv"),
    ],
)
def test_select_results_in_every_format(endpoint: str, accept: str, content_type: str) -> None:
    query = "SELECT ?e ?label WHERE { ?e a ipo:Country ; rdfs:label ?label } ORDER BY ?label"
    response = _get(endpoint, query, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == content_type
    text = response.text
    if content_type.endswith("json"):
        labels = [b["label"]["value"] for b in response.json()["results"]["bindings"]]
    elif content_type.endswith("xml"):
        labels = re.findall(r'<binding name="label"><literal>([^<]*)</literal>', text)
    elif content_type == "text/csv":
        labels = [row["label"] for row in csv.DictReader(io.StringIO(text))]
    else:
        lines = text.splitlines()[1:]
        labels = [json.loads(line.split("\t")[1]) for line in lines]
    assert "China" in labels and len(labels) > 30


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_and_describe_in_rdf_formats(
    endpoint: str, accept: str, rdflib_format: str
) -> None:
    query = "CONSTRUCT { ?m ipo:memberOf ?g } WHERE { ?m ipo:memberOf ?g }"
    response = _get(endpoint, query, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    graph = Graph().parse(data=response.text, format=rdflib_format)
    assert len(graph) > 20
    china = "https://w3id.org/ipkg/resource/china"
    described = _get(endpoint, f"DESCRIBE <{china}>", accept)
    graph = Graph().parse(data=described.text, format=rdflib_format)
    assert any(str(o) == "China" for o in graph.objects())


def test_format_parameter_overrides_accept(endpoint: str) -> None:
    response = _get(endpoint, "SELECT ?s { ?s a ipo:Treaty }", "text/csv", format="json")
    assert response.headers["content-type"].startswith("application/sparql-results+json")


def test_sparqlwrapper_select_ask_and_construct(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(
        "PREFIX ipo: <https://w3id.org/ipkg/ontology#> SELECT ?t WHERE { ?t a ipo:Treaty } LIMIT 5"
    )
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert len(bindings) == 5
    client.setQuery("ASK { ?s a <https://w3id.org/ipkg/ontology#IPOffice> }")
    assert client.query().convert()["boolean"] is True
    client.setQuery("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 10")
    client.setReturnFormat(RDFXML)
    graph = client.queryAndConvert()
    assert isinstance(graph, Graph) and len(graph) == 10


def test_service_description_without_a_query(endpoint: str) -> None:
    response = httpx.get(endpoint, timeout=30)
    graph = Graph().parse(data=response.text, format="turtle")
    assert any("SPARQL11Query" in str(o) for o in graph.objects())


# -- limits and refusals --------------------------------------------------------------------


def test_updates_are_refused(endpoint: str) -> None:
    update = "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"
    for response in (
        httpx.post(
            endpoint,
            content=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
            timeout=30,
        ),
        httpx.post(endpoint, data={"update": update}, timeout=30),
        _get(endpoint, update),
        _get(endpoint, "PREFIX ex: <http://e/> DELETE WHERE { ?s ?p ?o }"),
        _get(endpoint, "LOAD <file:///etc/passwd>"),
    ):
        assert response.status_code == 403, response.text
    assert _get(endpoint, "ASK { <http://e/a> ?p ?o }").json()["boolean"] is False


def test_service_never_reaches_out(endpoint: str) -> None:
    """A listener on a loopback port sees no connection from any SERVICE spelling."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    accepted = []

    def watch() -> None:
        end = time.monotonic() + 6
        while time.monotonic() < end:
            with contextlib.suppress(TimeoutError, OSError):
                accepted.append(listener.accept())

    watcher = threading.Thread(target=watch)
    watcher.start()
    target = f"<http://127.0.0.1:{port}/sparql>"
    for query in (
        f"SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent {target} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o.SERVICE {target} {{ ?a ?b ?c }} }}",
        "SELECT * WHERE { SERV\\u0049CE " + target + " { ?s ?p ?o } }",
        f"SELECT * WHERE {{ # a comment\n SERVICE {target} {{ ?s ?p ?o }} }}",
    ):
        response = _get(endpoint, query)
        assert response.status_code == 403, (query, response.text)
    watcher.join()
    listener.close()
    assert accepted == []


def test_from_and_graph_uris_fetch_nothing(endpoint: str) -> None:
    for query, params in (
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", {}),
        ("SELECT * FROM NAMED <file:///etc/hosts> WHERE { GRAPH ?g { ?s ?p ?o } }", {}),
        (SELECT_ALL, {"default-graph-uri": "file:///etc/passwd"}),
        (SELECT_ALL, {"default-graph-uri": "http://127.0.0.1:9/data"}),
    ):
        response = _get(endpoint, query, **params)
        assert response.status_code == 200, response.text
        assert response.json()["results"]["bindings"] == []


def test_syntax_errors_are_400_with_the_parsers_message(endpoint: str) -> None:
    response = _get(endpoint, "SELEC ?s WHERE { ?s ?p ?o }")
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error:") and "1:" in response.text
    assert _get(endpoint, "SELECT ?s WHERE { ?s ?p ").status_code == 400
    assert httpx.post(endpoint, data={"default-graph-uri": "x"}, timeout=30).status_code == 400


def test_result_limit_cuts_and_says_so(endpoint: str) -> None:
    response = _get(endpoint, SELECT_ALL)
    assert len(response.json()["results"]["bindings"]) == 1000
    assert response.headers["x-kg-truncated"] == "true"
    constructed = _get(endpoint, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert len(constructed.text.strip().splitlines()) == 1000
    small = _get(endpoint, "SELECT ?s WHERE { ?s a ipo:Treaty } LIMIT 3")
    assert "x-kg-truncated" not in small.headers


def test_timeout_stops_a_path_explosion_and_the_endpoint_goes_on(endpoint: str) -> None:
    explosion = "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<p:x>)* ?b . ?b (!<p:y>)* ?c . ?c ?p ?d }"
    started = time.monotonic()
    response = _get(endpoint, explosion)
    assert response.status_code == 503 and "time limit" in response.text
    assert time.monotonic() - started < 15
    assert _get(endpoint, "ASK { ?s a ipo:Country }").json()["boolean"] is True


def test_oversized_requests_and_unacceptable_types(endpoint: str) -> None:
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    response = httpx.post(endpoint, data={"query": huge}, timeout=30)
    assert response.status_code == 413
    assert _get(endpoint, SELECT_ALL, "image/png").status_code == 406
    bad_type = httpx.post(endpoint, content=b"x", headers={"Content-Type": "text/plain"})
    assert bad_type.status_code == 415


def test_cors_only_when_asked(examples_file: Path, endpoint: str) -> None:
    preflight = {
        "Origin": "https://yasgui.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    closed = httpx.options(endpoint, headers=preflight, timeout=30)
    assert "access-control-allow-origin" not in closed.headers
    with serving(str(examples_file), "--cors", "https://yasgui.example") as base:
        opened = httpx.options(base + "/sparql", headers=preflight, timeout=30)
        assert opened.headers["access-control-allow-origin"] == "https://yasgui.example"
        answer = httpx.get(
            base + "/sparql",
            params={"query": "ASK {}"},
            headers={"Origin": "https://yasgui.example"},
            timeout=30,
        )
        assert answer.headers["access-control-allow-origin"] == "https://yasgui.example"


# -- a store served while it grows ---------------------------------------------------------


def _extraction(ident: str, country: str) -> Extraction:
    text = f"{country} joined the PCT."
    article = Article(ident, f"/news/{ident}.txt", text, ident * 64)
    entities = (
        Entity(country.lower(), country, "Country"),
        Entity("pct", "Patent Cooperation Treaty", "Treaty"),
    )
    evidence = Evidence(text, 0, len(text))
    relation = Relation(country.lower(), "memberOf", "pct", evidence, 0.9, "joined")
    return Extraction(article, entities, (relation,))


def test_store_is_served_from_snapshots_while_it_is_written(tmp_path: Path) -> None:
    store_dir = tmp_path / "kg"
    with GraphStore(store_dir) as store:
        store.put(_extraction("a", "Chile"))
    assert current_snapshot(store_dir) is not None
    members = "SELECT ?m WHERE { ?m ipo:memberOf ipr:pct } ORDER BY ?m"
    with serving("--store", str(store_dir)) as base:
        first = _get(base + "/sparql", members).json()["results"]["bindings"]
        assert [b["m"]["value"].rsplit("/", 1)[1] for b in first] == ["chile"]
        # a writer holds the store (as kg add does) while the endpoint keeps answering
        with GraphStore(store_dir) as store:
            store.put(_extraction("b", "Peru"))
            assert len(_get(base + "/sparql", members).json()["results"]["bindings"]) == 1
            store.publish_snapshot()
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                rows = _get(base + "/sparql", members).json()["results"]["bindings"]
                if len(rows) == 2:
                    break
                time.sleep(0.3)
            assert len(rows) == 2
        # the protocol's named-graph-uri picks article graphs of the store
        graphs = _get(
            base + "/sparql",
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            **{"named-graph-uri": "https://w3id.org/ipkg/resource/graph/b"},
        ).json()["results"]["bindings"]
        assert [b["g"]["value"] for b in graphs] == ["https://w3id.org/ipkg/resource/graph/b"]
        status = httpx.get(base + "/status", timeout=30).json()
        assert status["snapshot"] == current_snapshot(store_dir).name


def test_serve_refuses_bad_sources(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve"]
    for args, message in (
        ([str(bad)], "cannot read it as RDF"),
        ([str(tmp_path / "missing.ttl")], "no such graph file"),
        (["--store", str(tmp_path / "nostore")], "no store there"),
        ([], "give either GRAPH or --store"),
    ):
        result = subprocess.run(
            [*command, *args, "--port", str(_free_port())],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


# -- the page ------------------------------------------------------------------------------


def test_query_page_shows_a_table_and_a_graph(endpoint: str, headless) -> None:
    base = endpoint.rsplit("/", 1)[0]
    query = "CONSTRUCT { ?m ipo:memberOf ?g } WHERE { ?m ipo:memberOf ?g } LIMIT 60"
    url = f"{base}/#view=graph&query={urllib.parse.quote(query)}"
    dom = headless("--dump-dom", url).stdout
    assert 'data-state="done"' in dom and 'data-results="60"' in dom
    assert int(re.search(r'data-nodes="(\d+)"', dom).group(1)) > 20
    assert dom.count('class="edge"') == 60
    table = headless("--dump-dom", f"{base}/#query={urllib.parse.quote(SELECT_ALL)}").stdout
    assert table.count("<tr>") == 1001  # the header and the 1000 rows the limit lets through
    assert "cut at the limit of 1000" in table
    error = headless("--dump-dom", f"{base}/#query={urllib.parse.quote('SELEC')}").stdout
    assert 'data-state="error"' in error and "SPARQL syntax error" in error
    shot = Path(__file__).parent / "artifacts" / "endpoint-page.png"
    shot.parent.mkdir(exist_ok=True)
    shot.unlink(missing_ok=True)
    headless(f"--screenshot={shot}", url)
    assert shot.stat().st_size > 30_000


# -- the guard and negotiation, unit by unit ------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kind", "service"),
    [
        ("SELECT * { ?s ?p ?o }", "query", False),
        ("PREFIX ex: <http://e/> CONSTRUCT WHERE { ?s ex:p ?o }", "query", False),
        ('SELECT * { ?s ?p "SERVICE <http://x> {}" }', "query", False),
        ("SELECT * { ?s ?p ?o } # SERVICE <http://x>", "query", False),
        ("SELECT ?service { ?service ex:service ?o }", "query", False),
        ('SELECT * { ?s ?p "x"@service }', "query", False),
        ("SELECT * { FILTER(?a < ?b) SERVICE <http://x> {} FILTER(?c > ?d) }", "query", True),
        ("SELECT * { ?s a.SERVICE <http://x> {} }", "query", True),
        ("SELECT * { SERV\\u0049CE <http://x> {} }", "query", True),
        ("BASE <http://e/> INSERT DATA { <a> <b> <c> }", "update", False),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "update", False),
        ("  # only a comment", "empty", False),
    ],
)
def test_guard(query: str, kind: str, service: bool) -> None:
    found = inspect(query)
    assert (found.kind, found.uses_service) == (kind, service)


def test_negotiation() -> None:
    assert choose(None, graph=False) == "application/sparql-results+json"
    assert choose("text/turtle;q=0.2, application/ld+json", graph=True) == "application/ld+json"
    assert choose("application/*", graph=True) == "application/n-triples"
    assert choose("text/csv", graph=True) is None
    assert choose("text/csv;q=0, application/xml", graph=False).endswith("+xml")
    assert choose(None, graph=False, override="nonsense") is None
