"""A pool of query worker processes with a time limit per query.

Oxigraph cannot interrupt a running query, so each query runs in a worker process
(kg.serve.worker) and one that outlives its time is killed and replaced.  Workers
open the store read-only; the pool hands one query to each idle worker and keeps
the rest waiting, up to a bounded queue.

Example:
    >>> import tempfile, pyoxigraph as ox
    >>> folder = tempfile.mkdtemp()
    >>> ox.Store(folder).add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
    ...                              ox.Literal("x")))
    >>> with WorkerPool(folder, workers=1) as pool:
    ...     pool.run(Job("ASK { ?s ?p 'x' }", "application/sparql-results+json", 10), 10).body
    b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
from dataclasses import dataclass

from kg.errors import KGError
from kg.serve.worker import Answer, Job, serve_jobs

_CONTEXT = multiprocessing.get_context("spawn")  # no fork of a threaded server


class EngineError(KGError):
    """The query engine cannot start (no store there, a worker that does not open it)."""


class QueryTimeout(KGError):
    """A query ran past the endpoint's time limit (its worker was stopped)."""


class Busy(KGError):
    """Every worker is busy and the waiting queue is full."""


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: object


class WorkerPool:
    """``workers`` processes answering queries on the Oxigraph store at ``store_path``."""

    def __init__(self, store_path: str, workers: int = 2, max_waiting: int = 64) -> None:
        self.store_path = str(store_path)
        self.size = workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._waiting = threading.BoundedSemaphore(workers + max_waiting)
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=serve_jobs, args=(self.store_path, child), daemon=True, name="kg-query"
        )
        process.start()
        child.close()
        if not parent.poll(60) or _recv(parent) != "ready":
            process.kill()
            process.join()
            raise EngineError(f"{self.store_path}: a query worker could not open the store")
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.connection.close()
        with self._lock:
            self._all.remove(worker)

    def run(self, job: Job, timeout: float) -> Answer:
        """Run a job on the next idle worker (blocking); QueryTimeout past ``timeout``
        seconds of running, Busy when too many requests already wait."""
        if not self._waiting.acquire(blocking=False):
            raise Busy("the endpoint is busy: too many queries are waiting; retry later")
        try:
            worker = self._idle.get()
            try:
                worker.connection.send(job)
                if worker.connection.poll(timeout):
                    answer = _recv(worker.connection)
                    if isinstance(answer, Answer):
                        self._idle.put(worker)
                        worker = None
                        return answer
                    raise EngineError("a query worker stopped while answering")
                raise QueryTimeout(f"the query ran longer than the time limit ({timeout:g} s)")
            finally:
                if worker is not None:  # timed out or died: replace it
                    self._retire(worker)
                    self._idle.put(self._start())
        finally:
            self._waiting.release()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()
        with self._lock:
            self._all.clear()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _recv(connection) -> object:
    try:
        return connection.recv()
    except (EOFError, OSError):
        return None
