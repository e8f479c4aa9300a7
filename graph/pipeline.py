"""The main job: curated sources → validated graph → files in the output folder."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph

from graph.build import article_triples, build_graph
from graph.errors import NonConformingError, SourceError
from graph.export import jsonld, trig, turtle
from graph.model import ArticleFacts
from graph.outputs import write_all
from graph.resources import bundled_article
from graph.sources import read_sources
from graph.vocab import SCHEMA, Iris, is_valid_base_iri

COUNTED = (
    ("people", SCHEMA.Person),
    ("organizations", SCHEMA.Organization),
    ("events", SCHEMA.Event),
    ("quotations", SCHEMA.Quotation),
    ("articles", SCHEMA.NewsArticle),
)


@dataclass
class BuildResult:
    triples: int
    counts: dict[str, int]
    written: list[Path]
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        names = ", ".join(str(p) for p in self.written)
        return f"{self.triples} triples; {counts} → {names}"


def count_types(graph: Graph) -> dict[str, int]:
    return {name: len(set(graph.subjects(RDF.type, cls))) for name, cls in COUNTED}


def make_iris(base_iri: str | None) -> Iris:
    if base_iri is None:
        return Iris()
    if not is_valid_base_iri(base_iri):
        raise SourceError(f"--base-iri {base_iri!r}: not an http(s) IRI ending in '/' or '#'; e.g. https://example.org/kg/")
    return Iris(base_iri)


def render_outputs(articles: Sequence[ArticleFacts], graph: Graph, iris: Iris) -> dict[str, bytes]:
    prefixes = iris.prefixes()
    named = [(iris.of("article", facts.article.id), list(article_triples(facts, iris))) for facts in articles]
    return {
        "graph.ttl": turtle(graph, prefixes),
        "graph.jsonld": jsonld(graph, prefixes),
        "graph.trig": trig(named, prefixes),
    }


def build(sources: Sequence[Path] = (), out: Path = Path("output"), base_iri: str | None = None,
          validate: bool = True) -> BuildResult:
    """Read, build, validate, then write every output at once (or none, on any error)."""
    iris = make_iris(base_iri)
    articles = read_sources(list(sources) or [bundled_article()])
    graph = build_graph(articles, iris)
    if validate:
        from graph.validate import validate_graph

        report = validate_graph(graph)
        if not report.conforms:
            first = report.lines()[0]
            raise NonConformingError(
                f"the built graph breaks the shapes ({len(report.results)} results; first: {first}); "
                "nothing was written. Run 'kg validate' on a --no-validate build to see them all"
            )
    files = render_outputs(articles, graph, iris)
    written = write_all(out, files)
    return BuildResult(len(graph), count_types(graph), written)
