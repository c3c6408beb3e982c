"""The SPARQL 1.1 Protocol endpoint (Starlette): ``/sparql`` for clients, ``/`` for people.

Safe by default: read-only (updates get 403), no SERVICE calls (403), a time limit
per query (503 past it), a limit on rows or triples per answer (the rest is cut and
the ``X-KG-Truncated`` header says so), a bound on request size (413) and on waiting
queries (503).  FROM, FROM NAMED, ``default-graph-uri`` and ``named-graph-uri`` pick
graphs of the served data only: nothing is ever fetched.

Example (a running server is in tests/test_serve.py):
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "g.nt").write_text('<http://e/a> <http://e/p> "x" .\\n')
    >>> with Endpoint.for_graph(folder / "g.nt", EndpointSettings(workers=1)) as endpoint:
    ...     endpoint.run(Job("SELECT ?o { ?s ?p ?o }", "text/csv", 10)).body
    b'o\\r\\nx\\r\\n'
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.serve.engine import Busy, EngineError, QueryTimeout, WorkerPool
from kg.serve.guard import inspect
from kg.serve.negotiate import GRAPH_TYPES, RESULT_TYPES, choose, with_charset
from kg.serve.source import Served, load_graph_file, store_snapshot
from kg.serve.worker import Job

_ASSETS = {
    "query.js": "text/javascript; charset=utf-8",
    "query.css": "text/css; charset=utf-8",
}


@dataclass(frozen=True)
class EndpointSettings:
    """The endpoint's limits; the defaults are safe for a laptop shared with a browser."""

    timeout: float = 30.0  #: seconds a query may run
    limit: int = 10_000  #: rows (SELECT) or triples (CONSTRUCT, DESCRIBE) per answer
    workers: int = 2  #: queries that run at once
    max_waiting: int = 64  #: queries that may wait for a worker; more get 503
    max_request_bytes: int = 1_000_000  #: a larger body (or URL) gets 413 (414)
    cors_origins: tuple[str, ...] = ()  #: origins a browser may query from ("*" for any)
    reload_every: float = 2.0  #: seconds between looks for a store's newer snapshot


class Endpoint:
    """The served data and the worker pool that queries it; follows a store's snapshots."""

    def __init__(self, served: Served, settings: EndpointSettings, cleanup: Path | None = None):
        self.served = served
        self.settings = settings
        self._cleanup = cleanup
        self.pool = WorkerPool(str(served.path), settings.workers, settings.max_waiting)
        self._stop = threading.Event()
        self._retiring: list[tuple[threading.Timer, WorkerPool]] = []
        self._watcher: threading.Thread | None = None
        if served.store_dir is not None:
            self._watcher = threading.Thread(target=self._follow, daemon=True, name="kg-reload")
            self._watcher.start()

    @classmethod
    def for_graph(cls, graph: Path, settings: EndpointSettings) -> Endpoint:
        """Serve a graph file (loaded once into a private folder, removed on close)."""
        folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        try:
            served = load_graph_file(graph, folder / "db")
            return cls(served, settings, cleanup=folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    @classmethod
    def for_store(cls, store_dir: Path, settings: EndpointSettings) -> Endpoint:
        """Serve a kg store's newest snapshot, and each newer one as kg add publishes it."""
        return cls(store_snapshot(store_dir), settings)

    def _follow(self) -> None:
        while not self._stop.wait(self.settings.reload_every):
            newer = self.served.newer()
            if newer is None:
                continue
            try:
                pool = WorkerPool(str(newer.path), self.settings.workers, self.settings.max_waiting)
            except EngineError:
                continue  # a snapshot being removed under us: try the next one
            old, self.pool, self.served = self.pool, pool, newer
            # queries already running on the old snapshot finish before it closes
            retire = threading.Timer(self.settings.timeout + 1, old.close)
            retire.daemon = True  # stopping the server does not wait for it
            self._retiring.append((retire, old))
            retire.start()

    def run(self, job: Job):
        return self.pool.run(job, self.settings.timeout)

    def close(self) -> None:
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join()
        for retire, old in self._retiring:  # pools of earlier snapshots not yet closed
            retire.cancel()
            old.close()
        self.pool.close()
        if self._cleanup is not None:
            shutil.rmtree(self._cleanup, ignore_errors=True)

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _TooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise _TooLarge
    return bytes(body)


def _text(status: int, message: str, **headers: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers or None)


def _service_description(request: Request) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint (GET /sparql with no query)."""
    endpoint = str(request.url.replace(query=""))
    formats = " ,\n        ".join(
        f"<http://www.w3.org/ns/formats/{name}>"
        for name in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "JSON-LD",
            "RDF_XML",
        )
    )
    body = (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\n"
        f"[] a sd:Service ;\n    sd:endpoint <{endpoint}> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query ;\n"
        "    sd:feature sd:UnionDefaultGraph ;\n"
        f"    sd:resultFormat {formats} .\n"
    )
    return Response(body, media_type="text/turtle; charset=utf-8")


def create_app(endpoint: Endpoint) -> Starlette:
    """The ASGI application serving ``endpoint``."""
    settings = endpoint.settings

    async def sparql(request: Request) -> Response:
        if len(request.url.query) > settings.max_request_bytes:
            return _text(414, "the request's URL is too long")
        params = list(request.query_params.multi_items())
        query_text: str | None = None
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                return _text(403, "updates are refused: this endpoint is read-only")
            try:
                body = await _read_body(request, settings.max_request_bytes)
                text = body.decode("utf-8")
            except _TooLarge:
                return _text(413, f"the request is larger than {settings.max_request_bytes} bytes")
            except UnicodeDecodeError:
                return _text(400, "the request body is not UTF-8")
            if media == "application/x-www-form-urlencoded":
                params += parse_qsl(text, keep_blank_values=True)
            elif media == "application/sparql-query":
                query_text = text
            else:
                return _text(
                    415,
                    "POST a query as application/sparql-query or application/x-www-form-urlencoded",
                )
        if any(name == "update" for name, _ in params):
            return _text(403, "updates are refused: this endpoint is read-only")
        queries = [value for name, value in params if name == "query"]
        if query_text is not None:
            queries.append(query_text)
        if not queries:
            if request.method == "GET":
                return _service_description(request)
            return _text(400, "no query: send one in the 'query' parameter")
        if len(queries) > 1:
            return _text(400, "more than one query in one request")
        query = queries[0]
        inspection = inspect(query)
        if inspection.kind == "update":
            return _text(403, "updates are refused: this endpoint is read-only")
        if inspection.uses_service:
            return _text(403, "SERVICE is disabled: this endpoint does not call other endpoints")
        override = [v for n, v in params if n in {"format", "output"}]
        media_type = choose(request.headers.get("accept"), inspection.returns_graph, override)
        if media_type is None:
            offered = GRAPH_TYPES if inspection.returns_graph else RESULT_TYPES
            return _text(406, "this endpoint answers in " + ", ".join(offered))
        job = Job(
            query,
            media_type,
            settings.limit,
            tuple(v for n, v in params if n == "default-graph-uri"),
            tuple(v for n, v in params if n == "named-graph-uri"),
            own_dataset=inspection.from_clauses > 0,
        )
        try:
            answer = await run_in_threadpool(endpoint.run, job)
        except QueryTimeout as exc:
            return _text(503, str(exc))
        except Busy as exc:
            return _text(503, str(exc), **{"Retry-After": "1"})
        except EngineError as exc:
            return _text(500, str(exc))
        if answer.status == "syntax":
            return _text(400, "SPARQL syntax error: " + answer.body.decode("utf-8"))
        if answer.status != "ok":
            return _text(400, "SPARQL query failed: " + answer.body.decode("utf-8"))
        headers = {"X-KG-Result-Limit": str(settings.limit), "Vary": "Accept"}
        if answer.truncated:
            headers["X-KG-Truncated"] = "true"
        return Response(answer.body, media_type=with_charset(answer.media_type), headers=headers)

    async def page(request: Request) -> Response:
        html = resources.files("kg.serve").joinpath("assets/query.html").read_text("utf-8")
        config = json.dumps({"name": endpoint.served.name, "limit": settings.limit})
        html = html.replace("{{config}}", config.replace("<", "\\u003c"))
        return HTMLResponse(html)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _ASSETS:
            return _text(404, "no such file")
        data = resources.files("kg.serve").joinpath(f"assets/{name}").read_bytes()
        return Response(data, media_type=_ASSETS[name])

    async def status(request: Request) -> Response:
        return JSONResponse(
            {
                "name": endpoint.served.name,
                "snapshot": endpoint.served.path.name if endpoint.served.store_dir else None,
                "workers": settings.workers,
                "timeout": settings.timeout,
                "limit": settings.limit,
            }
        )

    middleware = []
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=["X-KG-Truncated", "X-KG-Result-Limit"],
            )
        )
    routes = [
        Route("/", page),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/assets/{name}", asset),
        Route("/status", status),
    ]
    return Starlette(routes=routes, middleware=middleware)
