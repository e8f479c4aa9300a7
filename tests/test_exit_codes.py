"""Exit codes: one table in README.md ("Exit codes"), and every command driven into every code
it can produce, each checked against that table and graph/errors.py."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import errors
from graph.cli import cli
from conftest import DATA, MINIMAL, ROOT



def readme_codes() -> dict[int, str]:
    """The exit code table of README.md: code → meaning."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): meaning.strip() for code, meaning in re.findall(r"^\| (\d+) \| (.+?) \|$", section, re.MULTILINE)}


def closed_port_url(path: str) -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"  # nothing listens there once the socket is closed


def blocked(tmp_path: Path) -> Path:
    """A path whose parent is a file: no folder can be made there, whoever runs the test."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    return blocker / "out"


#: (command, exit code) → the arguments that lead there, given a scratch folder and a fresh build.
CASES = {
    ("build", 0): lambda tmp, built: ["build", str(MINIMAL), "--out", str(tmp / "out")],
    ("build", 2): lambda tmp, built: ["build", str(DATA / "bad" / "unknown-field"), "--out", str(tmp / "out")],
    ("build", 4): lambda tmp, built: ["build", str(MINIMAL), "--out", str(blocked(tmp))],
    ("validate", 0): lambda tmp, built: ["validate", str(built / "graph.ttl")],
    ("validate", 1): lambda tmp, built: ["validate", str(DATA / "shapes" / "person-without-name.ttl")],
    ("validate", 2): lambda tmp, built: ["validate", str(DATA / "fuzz" / "turtle" / "cut-in-string.ttl")],
    ("render", 0): lambda tmp, built: ["render", str(built / "graph.ttl"), "--out", str(tmp / "page.html")],
    ("render", 2): lambda tmp, built: ["render", str(built / "graph.ttl"), "--max-nodes", "3", "--out", str(tmp / "page.html")],
    ("render", 4): lambda tmp, built: ["render", str(built / "graph.ttl"), "--out", str(blocked(tmp) / "page.html")],
    ("stats", 0): lambda tmp, built: ["stats", str(built / "graph.ttl")],
    ("stats", 2): lambda tmp, built: ["stats", str(DATA / "fuzz" / "turtle" / "not-utf8.ttl")],
    ("query", 0): lambda tmp, built: ["query", "who-said-what", "--data", str(built / "graph.ttl")],
    ("query", 2): lambda tmp, built: ["query", "--text", "SELECT ?x WHERE { ?x ?y }", "--data", str(built / "graph.ttl")],
    ("query", 3): lambda tmp, built: ["query", "who-said-what", "--endpoint", closed_port_url("/query")],
    ("draft", 0): lambda tmp, built: ["draft", str(MINIMAL / "article.txt"), "--out", str(tmp / "draft")],
    ("draft", 2): lambda tmp, built: ["draft", str(DATA / "fuzz" / "turtle" / "not-utf8.ttl"), "--out", str(tmp / "d")],
    ("draft", 4): lambda tmp, built: ["draft", str(MINIMAL / "article.txt"), "--out", str(blocked(tmp) / "draft")],
    ("push", 2): lambda tmp, built: ["push", str(DATA / "fuzz" / "turtle" / "cut-in-string.ttl"),
                              "--endpoint", "http://127.0.0.1:9/store"],
    ("push", 3): lambda tmp, built: ["push", str(built / "graph.trig"), "--retries", "0",
                              "--endpoint", closed_port_url("/store")],
}
#: Each command and the library function it calls, to interrupt it there.
CALLS = {"build": "graph.corpus.pipeline.build", "validate": "graph.rdf.validate.validate_graph",
         "render": "graph.network.render.render", "stats": "graph.network.render.stats_report",
         "query": "graph.query.run.run_query", "push": "graph.remote.push.push",
         "draft": "graph.draft.pipeline.draft_folder"}


def test_readme_documents_every_code_of_graph_errors():
    constants = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    assert set(readme_codes()) == constants


@pytest.mark.parametrize(("command", "code"), sorted(CASES), ids=lambda x: str(x))
def test_command_exits_with_a_documented_code(runner, command: str, code: int, tmp_path: Path, built: Path,
                                              monkeypatch):
    monkeypatch.setattr("graph.remote.http.pause", lambda seconds: None)
    result = runner.invoke(cli, CASES[(command, code)](tmp_path, built))
    assert result.exit_code == code, result.output
    assert code in readme_codes()
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if code >= 2:
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr


def test_build_exits_1_when_the_graph_breaks_the_shapes(runner, tmp_path: Path, monkeypatch):
    """The facts checks let no graph that breaks our shapes through (each such mistake is refused
    with its line, exit 2), so stricter shapes stand in for them here."""
    monkeypatch.setattr("graph.rdf.validate.shapes_file", lambda: DATA / "stricter-shapes.ttl")
    result = runner.invoke(cli, ["build", str(MINIMAL), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert 1 in readme_codes()
    assert result.stderr == ("Error: the built graph breaks the shapes (2 results; first: Violation: person:jane-doe "
                             "schema:honorificPrefix: every person needs an honorific (a test's rule)); nothing was "
                             "written\n")
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.server
def test_push_exits_0(runner, oxigraph_server, built: Path):
    result = runner.invoke(cli, ["push", str(built / "graph.trig"), "--endpoint", oxigraph_server.store])
    assert result.exit_code == 0, result.output
    assert 0 in readme_codes()


@pytest.mark.parametrize("command", sorted(CALLS))
@pytest.mark.parametrize(("stop", "code", "word"), [(KeyboardInterrupt, 130, "Interrupted"),
                                                     (errors.Terminated, 143, "Terminated")], ids=["ctrl-c", "sigterm"])
def test_every_command_can_be_interrupted(runner, command: str, stop, code: int, word: str, monkeypatch, tmp_path):
    def interrupted(*args, **kwargs):
        raise stop()

    monkeypatch.setattr(CALLS[command], interrupted)
    args = {"build": ["build", "--out", str(tmp_path)], "push": ["push", "--endpoint", "http://127.0.0.1:9/store"],
            "draft": ["draft", str(MINIMAL / "article.txt"), "--out", str(tmp_path / "draft")],
            "query": ["query", "who-said-what"]}.get(command, [command])
    result = runner.invoke(cli, args)
    assert result.exit_code == code
    assert code in readme_codes()
    assert result.stderr == f"{word}; the earlier outputs are unchanged.\n"


def test_sigterm_stops_a_push_waiting_for_the_server(scripted_server, tmp_path: Path, built: Path):
    """A real SIGTERM, to a command other than build (test_faults.py interrupts builds)."""
    scripted_server.answers.append(("hang", 30))
    process = subprocess.Popen([sys.executable, "-m", "graph", "push", str(built / "graph.trig"),
                                "--endpoint", f"{scripted_server.url}/store", "--quiet"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not scripted_server.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    assert scripted_server.requests, "the push never reached the server"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == errors.EXIT_TERMINATED
    assert stderr == "Terminated; the earlier outputs are unchanged.\n"


def test_unreadable_article_text_is_an_input_error_naming_it(runner, tmp_path: Path, monkeypatch):
    """Permission denied on article.txt (simulated: the tests may run as root, who reads anything)."""
    text = MINIMAL / "article.txt"
    real = os.open

    def refuse(path, flags, *args):
        if Path(path) == text.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr("graph.facts.loader.os.open", refuse)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(MINIMAL), "--out", str(out), "--quiet", "--no-cache"])
    assert result.exit_code == errors.EXIT_BAD_INPUT
    assert result.stderr == f"Error: {text}: cannot read the article text (Permission denied); check its permissions\n"
    assert not any(out.glob("graph.*"))


def test_validate_breaks_the_shapes_through_the_error_class(runner, monkeypatch):
    raised: list[errors.KgError] = []
    original = errors.NonConformingError.__init__

    def record(self, *args):
        original(self, *args)
        raised.append(self)

    monkeypatch.setattr(errors.NonConformingError, "__init__", record)
    case = DATA / "shapes" / "membership-without-role.ttl"
    result = runner.invoke(cli, ["validate", str(case)])
    assert result.exit_code == errors.EXIT_NONCONFORMING
    assert [type(e) for e in raised] == [errors.NonConformingError]
    assert result.stderr == f"Error: Does not conform: 1 result in {case}\n"


def test_readme_says_which_command_ends_with_which_code():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `kg (\w+)` \| ([\d, ]+) \|$", text, re.MULTILINE))
    expected = {command: {code for (name, code) in CASES if name == command} | {130, 143} for command in CALLS}
    expected["build"].add(1)  # test_build_exits_1_when_the_graph_breaks_the_shapes
    expected["push"].add(0)  # test_push_exits_0, against a real server
    assert {name: {int(c) for c in codes.split(",")} for name, codes in table.items()} == expected
