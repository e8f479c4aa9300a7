"""kg query against hostile queries and values (issue 15, items 6, 7, 11b, 12, 13, 14), tests named
after what each checks: nothing fetched from the network unless the user named a server, every
parameter exactly one RDF term, no query evaluated on the client for a server, runaway queries
stopped (--timeout, Ctrl-C, SIGTERM), deep nesting and endless input refused with one line.

Some run kg in a subprocess: the behaviour they rule out (an engine deep in its own code, a
parser crashing the interpreter, a read that never ends) cannot be cut off inside pytest.
"""

import http.server
import json
import os
import resource
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from graph.cli import cli
from graph.errors import QueryError
from graph.query import ENGINES
from graph.query.run import run_query
from conftest import ROOT, loopback_server

TINY = ROOT / "tests" / "data" / "queries" / "tiny.ttl"
OFFLINE = "would fetch other data; kg query on files stays offline, so load that data with --data or use --endpoint\n"
CROSS_JOIN = {  # about 45 s on Oxigraph and 6 s on rdflib here, when nothing stops them
    "oxigraph": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "rdflib": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
}


@pytest.fixture(scope="module")
def graph_ttl(built) -> Path:
    return built / "graph.ttl"


@dataclass
class Listener:
    """A loopback HTTP server that records every request and answers 500: a SERVICE target."""

    url: str
    requests: list = field(default_factory=list)


@pytest.fixture
def listener() -> Iterator[Listener]:
    state = Listener("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def answer(self) -> None:
            state.requests.append((self.command, self.path))
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = answer

        def log_message(self, *args) -> None:
            pass

    with loopback_server(Handler) as url:
        state.url = url + "/"
        yield state


def one_line_error(stderr: str) -> bool:
    return stderr.startswith("Error: ") and stderr.count("\n") == 1


# Item 6: SERVICE and FROM are refused on files, however they are written

#: Each spelling, with URL standing for the loopback server; and whether the engine reads the keyword
#: (Oxigraph reads escapes only inside strings and IRIs, so an escaped keyword is a syntax error there).
SPELLINGS = {
    "upper-case": ("SELECT * WHERE { SERVICE <URL> { ?s ?p ?o } }", ENGINES),
    "lower-case": ("select * where { service <URL> { ?s ?p ?o } }", ENGINES),
    "mixed-case-silent": ("SELECT * WHERE { SeRvIcE SILENT <URL> { ?s ?p ?o } }", ENGINES),
    "u-escaped-keyword": ("SELECT * WHERE { \\u0053ERVICE <URL> { ?s ?p ?o } }", ("rdflib",)),
    "U-escaped-keyword": ("SELECT * WHERE { \\U00000053ervice <URL> { ?s ?p ?o } }", ("rdflib",)),
    "escaped-iri": ("SELECT * WHERE { SERVICE <http\\u003A//HOSTPORT/> { ?s ?p ?o } }", ENGINES),
    "base-and-relative-iri": ("BASE <URL> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }", ENGINES),
    "base-and-escaped-iri-with-quote": ("BASE <URL> SELECT * WHERE { FILTER(?s != <a\\u0041'>) "
                                        "SERVICE <x> { ?s ?p ?o } FILTER(?s != <b'>) }", ENGINES),
    "less-than-a-quote": ("SELECT * WHERE { ?s ?p ?a FILTER(?a<'>') SERVICE <URL> { ?s ?p ?o } FILTER(?a!='') }",
                          ENGINES),
    "inside-exists": ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <URL> { ?s ?p ?o } } }", ENGINES),
    "service-variable": ("SELECT * WHERE { VALUES ?u { <URL> } SERVICE ?u { ?s ?p ?o } }", ENGINES),
    "ask": ("ASK { SERVICE <URL> { ?s ?p ?o } }", ENGINES),
    "construct": ("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <URL> { ?s ?p ?o } }", ENGINES),
    "from": ("SELECT * FROM <URL> WHERE { ?s ?p ?o }", ENGINES),
    "from-named": ("SELECT * FROM NAMED <URL> WHERE { GRAPH ?g { ?s ?p ?o } }", ENGINES),
    "u-escaped-from": ("SELECT * \\u0046ROM <URL> WHERE { ?s ?p ?o }", ("rdflib",)),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_service_and_from_reach_no_server_in_any_spelling(runner, listener, graph_ttl: Path, engine: str,
                                                          spelling: str):
    text, reading = SPELLINGS[spelling]
    query = text.replace("URL", listener.url).replace("HOSTPORT", listener.url.split("//")[1].rstrip("/"))
    result = runner.invoke(cli, ["query", "--text", query, "--data", str(graph_ttl), "--engine", engine])
    assert listener.requests == []
    assert result.exit_code == 2, result.output
    assert one_line_error(result.stderr), result.stderr
    if engine in reading:
        keyword = "FROM" if "from" in spelling else "SERVICE"
        assert result.stderr.startswith("Error: --text")
        assert result.stderr.endswith(f" {keyword} {OFFLINE}")
    else:
        assert "SPARQL syntax error" in result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_service_is_refused_at_its_line_and_column(runner, graph_ttl: Path, engine: str):
    """Where a lexer is misled (`<'>` read as an IRI hides the rest of the line), the parser places it."""
    query = "BASE <http://127.0.0.1:9/>\nSELECT * WHERE {\n  FILTER(?a<'>') SERVICE <x> { ?s ?p ?o } FILTER(?a != '') }"
    result = runner.invoke(cli, ["query", "--text", query, "--data", str(graph_ttl), "--engine", engine])
    assert (result.exit_code, result.stderr) == (2, f"Error: --text:3:18: SERVICE {OFFLINE}")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_words_service_and_from_elsewhere_are_not_refused(graph_ttl: Path, engine: str):
    query = ('PREFIX from: <http://example.org/from/service/> '
             'SELECT ?service ?from WHERE { BIND("a service from the ministry" AS ?service) '
             'BIND(from:service AS ?from) FILTER(?service != "FROM" && !CONTAINS(STR(?from), "SERVICE")) } # service')
    answer = run_query(text=query, data=[graph_ttl], engine=engine)
    assert answer.result.rows == ((Literal("a service from the ministry"), URIRef("http://example.org/from/service/service")),)


# Item 7: any parameter value becomes exactly one RDF term, or is refused with one line

HEADERLESS = "SELECT DISTINCT ?v WHERE { ?s ?p ?o } ORDER BY ?v"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", ["<http://x/> } UNION { ?s ?p ?o } #", "<http://x/> <http://y/>", "<http://x/>>",
                                   "<>", "<relative>", "< http://x/>", "<http://x/> #", "<http://x/ } UNION {>"])
def test_an_untyped_value_in_angle_brackets_must_be_one_absolute_iri(runner, graph_ttl: Path, tmp_path: Path,
                                                                      engine: str, value: str):
    query = tmp_path / "headerless.rq"
    query.write_text(HEADERLESS + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["query", str(query), "--data", str(graph_ttl), "--engine", engine,
                                 "--param", f"v={value}"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: --param v={value!r}: ")
    assert one_line_error(result.stderr)
    assert result.stdout == ""


def test_an_untyped_value_that_starts_with_a_bracket_says_how_to_pass_text(runner, graph_ttl: Path, tmp_path: Path):
    query = tmp_path / "headerless.rq"
    query.write_text(HEADERLESS + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["query", str(query), "--data", str(graph_ttl), "-p", "v=<http://x/> } UNION { ?s ?p ?o } #"])
    assert result.stderr == ("Error: --param v='<http://x/> } UNION { ?s ?p ?o } #': not one IRI; write a single full "
                             "IRI in < >, e.g. <https://example.org/x>, or, to pass text, declare the parameter in a "
                             "header: # param NAME: string\n")


#: Values made of the pieces of SPARQL syntax, IRIs and escapes.
SPARQLISH = st.lists(st.sampled_from(list("<>{}()[]\"'\\#?$:;.,|^`@ _-/\n\tauUxs019")
                                     + ["http://", "schema:", "} UNION {", "\\u0022", "<http://x/>"]),
                     max_size=12).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=SPARQLISH)
def test_any_untyped_value_becomes_exactly_one_term_or_one_line_error(value: str):
    for engine in ENGINES:
        try:
            answer = run_query(text=HEADERLESS, raw_params=[f"v={value}"], data=[TINY], engine=engine)
        except QueryError as err:
            assert "\n" not in str(err) and str(err).startswith("--param v=")
            continue
        (term,), = answer.result.rows
        if value.strip().startswith("<"):
            assert term == URIRef(value.strip()[1:-1])
        else:
            assert term == Literal(value) or (isinstance(term, URIRef) and value.strip().split(":", 1)[1] in term)


# Item 11b: with --endpoint, the client parses the query and the server runs it


def _json_answer(boolean: bool = True) -> tuple:
    return (200, json.dumps({"head": {}, "boolean": boolean}).encode(), "application/sparql-results+json")


@pytest.mark.parametrize("form", ["ASK { SERVICE <URL> { ?s ?p ?o } }", "SELECT * WHERE { SERVICE <URL> { ?s ?p ?o } }"])
def test_endpoint_query_with_service_is_sent_not_run_on_the_client(runner, scripted_server, listener, form: str):
    query = form.replace("URL", listener.url)
    if form.startswith("SELECT"):
        scripted_server.answers.append((200, b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}',
                                        "application/sparql-results+json"))
    else:
        scripted_server.answers.append(_json_answer())
    result = runner.invoke(cli, ["query", "--text", query, "--endpoint", f"{scripted_server.url}/query"])
    assert result.exit_code == 0, result.output
    assert listener.requests == []
    assert [(method, path) for method, path, _ in scripted_server.requests] == [("POST", "/query")]


def test_a_heavy_query_goes_to_the_endpoint_at_once(scripted_server):
    """10^10 rows from VALUES alone: the client ran it (on an empty store) before sending it."""
    values = " ".join(f"VALUES ?{v} {{ {' '.join(str(i) for i in range(100))} }}" for v in "abcde")
    query = f"ASK {{ {values} FILTER(?a + ?b + ?c + ?d + ?e < 0) }}"
    scripted_server.answers.append(_json_answer(False))
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "graph", "query", "--text", query,
                             "--endpoint", f"{scripted_server.url}/query"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "no\n", "")
    assert time.monotonic() - started < 20
    assert len(scripted_server.requests) == 1


def test_endpoint_syntax_errors_are_still_caught_before_sending(runner, scripted_server):
    result = runner.invoke(cli, ["query", "--text", "ASK { ?s ?p }", "--endpoint", f"{scripted_server.url}/query"])
    assert result.exit_code == 2 and result.stderr.startswith("Error: --text:1:")
    assert scripted_server.requests == []


# Item 12: runaway local queries stop on --timeout, Ctrl-C and SIGTERM


@pytest.mark.parametrize("engine", ENGINES)
def test_timeout_stops_a_runaway_local_query(runner, graph_ttl: Path, engine: str):
    started = time.monotonic()
    result = runner.invoke(cli, ["query", "--text", CROSS_JOIN[engine], "--data", str(graph_ttl), "--engine", engine,
                                 "--timeout", "1"])
    assert time.monotonic() - started < 5
    assert (result.exit_code, result.stderr) == (
        2, "Error: --text: no answer within --timeout 1 s, so the query was stopped; narrow it (more specific "
           "patterns, LIMIT) or allow it more time with --timeout SECONDS\n")


def test_local_queries_have_a_default_timeout_of_30_seconds():
    option = next(p for p in cli.commands["query"].params if p.name == "timeout")
    assert option.default == 30.0
    limits = (ROOT / "README.md").read_text(encoding="utf-8").split("## Limits", 1)[1].split("\n## ", 1)[0]
    assert "| time of a query on files (`kg query --data`) | `--timeout`, default 30 s |" in limits


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            pass
    return found


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("how", "code", "word"), [("ctrl-c", 130, "Interrupted"), ("sigterm", 143, "Terminated")])
def test_ctrl_c_and_sigterm_stop_a_runaway_local_query(graph_ttl: Path, engine: str, how: str, code: int, word: str):
    """Ctrl-C goes to the terminal's whole process group; SIGTERM (kill) to kg alone. No worker outlives kg."""
    marker = f"# runaway-{uuid.uuid4()}"
    process = subprocess.Popen([sys.executable, "-m", "graph", "query", "--text", f"{CROSS_JOIN[engine]} {marker}",
                                "--data", str(graph_ttl), "--engine", engine, "--timeout", "600"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        time.sleep(2.5)  # loaded and deep in the query
        assert process.poll() is None
        if how == "ctrl-c":
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=15)
        assert (process.returncode, stderr) == (code, f"{word}; the earlier outputs are unchanged.\n")
        deadline = time.monotonic() + 5
        while _processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _processes_with(marker) == []
    finally:
        for pid in [process.pid, *_processes_with(marker)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait()


def test_a_crashing_engine_takes_only_its_worker():
    from graph.query.worker import Stopped, contained

    with pytest.raises(Stopped, match=r"^the SPARQL engine crashed on this query \(SIGSEGV\); "):
        contained(lambda: os.kill(os.getpid(), signal.SIGSEGV), 10)
    assert contained(lambda: "answer", 10) == "answer"


# Item 13: deep nesting is refused before any parser sees it

DEEP = {
    "braces": ("SELECT * WHERE " + "{ " * 20_000 + "?s ?p ?o" + " }" * 20_000, "1:216"),
    "parentheses": ("SELECT * WHERE { FILTER(" + "(" * 100_000 + "1" + ")" * 100_000 + ") }", "1:123"),
    "blank-nodes": ("SELECT * WHERE { ?s ?p " + "[ ?p " * 20_000 + "?o" + " ]" * 20_000 + " }", "1:519"),
    "after-a-less-than": ("SELECT * WHERE { ?s ?p ?a FILTER(?a<" + "(" * 100_000 + "1" + ")" * 100_000 + ">0) }",
                          "1:135"),
}


@pytest.mark.parametrize("engine", [*ENGINES, "endpoint"])
@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting_is_refused_with_one_line(graph_ttl: Path, tmp_path: Path, scripted_server, engine: str,
                                               shape: str):
    text, where = DEEP[shape]
    query = tmp_path / "deep.rq"
    query.write_text(text + "\n", encoding="utf-8")
    target = ["--endpoint", f"{scripted_server.url}/query"] if engine == "endpoint" else \
        ["--data", str(graph_ttl), "--engine", engine]
    result = subprocess.run([sys.executable, "-m", "graph", "query", str(query), *target],
                            capture_output=True, text=True, timeout=120, check=False)
    assert (result.returncode, result.stderr) == (
        2, f"Error: {query}:{where}: brackets {{ ( [ nested more than 100 levels deep; a query needs a few, "
           "so write it flatter\n")
    assert scripted_server.requests == []


def test_nesting_up_to_the_limit_runs(graph_ttl: Path):
    from graph.query.sparql import MAX_NESTING

    assert MAX_NESTING == 100
    query = "SELECT * WHERE " + "{ " * MAX_NESTING + "?s a schema:Person" + " }" * MAX_NESTING + " ORDER BY ?s LIMIT 1"
    assert len(run_query(text=query, data=[graph_ttl]).result.rows) == 1


def test_nesting_too_deep_for_rdflib_says_so(runner, graph_ttl: Path):
    query = "SELECT * WHERE " + "{ " * 100 + "?s a schema:Person" + " }" * 100
    result = runner.invoke(cli, ["query", "--text", query, "--data", str(graph_ttl), "--engine", "rdflib"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: --text: SPARQL syntax error: nested too deeply for rdflib's parser (use --engine oxigraph, or "
           "write the query flatter); fix the query there\n")


# Item 14: the query text is bounded, whatever the source


def _at_most_4_gb() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # kg read /dev/zero until memory ran out


def test_endless_standard_input_is_refused(graph_ttl: Path):
    with open("/dev/zero", "rb") as zeros:
        result = subprocess.run([sys.executable, "-m", "graph", "query", "-", "--data", str(graph_ttl)], stdin=zeros,
                                capture_output=True, text=True, timeout=120, check=False, preexec_fn=_at_most_4_gb)
    assert (result.returncode, result.stderr) == (
        2, "Error: <stdin>: the query is over the limit of 1 MB of text; a query is a few kilobytes: put data in a "
           "Turtle file and pass it with --data\n")


def test_query_file_over_the_limit_is_refused_without_reading_it(runner, graph_ttl: Path, tmp_path: Path):
    query = tmp_path / "huge.rq"
    with query.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing read beyond the limit
    started = time.monotonic()
    result = runner.invoke(cli, ["query", str(query), "--data", str(graph_ttl)])
    assert time.monotonic() - started < 5
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {query}: the query is over the limit of 1 MB of text; a query is a few kilobytes: put data in a "
           "Turtle file and pass it with --data\n")


def test_query_text_over_the_limit_is_refused(runner, graph_ttl: Path):
    text = "ASK { ?s ?p ?o } #" + "x" * 1024 * 1024
    result = runner.invoke(cli, ["query", "--text", text, "--data", str(graph_ttl)])
    assert result.exit_code == 2 and result.stderr.startswith("Error: --text: the query is over the limit of 1 MB")
    piped = runner.invoke(cli, ["query", "-", "--data", str(graph_ttl)], input="ASK { ?s ?p ?o }")
    assert (piped.exit_code, piped.stdout) == (0, "yes\n")
