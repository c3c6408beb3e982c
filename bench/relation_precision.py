"""Measure each relation rule's precision on the annotated sets and store it as its confidence.

    python bench/relation_precision.py [--write]

Builds examples/articles (and ../shared/corpus/seeds when present), scores
them against their gold files, and prints per rule: statements that matched
a gold relation (required or optional), statements, precision, and the
smoothed confidence kg will give the rule.  With --write the counts go to
kg/data/relation_confidence.tsv, which the extractor reads.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

from kg.build import build_graph
from kg.extract.confidence import smoothed
from kg.extract.relations import RULES
from kg.resources import gazetteer_dir
from kg.scoring import evaluate

ROOT = Path(__file__).resolve().parent.parent
SETS = [
    (ROOT / "examples" / "articles", ROOT / "examples" / "gold"),
    (ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "gold"),
]
PRIORS = {rule.name: rule.confidence for rule in RULES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the counts for the extractor")
    args = parser.parse_args()
    totals: dict[str, list[int]] = {}
    for articles, gold in SETS:
        if not articles.is_dir() or not gold.is_dir():
            continue
        graph = build_graph([articles]).graph
        with tempfile.TemporaryDirectory() as tmp:
            golds = Path(tmp)
            for file in gold.glob("*.json"):  # only articles that have gold are scored
                (golds / file.name).write_bytes(file.read_bytes())
            result = evaluate(graph, golds)
        for pattern, (correct, total) in result.relation_patterns.items():
            counts = totals.setdefault(pattern, [0, 0])
            counts[0] += correct
            counts[1] += total
    print(f"{'rule':<40} {'correct':>7} {'total':>6} {'precision':>9} {'confidence':>10}")
    for pattern, (correct, total) in sorted(totals.items()):
        prior = PRIORS.get(pattern.split("+")[0], 0.75)
        print(
            f"{pattern:<40} {correct:7d} {total:6d} {correct / total:9.2f} "
            f"{smoothed(correct, total, prior):10.3f}"
        )
    overall_correct = sum(c for c, _ in totals.values())
    overall = sum(t for _, t in totals.values())
    print(
        f"{'all rules':<40} {overall_correct:7d} {overall:6d} {overall_correct / max(overall, 1):9.2f}"
    )
    if args.write:
        path = gazetteer_dir().parent / "relation_confidence.tsv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["pattern", "correct", "total"])
            for pattern, (correct, total) in sorted(totals.items()):
                writer.writerow([pattern, correct, total])
        print(f"written: {path}")


if __name__ == "__main__":
    main()
