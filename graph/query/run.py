"""`kg query`: a named query, a .rq file or SPARQL text, with bound parameters, on files or a server.

The steps, in order: read the query and its header (at most 1 MB); check its nesting, form and
syntax (line and column, in the user's own text; parsed only) and, on files, that it fetches
nothing; turn each --param into RDF terms (entities looked up in the data); bind them with
VALUES blocks (graph/query/sparql.py); run; render. On files, everything after loading runs in a
worker process (graph/query/engines.py contained()), stopped after --timeout seconds. Errors are
QueryError (exit 2), RdfInputError (exit 2) or ServerError (exit 3), one line each.
"""

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Literal, URIRef

from graph.query import catalog, params
from graph.query.checks import fetch_refused
from graph.query.engines import Engine, open_engine
from graph.query.worker import Stopped, contained
from graph.errors import QueryError
from graph.files import DEFAULT_TURTLE
from graph.query.formats import check_format, default_format, render
from graph.query.results import QueryResult
from graph.query.sparql import QueryText, analyse, bind, check_nesting, position, prefix_prelude, sparql_term, tokens

DEFAULT_DATA = DEFAULT_TURTLE


@dataclass
class Answer:
    result: QueryResult
    prefixes: dict[str, str]
    fmt: str
    bound_text: str = ""
    bindings: dict[str, list[URIRef | Literal]] = field(default_factory=dict)

    def render(self, width: int = 100, full: bool = False) -> str:
        return render(self.result, self.fmt, self.prefixes, width, full)


def load_source(name_or_file: str | None, text: str | None) -> catalog.QuerySource:
    """NAME (a named query), FILE.rq, '-' (standard input) or --text."""
    if text is not None:
        if name_or_file:
            raise QueryError("give a query NAME or FILE, or --text, not both")
        return catalog.from_text(text, "--text")
    if not name_or_file:
        raise QueryError("give a query NAME, a FILE.rq or --text \"SPARQL\"; 'kg query --list' shows the named queries")
    if name_or_file == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise QueryError("<stdin>: there is no standard input to read the query from; pipe one in or use --text")
        return catalog.from_text(catalog.decode(stream.read(catalog.MAX_QUERY_BYTES + 1), "<stdin>"), "<stdin>")
    path = Path(name_or_file)
    if path.suffix == ".rq" or path.is_file() or "/" in name_or_file or "\\" in name_or_file:
        return catalog.read_file(path)
    return catalog.named(name_or_file)


def check_query(source: catalog.QuerySource, engine: Engine) -> tuple[QueryText, str]:
    """The analysed text and the prefix prelude; syntax errors point into the user's text."""
    check_nesting(source.text, source.where)
    info = analyse(source.text)
    if info.update is not None:
        line, col = position(source.text, info.update.start)
        raise QueryError(f"{source.where}:{line}:{col}: {info.update.text.upper()} is SPARQL Update; "
                         "kg query only reads, so use SELECT, CONSTRUCT, ASK or DESCRIBE")
    if info.remote is not None and engine.name != "endpoint":
        line, col = position(source.text, info.remote.start)
        raise QueryError(f"{source.where}:{line}:{col}: {info.remote.text.upper()} would fetch other data; "
                         "kg query on files stays offline, so load that data with --data or use --endpoint")
    prelude = prefix_prelude(info, engine.prefixes, source.where)
    try:
        problem = engine.check(prelude + source.text)
    except Stopped as err:
        raise QueryError(f"{source.where}: {err}") from None
    if problem is not None:
        where = source.where
        if problem.line is not None:
            column = problem.column - len(prelude) if problem.line == 1 and problem.column else problem.column
            where += f":{problem.line}:{max(column or 1, 1)}"
        raise QueryError(f"{where}: SPARQL syntax error: {problem.message}; fix the query there")
    found = engine.fetches(prelude + source.text)  # as the engine reads it: escapes, strings, IRIs
    if found is not None:
        where = source.where
        if found.offset is not None and found.offset >= len(prelude):
            where += ":{}:{}".format(*position(source.text, found.offset - len(prelude)))
        raise fetch_refused(found, where)
    if info.form is None:
        raise QueryError(f"{source.where}: not a query; start it with SELECT, CONSTRUCT, ASK or DESCRIBE")
    return info, prelude


def bindings(source: catalog.QuerySource, raw: Sequence[str], engine: Engine,
             data: str) -> dict[str, list[URIRef | Literal]]:
    """Each --param NAME=VALUE as RDF terms, in the kind its header declares."""
    given: dict[str, list[str]] = {}
    for item in raw:
        name, value = params.split_assignment(item)
        given.setdefault(name, []).append(value)
    declared = {p.name: p for p in source.params}
    if declared:
        unknown = [n for n in given if n not in declared]
        if unknown:
            raise QueryError(f"{source.where}: no parameter {unknown[0]!r}; its parameters: "
                             + ", ".join(p.usage() for p in source.params))
        for p in source.params:
            if not p.optional and p.name not in given:
                raise QueryError(f"{source.where}: missing parameter {p.name!r} ({p.kind}); add --param "
                                 f"{p.name}={p.kind.upper()}, e.g. {example_for(source, p.name)}")

    def lookup(text: str, values: Mapping[str, Sequence[URIRef | Literal]]) -> QueryResult:
        return engine.run(bind(analyse(text), values, "lookup"), "SELECT", values)

    terms: dict[str, list[URIRef | Literal]] = {}
    for name, values in given.items():
        p = declared.get(name)
        if p is None:
            terms[name] = [params.untyped(v, engine.prefixes, f"--param {name}={v!r}") for v in values]
        else:
            terms[name] = [params.resolve(p.kind, v, f"--param {name}={v!r}", engine.prefixes, lookup, data)
                           for v in values]
        for value, term in zip(values, terms[name]):
            try:
                sparql_term(term)  # exactly one RDF term, or this one-line error naming the parameter
            except QueryError as err:
                raise QueryError(f"--param {name}={value!r}: {err}") from None
    return terms


def example_for(source: catalog.QuerySource, name: str) -> str:
    for example in source.examples:
        for key, value in example:
            if key == name:
                return f"--param {key}={value}" if " " not in value else f"--param {key}=\"{value}\""
    return f"--param {name}=..."


def run_query(name_or_file: str | None = None, text: str | None = None, raw_params: Sequence[str] = (),
              data: Sequence[Path] = (), endpoint: str | None = None, engine: str = "oxigraph",
              fmt: str | None = None, timeout: float = 30.0, auth_env: str | None = None,
              use_store: bool = True, data_format: str | None = None) -> Answer:
    """Read, check, bind and run one query; the Answer renders in the chosen format. On files, the
    question is asked in a worker process, given `timeout` seconds (graph/query/engines.py)."""
    source = load_source(name_or_file, text)
    runner = open_engine(data, endpoint, engine, timeout, auth_env, use_store, data_format)
    where = endpoint or ", ".join(str(p) for p in (data or [DEFAULT_DATA]))
    if runner.name == "endpoint":
        return ask(source, raw_params, runner, fmt, where)
    try:
        return contained(lambda: ask(source, raw_params, runner, fmt, where), timeout)
    except Stopped as err:
        raise QueryError(f"{source.where}: {err}") from None


def ask(source: catalog.QuerySource, raw_params: Sequence[str], runner: Engine, fmt: str | None = None,
        where: str = "the data") -> Answer:
    """One query on an engine that is already open (tests run many queries on one engine)."""
    info, prelude = check_query(source, runner)
    assert info.form is not None
    chosen = fmt or default_format(info.form)
    check_format(info.form, chosen)
    terms = bindings(source, raw_params, runner, where)
    bound = prelude + bind(info, terms, source.where, first=source.values_first and runner.name != "rdflib")
    # `SELECT *` columns are put in query order here, so only other queries take the engine's own text
    result = runner.run(bound, info.form, terms, None if _select_star(source.text) else chosen)
    return Answer(in_query_order(result, source.text), runner.prefixes, chosen, bound, terms)


def _select_star(text: str) -> bool:
    toks = [t.text.upper() for t in tokens(text)]
    if "SELECT" not in toks:
        return False
    at = toks.index("SELECT") + 1
    at += at < len(toks) and toks[at] in ("DISTINCT", "REDUCED")
    return at < len(toks) and toks[at] == "*"


def in_query_order(result: QueryResult, text: str) -> QueryResult:
    """`SELECT *` columns in the order their variables first appear in the query, whatever the
    engine (Oxigraph sorts them by name, rdflib by its own order)."""
    if result.form != "SELECT" or not _select_star(text):
        return result
    toks = tokens(text)
    seen = list(dict.fromkeys(t.text[1:] for t in toks if t.kind == "var"))
    order = sorted(range(len(result.variables)),
                   key=lambda i: (seen.index(result.variables[i]) if result.variables[i] in seen else len(seen), i))
    return replace(result, variables=tuple(result.variables[i] for i in order),
                   rows=tuple(tuple(row[i] for i in order) for row in result.rows))
