"""The named queries in ontology/queries/*.rq and their comment headers.

A header is the block of comment lines at the top of a query:

    # title: Who said what, with the evidence passage
    # description: Every statement: speaker, kind, reporting verb, text and passage.
    # param speaker: person, optional. Only the statements of this person.
    # example: speaker=he-jie
    # values: first

Kinds are listed in graph/query/params.py (KINDS). A parameter is required unless marked optional.
`values: first` asks that on Oxigraph and servers the values of parameters that open the WHERE
group be joined first (graph/query/sparql.py bind): set only where measured faster, since
Oxigraph plans some OPTIONALs worse that way (mention-counts: 0.44 s -> 6.2 s at 10,000 articles).
"""

import difflib
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from graph.errors import QueryError
from graph.query.params import KIND_VALUES, KINDS
from graph.files import queries_dir

_KEY = re.compile(r"^#\s*(title|description|example|values)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^#\s*param\s+\??(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<kind>[a-z]+)"
                    r"(?:\s*,\s*(?P<optional>optional|required))?\s*[.:]?\s*(?P<doc>.*?)\s*$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: A query's text, from a file, --text or standard input; the named queries are 2 to 4 kB.
MAX_QUERY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    optional: bool
    doc: str

    def usage(self) -> str:
        text = f"{self.name}={self.kind.upper()}"
        return f"[{text}]" if self.optional else text


@dataclass(frozen=True)
class QuerySource:
    """A query's text and where it came from; `params` is empty for a query without a header."""

    text: str
    where: str
    name: str = ""
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    examples: tuple[tuple[tuple[str, str], ...], ...] = ()
    values_first: bool = False

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def read_header(text: str, where: str) -> dict:
    """Title, description, params and examples from the leading comment lines."""
    found: dict = {"title": "", "description": "", "params": [], "examples": [], "values": "last"}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        if re.match(r"^#\s*param\b", line):
            match = _PARAM.match(line)
            if not match or match["kind"] not in KINDS:
                raise QueryError(
                    f"{where}:{number}: bad parameter line {line!r}; write '# param NAME: KIND[, optional]. Meaning' "
                    f"with KIND one of {', '.join(KINDS)}"
                )
            found["params"].append(Param(match["name"], match["kind"], match["optional"] == "optional", match["doc"]))
            continue
        match = _KEY.match(line)
        if match and match[1] == "example":
            try:
                pairs = tuple(tuple(item.split("=", 1)) for item in shlex.split(match[2]))
            except ValueError as err:
                raise QueryError(f"{where}:{number}: bad example line ({err})") from None
            if any(len(pair) != 2 for pair in pairs):
                raise QueryError(f"{where}:{number}: an example is NAME=VALUE pairs separated by spaces")
            found["examples"].append(pairs)
        elif match and match[1] == "values" and match[2] not in ("first", "last"):
            raise QueryError(f"{where}:{number}: bad values line {line!r}; write '# values: first' or '# values: last'")
        elif match:
            found[match[1]] = match[2]
    return found


def too_long(where: str) -> QueryError:
    return QueryError(f"{where}: the query is over the limit of {MAX_QUERY_BYTES // (1024 * 1024)} MB of text; "
                      "a query is a few kilobytes: put data in a Turtle file and pass it with --data")


def decode(data: bytes, where: str) -> str:
    """Query text from bytes read with a bound (at most one byte past the limit)."""
    if len(data) > MAX_QUERY_BYTES:
        raise too_long(where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise QueryError(f"{where}: not UTF-8 (byte {err.start}); save the query as UTF-8") from None


def from_text(text: str, where: str, name: str = "") -> QuerySource:
    if len(text) > MAX_QUERY_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise too_long(where)
    header = read_header(text, where)
    return QuerySource(text, where, name, header["title"], header["description"], tuple(header["params"]),
                       tuple(header["examples"]), header["values"] == "first")


def read_file(path: Path, where: str | None = None, name: str = "") -> QuerySource:
    where = where or str(path)
    if not path.is_file():
        hint = ""
        if path.suffix == ".rq" and (queries_dir() / path.name).is_file():
            hint = f"; did you mean the named query '{path.stem}'?"
        raise QueryError(f"{where}: query file not found{hint or '; check the path'}")
    try:
        with path.open("rb") as handle:  # never more than the limit, whatever size the file claims
            data = handle.read(MAX_QUERY_BYTES + 1)
    except OSError as err:
        raise QueryError(f"{where}: cannot read the query file ({err.strerror}); check its permissions") from None
    return from_text(decode(data, where), where, name)


def names() -> list[str]:
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def named(name: str) -> QuerySource:
    """A named query, or an error suggesting the closest names."""
    path = queries_dir() / f"{name}.rq"
    if not _NAME.match(name) or not path.is_file():
        known = names()
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        close += [n for n in known if name and (n.startswith(name) or name in n) and n not in close][:3 - len(close)]
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise QueryError(f"no query named {name!r}; {hint}'kg query --list' shows them all")
    return read_file(path, f"{name} ({path.name})", name)


def all_named() -> list[QuerySource]:
    return [named(name) for name in names()]


def listing() -> str:
    """Names, titles and parameters of the named queries, for `kg query --list`."""
    queries = all_named()
    width = max(len(q.name) for q in queries)
    lines = []
    for q in queries:
        lines.append(f"{q.name:<{width}}  {q.title}")
        for p in q.params:
            flag = "optional" if p.optional else "required"
            lines.append(f"{'':<{width}}    --param {p.name}={p.kind.upper()}  ({flag}) {p.doc}")
    lines += ["", "Values by kind:"]
    for kinds, text in kind_groups():
        lines.append(f"  {kinds}: {text}")
    lines.append("Run one with 'kg query NAME [--param NAME=VALUE ...]'; see its SPARQL with 'kg query NAME --show'.")
    return "\n".join(lines) + "\n"


def markdown_table() -> str:
    """README's table of the named queries, made from their headers (tests/test_readme.py)."""
    rows = ["| Name | Title | Parameters (`[optional]`) |", "|---|---|---|"]
    for q in all_named():
        params = " ".join(f"`[{p.name}={p.kind.upper()}]`" if p.optional else f"`{p.name}={p.kind.upper()}`"
                          for p in q.params)
        rows.append(f"| `{q.name}` | {q.title} | {params} |")
    return "\n".join(rows) + "\n"


def kind_groups() -> list[tuple[str, str]]:
    """Kinds that take the same values, grouped: PERSON, ORGANIZATION, ...: an id, ..."""
    groups: dict[str, list[str]] = {}
    for kind, text in KIND_VALUES.items():
        groups.setdefault(text, []).append(kind.upper())
    return [(", ".join(kinds), text) for text, kinds in groups.items()]


def show_query(name: str | None) -> str:
    """A named query's SPARQL, header included, for `kg query NAME --show`."""
    if not name:
        raise QueryError("--show needs a query NAME; 'kg query --list' shows them")
    return named(name).text
