"""Write a synthetic corpus of N articles for the scaling benchmarks.

Each article recombines sentences of examples/articles (seeded, so the same N
gives the same corpus): a dated header, 6 to 12 sentences drawn from different
articles, every number scaled by a random factor, and country and company
names swapped for others of the same kind from kg's gazetteer.  The text is
realistic enough for the NLP and the extraction to do their full work.

    python bench/synthetic_corpus.py OUT_DIR N [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "kg" / "data" / "gazetteer"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b")


def _names(file: str, limit: int = 400) -> list[str]:
    with (GAZETTEER / file).open(encoding="utf-8") as handle:
        return [row["name"] for row in csv.DictReader(handle, delimiter="\t")][:limit]


def example_sentences() -> list[str]:
    """Prose sentences of the example articles (header lines and captions left out)."""
    sentences: list[str] = []
    for path in sorted((ROOT / "examples" / "articles").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            paragraph = " ".join(paragraph.split())
            if len(paragraph) < 80 or paragraph.lower().startswith("date "):
                continue
            sentences.extend(s for s in _SENTENCE.split(paragraph) if 40 <= len(s) <= 400)
    return sentences


def _vary_number(match: re.Match[str], rng: random.Random) -> str:
    text = match.group(0)
    value = float(text.replace(",", ""))
    if 1900 <= value <= 2100 and "," not in text:
        return text  # a year stays a year
    scaled = value * rng.uniform(0.6, 1.6)
    if "." in text:
        return f"{scaled:.1f}"
    if "," in text:
        return f"{round(scaled):,}"
    return str(max(1, round(scaled)))


def make_article(i: int, sentences: list[str], rng: random.Random, pools: dict) -> str:
    year = rng.choice(range(2018, 2026))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    picked = rng.sample(sentences, rng.randint(6, 12))
    body = " ".join(picked)
    body = _NUMBER.sub(lambda m: _vary_number(m, rng), body)
    for kind, names in pools.items():
        for name in names:
            if name in body and rng.random() < 0.5:
                body = body.replace(name, rng.choice(pools[kind]))
    parts = _SENTENCE.split(body)
    text = "\n\n".join(" ".join(parts[k : k + 3]) for k in range(0, len(parts), 3))
    return f"date {year}-{month:02d}-{day:02d}\n\n{text}\n"


def write_corpus(out: Path, n: int, seed: int = 7) -> list[Path]:
    """Write N articles under ``out`` (in sub-folders of 1,000) and return their paths."""
    rng = random.Random(seed)
    sentences = example_sentences()
    pools = {
        "country": [c for c in _names("countries.tsv") if " " not in c],
        "company": _names("companies.tsv"),
    }
    paths = []
    for i in range(n):
        folder = out / f"part-{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{i:06d}.txt"
        path.write_text(make_article(i, sentences, rng, pools), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.n, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} articles, {words:,} words in {args.out}")


if __name__ == "__main__":
    main()
