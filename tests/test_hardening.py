"""Never lose data, never let a query or a file out: entity attacks in RDF/XML input,
kg serve answering while kg add writes, and every output file written atomically."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from rdflib import Graph

from kg.build import add_to_store
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "examples" / "articles"
KG = [sys.executable, "-c", "from kg.cli import main; main()"]

XXE = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="http://e/a"><rdfs:label>&xxe;</rdfs:label></rdf:Description>
</rdf:RDF>
"""
_LEVELS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY lol0 "lol">' + _LEVELS + "]>\n"
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><rdf:Description '
    'rdf:about="http://e/a"><rdfs:label>&lol9;</rdfs:label></rdf:Description></rdf:RDF>\n'
)
PARAMETER = XXE.replace('<!ENTITY xxe SYSTEM "file:///etc/passwd">', '<!ENTITY % p "x">')
NAMESPACES = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/"> <!ENTITY rdfs "http://www.w3.org/2000/01/rdf-schema#">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="&rdfs;">
  <rdf:Description rdf:about="&ex;a"><rdfs:label>A</rdfs:label></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (XXE, "external entity"),
        (LAUGHS, "entity made of entities"),
        (PARAMETER, "parameter entity"),
    ],
)
@pytest.mark.parametrize("command", ["query", "validate", "export", "stats", "serve"])
def test_entity_attacks_in_rdf_xml_are_refused_everywhere(
    tmp_path: Path, payload: str, reason: str, command: str
) -> None:
    path = tmp_path / "attack.rdf"
    path.write_text(payload, encoding="utf-8")
    args = {
        "query": [str(path), "SELECT * { ?s ?p ?o }"],
        "validate": [str(path)],
        "export": [str(path), "-o", str(tmp_path / "out.ttl")],
        "stats": [str(path)],
        "serve": [str(path), "--port", "0"],
    }[command]
    started = time.monotonic()
    result = subprocess.run(
        [*KG, command, *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2, (command, result.stderr)
    assert reason in result.stderr and "Traceback" not in result.stderr
    assert "root:" not in result.stdout + result.stderr  # /etc/passwd never read
    assert time.monotonic() - started < 60  # refused, not expanded
    assert not (tmp_path / "out.ttl").exists()


def test_namespace_entities_in_rdf_xml_stay_readable(tmp_path: Path) -> None:
    path = tmp_path / "ontology.rdf"
    path.write_text(NAMESPACES, encoding="utf-8")
    result = subprocess.run(
        [*KG, "query", str(path), "SELECT ?l { <http://example.org/a> rdfs:label ?l }"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "A" in result.stdout


def test_serve_answers_while_add_writes(tmp_path: Path) -> None:
    """kg serve on a store keeps answering (every request 200) while kg add grows it in
    another process, and moves to the new facts once kg add has published them."""
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    articles = sorted(ARTICLES.glob("*.txt"))
    for path in articles[:4]:
        shutil.copy(path, first / path.name)
    for path in articles[4:40]:
        shutil.copy(path, rest / path.name)
    store_dir = tmp_path / "kg"
    with GraphStore(store_dir) as store:
        add_to_store(store, [first])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*KG, "serve", "--store", str(store_dir), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    count = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ipo:Article }"

    def articles_served() -> int:
        response = httpx.get(url, params={"query": count}, timeout=30)
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    try:
        for _ in range(100):
            try:
                if articles_served() == 4:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        writer = subprocess.Popen(
            [*KG, "add", "--store", str(store_dir), str(rest), "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        answers = []
        while writer.poll() is None:
            answers.append(articles_served())  # never an error while the writer runs
            time.sleep(0.2)
        assert writer.returncode == 0
        assert len(answers) > 5 and all(n >= 4 for n in answers)
        deadline = time.monotonic() + 30
        while articles_served() != 40 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert articles_served() == 40
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_every_output_file_is_written_atomically() -> None:
    """Files are written only through kg.rdf.io.atomic_write_bytes (a temporary file
    in the same folder, fsync, rename): no other module opens a file for writing."""
    writers = re.compile(
        r"\.write_(?:text|bytes)\(|open\([^)]*[\"'][wax]b?\+?[\"']|\.savefig\(|\.dump\("
    )
    offenders = []
    for path in (ROOT / "kg").rglob("*.py"):
        if path.name == "io.py" and path.parent.name == "rdf":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if writers.search(code) and ">>>" not in line and "savefig(buffer" not in code:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_export_of_a_file_in_use_leaves_the_old_one_whole(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text('<http://e/a> <http://e/p> "x" .\n', encoding="utf-8")
    target = tmp_path / "out.nt"
    target.write_text("old\n", encoding="utf-8")
    # an unknown format fails before anything is written: the old file stays whole
    result = subprocess.run(
        [*KG, "export", str(graph), "--to", "nonsense", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2 and target.read_text() == "old\n"
    done = subprocess.run([*KG, "export", str(graph), "-o", str(target)], check=False)
    assert done.returncode == 0 and len(Graph().parse(target, format="nt")) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
