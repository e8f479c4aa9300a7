"""What is known about a query before an engine runs it: its syntax, parsed only (line and column
of the first error), and whether it would fetch data (SERVICE, FROM), found in what the engine
itself parses, so the engines over files stay offline."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.errors import QueryError
from graph.query.sparql import parse_error as query_parse_error

_OX_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


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
