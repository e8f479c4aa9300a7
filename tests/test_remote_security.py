"""Hostile and misconfigured servers (issue 15, items 8 to 11c): credentials stay with the origin
they were given for, secrets never reach a message, a request ends at its deadline and an answer
at its size limit, and a push addresses the one graph it means, never the whole store.

The servers are real: Oxigraph, a scripted server (whole answers) and a wire server (whatever
bytes a test writes: redirects, slow drips, endless bodies), all on 127.0.0.1."""

import base64
import json
import time
from pathlib import Path

import pytest

import graph.remote.http
from graph.cli import cli
from graph.errors import OptionError, ServerError
from graph.remote.http import MB, REDIRECT_FIX, SIZE_FIX, TIMEOUT_FIX, HttpClient, answer_limit
from graph.remote.secrets import auth_header, redact_userinfo
from graph.remote.push import graph_named_by, graph_store_url
from conftest import ROOT

ARTICLE = "https://example.org/news-kg/article/one"
OTHERS = [f"https://example.org/news-kg/article/other-{n}" for n in range(3)]
TOKEN = "eyJhbGciOiJIUzI1NiJ9.S3CRET-token.sig"
BASIC = "Basic " + base64.b64encode(b"analyst:S3CRET-pw").decode()
COUNTED = json.dumps({"head": {"vars": ["n"]},
                      "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}).encode()
ASK = ["query", "--text", "ASK { ?s ?p ?o }"]


@pytest.fixture
def one_article(tmp_path: Path) -> Path:
    """A TriG file with one article's named graph (one triple)."""
    path = tmp_path / "one.trig"
    path.write_text(f'<{ARTICLE}> {{ <https://example.org/s> <https://example.org/p> "o" . }}\n')
    return path


@pytest.fixture
def no_waiting(monkeypatch) -> None:
    monkeypatch.setattr(graph.remote.http, "pause", lambda seconds: None)


# -- answers a wire server writes ----------------------------------------------------------

def redirect(status: int, location: str):
    def write(handler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return write


def drip(content_type: str = "application/sparql-results+json", in_headers: bool = False, seconds: float = 8.0):
    """Headers, then one byte every 0.1 s (or the headers themselves that slowly), for `seconds`."""
    def write(handler) -> None:
        if in_headers:
            handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        else:
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", "100000")
            handler.end_headers()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            handler.wfile.write(b"a" if in_headers else b" ")
            time.sleep(0.1)
    return write


def endless(content_type: str = "application/sparql-results+json", length: str | None = None,
            cap_mb: int = 64):
    """A 200 whose body goes on (whitespace, up to `cap_mb` so a broken client cannot eat the machine)."""
    def write(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        if length is not None:
            handler.send_header("Content-Length", length)
        handler.end_headers()
        chunk = b" " * 65536
        for _ in range(cap_mb * 16):
            handler.wfile.write(chunk)
    return write


def answer(status: int, body: bytes, content_type: str = "text/plain"):
    def write(handler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return write


def authorizations(server) -> list[str | None]:
    return [headers.get("Authorization") for _, _, headers in server.requests]


# -- item 8: credentials and data never follow a redirect to another origin -----------------

def test_kg_query_redirected_to_another_port_is_refused_and_the_other_port_gets_nothing(
        runner, wire_server, scripted_server, monkeypatch):
    monkeypatch.setenv("KG_TEST_AUTH", TOKEN)
    wire_server.answers = [redirect(302, f"{scripted_server.url}/query")]
    result = runner.invoke(cli, [*ASK, "--endpoint", f"{wire_server.url}/query", "--auth-env", "KG_TEST_AUTH"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {wire_server.url}/query (SPARQL query): the server redirected the POST to "
                             f"{scripted_server.url}/query (HTTP 302 Found); {REDIRECT_FIX}\n")
    assert scripted_server.requests == []
    assert len(wire_server.requests) == 1


def test_kg_push_count_redirected_to_another_port_sends_no_credentials_there(
        runner, wire_server, scripted_server, one_article: Path, monkeypatch):
    monkeypatch.setenv("KG_TEST_AUTH", "analyst:S3CRET-pw")
    wire_server.answers = [answer(201, b""), redirect(302, f"{scripted_server.url}/query")]
    result = runner.invoke(cli, ["push", str(one_article), "--endpoint", f"{wire_server.url}/store",
                                 "--auth-env", "KG_TEST_AUTH"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {wire_server.url}/query (counting the pushed triples): the server redirected "
                             f"the POST to {scripted_server.url}/query (HTTP 302 Found); {REDIRECT_FIX}\n")
    assert scripted_server.requests == []
    assert authorizations(wire_server) == [BASIC, BASIC]


def test_a_redirected_put_is_refused_naming_the_target_with_its_password_redacted(
        runner, wire_server, scripted_server, one_article: Path):
    port = scripted_server.url.rsplit(":", 1)[1]
    wire_server.answers = [redirect(307, f"http://admin:S3CRET-pw@127.0.0.1:{port}/store?graph=x")]
    result = runner.invoke(cli, ["push", str(one_article), "--endpoint", f"{wire_server.url}/store"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {wire_server.url}/store (PUT graph <{ARTICLE}>): the server redirected the PUT "
                             f"to http://admin:***@127.0.0.1:{port}/store (HTTP 307 Temporary Redirect); "
                             f"{REDIRECT_FIX}\n")
    assert scripted_server.requests == []


def test_a_get_redirected_to_another_origin_goes_there_without_the_credentials(
        runner, wire_server, scripted_server, tmp_path: Path, monkeypatch):
    """The count of a default graph is a Graph Store GET, which may follow a redirect."""
    monkeypatch.setenv("KG_TEST_AUTH", TOKEN)
    ttl = tmp_path / "one.ttl"
    ttl.write_text('<https://example.org/s> <https://example.org/p> "o" .\n')
    wire_server.answers = [answer(204, b""), redirect(302, f"{scripted_server.url}/store?default")]
    scripted_server.answers = [(200, b'<https://example.org/s> <https://example.org/p> "o" .\n',
                                "application/n-triples")]
    result = runner.invoke(cli, ["push", str(ttl), "--endpoint", f"{wire_server.url}/store",
                                 "--auth-env", "KG_TEST_AUTH"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("the server now holds 1 triples in that graph\n")
    assert authorizations(wire_server) == [f"Bearer {TOKEN}"] * 2
    assert [r[:2] for r in scripted_server.requests] == [("GET", "/store?default")]
    assert authorizations(scripted_server) == [None]


def test_a_get_redirected_within_its_origin_keeps_the_credentials(wire_server):
    wire_server.answers = [redirect(301, "/elsewhere"), answer(200, b"ok")]
    got = HttpClient(auth=f"Bearer {TOKEN}").request("GET", f"{wire_server.url}/store?default", what="GET")
    assert got.body == b"ok"
    assert [r[1] for r in wire_server.requests] == ["/store?default", "/elsewhere"]
    assert authorizations(wire_server) == [f"Bearer {TOKEN}"] * 2


# -- item 9: secrets in the environment and in URLs ------------------------------------------

@pytest.mark.parametrize("value, form, kind, at", [
    ("tok\nS3CRET", "a bearer token", "a line break", 4),
    ("tök✓S3CRET", "a bearer token", "a character outside ASCII", 2),
    ("Bearer tok\rS3CRET", "a token after 'Basic ' or 'Bearer '", "a line break", 4),
    ("analyst:pw\nS3CRET", "user:password", "a line break", 11),
    ("analyst:pw\x1bS3CRET", "user:password", "a control character", 11),
], ids=["newline", "non-latin-1", "carriage-return-after-scheme", "newline-in-password", "escape-in-password"])
@pytest.mark.parametrize("command", ["push", "query"])
def test_a_credential_http_cannot_carry_is_one_line_that_never_shows_it(
        runner, scripted_server, one_article: Path, monkeypatch, command: str, value: str, form: str, kind: str,
        at: int):
    monkeypatch.setenv("KG_TEST_AUTH", value)
    args = (["push", str(one_article), "--endpoint", f"{scripted_server.url}/store"] if command == "push"
            else [*ASK, "--endpoint", f"{scripted_server.url}/query"])
    result = runner.invoke(cli, [*args, "--auth-env", "KG_TEST_AUTH"])
    assert result.exit_code == 2, result.output
    allowed = ("free of line breaks and control characters" if form == "user:password"
               else "printable ASCII without spaces")
    assert result.stderr == (f"Error: --auth-env KG_TEST_AUTH: the value of KG_TEST_AUTH ({form}) holds {kind} at "
                             f"character {at}, which cannot be sent in an HTTP header; {form} must be {allowed}: "
                             "check how KG_TEST_AUTH was set\n")
    assert "S3CRET" not in result.output
    assert scripted_server.requests == []


def test_a_variable_holding_bytes_that_are_not_utf8_is_refused_without_a_traceback():
    with pytest.raises(OptionError, match="a byte that is not valid UTF-8 at character 12"):
        auth_header("KG_AUTH", {"KG_AUTH": "analyst:pw-\udcff"})


def test_a_password_outside_ascii_is_still_sent_as_utf8_basic():
    assert auth_header("KG_AUTH", {"KG_AUTH": "analyst:pässwörd✓"}) == (
        "Basic " + base64.b64encode("analyst:pässwörd✓".encode()).decode())


@pytest.mark.parametrize("command, path", [("push", "/store"), ("query", "/query")])
def test_a_password_in_the_endpoint_url_is_refused_and_never_shown(runner, scripted_server, one_article: Path,
                                                                   command: str, path: str):
    port = scripted_server.url.rsplit(":", 1)[1]
    url = f"http://analyst:S3CRET-pw@127.0.0.1:{port}{path}"
    args = ["push", str(one_article)] if command == "push" else ASK
    result = runner.invoke(cli, [*args, "--endpoint", url])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: --endpoint 'http://analyst:***@127.0.0.1:{port}{path}': credentials in a URL are "
                             "on view to every user of this machine and are not sent; put 'user:password' (or a "
                             "token) in an environment variable and pass --auth-env VAR\n")
    assert "S3CRET" not in result.output
    assert scripted_server.requests == []


@pytest.mark.parametrize("text, redacted", [
    ("http://user:pw@host/x", "http://user:***@host/x"),
    ("at https://TOKEN@h:8/q and http://h/ok", "at https://***@h:8/q and http://h/ok"),
    ("http://u:p@ss@host/x?mail=a@b", "http://u:***@host/x?mail=a@b"),
])
def test_redact_userinfo_hides_every_password_in_a_message(text: str, redacted: str):
    assert redact_userinfo(text) == redacted


# -- item 10: a deadline over each request, a limit on each answer ----------------------------

def timed(runner, args: list[str]):
    start = time.monotonic()
    result = runner.invoke(cli, args)
    return result, time.monotonic() - start


def test_kg_query_ends_at_its_timeout_when_the_server_drips_its_answer(runner, wire_server):
    wire_server.answers = [drip(), drip()]
    result, took = timed(runner, [*ASK, "--endpoint", f"{wire_server.url}/query", "--timeout", "1"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {wire_server.url}/query (SPARQL query): the answer did not arrive in full "
                             f"within 1 s after 2 attempts; {TIMEOUT_FIX}\n")
    assert took < 4, f"took {took:.1f} s for two attempts of 1 s"


def test_kg_push_ends_at_its_timeout_when_the_server_drips_its_headers(runner, wire_server, one_article: Path):
    wire_server.answers = [drip(in_headers=True)]
    result, took = timed(runner, ["push", str(one_article), "--endpoint", f"{wire_server.url}/store",
                                  "--timeout", "1", "--retries", "0"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {wire_server.url}/store (PUT graph <{ARTICLE}>): no answer within 1 s; "
                             f"{TIMEOUT_FIX}\n")
    assert took < 3, f"took {took:.1f} s for one attempt of 1 s"


def test_kg_push_ends_at_its_timeout_when_the_count_drips(runner, wire_server, one_article: Path):
    wire_server.answers = [answer(201, b""), drip()]
    result, took = timed(runner, ["push", str(one_article), "--endpoint", f"{wire_server.url}/store",
                                  "--timeout", "1", "--retries", "0"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {wire_server.url}/query (counting the pushed triples): the answer did not "
                             f"arrive in full within 1 s; {TIMEOUT_FIX}\n")
    assert took < 3


@pytest.mark.parametrize("length", [None, "1000000000000"], ids=["endless", "declared-too-long"])
def test_an_answer_over_the_size_limit_is_one_line_not_a_memory_error(runner, wire_server, monkeypatch,
                                                                       length: str | None):
    monkeypatch.setenv("KG_MAX_ANSWER_MB", "1")
    wire_server.answers = [endless(length=length)]
    result, took = timed(runner, [*ASK, "--endpoint", f"{wire_server.url}/query", "--timeout", "5"])
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Error: {wire_server.url}/query (SPARQL query): the answer is over the limit of 1 MB "
                             f"for a server's answer; {SIZE_FIX}\n")
    assert len(wire_server.requests) == 1, "the same answer again would be as large: not retried"
    assert took < 4


def test_kg_push_stops_reading_an_endless_default_graph(runner, wire_server, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KG_MAX_ANSWER_MB", "0.5")
    ttl = tmp_path / "one.ttl"
    ttl.write_text('<https://example.org/s> <https://example.org/p> "o" .\n')
    wire_server.answers = [answer(204, b""), endless("application/n-triples")]
    result = runner.invoke(cli, ["push", str(ttl), "--endpoint", f"{wire_server.url}/store"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {wire_server.url}/store (GET default graph): the answer is over the limit of "
                             f"0.5 MB for a server's answer; {SIZE_FIX}\n")


def test_the_answer_limit_is_500_mb_settable_and_documented():
    assert answer_limit({}) == 500 * MB
    assert answer_limit({"KG_MAX_ANSWER_MB": "2000"}) == 2000 * MB
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`KG_MAX_ANSWER_MB`" in readme and "500 MB" in readme


@pytest.mark.parametrize("value", ["lots", "0", "-1", "inf", "nan"])
def test_a_bad_answer_limit_is_one_line_exit_2(runner, monkeypatch, value: str):
    monkeypatch.setenv("KG_MAX_ANSWER_MB", value)
    result = runner.invoke(cli, [*ASK, "--endpoint", "http://127.0.0.1:9/query"])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: KG_MAX_ANSWER_MB={value!r}: not a number of megabytes; "
                             "e.g. KG_MAX_ANSWER_MB=2000\n")


# -- item 11: a push addresses one graph, never the whole store ------------------------------

def held(server) -> dict[str, int]:
    rows = HttpClient().select(server.query, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows["results"]["bindings"]}


@pytest.mark.server
def test_an_endpoint_with_a_fragment_is_refused_and_the_store_keeps_its_other_graphs(
        runner, oxigraph_server, one_article: Path):
    client = HttpClient()
    for iri in OTHERS:
        client.request("PUT", graph_store_url(oxigraph_server.store, iri), what="PUT",
                       content_type="application/n-triples",
                       body=b'<https://example.org/s> <https://example.org/p> "kept" .\n')
    before = held(oxigraph_server)
    assert before == {iri: 1 for iri in OTHERS}
    wrong = f"{oxigraph_server.store}#frag"
    refused = runner.invoke(cli, ["push", str(one_article), "--endpoint", wrong])
    assert refused.exit_code == 2
    assert refused.stderr == (f"Error: --endpoint '{wrong}': a fragment (#...) is not sent to the server, and what kg "
                              "adds after it would be lost; remove it; e.g. http://localhost:7878/store\n")
    assert held(oxigraph_server) == before
    pushed = runner.invoke(cli, ["push", str(one_article), "--endpoint", oxigraph_server.store])
    assert pushed.exit_code == 0, pushed.output
    assert held(oxigraph_server) == {**before, ARTICLE: 1}


@pytest.mark.parametrize("suffix, why", [
    ("/store#", "a fragment (#...) is not sent to the server, and what kg adds after it would be lost; remove it; "
                "e.g. http://localhost:7878/store"),
    ("/store?graph=https://example.org/g", "kg push adds ?graph=IRI (or ?default) for each graph itself; remove "
                                           "'graph' from the URL, e.g. http://localhost:7878/store"),
    ("/store?default", "kg push adds ?graph=IRI (or ?default) for each graph itself; remove 'default' from the URL, "
                       "e.g. http://localhost:7878/store"),
    ("/my store", "a URL cannot hold spaces or control characters; write them percent-encoded (%20); "
                  "e.g. http://localhost:7878/store"),
    ("/störe", "write the characters outside ASCII percent-encoded (é as %C3%A9); e.g. http://localhost:7878/store"),
])
def test_a_url_that_cannot_be_a_graph_store_url_is_refused_before_any_request(
        runner, scripted_server, one_article: Path, suffix: str, why: str):
    url = scripted_server.url + suffix
    result = runner.invoke(cli, ["push", str(one_article), "--endpoint", url])
    assert result.exit_code == 2
    assert result.stderr == f"Error: --endpoint {url!r}: {why}\n"
    assert scripted_server.requests == []


def test_a_port_that_is_not_a_number_is_one_line(runner, one_article: Path):
    result = runner.invoke(cli, ["push", str(one_article), "--endpoint", "http://127.0.0.1:99999/store"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --endpoint 'http://127.0.0.1:99999/store': the port is not a number from 0 to "
                             "65535; e.g. http://localhost:7878/store\n")


def test_a_query_endpoint_with_a_fragment_is_refused(runner, scripted_server):
    url = f"{scripted_server.url}/query#x"
    result = runner.invoke(cli, [*ASK, "--endpoint", url])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: --endpoint {url!r}: a fragment (#...) is not sent to the server")
    assert scripted_server.requests == []


@pytest.mark.parametrize("endpoint, iri", [
    ("http://h/store", ARTICLE), ("http://h/store", None), ("http://h/gsp?repo=news&x=a%26b", ARTICLE),
    ("http://h", "https://example.org/a?graph=b&default#c"),
])
def test_a_graph_store_url_names_exactly_the_graph_pushed(endpoint: str, iri: str | None):
    assert graph_named_by(graph_store_url(endpoint, iri)) == (iri,)


def test_a_graph_store_url_with_a_fragment_is_never_built():
    with pytest.raises(OptionError, match="fragment"):
        graph_store_url("http://h/store#frag", ARTICLE)


# -- item 11c: whatever the server echoes, no secret is printed -------------------------------

@pytest.mark.parametrize("value, header", [(TOKEN, f"Bearer {TOKEN}"), ("analyst:S3CRET-pw", BASIC)],
                         ids=["bearer", "basic"])
def test_credentials_a_server_echoes_in_its_error_are_redacted(runner, scripted_server, monkeypatch, value: str,
                                                               header: str):
    monkeypatch.setenv("KG_TEST_AUTH", value)
    echo = f"bad request; you sent Authorization: {header} ({value})".encode()
    scripted_server.answers = [(400, echo)]
    result = runner.invoke(cli, [*ASK, "--endpoint", f"{scripted_server.url}/query", "--auth-env", "KG_TEST_AUTH"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {scripted_server.url}/query (SPARQL query): HTTP 400 Bad Request: bad request; "
                             "you sent Authorization: *** (***); the server refused the request; its message above "
                             "says why\n")


def test_credentials_echoed_in_a_5xx_to_a_push_are_redacted(runner, scripted_server, one_article: Path, monkeypatch,
                                                            no_waiting):
    monkeypatch.setenv("KG_TEST_AUTH", "analyst:S3CRET-pw")
    scripted_server.answers = [(500, b"<html><p>crash handling analyst:S3CRET-pw at http://analyst:S3CRET-pw@db/</p>")]
    result = runner.invoke(cli, ["push", str(one_article), "--endpoint", f"{scripted_server.url}/store",
                                 "--auth-env", "KG_TEST_AUTH", "--retries", "0"])
    assert result.exit_code == 3
    assert "S3CRET" not in result.output
    assert result.stderr == (f"Error: {scripted_server.url}/store (PUT graph <{ARTICLE}>): HTTP 500 Internal Server "
                             "Error: crash handling *** at http://***@db/; the server failed; see its log, then "
                             "run the command again\n")


def test_a_secret_cut_in_half_by_the_error_read_limit_is_not_shown(scripted_server):
    """Only the first 4000 bytes of an error are read; a token across that line must not leak its start."""
    body = b"<br>" * 992 + f"Authorization: Bearer {TOKEN}".encode()  # the token starts at byte 3990
    scripted_server.answers = [(400, body, "text/html")]
    with pytest.raises(ServerError) as failed:
        HttpClient(auth=f"Bearer {TOKEN}").request("GET", f"{scripted_server.url}/store?default", what="GET")
    assert TOKEN[:8] not in str(failed.value)


def test_credentials_in_a_malformed_answer_are_redacted(runner, scripted_server, monkeypatch):
    monkeypatch.setenv("KG_TEST_AUTH", TOKEN)
    scripted_server.answers = [(200, b"", f"text/{TOKEN}")]
    result = runner.invoke(cli, [*ASK, "--endpoint", f"{scripted_server.url}/query", "--auth-env", "KG_TEST_AUTH"])
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {scripted_server.url}/query: the server answered text/***, not SPARQL JSON "
                             "results; is it the query endpoint?\n")
