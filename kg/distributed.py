"""Extraction spread over a Dask cluster (``--executor dask --scheduler ADDRESS``).

Articles go to the workers in chunks; each worker process loads the spaCy pipeline
once (a worker plugin loads it as the worker joins, before any chunk arrives) and
sends back Extractions, which the caller streams into its graph or store in input
order.  At most two chunks per worker are in flight, so the client's memory stays
flat however long the corpus.  Workers need kg and the model installed, in the same
versions as the client (Dask checks its own versions; kg's are the user's to keep).

Example (a real cluster is in tests/test_distributed.py):
    >>> spec = ExecutorSpec("dask", jobs=2)
    >>> spec.describe()
    'dask (a local cluster of 2 workers)'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.errors import KGError
from kg.records import Article, Extraction

EXECUTORS = ("local", "dask")
#: Articles per Dask task: larger than a local pool's, as each task crosses the network
#: and each chunk is one nlp.pipe run (bench/dask_throughput.py)
DASK_CHUNK_ARTICLES = 32


class ClusterError(KGError):
    """The Dask scheduler cannot be reached, or the cluster lost the work."""


@dataclass(frozen=True)
class ExecutorSpec:
    """Where extraction runs: ``local`` (this process, or ``jobs`` processes) or ``dask``
    (the cluster at ``scheduler``; without one, a local cluster of ``jobs`` workers)."""

    kind: str = "local"
    jobs: int = 1
    scheduler: str | None = None

    def describe(self) -> str:
        if self.kind == "local":
            return "local" if self.jobs <= 1 else f"local ({self.jobs} processes)"
        where = self.scheduler or f"a local cluster of {self.jobs} workers"
        return f"dask ({where})"


def _preload_plugin(model: str | None):
    from distributed import WorkerPlugin

    class PreloadModel(WorkerPlugin):
        """Loads kg's pipeline once in each worker process as it joins the cluster."""

        name = f"kg-preload-{model or 'default'}"

        def __init__(self, model: str | None) -> None:
            self.model = model

        def setup(self, worker) -> None:
            from kg.nlp.pipeline import load_pipeline

            load_pipeline(self.model)

    return PreloadModel(model)


def extract_on_dask(
    articles: Iterable[Article], spec: ExecutorSpec, model: str | None = None
) -> Iterator[Extraction | tuple[str, str]]:
    """Yield each article's Extraction (or (source, reason)) in input order, computed on
    the Dask cluster ``spec`` names."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError(
            "the dask executor needs dask.distributed: pip install 'kg[dask]' "
            "(on the client and on every worker)"
        ) from exc
    from kg.parallel import stream_chunks

    cluster = None
    try:
        if spec.scheduler is None:
            cluster = LocalCluster(
                n_workers=max(1, spec.jobs),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
        else:
            client = Client(spec.scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler {spec.scheduler}: {exc}") from exc
    try:
        client.register_plugin(_preload_plugin(model))
        workers = max(1, len(client.scheduler_info()["workers"]))
        executor = client.get_executor(pure=False)
        try:
            yield from stream_chunks(articles, executor, workers, model, DASK_CHUNK_ARTICLES)
        except KGError:
            raise
        except Exception as exc:  # a worker lost, a task killed: Dask has many types
            raise ClusterError(f"the Dask cluster failed: {type(exc).__name__}: {exc}") from exc
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
