"""The three places a query can run: rdflib, pyoxigraph (both over Turtle files) or a SPARQL endpoint.

Each engine checks the syntax of a query (line and column of the first error), runs the bound
text and answers with a QueryResult of rdflib terms, so the answers can be compared.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import QueryError, RdfInputError
from graph.files import DEFAULT_TURTLE
from graph.query import ENGINES
from graph.query.endpoint import query
from graph.rdf.export import parse_turtle
from graph.rdf.read import OXIGRAPH_MAX_MB, check_sizes, parse_error, read_turtle_bytes
from graph.remote.http import auth_header, check_url
from graph.query.results import QueryResult, Term, from_oxigraph, plain
from graph.kinds import prefixes_of
from graph.vocab import Iris

_OX_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


@dataclass(frozen=True)
class SyntaxProblem:
    line: int | None
    column: int | None
    message: str


def _prefixes(found: dict[str, str]) -> dict[str, str]:
    merged = prefixes_of(Iris())
    merged.update({name: iri for name, iri in found.items() if name})
    return dict(sorted(merged.items()))


def _short_ox_message(message: str) -> str:
    """Oxigraph lists every expected character class; keep the first few alternatives."""
    message = " ".join(message.split())
    if message.startswith("expected one of "):
        items = [i.strip() for i in message.removeprefix("expected one of ").split(", ") if i.strip()]
        readable = [i for i in items if not i.startswith("[")] or items
        message = "expected " + " or ".join(readable[:4]) + (" ..." if len(readable) > 4 else "")
    return message[:200]


def oxigraph_syntax(text: str) -> SyntaxProblem | None:
    try:
        ox.Store().query(text)
    except SyntaxError as err:
        match = _OX_POSITION.match(str(err))
        if match:
            return SyntaxProblem(int(match[1]), int(match[2]), _short_ox_message(match[3]))
        return SyntaxProblem(None, None, _short_ox_message(str(err)))
    return None


def rdflib_syntax(text: str) -> SyntaxProblem | None:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        translateQuery(parseQuery(text))
    except ParseBaseException as err:
        found = f", found {err.found}" if getattr(err, "found", "") else ""
        return SyntaxProblem(err.lineno, err.col, f"{err.msg}{found}")
    except Exception as err:  # rdflib reports some mistakes (bad escapes, prefixes) as plain exceptions
        return SyntaxProblem(None, None, " ".join(str(err).split())[:200] or type(err).__name__)
    return None


def syntax(text: str) -> SyntaxProblem | None:
    """Oxigraph decides (it runs the query); when it refuses, rdflib's message, which names the
    token it found, is shown if rdflib refuses too."""
    problem = oxigraph_syntax(text)
    if problem is None:
        return None
    return rdflib_syntax(text) or problem


def read_bytes(path: Path) -> bytes:
    return read_turtle_bytes(path)


class RdflibEngine:
    name = "rdflib"

    def __init__(self, paths: Sequence[Path]):
        self.graph = parse_turtle(paths, Graph(bind_namespaces="none"))
        self.prefixes = _prefixes({name: str(iri) for name, iri in self.graph.namespaces()})

    def check(self, text: str) -> SyntaxProblem | None:
        return rdflib_syntax(text)

    def run(self, text: str, form: str, values: Mapping[str, Sequence[Term]] | None = None) -> QueryResult:
        """`values` are the parameters the text already binds; those with one value are also given
        to rdflib as initial bindings. The answer is the same (the text's VALUES block keeps only
        rows with that value), but rdflib then evaluates every pattern with the value in place
        instead of the whole pattern first: seconds instead of minutes on a corpus."""
        from rdflib.plugins.sparql.sparql import SPARQLError

        initial = {name: terms[0] for name, terms in (values or {}).items() if len(terms) == 1}
        try:
            result = self.graph.query(text, initBindings=initial or None)
            if form == "ASK":
                return QueryResult(form, boolean=bool(result.askAnswer))
            if form in ("CONSTRUCT", "DESCRIBE"):
                triples = tuple(tuple(plain(t) for t in triple) for triple in result.graph)  # type: ignore[union-attr]
                return QueryResult(form, triples=triples)  # type: ignore[arg-type]
            variables = tuple(str(v) for v in result.vars or ())
            rows = tuple(tuple(plain(t) for t in row) for row in result)  # type: ignore[union-attr]
            return QueryResult(form, variables, rows)
        except SPARQLError as err:
            raise QueryError(f"rdflib could not evaluate the query: {err}") from None


class OxigraphEngine:
    name = "oxigraph"

    def __init__(self, paths: Sequence[Path]):
        check_sizes(paths, OXIGRAPH_MAX_MB, "kg query with Oxigraph",
                    "load it into a SPARQL server (kg push) and query that with --endpoint")
        self.store = ox.Store()
        found: dict[str, str] = {}
        for path in paths:
            data = read_bytes(path)
            parser = ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
            try:
                self.store.extend(parser)
            except SyntaxError as err:
                line, column, message = parse_error(err)
                at = f":{line}" if column is None else f":{line}:{column}"
                raise RdfInputError(f"{path}{at}: not valid Turtle: {message[:200]}; fix the syntax there") from None
            found.update(parser.prefixes)
        self.prefixes = _prefixes(found)

    def check(self, text: str) -> SyntaxProblem | None:
        return syntax(text)

    def run(self, text: str, form: str, values: Mapping[str, Sequence[Term]] | None = None) -> QueryResult:
        try:
            answer = self.store.query(text)
            if form == "ASK":
                return QueryResult(form, boolean=bool(answer))
            if form in ("CONSTRUCT", "DESCRIBE"):
                triples = tuple(tuple(from_oxigraph(t) for t in (x.subject, x.predicate, x.object)) for x in answer)
                return QueryResult(form, triples=triples)  # type: ignore[arg-type]
            variables = tuple(v.value for v in answer.variables)
            known: dict[object, Term] = {}  # terms repeat down a column; making rdflib terms is the slow part

            def term(found: object) -> Term | None:
                if found is None:
                    return None
                made = known.get(found)
                if made is None:
                    made = known[found] = from_oxigraph(found)
                return made

            rows = tuple(tuple(term(s[i]) for i in range(len(variables))) for s in answer)
            return QueryResult(form, variables, rows)
        except (SyntaxError, OSError) as err:
            raise QueryError(f"oxigraph could not evaluate the query: {err}") from None


class EndpointEngine:
    name = "endpoint"

    def __init__(self, url: str, timeout: float = 30.0, auth: str | None = None):
        self.url = check_url(url, "--endpoint", "http://127.0.0.1:7878/query")
        self.timeout = timeout
        self.auth = auth
        self.prefixes = _prefixes({})

    def check(self, text: str) -> SyntaxProblem | None:
        return syntax(text)

    def run(self, text: str, form: str, values: Mapping[str, Sequence[Term]] | None = None) -> QueryResult:
        return query(self.url, text, form, self.timeout, self.auth)


Engine = RdflibEngine | OxigraphEngine | EndpointEngine


def open_engine(data: Sequence[Path], endpoint: str | None, engine: str = "oxigraph",
                timeout: float = 30.0, auth_env: str | None = None) -> Engine:
    """`auth_env`: the environment variable holding the endpoint's credentials (graph/remote/http.py)."""
    if endpoint:
        if data:
            raise QueryError("--data and --endpoint exclude each other: query files or a server, not both")
        return EndpointEngine(endpoint, timeout, auth_header(auth_env))
    if auth_env:
        raise QueryError(f"--auth-env {auth_env}: credentials are for a server; add --endpoint URL or leave it out")
    paths = list(data) or [DEFAULT_TURTLE]
    if engine == "rdflib":
        return RdflibEngine(paths)
    if engine != "oxigraph":
        raise QueryError(f"--engine {engine}: use one of {', '.join(ENGINES)}")
    return OxigraphEngine(paths)
