"""SPARQL 1.1 Protocol queries: POST application/sparql-query, results parsed into QueryResult.

The transport (a deadline over each request, a size limit on the answer, one retry, one-line
ServerError naming the URL with credentials redacted, exit 3) is the shared client in
graph/remote/http.py; this module picks the result format and reads the answer.
"""

import json

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from graph.query.results import QueryResult, Term, from_oxigraph, plain
from graph.remote.http import HttpClient
from graph.remote.secrets import shown

JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
RETRIES = 1


def post(client: HttpClient, url: str, body: str, accept: str) -> tuple[str, bytes]:
    """POST the query (SPARQL 1.1 Protocol, direct body); returns (media type, body). The media
    type keeps its case for messages (redaction finds a secret only as it was sent)."""
    answer = client.request(
        "POST", url, what="SPARQL query", body=body.encode("utf-8"),
        content_type="application/sparql-query; charset=utf-8", accept=accept,
        fix_url="is it the SPARQL query URL (Oxigraph: http://HOST:PORT/query)?")
    return answer.content_type.split(";", 1)[0].strip(), answer.body


def query(url: str, text: str, form: str, timeout: float = 30.0, auth: str | None = None) -> QueryResult:
    """`auth`: the Authorization header (graph/remote/http.py auth_header()), or None. Every
    message goes through the client, which redacts the credentials whatever the server sent."""
    client = HttpClient(timeout=timeout, retries=RETRIES, auth=auth)
    graph = form in ("CONSTRUCT", "DESCRIBE")
    ctype, body = post(client, url, text, N_TRIPLES if graph else JSON_RESULTS)
    media, where = ctype.lower(), shown(url)
    if graph:
        formats = {N_TRIPLES: ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
                   "text/turtle": ox.RdfFormat.TURTLE}
        if media not in formats:
            raise client.failure(f"{where}: the server answered {ctype}, not N-Triples or Turtle; "
                                 "is it a SPARQL endpoint?")
        try:
            triples = tuple(tuple(from_oxigraph(t) for t in (q.subject, q.predicate, q.object))
                            for q in ox.parse(body, format=formats[media]))
        except SyntaxError as err:
            raise client.failure(f"{where}: the server's {ctype} answer does not parse ({err})") from None
        return QueryResult(form, triples=triples)  # type: ignore[arg-type]
    if media not in (JSON_RESULTS, "application/json"):
        raise client.failure(f"{where}: the server answered {ctype}, not SPARQL JSON results; "
                             "is it the query endpoint?")
    try:
        return parse_json(json.loads(body), form)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as err:
        raise client.failure(f"{where}: the server's JSON results are malformed ({err})") from None


def parse_json(payload: dict, form: str) -> QueryResult:
    if "boolean" in payload:
        return QueryResult(form, boolean=bool(payload["boolean"]))
    variables = tuple(payload["head"]["vars"])
    rows = tuple(tuple(json_to_term(b[v]) if v in b else None for v in variables)
                 for b in payload["results"]["bindings"])
    return QueryResult(form, variables, rows)


def json_to_term(value: dict) -> Term:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        datatype = value.get("datatype")
        return plain(Literal(value["value"], datatype=URIRef(datatype) if datatype else None, normalize=False))
    raise ValueError(f"unsupported term type {kind!r}")
