"""Push a store to an external triple store: one named graph per article, over HTTP.

The SPARQL 1.1 Graph Store HTTP Protocol is used where the server offers it: each
article's graph is sent with ``PUT <graph-store>?graph=<iri>``, which replaces the
graph whole, so pushing twice leaves the same data.  Where it does not (no
``--graph-store`` given, or the server answers 404, 405, 415 or 501), the same change
is made with SPARQL Update (``DROP SILENT GRAPH``, then ``INSERT DATA``).

The merged entity descriptions, held in the store's default graph, go to one named
graph of their own (``ipr:graph/entities``): a PUT to a remote default graph would
replace whatever else the server keeps there.

kg remembers in the store folder (``pushed.json``) what it pushed to each endpoint:
the next push sends only the graphs that changed, and drops the graphs of articles
removed from the store since.  ``full=True`` sends everything again.

Example:
    >>> plan = PushPlan.compare({"g1": "a", "g2": "b"}, {"g1": "a", "g3": "c"}, full=False)
    >>> plan.send, plan.drop, plan.unchanged
    (['g2'], ['g3'], 1)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.errors import KGError
from kg.rdf.io import atomic_write_bytes
from kg.rdf.namespaces import IPR

#: The named graph the entity descriptions are pushed to.
ENTITIES_GRAPH = str(IPR["graph/entities"])
#: Triples per INSERT DATA operation when falling back to SPARQL Update.
UPDATE_CHUNK = 5_000
_GSP_UNSUPPORTED = {404, 405, 415, 501}


class PushError(KGError):
    """The remote store refused a change, or cannot be reached."""


@dataclass(frozen=True)
class Remote:
    """Where to push: the SPARQL Update endpoint, the Graph Store endpoint (optional) and
    the credentials (``user:password`` by HTTP basic, or digest as Virtuoso asks; or a
    bearer token, as QLever's access token)."""

    endpoint: str
    graph_store: str | None = None
    auth: tuple[str, str] | None = None
    token: str | None = None
    digest: bool = False
    timeout: float = 120.0

    def client(self, transport: httpx.BaseTransport | None = None) -> httpx.Client:
        headers = {"User-Agent": "kg-push"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        auth: httpx.Auth | None = None
        if self.auth:
            auth = httpx.DigestAuth(*self.auth) if self.digest else httpx.BasicAuth(*self.auth)
        return httpx.Client(auth=auth, headers=headers, timeout=self.timeout, transport=transport)


@dataclass
class PushPlan:
    """Which graphs to send and which to drop, given what was pushed before."""

    send: list[str]
    drop: list[str]
    unchanged: int

    @classmethod
    def compare(cls, local: dict[str, str], pushed: dict[str, str], full: bool) -> PushPlan:
        send = sorted(g for g, digest in local.items() if full or pushed.get(g) != digest)
        drop = sorted(g for g in pushed if g not in local)
        return cls(send, drop, len(local) - len(send))


@dataclass
class PushReport:
    """What a push did: graphs sent and dropped, triples sent, and by which protocol."""

    sent: int = 0
    dropped: int = 0
    unchanged: int = 0
    triples: int = 0
    protocol: str = "graph store"
    failures: list[str] = field(default_factory=list)


def graph_contents(store: ox.Store) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, N-Triples in a fixed order) for each article graph and the entity
    descriptions (as ENTITIES_GRAPH); the order makes the digest of an unchanged graph
    the same from push to push."""
    prefix = str(IPR["graph/"])
    names = sorted(
        g.value
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)
    )
    yield (
        ENTITIES_GRAPH,
        _sorted_ntriples(store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
    )
    for name in names:
        yield name, _sorted_ntriples(store.quads_for_pattern(None, None, None, ox.NamedNode(name)))


def _sorted_ntriples(quads: Iterator[ox.Quad]) -> bytes:
    """The quads' triples as N-Triples, one serialisation, lines sorted and distinct."""
    data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    return b"".join(sorted({line + b"\n" for line in data.split(b"\n") if line}))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Pusher:
    """Sends graphs to a Remote, by the Graph Store protocol or SPARQL Update."""

    def __init__(self, remote: Remote, client: httpx.Client) -> None:
        self.remote = remote
        self.client = client
        self.use_gsp = remote.graph_store is not None

    def put(self, graph: str, data: bytes) -> None:
        if self.use_gsp:
            response = self._request(
                "PUT",
                self.remote.graph_store,
                params={"graph": graph},
                content=data,
                headers={"Content-Type": "application/n-triples"},
            )
            if response.status_code in _GSP_UNSUPPORTED:
                self.use_gsp = False  # the server has no Graph Store protocol there
            else:
                _check(response, f"PUT graph <{graph}>")
                return
        operations = [f"DROP SILENT GRAPH <{graph}>"]
        lines = [line for line in data.decode("utf-8").split("\n") if line]
        for start in range(0, len(lines), UPDATE_CHUNK):
            chunk = "\n".join(lines[start : start + UPDATE_CHUNK])
            operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}\n}} }}")
        self._update(" ;\n".join(operations), f"replace graph <{graph}>")

    def drop(self, graph: str) -> None:
        if self.use_gsp:
            response = self._request("DELETE", self.remote.graph_store, params={"graph": graph})
            if response.status_code == 404:
                return  # gone already
            if response.status_code not in _GSP_UNSUPPORTED:
                _check(response, f"DELETE graph <{graph}>")
                return
            self.use_gsp = False
        self._update(f"DROP SILENT GRAPH <{graph}>", f"drop graph <{graph}>")

    def _update(self, update: str, what: str) -> None:
        response = self._request(
            "POST",
            self.remote.endpoint,
            content=update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )
        _check(response, what)

    def _request(self, method: str, url: str | None, **kwargs) -> httpx.Response:
        try:
            return self.client.request(method, url or "", **kwargs)
        except httpx.HTTPError as exc:
            raise PushError(f"{url}: cannot reach the store: {exc}") from exc


def _check(response: httpx.Response, what: str) -> None:
    if response.status_code >= 300:
        body = " ".join(response.text.split())[:300]
        raise PushError(f"{what}: the store answered {response.status_code}: {body}")


def _manifest_path(store_dir: Path) -> Path:
    return store_dir / "pushed.json"


def _read_manifest(store_dir: Path) -> dict[str, dict[str, str]]:
    try:
        return json.loads(_manifest_path(store_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def push_store(
    store_dir: Path,
    remote: Remote,
    full: bool = False,
    on_graph: Callable[[str], None] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> PushReport:
    """Push a kg store's snapshot to ``remote``; see the module docstring.  ``transport``
    replaces the network (tests)."""
    from kg.serve.source import store_snapshot

    snapshot = store_snapshot(store_dir).path
    store = ox.Store.read_only(str(snapshot))
    contents = dict(graph_contents(store))
    local = {graph: digest(data) for graph, data in contents.items()}
    key = f"{remote.endpoint} {remote.graph_store or ''}"
    manifest = _read_manifest(store_dir)
    pushed = dict(manifest.get(key, {}))
    plan = PushPlan.compare(local, pushed, full)
    report = PushReport(unchanged=plan.unchanged)
    with remote.client(transport) as client:
        pusher = Pusher(remote, client)
        try:
            for graph in plan.send:
                pusher.put(graph, contents[graph])
                pushed[graph] = local[graph]
                report.sent += 1
                report.triples += contents[graph].count(b"\n")
                if on_graph:
                    on_graph(graph)
            for graph in plan.drop:
                pusher.drop(graph)
                pushed.pop(graph, None)
                report.dropped += 1
        finally:
            # what went through is remembered even when a later graph failed
            manifest[key] = pushed
            atomic_write_bytes(
                _manifest_path(store_dir),
                json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"),
            )
        report.protocol = "graph store" if pusher.use_gsp else "SPARQL update"
    return report
