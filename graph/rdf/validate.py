"""Graph → typed SHACL report (pySHACL against ontology/shapes.ttl), sorted, one line per result."""

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from graph.files import shapes_file
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
            f"{r.severity}: {r.focus} {r.path or '-'}: {r.message}" + (f" (value {r.value})" if r.value else "")
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
