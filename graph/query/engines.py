"""The three places a query can run: rdflib, pyoxigraph (both over RDF files) or a SPARQL endpoint.

Each engine checks the syntax of a query by parsing it only (line and column of the first error),
runs the bound text and answers with a QueryResult of rdflib terms, so the answers can be compared.
The engines over files stay offline: a query that would fetch data (SERVICE, FROM) is found in
what the engine itself parses, and refused. contained() runs a local query in a worker process,
which the main process stops on --timeout, Ctrl-C or SIGTERM, and whose crash it survives.
"""

import faulthandler
import os
import pickle
import re
import resource
import select
import signal
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import KgError, QueryError
from graph.files import DEFAULT_TURTLE
from graph.query import ENGINES
from graph.query.endpoint import query
from graph.rdf.read import OXIGRAPH_MAX_MB, check_sizes
from graph.rdf.readers import load_store, read_graph
from graph.remote.http import auth_header, check_url
from graph.query.results import QueryResult, Term, from_oxigraph, plain
from graph.query.sparql import parse_error as query_parse_error
from graph.query import store as stores
from graph.kinds import prefixes_of
from graph.runtime import holding, quiet_signals
from graph.vocab import Iris

_OX_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
T = TypeVar("T")


@dataclass(frozen=True)
class SyntaxProblem:
    line: int | None
    column: int | None
    message: str


@dataclass(frozen=True)
class Fetch:
    """A SERVICE or FROM in a query: its offset in the text checked, where the engine tells."""

    keyword: str
    offset: int | None = None


def fetch_refused(found: Fetch, where: str) -> QueryError:
    return QueryError(f"{where}: {found.keyword} would fetch other data; kg query on files stays offline, "
                      "so load that data with --data or use --endpoint")


class Stopped(QueryError):
    """A worker gave no answer (past --timeout, or its engine crashed); the caller names the query."""


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
    """Parsed only, never run (graph/query/sparql.py parse_error())."""
    err = query_parse_error(text)
    if err is None:
        return None
    match = _OX_POSITION.match(str(err))
    if match:
        return SyntaxProblem(int(match[1]), int(match[2]), _short_ox_message(match[3]))
    return SyntaxProblem(None, None, _short_ox_message(str(err)))


def rdflib_parse(text: str, namespaces: Mapping[str, str] | None = None) -> object:
    """rdflib's parsed and translated query (rdflib.plugins.sparql.sparql.Query), ready to evaluate."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    return translateQuery(parseQuery(text), initNs=dict(namespaces or {}))


def rdflib_problem(text: str, namespaces: Mapping[str, str] | None = None) -> tuple[object, SyntaxProblem | None]:
    """(the parsed query or None, the syntax problem or None)."""
    from pyparsing import ParseBaseException

    try:
        return rdflib_parse(text, namespaces), None
    except ParseBaseException as err:
        found = f", found {err.found}" if getattr(err, "found", "") else ""
        return None, SyntaxProblem(err.lineno, err.col, f"{err.msg}{found}")
    except RecursionError:
        return None, SyntaxProblem(None, None, "nested too deeply for rdflib's parser (use --engine oxigraph, "
                                               "or write the query flatter)")
    except Exception as err:  # rdflib reports some mistakes (bad escapes, prefixes) as plain exceptions
        return None, SyntaxProblem(None, None, " ".join(str(err).split())[:200] or type(err).__name__)


def rdflib_syntax(text: str) -> SyntaxProblem | None:
    return rdflib_problem(text)[1]


def syntax(text: str) -> SyntaxProblem | None:
    """Oxigraph decides; when it refuses, rdflib's message, which names the token it found, is
    shown if rdflib refuses too. Both only parse: nothing is evaluated, nothing fetched."""
    problem = oxigraph_syntax(text)
    if problem is None:
        return None
    return rdflib_syntax(text) or problem


#: The words of queries that fetch data, and for each a mask: letters of the same length, valid
#: wherever the word was part of a name, string, IRI, language tag or comment, and nowhere a keyword.
_FETCHING = {"SERVICE": "kqzxqzk", "FROM": "kqzx"}
_SPELLINGS = {word: re.compile(word, re.IGNORECASE) for word in _FETCHING}


def _masked(text: str, spans: Sequence[tuple[int, int]], mask: str) -> str:
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], mask]
        last = end
    return "".join(parts) + text[last:]


def oxigraph_fetch(text: str) -> Fetch | None:
    """A SERVICE or FROM that Oxigraph reads as a keyword of `text`, a query it parses.

    Oxigraph's own parser decides, not a lexer (which `FILTER(?a<'>')` or a BASE with escaped
    IRIs led astray): every spelling of the word, in any case, is masked; if the query still
    parses, none of them was the keyword. Oxigraph reads escapes only inside strings and IRIs,
    so a keyword is always spelled out.
    """
    searched = {word: [m.span() for m in _SPELLINGS[word].finditer(text)] for word in _FETCHING}
    if not any(searched.values()) or query_parse_error(text) is not None:
        return None  # no such word, or not a query Oxigraph runs (its syntax error comes first)
    for word, mask in _FETCHING.items():
        spans = searched[word]
        if not spans or query_parse_error(_masked(text, spans, mask)) is None:
            continue
        for span in spans:
            if query_parse_error(_masked(text, [span], mask)) is not None:
                return Fetch(word, span[0])
        return Fetch(word)
    return None


def rdflib_fetch(query: object) -> Fetch | None:
    """A SERVICE or FROM in rdflib's translated query: the algebra it evaluates, escapes decoded
    (rdflib decodes \\u escapes in the whole text, keywords too, as SPARQL 1.1 says)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack: list[object] = [getattr(query, "algebra", query)]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return Fetch("SERVICE")
            if dict.get(node, "datasetClause"):
                return Fetch("FROM")
            stack.extend(dict.values(node))
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return None


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

    def run(self, text: str, form: str, values: Mapping[str, Sequence[Term]] | None = None) -> QueryResult:
        """`values` are the parameters the text already binds; those with one value are also given
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

    def run(self, text: str, form: str, values: Mapping[str, Sequence[Term]] | None = None) -> QueryResult:
        found = oxigraph_fetch(text)  # the very text that runs, parameters bound
        if found is not None:
            raise fetch_refused(found, "the query")
        try:
            if self.store is None:  # opened where the queries run: in the worker process (contained())
                self.store = ox.Store.read_only(str(self.folder))
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
        """Parsed only: the server runs the query (and fetches what its SERVICE names, if it will).
        In a worker, so that a parser crash cannot take kg with it."""
        return contained(lambda: syntax(text), self.timeout)

    def fetches(self, text: str) -> Fetch | None:
        return None  # the server decides what it fetches

    def run(self, text: str, form: str, values: Mapping[str, Sequence[Term]] | None = None) -> QueryResult:
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


def contained(call: Callable[[], T], timeout: float) -> T:
    """call() in a forked worker process, its answer (or KgError) pickled back.

    The main process only waits, so Ctrl-C and SIGTERM stop the command at once (an engine deep in
    its own code never looks at them); it ends the worker on a timeout, an interruption or an
    error, and survives the worker's crash. The worker leaves the terminal's process group and
    ignores Ctrl-C (graph/runtime.py), and the kernel ends it past its CPU time even if the main
    process was killed outright. Raises Stopped on a timeout or a crash.
    """
    wait = timeout if 0 < timeout < 1e9 else 1e9  # inf (and nan): no limit to speak of
    read_end, write_end = os.pipe()
    pid = 0
    try:
        with holding():
            pid = os.fork()
            if pid == 0:
                _worker(call, wait, read_end, write_end)
        os.close(write_end)
        write_end = -1
        data = _read_all(read_end, time.monotonic() + wait, timeout)
        _, status = os.waitpid(pid, 0)
        pid = 0
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    if not data:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
            raise _timed_out(timeout)
        how = signal.Signals(os.WTERMSIG(status)).name if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
        raise Stopped(f"the SPARQL engine crashed on this query ({how}); simplify the query (less nesting)")
    kind, value = pickle.loads(data)
    if kind == "answer":
        return value
    if kind == "error":
        raise value
    raise RuntimeError(f"the query worker failed:\n{value}")


def _timed_out(timeout: float) -> Stopped:
    return Stopped(f"no answer within --timeout {timeout:g} s, so the query was stopped; narrow it "
                   "(more specific patterns, LIMIT) or allow it more time with --timeout SECONDS")


def _read_all(fd: int, deadline: float, timeout: float) -> bytes:
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _timed_out(timeout)
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _worker(call: Callable[[], object], timeout: float, read_end: int, write_end: int) -> None:
    """The forked side of contained(): never returns."""
    try:
        faulthandler.disable()  # a crash here is the main process's one line, not a dump of this one
        quiet_signals()
        os.close(read_end)
        cpu = int(timeout) + 2  # SIGXCPU, then SIGKILL: the worker ends even if nobody waits for it
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        except (ValueError, OSError):
            pass  # a lower limit is already set (ulimit -t): that one applies
        try:
            payload: tuple[str, object] = ("answer", call())
        except KgError as err:
            payload = ("error", err)
        except BaseException:
            payload = ("bug", traceback.format_exc())
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            data = pickle.dumps(("bug", traceback.format_exc()))
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
    finally:
        os._exit(0)
