"""The command line: fast help, the four commands, exit codes and readable errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ARTICLE = (
    "date 2024-01-25 (Example News) -- WIPO Director General Daren Tang said China ranked 12th "
    "on the Global Innovation Index 2023. The China National Intellectual Property Administration "
    "(CNIPA) granted 921,000 invention patents in 2023."
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_help_is_fast_and_does_not_import_spacy() -> None:
    code = (
        "import sys; sys.argv = ['kg', '--help']\n"
        "from kg.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules and 'rdflib' not in sys.modules, 'heavy import'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "build" in done.stdout and "query" in done.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "second.txt").write_text(
        "date 2023-05-01\nJapan joined the Hague Agreement.", encoding="utf-8"
    )
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    (folder / "latin1.txt").write_bytes("Caf\xe9 news".encode("latin-1"))
    return folder


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("out") / "graph.ttl"
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out)])
    return out, result


def test_build_reports_bad_files_and_builds_the_rest(built) -> None:
    out, result = built
    assert result.exit_code == 2  # some inputs failed
    assert "binary.txt" in result.output and "looks binary" in result.output
    assert "latin1.txt" in result.output and "not UTF-8" in result.output
    assert "Traceback" not in result.output
    assert out.is_file() and out.with_name("graph.validation.ttl").is_file()
    assert "articles" in result.output and "statistics" in result.output
    # how many entities were linked to Wikidata or EPO, and how many by owl:sameAs
    linked = re.search(r"linked\s+│?\s*(\d+) of (\d+) to Wikidata or EPO \((\d+) by", result.output)
    assert linked is not None, result.output
    assert 0 < int(linked.group(1)) <= int(linked.group(2))


def test_validate_query_and_eval(built, tmp_path: Path) -> None:
    out, _ = built
    runner = CliRunner()
    validated = runner.invoke(cli, ["validate", str(out)])
    assert validated.exit_code == 0 and "conforms" in validated.output
    queried = runner.invoke(
        cli,
        [
            "query",
            str(out),
            "SELECT ?v WHERE { ?s ipo:unit ipo:Rank ; ipo:value ?v }",
            "--format",
            "json",
        ],
    )
    assert queried.exit_code == 0, queried.output
    assert json.loads(queried.output)["results"]["bindings"][0]["v"]["value"] == "12.0"
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?p WHERE { ?p ipo:headOf ?o }", encoding="utf-8")
    from_file = runner.invoke(cli, ["query", str(out), "-f", str(rq), "--format", "csv"])
    assert from_file.output.splitlines() == ["p", "https://w3id.org/ipkg/resource/daren-tang"]
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "good.json").write_text(
        json.dumps(
            {
                "article": "good.txt",
                "entities": [{"name": "Daren Tang", "type": "Person"}],
                "relations": [],
                "statistics": [],
                "article_meta": {"date": "2024-01-25", "publisher": "Example News"},
            }
        ),
        encoding="utf-8",
    )
    scored = runner.invoke(cli, ["eval", str(out), str(gold), "--json"])
    assert scored.exit_code == 0
    assert json.loads(scored.output)["article_meta"] == {"correct": 2, "total": 2}


def test_validate_exits_1_on_a_graph_that_does_not_conform(tmp_path: Path) -> None:
    bad = Path(__file__).parent / "fixtures" / "shapes" / "statistic-bad.ttl"
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "does not conform" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "missing.ttl", "SELECT * WHERE {?s ?p ?o}"], "no such graph file"),
        (["build", "nowhere/", "-o", "x.ttl"], "no such file or folder"),
    ],
)
def test_user_errors_exit_2_without_traceback(
    args: list[str], message: str, tmp_path: Path
) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_sparql_syntax_error(built) -> None:
    out, _ = built
    done = run("query", str(out), "SELEC nonsense")
    assert done.returncode == 2
    assert "SPARQL syntax error" in done.stderr and "Traceback" not in done.stderr


def test_unknown_format_is_a_usage_error(built) -> None:
    out, _ = built
    done = run("build", str(out.parent), "-o", str(out.parent / "x.out"), "--format", "yaml")
    assert done.returncode == 2 and "yaml" in done.stderr


def test_stdin_and_strict(tmp_path: Path) -> None:
    out = tmp_path / "stdin.nt"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from kg.cli import main; main()",
            "build",
            "-",
            "-o",
            str(out),
            "--strict",
            "-q",
        ],
        input=ARTICLE,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "<https://w3id.org/ipkg/resource/daren-tang>" in out.read_text(encoding="utf-8")


def test_output_permissions_follow_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "perm.ttl"
    old = os.umask(0o022)
    try:
        result = CliRunner().invoke(cli, ["build", "-", "-o", str(out), "-q"], input=ARTICLE)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_unwritable_output_fails_before_building(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    done = run("build", str(tmp_path), "-o", str(blocker / "out.ttl"))  # its folder is a file
    assert done.returncode == 2, done.stderr
    assert "cannot create its folder" in done.stderr and "Traceback" not in done.stderr
    folder = run("build", str(tmp_path), "-o", str(tmp_path))
    assert folder.returncode == 2 and "directory" in folder.stderr


def test_header_only_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "header.txt").write_text("date 2024-01-25\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "o.ttl"), "-q"])
    assert result.exit_code == 2
    assert "header.txt: no article text after the header" in " ".join(result.output.split())
