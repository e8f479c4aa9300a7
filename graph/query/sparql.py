"""SPARQL query text: a small lexer, the facts kg query needs about a query, and parameter binding.

Parameters are bound by VALUES blocks built only from RDF terms serialized here (never from the
user's raw text), at the end of the query's WHERE group or, for Oxigraph and endpoints, at its
start where that cannot change the answer (bind): rdflib, pyoxigraph and any SPARQL 1.1 endpoint
answer the same question.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Literal, URIRef

from graph.errors import QueryError
from graph.text import terminal_safe

FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

_NAME = "0-9A-Za-z_\u00b7\u00c0-\U0010ffff"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
   |(?P<comment>\#[^\n\r]*)
   |(?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*>)
   |(?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
   |(?P<var>[?$][{_NAME}]+)
   |(?P<word>(?:[{_NAME}:%-]|\\.)(?:[{_NAME}:%-]|\\.|\.(?=[{_NAME}:%\\-]))*|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
   |(?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_VARNAME = re.compile(rf"^[{_NAME}]+$")
_LANG = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9]+)*$")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: Brackets { ( [ nested deeper than this are refused before any parser sees them: the named
#: queries need 6, and both parsers recurse (Oxigraph crashes the process beyond about 2,000).
MAX_NESTING = 100
_BRACKETS = re.compile(r"[{}()\[\]]")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


def tokens(text: str) -> list[Token]:
    """The significant tokens (no whitespace or comments) with their offsets."""
    found = []
    for match in _TOKEN.finditer(text):
        if match.lastgroup not in ("ws", "comment"):
            found.append(Token(match.lastgroup or "punct", match.group(), match.start()))
    return found


def deepest(text: str, limit: int = MAX_NESTING) -> tuple[int, int]:
    """(depth, offset) of the deepest bracket, or of the first one past `limit` (the scan stops there).

    Brackets inside strings, IRIs and comments do not nest, but they count as far as they open
    more than they close: this lexer cannot always tell `<` (less than) from the start of an IRI,
    and counting so never finds less nesting than a parser does.
    """
    depth = best = at = 0
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "punct":
            if token in "{([":
                depth += 1
                if depth > best:
                    best, at = depth, match.start()
            elif token in "})]":
                depth = max(depth - 1, 0)
        elif kind in ("string", "iri", "comment") and _BRACKETS.search(token):
            inner = peak = 0
            for bracket in _BRACKETS.finditer(token):
                inner += 1 if bracket.group() in "{([" else -1
                if inner > peak:
                    peak = inner
                    if depth + peak > best:
                        best, at = depth + peak, match.start() + bracket.start()
                        if best > limit:
                            return best, at
            depth += max(inner, 0)
        if best > limit:
            break
    return best, at


def check_nesting(text: str, where: str) -> None:
    """Refuse deep nesting before parsing: a parser that recursed past its stack killed kg (SIGSEGV)."""
    depth, at = deepest(text)
    if depth > MAX_NESTING:
        line, col = position(text, at)
        raise QueryError(f"{where}:{line}:{col}: brackets {{ ( [ nested more than {MAX_NESTING} levels deep; "
                         "a query needs a few, so write it flatter")


def parse_error(text: str) -> SyntaxError | None:
    """Oxigraph's syntax error in a query, or None: the query is parsed, never run.

    pyoxigraph parses a query before it looks at the options; given two that exclude each other,
    it then refuses with ValueError, before evaluating anything (nothing fetched, nothing slow).
    """
    try:
        ox.Store().query(text, use_default_graph_as_union=True, default_graph=ox.DefaultGraph())
    except SyntaxError as err:
        return err
    except ValueError:
        return None
    raise RuntimeError("pyoxigraph evaluated a query it was given only to parse")


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass
class QueryText:
    """What kg query needs to know about a query before an engine sees it."""

    text: str
    form: str | None = None
    update: Token | None = None
    declared: dict[str, str] = field(default_factory=dict)
    used_prefixes: dict[str, Token] = field(default_factory=dict)
    variables: set[str] = field(default_factory=set)
    assigned: set[str] = field(default_factory=set)
    remote: Token | None = None
    where_open: int | None = None
    where_close: int | None = None
    subselect: bool = False
    short_construct: bool = False
    #: variables of the triples that open the WHERE group, before any other element: every
    #: solution of the group binds them (see bind's first=True)
    leading: set[str] = field(default_factory=set)


def analyse(text: str) -> QueryText:
    toks = tokens(text)
    info = QueryText(text)
    i = 0
    while i < len(toks) and toks[i].text.upper() in ("BASE", "PREFIX"):
        if toks[i].text.upper() == "PREFIX" and i + 2 < len(toks) and toks[i + 1].text.endswith(":"):
            info.declared[toks[i + 1].text[:-1]] = toks[i + 2].text[1:-1]
            i += 3
        else:
            i += 2
    head = toks[i] if i < len(toks) else None
    if head is not None and head.text.upper() in UPDATES:
        info.update = head
    if head is not None and head.text.upper() in FORMS:
        info.form = head.text.upper()
        _find_where(toks, i, info)
    for j, tok in enumerate(toks):
        if tok.kind == "var":
            info.variables.add(tok.text[1:])
            if j and toks[j - 1].text.upper() == "AS":
                info.assigned.add(tok.text[1:])
        elif tok.kind == "word":
            upper = tok.text.upper()
            if upper in ("SERVICE", "FROM") and info.remote is None:
                info.remote = tok
            elif ":" in tok.text and not tok.text.startswith("_:") and j >= i:
                info.used_prefixes.setdefault(tok.text.split(":", 1)[0], tok)
    return info


def _matching(toks: list[Token], open_index: int) -> int | None:
    depth = 0
    for j in range(open_index, len(toks)):
        if toks[j].text == "{":
            depth += 1
        elif toks[j].text == "}":
            depth -= 1
            if depth == 0:
                return j
    return None


def _find_where(toks: list[Token], form_index: int, info: QueryText) -> None:
    j = form_index + 1
    if info.form == "CONSTRUCT" and j < len(toks):
        if toks[j].text == "{":
            close = _matching(toks, j)
            j = close + 1 if close is not None else len(toks)
        elif toks[j].text.upper() == "WHERE":
            info.short_construct = True
    parens = 0
    for k in range(j, len(toks)):
        text = toks[k].text
        if text == "(":
            parens += 1
        elif text == ")":
            parens -= 1
        elif text == "{" and parens == 0:
            close = _matching(toks, k)
            if close is None:
                return
            info.where_open, info.where_close = toks[k].start, toks[close].start
            info.subselect = k + 1 < len(toks) and toks[k + 1].text.upper() == "SELECT"
            if not info.subselect:
                info.leading = _leading(toks[k + 1 : close])
            return


#: Tokens that end the triples block opening a group: any element that is not a triple pattern.
_NOT_TRIPLES = {"{", "}", "OPTIONAL", "MINUS", "BIND", "FILTER", "VALUES", "GRAPH", "SERVICE"}


def _leading(group: list[Token]) -> set[str]:
    found = set()
    for tok in group:
        if tok.text.upper() in _NOT_TRIPLES:
            break
        if tok.kind == "var":
            found.add(tok.text[1:])
    return found


def sparql_string(value: str) -> str:
    """A double-quoted SPARQL string literal that reads back as exactly `value` in every engine.

    SPARQL 1.1 (section 19.2) decodes \\u escapes before parsing, and rdflib does so; a user's
    backslash followed by 'u' is therefore written with the 'u' itself escaped, which reads back
    the same whether or not an engine decodes escapes early. Escapes always take the 8-digit
    \\U form: rdflib reads \\u followed by 8 hex digits as one code point. Quotes, backslashes
    and line ends are always escaped, so the value can never end the literal.
    """
    out = ['"']
    previous = ""
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch in "uU" and previous == "\\":
            out.append(f"\\U{ord(ch):08X}")
        elif ord(ch) < 0x20 or ch == "\x7f" or 0xD800 <= ord(ch) <= 0xDFFF:
            if 0xD800 <= ord(ch) <= 0xDFFF:
                raise QueryError("a parameter value holds a lone surrogate code point; pass valid Unicode text")
            out.append(f"\\U{ord(ch):08X}")
        else:
            out.append(ch)
        previous = ch
    out.append('"')
    return "".join(out)


def sparql_term(term: URIRef | Literal) -> str:
    """An IRI or literal in SPARQL syntax, checked to read back as exactly one term."""
    text = _term_text(term)
    if parse_error(f"ASK {{ VALUES (?v) {{ ({text}) }} }}") is not None:
        raise QueryError(f"{text[:80]!r} does not read back as one RDF term; pass a plain IRI or text")
    return text


def _term_text(term: URIRef | Literal) -> str:
    """IRIs are checked by pyoxigraph's IRI parser, and must be absolute (a relative one would
    take the query's BASE)."""
    if isinstance(term, URIRef):
        shown = terminal_safe(str(term))  # one line, whatever the value holds
        try:
            ox.NamedNode(str(term))
        except ValueError as err:
            raise QueryError(f"<{shown}> is not a valid IRI ({terminal_safe(str(err))}); "
                             "write it like https://example.org/x") from None
        if not _ABSOLUTE.match(str(term)):
            raise QueryError(f"<{shown}> is not an absolute IRI; write it with its scheme, like https://example.org/x")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = sparql_string(str(term))
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"@{term.language} is not a valid language tag")
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^{_term_text(URIRef(str(term.datatype)))}"
        return text
    raise QueryError(f"{term!r} cannot be a parameter value: only IRIs and literals can")


def bind(info: QueryText, values: Mapping[str, Sequence[URIRef | Literal]], where: str,
         first: bool = False) -> str:
    """The query text with one VALUES block per parameter at the end of its WHERE group.

    Inside the group, so that the group's FILTERs see the values; at its end, because rdflib
    evaluates whatever follows a VALUES block without its values (cross products: minutes
    instead of a second). rdflib also gets single values as initial bindings (graph/query/engines.py).

    With `first`, the block of a parameter that is a variable of the triples opening the group
    opens the group instead: Oxigraph evaluates a group from left to right, so it then starts from
    the bound values (who-said-what with a speaker, 10,000 articles: 0.6 s -> 2 ms). The answer cannot
    change: every solution of those triples binds the variable, so a LeftJoin, Minus, Extend or
    Join after them keeps or drops a solution alike whether the values are joined before or after.
    """
    if not values:
        return info.text
    for name in values:
        if not _VARNAME.match(name):
            raise QueryError(f"{where}: '{name}' is not a SPARQL variable name; use letters, digits and _")
        if name not in info.variables:
            raise QueryError(f"{where}: the query has no variable ?{name} to bind; check the parameter name")
        if name in info.assigned:
            raise QueryError(f"{where}: ?{name} is assigned in the query (AS ?{name}), so it cannot be a parameter")
    if info.short_construct:
        raise QueryError(f"{where}: parameters need the long form CONSTRUCT {{ template }} WHERE {{ pattern }}")
    if info.where_open is None or info.where_close is None:
        raise QueryError(f"{where}: the query has no WHERE {{ ... }} group to bind parameters in")
    ahead = {name: terms for name, terms in values.items() if first and name in info.leading}
    block = _values({name: terms for name, terms in values.items() if name not in ahead})
    text, start, end = info.text, info.where_open + 1, info.where_close
    if ahead:
        opening = f" {_values(ahead)} "
        text, end = text[:start] + opening + text[start:], end + len(opening)
    if not block:
        return text
    if info.subselect:
        return f"{text[:start]} {{{text[start:end]}}} {block} {text[end:]}"
    return f"{text[:end]} {block} {text[end:]}"


def _values(values: Mapping[str, Sequence[URIRef | Literal]]) -> str:
    return " ".join(f"VALUES ?{name} {{ {' '.join(sparql_term(v) for v in terms)} }}" for name, terms in values.items())


def prefix_prelude(info: QueryText, known: Mapping[str, str], where: str) -> str:
    """PREFIX declarations, on one line, for the known prefixes the query uses without declaring."""
    missing = []
    for prefix, token in sorted(info.used_prefixes.items()):
        if prefix in info.declared:
            continue
        if prefix not in known:
            line, col = position(info.text, token.start)
            raise QueryError(
                f"{where}:{line}:{col}: unknown prefix '{prefix}:' in {token.text}; "
                f"declare it with PREFIX {prefix}: <...> or use a full <IRI>"
            )
        missing.append(f"PREFIX {prefix}: <{known[prefix]}>")
    return " ".join(missing) + " " if missing else ""
