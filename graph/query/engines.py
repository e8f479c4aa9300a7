"""The three places a query can run: rdflib, pyoxigraph (both over RDF files) or a SPARQL endpoint.

Each engine checks the syntax of a query by parsing it only (line and column of the first error),
runs the bound text and answers with a QueryResult of rdflib terms, so the answers can be compared.
The engines over files stay offline: a query that would fetch data (SERVICE, FROM) is found in
what the engine itself parses (graph/query/checks.py), and refused; a local query runs in a
worker process (graph/query/worker.py).
"""

from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import QueryError
from graph.files import DEFAULT_TURTLE
from graph.kinds import prefixes_of
from graph.query import ENGINES
from graph.query import store as stores
from graph.query.checks import (
    Fetch, SyntaxProblem, fetch_refused, oxigraph_fetch, rdflib_fetch, rdflib_problem, syntax,
)
from graph.query.endpoint import query
from graph.query.results import QueryResult, Term, from_oxigraph, plain
from graph.query.worker import contained
from graph.rdf.read import OXIGRAPH_MAX_MB, check_sizes
from graph.rdf.readers import load_store, read_graph
from graph.remote.http import check_url
from graph.remote.secrets import auth_header
from graph.vocab import Iris


def _prefixes(found: dict[str, str]) -> dict[str, str]:
    merged = prefixes_of(Iris())
    merged.update({name: iri for name, iri in found.items() if name})
    return dict(sorted(merged.items()))


class RdflibEngine:
    name = "rdflib"

    def __init__(self, paths: Sequence[Path], data_format: str | None = None):
        self.graph = read_graph(paths, Graph(bind_namespaces="none"), data_format)
        self.prefixes = _prefixes({name: str(iri) for name, iri in self.graph.namespaces()})
        self._parsed: tuple[str, object, SyntaxProblem | None] | None = None

    def _parse(self, text: str) -> tuple[object, SyntaxProblem | None]:
        """The text as rdflib parses it (kept for the next call: check, then fetches)."""
        if self._parsed is None or self._parsed[0] != text:
            namespaces = {name: str(iri) for name, iri in self.graph.namespaces()}
            self._parsed = (text, *rdflib_problem(text, namespaces))
        return self._parsed[1], self._parsed[2]

    def check(self, text: str) -> SyntaxProblem | None:
        return self._parse(text)[1]

    def fetches(self, text: str) -> Fetch | None:
        """From rdflib's own parse; placed by Oxigraph's, when that reads the same word there."""
        query, _ = self._parse(text)
        found = None if query is None else rdflib_fetch(query)
        if found is not None:
            placed = oxigraph_fetch(text)
            if placed is not None and placed.keyword == found.keyword:
                return placed
        return found

    def run(self, text: str, form: str, values: Mapping[str, Sequence[Term]] | None = None,
            serialize: str | None = None) -> QueryResult:
        """`serialize` is only a hint (the rows are always given). `values` are the parameters the text already binds; those with one value are also given
        to rdflib as initial bindings. The answer is the same (the text's VALUES block keeps only
        rows with that value), but rdflib then evaluates every pattern with the value in place
        instead of the whole pattern first: seconds instead of minutes on a corpus.

        rdflib evaluates the very query checked here for SERVICE and FROM, parsed once."""
        from rdflib.plugins.sparql.sparql import SPARQLError

        query, problem = self._parse(text)
        if problem is not None:
            raise QueryError(f"rdflib could not parse the query: {problem.message}")
        found = rdflib_fetch(query)
        if found is not None:
            raise fetch_refused(found, "the query")
        initial = {name: terms[0] for name, terms in (values or {}).items() if len(terms) == 1}
        try:
            result = self.graph.query(query, initBindings=initial or None)  # type: ignore[arg-type]
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


#: Formats whose bytes Oxigraph's own result writers give exactly as graph/query/formats.py does for
#: the other engines (tests/test_engines.py holds both to the same bytes).
_OWN_WRITERS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


class OxigraphEngine:
    name = "oxigraph"

    def __init__(self, paths: Sequence[Path], use_store: bool = True, data_format: str | None = None):
        """Big files are queried from a persistent store made once (graph/query/store.py); small
        ones, or all with use_store off, are parsed into memory (graph/rdf/readers.py)."""
        self.folder: Path | None = None
        self.store: ox.Store | None = None
        big = use_store and _all_files(paths) and stores.wanted(paths)
        found = stores.cached(paths, data_format) if big else None
        if found is None:
            check_sizes(paths, OXIGRAPH_MAX_MB, "kg query with Oxigraph",
                        "load it into a SPARQL server (kg push) and query that with --endpoint", data_format)
            if big:
                found = stores.make(paths, data_format)
        if found is not None:
            self.folder, prefixes = found
            self.prefixes = _prefixes(prefixes)
            return
        self.store = ox.Store()
        self.prefixes = _prefixes(load_store(self.store, paths, data_format))

    def check(self, text: str) -> SyntaxProblem | None:
        return syntax(text)

    def fetches(self, text: str) -> Fetch | None:
        return oxigraph_fetch(text)

    def run(self, text: str, form: str, values: Mapping[str, Sequence[Term]] | None = None,
            serialize: str | None = None) -> QueryResult:
        found = oxigraph_fetch(text)  # the very text that runs, parameters bound
        if found is not None:
            raise fetch_refused(found, "the query")
        try:
            if self.store is None:  # opened where the queries run: in the worker process (contained())
                self.store = ox.Store.read_only(str(self.folder))
            answer = self.store.query(text)
            if form == "SELECT" and serialize in _OWN_WRITERS:
                written = answer.serialize(format=_OWN_WRITERS[serialize]).decode("utf-8")
                return QueryResult(form, tuple(v.value for v in answer.variables), serialized=written,
                                   serialized_as=serialize)
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
        """Parsed only: the server runs the query (and fetches what its SERVICE names, if it will).
        In a worker, so that a parser crash cannot take kg with it."""
        return contained(lambda: syntax(text), self.timeout)

    def fetches(self, text: str) -> Fetch | None:
        return None  # the server decides what it fetches

    def run(self, text: str, form: str, values: Mapping[str, Sequence[Term]] | None = None,
            serialize: str | None = None) -> QueryResult:
        return query(self.url, text, form, self.timeout, self.auth)


Engine = RdflibEngine | OxigraphEngine | EndpointEngine


def _all_files(paths: Sequence[Path]) -> bool:
    return all(path.is_file() for path in paths)


def open_engine(data: Sequence[Path], endpoint: str | None, engine: str = "oxigraph",
                timeout: float = 30.0, auth_env: str | None = None, use_store: bool = True,
                data_format: str | None = None) -> Engine:
    """`auth_env`: the environment variable holding the endpoint's credentials (graph/remote/http.py);
    `data_format`: --data-format, the format of every --data file (default: by extension)."""
    if endpoint:
        if data:
            raise QueryError("--data and --endpoint exclude each other: query files or a server, not both")
        if data_format:
            raise QueryError(f"--data-format {data_format}: it is the format of --data files; a server "
                             "answers in its own, so leave it out with --endpoint")
        return EndpointEngine(endpoint, timeout, auth_header(auth_env))
    if auth_env:
        raise QueryError(f"--auth-env {auth_env}: credentials are for a server; add --endpoint URL or leave it out")
    paths = list(data) or [DEFAULT_TURTLE]
    if engine == "rdflib":
        return RdflibEngine(paths, data_format)
    if engine != "oxigraph":
        raise QueryError(f"--engine {engine}: use one of {', '.join(ENGINES)}")
    return OxigraphEngine(paths, use_store, data_format)
