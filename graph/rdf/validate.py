"""Graph → typed SHACL report (pySHACL against ontology/shapes.ttl), sorted, one line per result."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from graph.errors import NonConformingError
from graph.files import DEFAULT_TURTLE, shapes_file
from graph.rdf.readers import read_graph
from graph.vocab import SH


@dataclass(frozen=True, order=True)
class ShaclResult:
    severity: str
    focus: str
    path: str
    message: str
    shape: str
    value: str


@dataclass(frozen=True)
class ShaclReport:
    conforms: bool
    results: tuple[ShaclResult, ...]

    def lines(self) -> list[str]:
        return [
            f"{r.severity}: {r.focus}{f' {r.path}' if r.path else ''}: {r.message}"
            + (f" (value {r.value})" if r.value and (r.path or r.value != r.focus) else "")
            for r in self.results
        ]


def _short(term: Node | None, names: NamespaceManager) -> str:
    if term is None:
        return ""
    try:
        return term.n3(names)
    except Exception:  # a blank-node path or an unusual term: its plain form is enough
        return str(term)


def validate_graph(graph: Graph, shapes: Path | None = None) -> ShaclReport:
    """Validate against our shapes; results sorted by severity, focus node, path and message."""
    from pyshacl import validate  # heavy import: only when validating

    shapes_graph = Graph().parse(shapes or shapes_file(), format="turtle")
    conforms, report, _ = validate(graph, shacl_graph=shapes_graph, inference="none", advanced=True,
                                   allow_warnings=True)
    names = graph.namespace_manager
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        results.append(
            ShaclResult(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus=_short(report.value(node, SH.focusNode), names),
                path=_short(report.value(node, SH.resultPath), names),
                message=" ".join(str(report.value(node, SH.resultMessage) or "").split()),
                shape=_short(report.value(node, SH.sourceShape), names),
                value=_short(report.value(node, SH.value), names),
            )
        )
    return ShaclReport(bool(conforms), tuple(sorted(set(results))))


def validate_files(paths: Sequence[Path], data_format: str | None = None) -> tuple[ShaclReport, list[Path]]:
    """`kg validate`: several RDF files checked together as one graph (default: output/graph.ttl),
    each read by its extension or as `data_format` (graph/rdf/readers.py)."""
    paths = list(paths) or [DEFAULT_TURTLE]
    return validate_graph(read_graph(paths, data_format=data_format)), paths


def verdict(report: ShaclReport, paths: Sequence[Path]) -> str:
    """The last line of `kg validate`; NonConformingError (exit 1, as kg build) if the graph breaks the shapes."""
    names = ", ".join(map(str, paths))
    if not report.conforms:
        count = len(report.results)
        raise NonConformingError(f"Does not conform: {count} result{'s' if count != 1 else ''} in {names}")
    return f"Conforms: {names}"
