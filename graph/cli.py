"""The `kg` command: a thin click layer over the library. Each command parses its options,
calls one library function and prints the result; user mistakes (KgError) become one line
on stderr and the exit code documented in README.md."""

import sys
from pathlib import Path

import click

from graph.errors import EXIT_INTERRUPTED, KgError


class KgGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted; the earlier outputs are unchanged.", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-kg", prog_name="kg")
def cli() -> None:
    """Build, check, query and show a knowledge graph of news articles.

    \b
    Example:
        kg build                 # the bundled article → output/graph.ttl, .jsonld, .html
        kg validate output/graph.ttl
    """


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder for graph.ttl, graph.jsonld, graph.trig and graph.html.")
@click.option("--base-iri", default=None, help="Base IRI of minted instances [default: https://example.org/news-kg/].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
def build(sources: tuple[Path, ...], out: Path, base_iri: str | None, quiet: bool) -> None:
    """Build the graph from article folders (default: the bundled article).

    A SOURCE is an article folder (facts.yaml + article text) or a folder of them.
    The graph is validated against the SHACL shapes before anything is written.

    \b
    Example:
        kg build
        kg build sources/ --out output/ --base-iri https://example.org/kg/
    """
    from graph.pipeline import build as run_build

    result = run_build(sources, out, base_iri)
    if not quiet:
        click.echo(result.summary())
        for note in result.notes:
            click.echo(note)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check Turtle files against the SHACL shapes (ontology/shapes.ttl).

    Prints one line per result, sorted. Exit 0: conforms; 1: violations; 2: error.
    Several files are checked together as one graph.

    \b
    Example:
        kg validate output/graph.ttl
    """
    from graph.export import parse_turtle
    from graph.validate import validate_graph

    paths = list(files) or [Path("output/graph.ttl")]
    report = validate_graph(parse_turtle(paths))
    for line in report.lines():
        click.echo(line)
    if report.conforms:
        click.echo(f"Conforms: {', '.join(map(str, paths))}")
    else:
        count = len(report.results)
        click.echo(f"Does not conform: {count} result{'s' if count != 1 else ''}")
        sys.exit(1)


def main() -> None:
    cli(prog_name="kg")
