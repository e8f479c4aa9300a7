"""The `kg` command: a thin click layer over the library. Each command parses its options,
calls one library function and prints the result; user mistakes (KgError) become one line
on stderr and the exit code documented in README.md."""

import sys
from pathlib import Path

import click

from graph import runtime
from graph.errors import EXIT_INTERRUPTED, KgError, Terminated
from graph.files import OUTPUT_DIR
from graph.runtime import progress_bar
from graph.text import for_stream, terminal_safe
from graph.network import DEFAULT_MAX_NODES
from graph.query import ENGINES, FORMATS
from graph.rdf.read import DATA_FORMAT_NAMES

#: --data-format of every command that reads RDF files (by default each file's extension decides).
data_format_option = click.option(
    "--data-format", type=click.Choice(DATA_FORMAT_NAMES), default=None,
    help="Read every file as this format [default: by extension: .ttl Turtle, .trig TriG, .jsonld/.json "
         "JSON-LD, .nt N-Triples, .nq N-Quads; others Turtle].")


class KgGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as err:  # one line, as every other mistake (click's own takes four)
            where = err.ctx.command_path if err.ctx is not None else "kg"
            click.echo(f"Error: {terminal_safe(err.format_message())} (see '{where} --help')", err=True)
            ctx.exit(err.exit_code)
        except KgError as err:
            from graph.remote.secrets import redact_userinfo  # a password in any URL quoted is never shown

            click.echo(f"Error: {terminal_safe(redact_userinfo(str(err)))}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt as err:  # Ctrl-C, or SIGTERM (Terminated)
            # objects half-made by an interrupted import may complain as they go (pyparsing does)
            sys.unraisablehook = lambda unraisable: None
            stopped = "Terminated" if isinstance(err, Terminated) else "Interrupted"
            click.echo(f"{stopped}; {str(err) or 'the earlier outputs are unchanged'}.", err=True)
            ctx.exit(getattr(err, "exit_code", EXIT_INTERRUPTED))


def say(text: str, err: bool = False, nl: bool = True, exact: bool = False) -> None:
    """Print what a command shows, by one policy (graph.text.for_stream): text for people escaped,
    machine formats (`exact`) byte for byte unless on a terminal; click's ANSI stripping, which
    would cut escape sequences out of the data in a pipe, is off."""
    click.echo(for_stream(text, sys.stderr if err else sys.stdout, exact), err=err, nl=nl, color=True)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-kg", prog_name="kg")
def cli() -> None:
    """Build, check, query and show a knowledge graph of news articles.

    \b
    Example:
        kg build                 # every article folder in sources/ → output/graph.ttl, .jsonld, .html
        kg validate output/graph.ttl
    """


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=OUTPUT_DIR, show_default=True,
              help="Folder for graph.ttl, graph.jsonld, graph.trig and graph.html.")
@click.option("--base-iri", default=None, help="Base IRI of minted instances [default: https://example.org/news-kg/].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
@click.option("--strict", is_flag=True, help="Refuse to build on any warning (evidence that names nobody involved, "
                                             "a name the text never uses, two spellings of a role or a name).")
@click.option("--no-cache", is_flag=True, help="Read every article again, even those unchanged since an earlier build.")
def build(sources: tuple[Path, ...], out: Path, base_iri: str | None, quiet: bool, strict: bool,
          no_cache: bool) -> None:
    """Build the graph from article folders (default: every article folder in sources/; an
    installed wheel has the bundled article there).

    A SOURCE is an article folder (facts.yaml + article text) or a folder of them.
    The graph is validated against the SHACL shapes before anything is written.

    \b
    Example:
        kg build
        kg build sources/ --out output/ --base-iri https://example.org/kg/
    """
    from graph.corpus.pipeline import build as run_build

    with progress_bar("build", "article", enabled=not quiet) as progress:
        result = run_build(sources, out, base_iri, progress=progress, strict=strict, cache=not no_cache)
    if not quiet:
        say(result.summary())
        for note in result.notes:
            say(note, err=True)


@cli.command("draft")
@click.argument("text_file", metavar="TEXT_FILE")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="The article folder to write [default: one named from the headline, in the current folder].")
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="The article's date, against which 'on Monday', 'yesterday' or 'next Friday' are resolved.")
@click.option("--publisher", metavar="NAME", default=None, help="The publisher, as the text names it.")
@click.option("--url", metavar="URL", default=None, help="The article's address, for the facts file.")
@click.option("--force", is_flag=True, help="Replace the facts file (and text) already in the folder.")
def draft_command(text_file: str, out: Path | None, published: str | None, publisher: str | None,
                  url: str | None, force: bool) -> None:
    """Draft a facts file from an article's text (TEXT_FILE, or - for standard input).

    Writes the text unchanged to DIR/article.txt and a first draft of DIR/facts.yaml: people,
    organizations, places, roles, the event with its hosts and dates, direct quotes and reported
    statements, each with its evidence copied from the text and a comment saying how it was
    found; '# REVIEW:' marks the uncertain ones. A person reviews every candidate, then builds.

    \b
    Example:
        kg draft report.txt --out sources/2025-03-ministry-briefing/ --published 2025-03-05
        kg build sources/2025-03-ministry-briefing/
    """
    from graph.draft.pipeline import draft_folder

    say(draft_folder(text_file, out, published, publisher, url, force))


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@data_format_option
def validate(files: tuple[Path, ...], data_format: str | None) -> None:
    """Check RDF files (Turtle, TriG, JSON-LD, ...) against the SHACL shapes (ontology/shapes.ttl).

    Prints one line per result, sorted. Exit 0: conforms; 1: violations; 2: error.
    Several files are checked together as one graph.

    \b
    Example:
        kg validate output/graph.ttl
    """
    from graph.rdf.validate import validate_files, verdict

    report, paths = validate_files(files, data_format)
    for line in report.lines():
        say(line)
    say(verdict(report, paths))


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's Graph Store URL, e.g. http://localhost:7878/store (Oxigraph).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="Graph for triples outside named graphs (all of a .ttl file) [default: the default graph].")
@click.option("--auth-env", default=None, metavar="VAR",
              help="Environment variable holding 'user:password' (Basic) or a bearer token.")
@click.option("--query-endpoint", default=None, metavar="URL",
              help="SPARQL query URL for the final count [default: derived from --endpoint].")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds each request may take in all: connecting, sending, the whole answer.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
              help="Retries after a connection error, timeout or 5xx answer (exponential backoff).")
@click.option("--union/--no-union", default=True, show_default=True,
              help="After pushing named graphs, rebuild the server's default graph as their union (SPARQL Update), "
                   "so queries answer as the files do.")
@click.option("--update-endpoint", default=None, metavar="URL",
              help="SPARQL Update URL for --union [default: derived from --endpoint].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def push(files: tuple[Path, ...], endpoint: str, graph_iri: str | None, auth_env: str | None,
         query_endpoint: str | None, timeout: float, retries: int, union: bool, update_endpoint: str | None,
         quiet: bool) -> None:
    """Load built graphs into a SPARQL server (default file: output/graph.trig).

    Each article's named graph is replaced with an HTTP PUT (SPARQL 1.1 Graph Store
    Protocol), so pushing twice leaves the server as after one push. A .ttl file is
    pushed as one graph: --graph IRI, or the default graph. Exit 3 when the server is
    unreachable or refuses the data.

    \b
    Example:
        kg push --endpoint http://localhost:7878/store
        KG_AUTH=admin:secret kg push output/graph.trig --auth-env KG_AUTH \\
            --endpoint http://localhost:3030/news/data
    """
    from graph.remote.push import push as run_push

    with progress_bar("push", "graph", enabled=not quiet) as progress:
        result = run_push(files, endpoint, graph_iri, auth_env, query_endpoint, timeout, retries,
                          progress=progress, union=union, update_endpoint=update_endpoint)
    if not quiet:
        say(result.summary())
        for note in result.notes:
            say(note, err=True)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(), default=None,
              help="The page to write, or a folder for it (an existing one, or one ending with /, made if "
                   "missing) [default: the first file with .html: output/graph.html, or output/graph.ID.html "
                   "with --focus].")
@click.option("--focus", metavar="ID_OR_NAME", default=None,
              help="Show only this entity and its neighbours: its IRI, prefixed name (person:he-jie), id "
                   "(he-jie) or name (He Jie, or a unique part: Dzau), in any case.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many links away from the entity to go.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=DEFAULT_MAX_NODES, show_default=True,
              help="Refuse to draw more entities than this (the page gets slow); use --focus for big graphs.")
@data_format_option
def render(files: tuple[Path, ...], out: str | None, focus: str | None, depth: int, max_nodes: int,
           data_format: str | None) -> None:
    """Draw RDF files (Turtle, TriG, JSON-LD, ...) as one interactive HTML page (default file: output/graph.ttl).

    The page is self-contained (it opens offline and can be e-mailed): search by name,
    filter by type, click an entity for its facts and the passages that support them.
    Several files are drawn together as one graph. Exit 2 above --max-nodes.

    \b
    Example:
        kg render                                  # output/graph.ttl → output/graph.html
        kg render output/graph.ttl --focus "He Jie" --depth 2 --out he-jie.html
    """
    from graph.network.render import render as run_render

    say(run_render(files, out, focus, depth, max_nodes, data_format).summary())


@cli.command("stats")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the most central entities to list.")
@data_format_option
def stats_command(files: tuple[Path, ...], top: int, data_format: str | None) -> None:
    """Count the entities by type and list the most central ones (default file: output/graph.ttl).

    Degree counts an entity's links; betweenness is the share of shortest paths
    between other entities that pass through it (NetworkX).

    \b
    Example:
        kg stats
        kg stats output/graph.ttl --top 5
    """
    from graph.network.render import stats_report

    say(stats_report(files, top, data_format))


@cli.command("query")
@click.argument("query", required=False, metavar="[NAME | FILE.rq | -]")
@click.option("--text", "text", metavar="SPARQL", help="Run this SPARQL text instead of a named query or file.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter (repeatable; repeat a NAME for several values).")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="RDF file to query (repeatable; Turtle, TriG, JSON-LD, N-Triples, N-Quads) "
                   "[default: output/graph.ttl].")
@data_format_option
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
              help="table (default), csv, tsv, json, xml for SELECT/ASK; turtle (default) or table for CONSTRUCT.")
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL 1.1 query endpoint instead of files, "
                                                "e.g. http://127.0.0.1:7878/query")
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="The SPARQL engine for --data files (both give the same answers; pyoxigraph is faster).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Seconds a query on files may run (then it is stopped), or each request to --endpoint "
                   "may take in all, the whole answer included.")
@click.option("--auth-env", default=None, metavar="VAR",
              help="Environment variable holding --endpoint's credentials: 'user:password' (Basic) or a token (Bearer).")
@click.option("--width", type=click.IntRange(min=40), default=None,
              help="Width of --format table [default: the terminal's, else 100].")
@click.option("--full", is_flag=True, help="In --format table, show every text whole (by default cut at three lines).")
@click.option("--no-store", is_flag=True,
              help="Parse the files into memory even when big, instead of the store kept for them between queries.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with their parameters.")
@click.option("--show", is_flag=True, help="Print the named query's SPARQL instead of running it.")
def query_command(query: str | None, text: str | None, params: tuple[str, ...], data: tuple[Path, ...],
                  fmt: str | None, endpoint: str | None, engine: str, timeout: float, auth_env: str | None,
                  width: int | None, full: bool, no_store: bool, list_queries: bool, show: bool,
                  data_format: str | None) -> None:
    """Ask the graph a question: a named query (see --list), a .rq file or --text.

    Parameters are bound as RDF terms, never pasted into the query. An entity
    parameter takes an id (he-jie), a prefixed name (person:he-jie), an IRI or
    a name ("He Jie"), in any case, or a part of a name only one has (Dzau).
    Files may be Turtle, TriG, JSON-LD, N-Triples or N-Quads. Exit 2: bad query, parameter or data; 3: server error.

    \b
    Example:
        kg query --list
        kg query who-said-what --param speaker="He Jie"
        kg query events-hosted --format csv
        kg query describe-entity -p entity=he-jie            # Turtle
        kg query --text "SELECT ?p WHERE { ?p a schema:Person }" --engine rdflib
        kg query mentions-per-article --endpoint http://127.0.0.1:7878/query
    """
    import shutil

    from graph.query.catalog import listing, show_query
    from graph.query.formats import is_exact
    from graph.query.run import run_query

    if list_queries:
        say(listing(), nl=False)
        return
    if show:
        say(show_query(query), nl=False, exact=True)
        return
    answer = run_query(query, text, params, data, endpoint, engine, fmt, timeout, auth_env, use_store=not no_store,
                       data_format=data_format)
    say(answer.render(width or shutil.get_terminal_size((100, 24)).columns, full), nl=False,
        exact=is_exact(answer.fmt))


def main() -> None:
    runtime.install()
    cli(prog_name="kg")
