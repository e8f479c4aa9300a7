"""kg push: built graphs into a real Oxigraph server over the Graph Store Protocol, and the
shared HTTP client's retries, timeouts, credentials and one-line errors."""

import base64
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import graph.remote.http
from graph.cli import cli
from graph.errors import KgError, ServerError
from graph.remote.http import HttpClient
from graph.remote.secrets import auth_header
from graph.remote.push import graph_store_url, query_url_for
from graph.files import queries_dir

ARTICLE = "https://example.org/news-kg/article/troib-2024-11-16-sino-us-health"
CONNECT_FIX = "is the SPARQL server running at that address? Start it, or fix --endpoint"
GSP_FIX = ("--endpoint must be the server's Graph Store URL: Oxigraph http://HOST:7878/store, "
           "Fuseki http://HOST:3030/DATASET/data, GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service")
QUERY_FIX = ("--query-endpoint must be the server's SPARQL query URL: Oxigraph http://HOST:7878/query, "
             "Fuseki http://HOST:3030/DATASET/sparql, GraphDB http://HOST:7200/repositories/REPO")
#: parameters for the named queries that require some (the others run without)
PARAMS = {"describe-entity": ["-p", "entity=he-jie"], "statements-by-person": ["-p", "person=he-jie"],
          "is-affiliated": ["-p", "person=he-jie", "-p", "organization=chinese-academy-of-sciences"]}


def graphs_of(path: Path) -> dict[str, set[str]]:
    """The named graphs of a TriG file: graph IRI → its triples as N-Triples lines."""
    graphs: dict[str, set[str]] = {}
    for quad in ox.parse(path=path, format=ox.RdfFormat.TRIG):
        graphs.setdefault(quad.graph_name.value, set()).add(str(quad.triple))
    return graphs


def held(server) -> dict[str, int]:
    """Triples per named graph, as the server counts them."""
    rows = HttpClient().select(server.query, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows["results"]["bindings"]}


def fetched(server, iri: str | None) -> set[str]:
    """One graph as the server returns it (Graph Store GET)."""
    answer = HttpClient().request("GET", graph_store_url(server.store, iri), what="GET", accept="application/n-triples")
    return {str(t) for t in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)}


@pytest.fixture
def no_waiting(monkeypatch) -> list[float]:
    """Retries wait for nothing; the list records the delays they would have waited."""
    waits: list[float] = []
    monkeypatch.setattr(graph.remote.http, "pause", waits.append)
    return waits


# -- a real Oxigraph server -------------------------------------------------------------------

@pytest.mark.server
def test_push_the_bundled_graph(runner, oxigraph_server, built: Path):
    trig = built / "graph.trig"
    expected = graphs_of(trig)
    n = len(expected[ARTICLE])
    result = runner.invoke(cli, ["push", str(trig), "--endpoint", oxigraph_server.store])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Sent 1 graph ({n} triples) from {trig} to {oxigraph_server.store}; "
                             f"the server now holds {n} triples in that graph, and {n} distinct triples in its "
                             "default graph (the union of its named graphs)\n")
    assert fetched(oxigraph_server, ARTICLE) == expected[ARTICLE]
    assert fetched(oxigraph_server, None) == expected[ARTICLE]
    assert held(oxigraph_server) == {ARTICLE: n}


@pytest.mark.server
def test_notes_go_to_stderr_as_in_every_command(runner, oxigraph_server, built: Path):
    graph = "https://example.org/news-kg/graph/unused"
    result = runner.invoke(cli, ["push", str(built / "graph.trig"), "--endpoint", oxigraph_server.store,
                                 "--graph", graph])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Sent 1 graph ")
    assert result.stderr == f"Note: --graph {graph} was not used: the files hold only named graphs\n"


@pytest.mark.server
def test_the_server_answers_every_named_query_as_the_file_does(runner, oxigraph_server, built: Path):
    names = sorted(path.stem for path in queries_dir().glob("*.rq"))
    assert names, "no named queries in ontology/queries"
    assert runner.invoke(cli, ["push", str(built / "graph.trig"), "--endpoint", oxigraph_server.store]).exit_code == 0
    differing = {}
    for name in names:
        args = ["query", name, *PARAMS.get(name, []), *([] if name == "describe-entity" else ["--format", "csv"])]
        from_file = runner.invoke(cli, [*args, "--data", str(built / "graph.ttl")])
        from_server = runner.invoke(cli, [*args, "--endpoint", oxigraph_server.query])
        assert from_file.exit_code == 0, (name, from_file.output)
        assert from_file.stdout == "true\n" or from_file.stdout.count("\n") > 1, (name, "no rows: proves nothing")
        if (from_server.exit_code, from_server.stdout) != (0, from_file.stdout):
            differing[name] = from_server.output
    assert differing == {}


@pytest.mark.server
def test_pushing_twice_leaves_the_server_as_after_once(runner, oxigraph_server, built: Path):
    args = ["push", str(built / "graph.trig"), "--endpoint", oxigraph_server.store]
    first = runner.invoke(cli, args)
    after_once = held(oxigraph_server)
    second = runner.invoke(cli, args)
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert second.stdout == first.stdout
    assert held(oxigraph_server) == after_once == {ARTICLE: len(graphs_of(built / "graph.trig")[ARTICLE])}


@pytest.mark.server
def test_a_push_replaces_the_graph_rather_than_adding_to_it(runner, oxigraph_server, built: Path, tmp_path: Path):
    full = built / "graph.trig"
    quads = sorted(ox.parse(path=full, format=ox.RdfFormat.TRIG), key=str)[:10]
    smaller = tmp_path / "smaller.trig"
    smaller.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG))
    assert runner.invoke(cli, ["push", str(full), "--endpoint", oxigraph_server.store]).exit_code == 0
    result = runner.invoke(cli, ["push", str(smaller), "--endpoint", oxigraph_server.store])
    assert result.exit_code == 0, result.output
    assert fetched(oxigraph_server, ARTICLE) == {str(q.triple) for q in quads}
    assert result.stdout.endswith("the server now holds 10 triples in that graph, and 10 distinct triples in its "
                                  "default graph (the union of its named graphs)\n")
    assert fetched(oxigraph_server, None) == {str(q.triple) for q in quads}


@pytest.mark.server
def test_a_turtle_file_goes_to_the_given_graph_or_the_default_graph(runner, oxigraph_server, built: Path):
    ttl, store = built / "graph.ttl", oxigraph_server.store
    n = sum(1 for _ in ox.parse(path=ttl, format=ox.RdfFormat.TURTLE))
    named = "https://example.org/news-kg/graph/all"
    into_named = runner.invoke(cli, ["push", str(ttl), "--graph", named, "--endpoint", store])
    into_default = runner.invoke(cli, ["push", str(ttl), "--endpoint", store])
    expected = f"Sent 1 graph ({n} triples) from {ttl} to {store}; the server now holds {n} triples in that graph"
    union = f", and {n} distinct triples in its default graph (the union of its named graphs)"
    assert (into_named.exit_code, into_named.stdout) == (0, expected + union + "\n")
    expected += "\n"
    assert (into_default.exit_code, into_default.stdout) == (0, expected)
    assert held(oxigraph_server) == {named: n}
    assert len(fetched(oxigraph_server, None)) == n


@pytest.mark.server
def test_server_down_is_one_clean_line(runner, oxigraph_server, built: Path, no_waiting: list[float]):
    oxigraph_server.stop()
    result = runner.invoke(cli, ["push", str(built / "graph.trig"), "--endpoint", oxigraph_server.store])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (f"Error: {oxigraph_server.store} (PUT graph <{ARTICLE}>): connection refused after "
                             f"4 attempts; {CONNECT_FIX}\n")
    assert no_waiting == [0.5, 1.0, 2.0]


@pytest.mark.server
def test_server_stopped_mid_push_then_a_rerun_completes(runner, oxigraph_server, small_corpus: Path, tmp_path: Path,
                                                        monkeypatch, no_waiting: list[float]):
    assert runner.invoke(cli, ["build", str(small_corpus), "--out", str(tmp_path), "--quiet"]).exit_code == 0
    trig = tmp_path / "graph.trig"
    expected = {name: len(triples) for name, triples in graphs_of(trig).items()}
    names = sorted(expected)
    real_request = HttpClient.request
    puts: list[str] = []

    def stop_server_before_the_fourth_put(self, method, url, **kwargs):
        if method == "PUT":
            puts.append(url)
            if len(puts) == 4:
                oxigraph_server.stop()
        return real_request(self, method, url, **kwargs)

    monkeypatch.setattr(HttpClient, "request", stop_server_before_the_fourth_put)
    args = ["push", str(trig), "--endpoint", oxigraph_server.store]
    failed = runner.invoke(cli, args)
    assert failed.exit_code == 3
    assert failed.stdout == ""
    assert failed.stderr == (f"Error: {oxigraph_server.store} (PUT graph <{names[3]}>): connection refused after "
                             f"4 attempts; {CONNECT_FIX}\n")
    monkeypatch.setattr(HttpClient, "request", real_request)
    oxigraph_server.start()
    assert held(oxigraph_server) == {name: expected[name] for name in names[:3]}
    again = runner.invoke(cli, args)
    total = sum(expected.values())
    assert again.exit_code == 0, again.output
    assert again.stdout == (f"Sent {len(names)} graphs ({total} triples) from {trig} to {oxigraph_server.store}; "
                            f"the server now holds {total} triples in those graphs, and "
                            f"{len(fetched(oxigraph_server, None))} distinct triples in its default graph (the union "
                            "of its named graphs)\n")
    assert held(oxigraph_server) == expected
    assert len(names) == 20


@pytest.mark.server
def test_a_wrong_path_is_a_clean_4xx_error(runner, oxigraph_server, built: Path):
    wrong = f"{oxigraph_server.base}/nope"
    result = runner.invoke(cli, ["push", str(built / "graph.trig"), "--endpoint", wrong, "--no-union"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {wrong} (PUT graph <{ARTICLE}>): HTTP 404 Not Found: "
                             f"PUT /nope is not supported by this server; {GSP_FIX}\n")


@pytest.mark.server
def test_a_wrong_query_endpoint_is_a_clean_4xx_error(runner, oxigraph_server, built: Path):
    store = oxigraph_server.store
    result = runner.invoke(cli, ["push", str(built / "graph.trig"), "--endpoint", store, "--query-endpoint", store])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {store} (counting the pushed triples): HTTP 415 Unsupported Media Type: "
                             f"No supported content Content-Type given: application/x-www-form-urlencoded; {QUERY_FIX}\n")


# -- bad input: one line, exit 2, nothing sent ----------------------------------------------

def test_bad_rdf_is_reported_before_anything_is_sent(runner, scripted_server, built: Path, tmp_path: Path):
    bad = tmp_path / "bad.trig"
    bad.write_text("<https://example.org/g1> { <https://example.org/s> <https://example.org/p> 1 . }\n"
                   "<https://example.org/g2> {\n  <https://example.org/s> <https://example.org/p> .\n}\n")
    result = runner.invoke(cli, ["push", str(built / "graph.trig"), str(bad), "--endpoint", f"{scripted_server.url}/store"])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {bad}:3: not valid TriG: . is not a valid RDF object; fix the syntax on that line\n"
    assert scripted_server.requests == []


@pytest.mark.parametrize("args, message", [
    (["missing.trig"], "missing.trig: file not found; build it with 'kg build' or name the files to push"),
    (["graph.json"], "graph.json: cannot push a '.json' file; push .trig, .nq, .ttl or .nt files"),
    (["graph.trig", "--graph", "not an iri"], "--graph 'not an iri': not an absolute IRI (Invalid IRI code point ' '); "
                                              "e.g. https://example.org/news-kg/graph/main"),
    (["graph.trig", "--auth-env", "KG_TEST_NO_SUCH_VARIABLE"], "--auth-env KG_TEST_NO_SUCH_VARIABLE: the environment "
     "variable KG_TEST_NO_SUCH_VARIABLE is not set or empty; export KG_TEST_NO_SUCH_VARIABLE='user:password' "
     "(or a bearer token) first"),
])
def test_bad_arguments_are_one_clean_line(runner, scripted_server, built: Path, tmp_path: Path, monkeypatch,
                                          args: list[str], message: str):
    monkeypatch.chdir(tmp_path)
    Path("graph.json").write_text("{}")
    Path("graph.trig").write_bytes((built / "graph.trig").read_bytes())
    result = runner.invoke(cli, ["push", *args, "--endpoint", f"{scripted_server.url}/store"])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert scripted_server.requests == []


def test_an_endpoint_must_be_an_http_url(runner, built: Path):
    result = runner.invoke(cli, ["push", str(built / "graph.trig"), "--endpoint", "ftp://example.org/store"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --endpoint 'ftp://example.org/store': not an http(s) URL; e.g. http://localhost:7878/store\n"


# -- the HTTP client against a scripted server ------------------------------------------------

def test_5xx_is_retried_with_exponential_backoff(scripted_server):
    scripted_server.answers = [(503, b"busy"), (502, b"bad gateway"), (204, b"")]
    waits: list[float] = []
    answer = HttpClient(sleep=waits.append).request("PUT", f"{scripted_server.url}/store?default", what="PUT", body=b"")
    assert answer.status == 204
    assert waits == [0.5, 1.0]
    assert [r[:2] for r in scripted_server.requests] == [("PUT", "/store?default")] * 3


def test_5xx_gives_up_after_the_retries(scripted_server):
    scripted_server.answers = [(500, b"boom\nat line 3")] * 3
    with pytest.raises(ServerError) as failed:
        HttpClient(retries=2, sleep=lambda _: None).request("PUT", f"{scripted_server.url}/store?default",
                                                            what="PUT default graph", body=b"")
    assert str(failed.value) == (f"{scripted_server.url}/store (PUT default graph): HTTP 500 Internal Server Error "
                                 "after 3 attempts: boom at line 3; the server failed; see its log, then run the command again")
    assert failed.value.exit_code == 3


def test_4xx_is_not_retried(scripted_server):
    scripted_server.answers = [(401, b"<html><body><h1>401</h1> login required</body></html>")]
    with pytest.raises(ServerError) as failed:
        HttpClient(sleep=lambda _: pytest.fail("a 4xx must not be retried")).request(
            "PUT", f"{scripted_server.url}/store?default", what="PUT default graph", body=b"")
    assert str(failed.value) == (f"{scripted_server.url}/store (PUT default graph): HTTP 401 Unauthorized: 401 login "
                                 "required; the server wants credentials: put 'user:password' or a token in an "
                                 "environment variable and pass --auth-env VAR")
    assert len(scripted_server.requests) == 1


def test_no_answer_times_out(scripted_server):
    scripted_server.answers = [("hang", 2.0), ("hang", 2.0)]
    with pytest.raises(ServerError) as failed:
        HttpClient(timeout=0.2, retries=1, sleep=lambda _: None).request(
            "GET", f"{scripted_server.url}/store?default", what="GET default graph")
    assert str(failed.value) == (f"{scripted_server.url}/store (GET default graph): no answer within 0.2 s after "
                                 "2 attempts; the server is busy or stuck; try again later or raise --timeout")


def test_credentials_come_from_the_environment_and_go_with_every_request(runner, scripted_server, built: Path,
                                                                         monkeypatch):
    monkeypatch.setenv("KG_TEST_AUTH", "analyst:s3cret")
    counted = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "7"}}]}}
    one = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}
    scripted_server.answers = [(201, b""), (200, json.dumps(counted).encode()), (204, b""),
                               (200, json.dumps(one).encode())]
    result = runner.invoke(cli, ["push", str(built / "graph.trig"), "--endpoint", f"{scripted_server.url}/store",
                                 "--auth-env", "KG_TEST_AUTH"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("; the server now holds 7 triples in that graph, and 1 distinct triples in its "
                                  "default graph (the union of its named graphs)\n")
    assert "s3cret" not in result.output
    expected = "Basic " + base64.b64encode(b"analyst:s3cret").decode()
    assert [(method, path, headers.get("Authorization")) for method, path, headers in scripted_server.requests] == [
        ("PUT", "/store?graph=https%3A%2F%2Fexample.org%2Fnews-kg%2Farticle%2Ftroib-2024-11-16-sino-us-health", expected),
        ("POST", "/query", expected),
        ("POST", "/update", expected),
        ("POST", "/query", expected),
    ]


def test_kg_query_sends_credentials_from_the_environment(runner, scripted_server, monkeypatch):
    monkeypatch.setenv("KG_TEST_AUTH", "eyJhbGciOiJIUzI1NiJ9.e30.abc")
    answer = {"head": {"vars": ["name"]}, "results": {"bindings": [{"name": {"type": "literal", "value": "He Jie"}}]}}
    scripted_server.answers = [(200, json.dumps(answer).encode(), "application/sparql-results+json")]
    result = runner.invoke(cli, ["query", "--text", "SELECT ?name WHERE { ?p schema:name ?name }", "--format", "csv",
                                 "--endpoint", f"{scripted_server.url}/query", "--auth-env", "KG_TEST_AUTH"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"name\r\nHe Jie\r\n"
    assert [(method, path, headers.get("Authorization")) for method, path, headers in scripted_server.requests] == [
        ("POST", "/query", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc")]


def test_kg_query_refused_credentials_are_one_clean_line(runner, scripted_server, monkeypatch):
    monkeypatch.setenv("KG_TEST_AUTH", "analyst:wrong")
    scripted_server.answers = [(401, b"Unauthorized")]
    result = runner.invoke(cli, ["query", "who-said-what", "--endpoint", f"{scripted_server.url}/query",
                                 "--auth-env", "KG_TEST_AUTH"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {scripted_server.url}/query (SPARQL query): HTTP 401 Unauthorized: Unauthorized; "
                             "the server refused the credentials; check the value of the --auth-env variable\n")


@pytest.mark.parametrize("args, message", [
    (["--auth-env", "KG_TEST_AUTH"], "--auth-env KG_TEST_AUTH: credentials are for a server; add --endpoint URL or "
                                     "leave it out"),
    (["--endpoint", "http://127.0.0.1:9/query", "--auth-env", "KG_TEST_NO_SUCH_VARIABLE"],
     "--auth-env KG_TEST_NO_SUCH_VARIABLE: the environment variable KG_TEST_NO_SUCH_VARIABLE is not set or empty; "
     "export KG_TEST_NO_SUCH_VARIABLE='user:password' (or a bearer token) first"),
])
def test_kg_query_auth_env_mistakes_are_one_clean_line(runner, monkeypatch, args: list[str], message: str):
    monkeypatch.setenv("KG_TEST_AUTH", "analyst:s3cret")
    result = runner.invoke(cli, ["query", "who-said-what", *args])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"


def test_an_unknown_server_layout_sends_but_does_not_guess_a_query_url(runner, scripted_server, built: Path):
    trig = built / "graph.trig"
    result = runner.invoke(cli, ["push", str(trig), "--endpoint", f"{scripted_server.url}/gsp", "--no-union"])
    n = len(graphs_of(trig)[ARTICLE])
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Sent 1 graph ({n} triples) from {trig} to {scripted_server.url}/gsp; "
                             "pass --query-endpoint to have the server count what it holds\n")
    assert [r[0] for r in scripted_server.requests] == ["PUT"]


@pytest.mark.parametrize("value, header", [
    ("analyst:s3cret", "Basic " + base64.b64encode(b"analyst:s3cret").decode()),
    ("eyJhbGciOiJIUzI1NiJ9.e30.abc", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc"),
    ("Bearer token-1", "Bearer token-1"),
    ("Basic YTpi", "Basic YTpi"),
])
def test_auth_header(value: str, header: str):
    assert auth_header("KG_AUTH", {"KG_AUTH": value}) == header


def test_auth_header_needs_a_value():
    with pytest.raises(KgError, match="KG_AUTH is not set or empty"):
        auth_header("KG_AUTH", {"KG_AUTH": "  "})


@pytest.mark.parametrize("store, query", [
    ("http://localhost:7878/store", "http://localhost:7878/query"),  # Oxigraph
    ("http://localhost:3030/news/data", "http://localhost:3030/news/sparql"),  # Fuseki
    ("http://localhost:7200/repositories/news/rdf-graphs/service", "http://localhost:7200/repositories/news"),  # GraphDB
    ("https://db.example.org/rdf4j-server/repositories/news/rdf-graphs/service/",
     "https://db.example.org/rdf4j-server/repositories/news"),  # RDF4J
    ("http://localhost:9999/gsp", None),
])
def test_query_url_beside_a_graph_store_url(store: str, query: str | None):
    assert query_url_for(store) == query


@pytest.mark.parametrize("endpoint, iri, url", [
    ("http://h/store", None, "http://h/store?default"),
    ("http://h/store", "https://example.org/a?b=c#d", "http://h/store?graph=https%3A%2F%2Fexample.org%2Fa%3Fb%3Dc%23d"),
    ("http://h/gsp?repo=news", "https://example.org/g", "http://h/gsp?repo=news&graph=https%3A%2F%2Fexample.org%2Fg"),
])
def test_graph_store_url(endpoint: str, iri: str | None, url: str):
    assert graph_store_url(endpoint, iri) == url


def test_an_unknown_server_layout_needs_its_update_url_before_anything_is_sent(runner, scripted_server, built: Path):
    result = runner.invoke(cli, ["push", str(built / "graph.trig"), "--endpoint", f"{scripted_server.url}/gsp"])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: --endpoint {scripted_server.url}/gsp: kg cannot tell this server's SPARQL Update "
                             "URL, to make its default graph the union of the named graphs; --update-endpoint must be "
                             "the server's SPARQL Update URL: Oxigraph http://HOST:7878/update, Fuseki "
                             "http://HOST:3030/DATASET/update, GraphDB http://HOST:7200/repositories/REPO/statements; "
                             "or pass --no-union to keep the default graph as it is\n")
    assert scripted_server.requests == []
