"""Score a graph against gold annotations exactly as docs/data-model.md says.

Per article (found by its ``dcterms:source`` file name) and summed over the
set (micro-averaged): entities, typed entities, relations and statistics
(precision, recall, F1), statistic dates, and the article's date and publisher.

Example:
    >>> normalise("The  World Intellectual Property Organization.")
    'world intellectual property organization'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.errors import GoldError
from kg.rdf.namespaces import IPO
from kg.records import RELATION_PROPERTIES, is_subclass


def normalise(name: str) -> str:
    """Case-folded, leading "the" and punctuation dropped, white space folded."""
    text = name.casefold().replace("’", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


@dataclass
class Score:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


CATEGORIES = ("entities", "typed_entities", "relations", "statistics")


@dataclass
class Evaluation:
    """Scores per category, statistic-date and metadata accuracy, and per-article details."""

    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    dates_correct: int = 0
    dates_total: int = 0
    meta_correct: int = 0
    meta_total: int = 0
    articles: dict[str, dict] = field(default_factory=dict)
    missing_articles: list[str] = field(default_factory=list)
    #: per extraction rule: [statements that matched gold (required or optional), statements]
    relation_patterns: dict[str, list[int]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            **{c: s.as_dict() for c, s in self.scores.items()},
            "statistic_dates": {"correct": self.dates_correct, "total": self.dates_total},
            "article_meta": {"correct": self.meta_correct, "total": self.meta_total},
            "missing_articles": self.missing_articles,
            "relation_patterns": dict(sorted(self.relation_patterns.items())),
            "articles": self.articles,
        }


@dataclass
class _Gold:
    entities: list[dict]
    relations: list[dict]
    statistics: list[dict]
    meta: dict


def load_gold(path: Path) -> tuple[str, _Gold]:
    """Read one gold file; GoldError saying what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not a readable gold JSON file ({exc})") from exc
    if not isinstance(data, dict) or "article" not in data:
        raise GoldError(f"{path}: a gold file is an object with an 'article' key")
    return data["article"], _Gold(
        data.get("entities", []),
        data.get("relations", []),
        data.get("statistics", []),
        data.get("article_meta") or {},
    )


class _GraphView:
    """The parts of a built graph that scoring reads."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.labels: dict[URIRef, set[str]] = {}
        for prop in (RDFS.label, SKOS.altLabel):
            for s, o in graph.subject_objects(prop):
                self.labels.setdefault(s, set()).add(normalise(str(o)))  # type: ignore[arg-type]
        self.articles: dict[str, URIRef] = {}
        for article in graph.subjects(RDF.type, IPO.Article):
            source = graph.value(article, DCTERMS.source)
            if source is not None:
                self.articles[Path(str(source)).name] = article  # type: ignore[assignment]

    def cls(self, node: URIRef) -> str | None:
        for t in self.graph.objects(node, RDF.type):
            if str(t).startswith(str(IPO)):
                return str(t)[len(str(IPO)) :]
        return None

    def label(self, node: object) -> str:
        value = self.graph.value(node, RDFS.label)  # type: ignore[arg-type]
        return str(value) if value is not None else str(node)

    def names(self, node: URIRef) -> set[str]:
        return self.labels.get(node, set())


def _gold_names(item: dict) -> set[str]:
    return {normalise(n) for n in [item.get("name", ""), *item.get("aliases", [])] if n}


def _name_set(name_or_names: str | list[str], gold_entities: list[dict]) -> set[str]:
    """Names accepted for a gold reference: the names given plus the aliases of the gold entity."""
    names = [name_or_names] if isinstance(name_or_names, str) else list(name_or_names)
    accepted = {normalise(n) for n in names}
    for entity in gold_entities:
        if _gold_names(entity) & accepted:
            accepted |= _gold_names(entity)
    return accepted


def _match(gold_items: list[dict], graph_items: list, fits) -> tuple:
    """Greedy one-to-one matching; required gold items first, optional ones absorb the rest.

    Returns the score, the matched (gold, graph) pairs, the missed gold items and the
    unmatched graph items.
    """
    score = Score()
    used: set[int] = set()
    pairs: list[tuple[dict, object]] = []
    missed: list[dict] = []
    order = sorted(range(len(gold_items)), key=lambda i: bool(gold_items[i].get("optional")))
    for gi in order:
        gold = gold_items[gi]
        hit = next(
            (i for i, item in enumerate(graph_items) if i not in used and fits(gold, item)), None
        )
        if hit is None:
            if not gold.get("optional"):
                score.fn += 1
                missed.append(gold)
            continue
        used.add(hit)
        if not gold.get("optional"):
            score.tp += 1
            pairs.append((gold, graph_items[hit]))
    extra = [item for i, item in enumerate(graph_items) if i not in used]
    score.fp += len(extra)
    return score, pairs, missed, extra


def evaluate(graph: Graph, gold_dir: Path) -> Evaluation:
    """Score a graph against every gold file in a folder."""
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise GoldError(f"{gold_dir}: no gold files (*.json)")
    view = _GraphView(graph)
    result = Evaluation()
    for path in gold_files:
        name, gold = load_gold(path)
        article = view.articles.get(Path(name).name)
        if article is None:
            result.missing_articles.append(name)
        per_article = _score_article(view, article, gold, result)
        result.articles[name] = per_article
    return result


def _score_article(
    view: _GraphView, article: URIRef | None, gold: _Gold, result: Evaluation
) -> dict:
    g = view.graph
    mentioned = sorted(g.objects(article, IPO.mentions)) if article is not None else []
    ent_score, ent_pairs, ent_missed, ent_extra = _match(
        gold.entities, mentioned, lambda item, node: bool(_gold_names(item) & view.names(node))
    )
    typed = Score(tp=0, fp=ent_score.fp, fn=ent_score.fn)
    for gold_item, node in ent_pairs:
        cls = view.cls(node)  # type: ignore[arg-type]
        if cls and is_subclass(cls, gold_item.get("type", "")):
            typed.tp += 1
        else:
            typed.fp += 1
            typed.fn += 1

    relations: list[tuple[URIRef, str, URIRef]] = []
    if article is not None:
        for stmt in g.subjects(PROV.wasDerivedFrom, article):
            if (stmt, RDF.type, RDF.Statement) in g:
                p = str(g.value(stmt, RDF.predicate)).rsplit("#", 1)[-1]
                if p in RELATION_PROPERTIES:
                    relations.append(
                        (g.value(stmt, RDF.subject), p, g.value(stmt, RDF.object), stmt)
                    )  # type: ignore[arg-type]

    def rel_fits(item: dict, rel: tuple) -> bool:
        s_names = _name_set(item["s"], gold.entities)
        o_names = _name_set(item["o"], gold.entities)
        s, p, o, _ = rel
        if p != item["p"]:
            return False
        if view.names(s) & s_names and view.names(o) & o_names:
            return True
        return p == "cooperatesWith" and bool(view.names(o) & s_names and view.names(s) & o_names)

    rel_score, _, rel_missed, rel_extra = _match(gold.relations, relations, rel_fits)
    wrong = {stmt for *_, stmt in rel_extra}
    for *_, stmt in relations:
        pattern = str(g.value(stmt, IPO.pattern) or "unknown")
        counts = result.relation_patterns.setdefault(pattern, [0, 0])
        counts[0] += stmt not in wrong
        counts[1] += 1

    stats = []
    if article is not None:
        for node in g.subjects(PROV.wasDerivedFrom, article):
            if (node, RDF.type, IPO.Statistic) in g:
                stats.append(node)

    def stat_fits(item: dict, node: URIRef) -> bool:
        subject = g.value(node, IPO.subject)
        value = g.value(node, IPO.value)
        if subject is None or value is None:
            return False
        if not view.names(subject) & _name_set(item["subject"], gold.entities):  # type: ignore[arg-type]
            return False
        want = Decimal(str(item["value"]))
        got = Decimal(str(value))
        return abs(got - want) <= abs(want) * Decimal("0.005")

    stat_score, stat_pairs, stat_missed, stat_extra = _match(gold.statistics, stats, stat_fits)
    dates_wrong = []
    for gold_item, node in stat_pairs:
        if gold_item.get("date"):
            result.dates_total += 1
            got = g.value(node, IPO.date)  # type: ignore[arg-type]
            if got is not None and str(got) == str(gold_item["date"]):
                result.dates_correct += 1
            else:
                dates_wrong.append(
                    f"{gold_item['subject']} {gold_item['value']}: {got} (gold {gold_item['date']})"
                )

    meta = {}
    if gold.meta.get("date"):
        got_date = g.value(article, DCTERMS.date) if article is not None else None
        meta["date"] = str(got_date) == gold.meta["date"] if got_date is not None else False
    if gold.meta.get("publisher"):
        pub = g.value(article, IPO.publishedBy) if article is not None else None
        meta["publisher"] = pub is not None and normalise(gold.meta["publisher"]) in view.names(pub)  # type: ignore[arg-type]
    result.meta_total += len(meta)
    result.meta_correct += sum(meta.values())

    mistyped = [
        f"{gold_item['name']}: {view.cls(node)} (gold {gold_item.get('type')})"  # type: ignore[arg-type]
        for gold_item, node in ent_pairs
        if not is_subclass(view.cls(node) or "", gold_item.get("type", ""))  # type: ignore[arg-type]
    ]
    label = view.label
    errors = {
        "entities_missed": [e.get("name") for e in ent_missed],
        "entities_extra": [label(n) for n in ent_extra],
        "entities_mistyped": mistyped,
        "relations_missed": [f"{r['s']} {r['p']} {r['o']}" for r in rel_missed],
        "relations_extra": [f"{label(s)} {p} {label(o)}" for s, p, o, _ in rel_extra],
        "statistics_missed": [
            f"{st['subject']} {st['value']} {st.get('unit')} ({st.get('measure')})"
            for st in stat_missed
        ],
        "statistics_extra": [
            f"{label(g.value(n, IPO.subject))} {g.value(n, IPO.value)} "
            f"{str(g.value(n, IPO.unit)).rsplit('#', 1)[-1]} ({g.value(n, IPO.measure)})"
            for n in stat_extra
        ],
        "statistic_dates_wrong": dates_wrong,
    }
    scores = (ent_score, typed, rel_score, stat_score)
    for category, score in zip(CATEGORIES, scores, strict=True):
        result.scores[category].add(score)
    per_category = {c: s.as_dict() for c, s in zip(CATEGORIES, scores, strict=True)}
    return per_category | {"article_meta": meta, "errors": errors}


def format_evaluation(ev: Evaluation, details: bool = False) -> str:
    """A plain-text table of the scores."""
    lines = [f"{'category':<16} {'P':>6} {'R':>6} {'F1':>6}   tp   fp   fn"]
    for category, score in ev.scores.items():
        lines.append(
            f"{category:<16} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
            f"{score.tp:4d} {score.fp:4d} {score.fn:4d}"
        )
    lines.append(f"statistic dates  {ev.dates_correct}/{ev.dates_total} correct")
    lines.append(f"article meta     {ev.meta_correct}/{ev.meta_total} correct (date, publisher)")
    if details:
        for name, article in ev.articles.items():
            errors = {k: v for k, v in article.get("errors", {}).items() if v}
            if errors:
                lines.append(f"\n{name}")
                lines.extend(
                    f"  {kind:<18} {item}" for kind, items in errors.items() for item in items
                )
    if ev.missing_articles:
        lines.append(f"not in graph     {', '.join(ev.missing_articles)}")
    return "\n".join(lines)
