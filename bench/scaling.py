"""Benchmark: `kg add --store` on 10, 100, 1,000 and 10,000 synthetic articles.

For each size it writes a corpus (bench/synthetic_corpus.py), streams it into a
fresh store in a child process and reports the wall time, words/s, the child's
peak resident memory and the store's size.  The baseline, run in this same
invocation, is raw spaCy nlp.pipe over the first articles of the same corpus:
the ratio column is kg's words/s over spaCy's (1.0 = kg costs nothing beyond
the NLP).  Time should grow linearly with the corpus and memory stay flat.

    python bench/scaling.py [--sizes 10 100 1000 10000] [--jobs 1] [--work /tmp/kg-bench]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import write_corpus


def raw_spacy_words_per_second(paths: list[Path]) -> float:
    import spacy

    from kg.nlp.pipeline import resolve_model_name

    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = spacy.load(resolve_model_name())
    list(nlp.pipe(texts[:5]))
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        list(nlp.pipe(texts, batch_size=16))
        best = min(best, time.perf_counter() - start)
    return words / best


def run_add(corpus: Path, store: Path, jobs: int) -> tuple[float, float, str]:
    """Seconds, peak RSS (MiB) of the child and its last line of output."""
    command = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "add",
        "--store",
        str(store),
        "--jobs",
        str(jobs),
        str(corpus),
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    output = (process.stdout.read() + process.stderr.read()).strip()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kg add failed on {corpus}:\n{output}")
    peak_mib = usage.ru_maxrss / 1024  # Linux reports KiB
    return seconds, peak_mib, " ".join(output.split())


def store_quads(store: Path) -> int:
    from kg.store import GraphStore

    with GraphStore(store, read_only=True) as held:
        return len(held)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--keep", action="store_true", help="keep the corpora and stores")
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    largest = max(args.sizes)
    corpus_all = args.work / f"corpus-{largest}"
    if not corpus_all.exists():
        write_corpus(corpus_all, largest)
    files = sorted(corpus_all.rglob("*.txt"))
    baseline = raw_spacy_words_per_second(files[:100])
    print(f"machine: {os.cpu_count()} cores; jobs: {args.jobs}; Python {sys.version.split()[0]}")
    print(f"baseline raw spaCy nlp.pipe (1 process, first 100 articles): {baseline:,.0f} words/s")
    header = (
        f"{'articles':>8} {'words':>10} {'seconds':>9} {'words/s':>9} {'ratio':>6} "
        f"{'s/article':>9} {'peak MiB':>9} {'quads':>11}"
    )
    print(header)
    for size in sorted(args.sizes):
        corpus = args.work / f"corpus-{size}"
        if size != largest:
            shutil.rmtree(corpus, ignore_errors=True)
            for k, path in enumerate(files[:size]):  # the first N of the same corpus
                target = corpus / f"part-{k // 1000:03d}" / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.rglob("*.txt"))
        store = args.work / f"store-{size}"
        shutil.rmtree(store, ignore_errors=True)
        seconds, peak, _ = run_add(corpus, store, args.jobs)
        quads = store_quads(store)
        print(
            f"{size:>8,} {words:>10,} {seconds:>9.1f} {words / seconds:>9,.0f} "
            f"{words / seconds / baseline:>6.2f} {seconds / size:>9.3f} {peak:>9,.0f} {quads:>11,}",
            flush=True,
        )
        if not args.keep and size != largest:
            shutil.rmtree(corpus, ignore_errors=True)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this process's own peak: {own:,.0f} MiB; stores kept in {args.work})")


if __name__ == "__main__":
    main()
