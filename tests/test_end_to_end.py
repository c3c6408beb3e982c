"""End to end: build examples/ and the seed articles, score them with `kg eval`, and check
that the scores stay above the floors we have reached (a drop is a regression)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli

# Floors a little under the scores of the 96 examples (batches 57-76 and 77-96 included unseen)
EXAMPLE_FLOORS = {"entities": 0.93, "typed_entities": 0.90, "relations": 0.75, "statistics": 0.79}
SEED_FLOORS = {"entities": 0.95, "typed_entities": 0.95, "relations": 0.90, "statistics": 0.90}


def build_and_score(articles: Path, gold: Path, out: Path) -> dict:
    runner = CliRunner()
    built = runner.invoke(cli, ["build", str(articles), "-o", str(out), "--strict", "-q"])
    assert built.exit_code == 0, built.output
    scored = runner.invoke(cli, ["eval", str(out), str(gold), "--json"])
    assert scored.exit_code == 0, scored.output
    return json.loads(scored.output)


def test_examples(examples_dir: Path, tmp_path: Path) -> None:
    scores = build_and_score(examples_dir / "articles", examples_dir / "gold", tmp_path / "ex.ttl")
    assert not scores["missing_articles"]
    for category, floor in EXAMPLE_FLOORS.items():
        assert scores[category]["f1"] >= floor, (category, scores[category])
    meta = scores["article_meta"]
    assert meta["correct"] == meta["total"]


def test_seed_articles(shared_dir: Path, tmp_path: Path) -> None:
    scores = build_and_score(
        shared_dir / "corpus" / "seeds", shared_dir / "gold", tmp_path / "s.ttl"
    )
    for category, floor in SEED_FLOORS.items():
        assert scores[category]["f1"] >= floor, (category, scores[category])
    assert scores["article_meta"]["correct"] == scores["article_meta"]["total"] == 4


def test_examples_have_gold_for_every_article(examples_dir: Path) -> None:
    articles = {p.stem for p in (examples_dir / "articles").glob("*.txt")}
    gold = {p.stem for p in (examples_dir / "gold").glob("*.json")}
    assert len(articles) >= 8 and articles == gold


def test_build_is_deterministic(examples_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("a.ttl", "b.ttl"):
        runner.invoke(
            cli,
            [
                "build",
                str(examples_dir / "articles"),
                "-o",
                str(tmp_path / name),
                "-q",
                "--no-validate",
            ],
        )
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
