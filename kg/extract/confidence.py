"""Relation confidence: each rule's precision as measured on annotated articles.

``kg/data/relation_confidence.tsv`` is written by ``bench/relation_precision.py``:
for each rule, how many of its statements matched a gold relation on the
annotated sets.  The confidence is that precision smoothed towards the rule's
prior (``PSEUDO_COUNTS`` imaginary observations at the prior), so that a rule
seen three times does not claim certainty.

Example:
    >>> smoothed(12, 13, prior=0.9)
    0.918
"""

from __future__ import annotations

import csv
from functools import cache

from kg.resources import gazetteer_dir

PSEUDO_COUNTS = 4


def smoothed(correct: int, total: int, prior: float) -> float:
    """(correct + k * prior) / (total + k), rounded to three places."""
    return round((correct + PSEUDO_COUNTS * prior) / (total + PSEUDO_COUNTS), 3)


@cache
def measured() -> dict[str, tuple[int, int]]:
    """rule name -> (correct, total) from the last measurement (empty if never measured)."""
    path = gazetteer_dir().parent / "relation_confidence.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {
            row["pattern"]: (int(row["correct"]), int(row["total"]))
            for row in csv.DictReader(handle, delimiter="\t")
        }


def confidence(pattern: str, prior: float) -> float:
    """The confidence of a statement found by ``pattern`` whose prior is ``prior``."""
    counts = measured().get(pattern)
    return smoothed(*counts, prior) if counts else prior
