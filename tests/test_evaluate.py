"""Scoring exactly as docs/data-model.md says, on hand-built graphs and gold files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kg.errors import GoldError
from kg.rdf.mapping import extractions_to_graph
from kg.records import Article, Entity, Evidence, Extraction, Relation, Statistic
from kg.scoring import evaluate, normalise

EV = Evidence("x", 0, 1)


def graph():
    article = Article("a1", "corpus/a1.txt", "text", "0" * 64, date="2024-01-25")
    return extractions_to_graph(
        [
            Extraction(
                article,
                entities=(
                    Entity("china", "China", "Country"),
                    Entity(
                        "wipo",
                        "World Intellectual Property Organization",
                        "InternationalOrganization",
                        alt_labels=("WIPO",),
                    ),
                    Entity("wang", "Wang Wenbin", "Person"),
                    Entity(
                        "ministry", "Foreign Ministry", "Organization"
                    ),  # gold says GovernmentAgency
                    Entity("xinhua", "Xinhua", "Organization"),  # not in gold: a false positive
                    Entity("gt", "Global Times", "Organization"),  # optional in gold
                ),
                relations=(
                    Relation(
                        "wipo", "cooperatesWith", "china", EV, 0.8, "r"
                    ),  # reversed: still a match
                    Relation("wang", "headOf", "ministry", EV, 0.8, "r"),  # wrong property
                ),
                statistics=(
                    Statistic(
                        "china", Decimal("4015000"), "m", "Count", EV, "p", date="2023-12-31"
                    ),
                    Statistic("china", Decimal("4100000"), "m", "Count", EV, "p"),  # off by 2%
                ),
                publisher="gt",
            )
        ]
    )


GOLD = {
    "article": "a1.txt",
    "entities": [
        {"name": "China", "type": "Country"},
        {
            "name": "WIPO",
            "aliases": ["World Intellectual Property Organization"],
            "type": "InternationalOrganization",
        },
        {"name": "Wang Wenbin", "aliases": ["Wang"], "type": "Person"},
        {
            "name": "Chinese Foreign Ministry",
            "aliases": ["Foreign Ministry"],
            "type": "GovernmentAgency",
        },
        {"name": "Global Times", "type": "Organization", "optional": True},
        {"name": "Beijing", "type": "City"},
    ],
    "relations": [
        {"s": "China", "p": "cooperatesWith", "o": "World Intellectual Property Organization"},
        {"s": "Wang", "p": "spokespersonOf", "o": "Chinese Foreign Ministry"},
    ],
    "statistics": [
        {
            "subject": ["Chinese mainland", "China"],
            "value": 4015000,
            "unit": "Count",
            "date": "2023-12-31",
        },
        {"subject": "China", "value": 80, "unit": "Count", "optional": True},
    ],
    "article_meta": {"date": "2024-01-25", "publisher": "Global Times"},
}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "a1.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return tmp_path


def test_scores(gold_dir: Path) -> None:
    result = evaluate(graph(), gold_dir)
    ents = result.scores["entities"]
    assert (ents.tp, ents.fp, ents.fn) == (
        4,
        1,
        1,
    )  # Xinhua extra, Beijing missed, Global Times optional
    typed = result.scores["typed_entities"]
    assert typed.tp == 3  # the ministry is an Organization, gold wants a GovernmentAgency
    rels = result.scores["relations"]
    assert (rels.tp, rels.fp, rels.fn) == (1, 1, 1)
    stats = result.scores["statistics"]
    assert (stats.tp, stats.fp, stats.fn) == (1, 1, 0)
    assert (result.dates_correct, result.dates_total) == (1, 1)
    assert (result.meta_correct, result.meta_total) == (2, 2)
    assert round(ents.f1, 3) == 0.8
    errors = result.articles["a1.txt"]["errors"]
    assert errors["entities_missed"] == ["Beijing"]
    assert errors["entities_extra"] == ["Xinhua"]


def test_missing_article_counts_everything_as_missed(gold_dir: Path) -> None:
    gold = dict(GOLD, article="other.txt")
    (gold_dir / "a1.json").write_text(json.dumps(gold), encoding="utf-8")
    result = evaluate(graph(), gold_dir)
    assert result.missing_articles == ["other.txt"]
    assert result.scores["entities"].fn == 5


def test_bad_gold(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError):
        evaluate(graph(), tmp_path)
    with pytest.raises(GoldError, match="no gold files"):
        evaluate(graph(), tmp_path / "empty")


def test_normalise() -> None:
    assert normalise("The  Patent Cooperation Treaty (PCT).") == "patent cooperation treaty pct"
