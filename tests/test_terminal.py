"""What reaches a terminal (issue 15, item 17): one policy for every command. Text for people is
always escaped; machine formats (csv, tsv, json, xml, turtle) are exact in a file or a pipe and
escaped on a terminal. CliRunner's streams are never terminals, so graph.text.is_terminal is
patched to say they are; one test runs kg on a real pseudo-terminal."""

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import graph.text
from graph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
HOSTILE = DATA / "turtle" / "terminal-escapes.ttl"
MALLORY = "Mallory \x1b]0;pwned\x07\x1b[2J \x07 \u202egnp.exe \x9b31m"
SHOWN = r"Mallory \x1b]0;pwned\x07\x1b[2J \x07 \u202egnp.exe \x9b31m"
NAMES = "SELECT ?s ?n WHERE { ?s schema:name ?n } ORDER BY ?n"
CONSTRUCT = "CONSTRUCT { ?s schema:name ?n } WHERE { ?s schema:name ?n }"
#: Characters that act on a terminal: C0 and C1 controls but tab and line ends, bidi controls.
ACTING = [chr(c) for c in (*range(0x00, 0x09), *range(0x0b, 0x0d), *range(0x0e, 0x20), *range(0x7f, 0xa0))] + \
    [chr(c) for c in (0x200e, 0x200f, *range(0x202a, 0x202f), *range(0x2066, 0x206a))]


def acting(text: str) -> list[str]:
    return sorted({ch for ch in text if ch in ACTING})


@pytest.fixture
def on_a_terminal(monkeypatch):
    monkeypatch.setattr(graph.text, "is_terminal", lambda stream: True)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_results_on_a_terminal_show_control_characters_escaped(runner, on_a_terminal, fmt: str):
    if fmt == "xml":  # XML 1.0 cannot carry ESC: refused with a message, nothing printed raw
        result = runner.invoke(cli, ["query", "--text", NAMES, "--data", str(HOSTILE), "-f", fmt])
        assert result.exit_code == 2 and acting(result.output) == []
        return
    result = runner.invoke(cli, ["query", "--text", NAMES, "--data", str(HOSTILE), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert acting(result.output) == [] and "pwned" in result.output


@pytest.mark.parametrize("fmt", ["table", "turtle"])
def test_construct_results_on_a_terminal_show_control_characters_escaped(runner, on_a_terminal, fmt: str):
    result = runner.invoke(cli, ["query", "--text", CONSTRUCT, "--data", str(HOSTILE), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert acting(result.output) == [] and "pwned" in result.output


def test_machine_formats_in_a_pipe_keep_the_data_exact(runner):
    json_out = runner.invoke(cli, ["query", "--text", NAMES, "--data", str(HOSTILE), "-f", "json"]).stdout
    names = [b["n"]["value"] for b in json.loads(json_out)["results"]["bindings"]]
    assert names == ["Acme", MALLORY]
    csv_out = runner.invoke(cli, ["query", "--text", NAMES, "--data", str(HOSTILE), "-f", "csv"]).stdout_bytes
    assert csv_out.endswith(f",{MALLORY}\r\n".encode())  # click would strip the ESC [2J out of a pipe
    tsv_out = runner.invoke(cli, ["query", "--text", NAMES, "--data", str(HOSTILE), "-f", "tsv"]).stdout
    assert "\u202egnp.exe" in tsv_out  # SPARQL syntax escapes ESC and BEL itself, not U+202E


def test_tables_in_a_pipe_are_escaped_too(runner):
    result = runner.invoke(cli, ["query", "--text", NAMES, "--data", str(HOSTILE)])
    assert acting(result.output) == [] and SHOWN in result.output


def test_endpoint_answers_on_a_terminal_show_control_characters_escaped(runner, on_a_terminal, scripted_server):
    """A server's answer can hold anything: variable names and blank nodes too."""
    var, blank = "n\x1b[2J", "b\x1b]0;pwned\x07"
    answer = {"head": {"vars": ["n", var]}, "results": {"bindings": [
        {"n": {"type": "literal", "value": MALLORY}, var: {"type": "bnode", "value": blank}}]}}
    body = json.dumps(answer).encode()
    for fmt in ("table", "json", "tsv", "csv"):
        scripted_server.answers.append((200, body, "application/sparql-results+json"))
        result = runner.invoke(cli, ["query", "--text", "SELECT ?n WHERE { ?s ?p ?n }", "--endpoint",
                                     f"{scripted_server.url}/query", "-f", fmt])
        assert result.exit_code == 0, result.output
        assert acting(result.output) == [] and "Mallory" in result.output, fmt


def test_render_focus_summary_shows_the_name_escaped(runner, tmp_path: Path):
    result = runner.invoke(cli, ["render", str(HOSTILE), "--focus", "mallory", "--out", str(tmp_path / "m.html")])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"2 entities, 1 link around {SHOWN} → {tmp_path / 'm.html'}\n"


def test_stats_shows_the_name_escaped_and_the_columns_aligned(runner):
    result = runner.invoke(cli, ["stats", str(HOSTILE)])
    assert acting(result.output) == []
    row = next(line for line in result.stdout.splitlines() if "Mallory" in line)
    assert row == f"  2  {SHOWN[:39]}…  person             1        0.000"


def test_validate_lines_show_values_escaped(runner, tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix schema: <https://schema.org/> .\n'
                   '<https://example.org/news-kg/event/e> a schema:Event ; schema:startDate "\\u202E\\u0007 soon" .\n',
                   encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert '(value "\\u202e\\x07 soon")' in result.stdout
    assert acting(result.output) == []


def test_build_warnings_show_names_escaped(runner, tmp_path: Path):
    sources = tmp_path / "renamed"
    shutil.copytree(DATA / "merge" / "renamed", sources)
    facts = sources / "b" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "name: Jane A. Doe", 'name: "Jane \\e]0;pwned\\a\\e[2J \\u202EA. Doe"'), encoding="utf-8")
    result = runner.invoke(cli, ["build", str(sources), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Jane \\x1b]0;pwned\\x07\\x1b[2J \\u202eA. Doe" in result.stderr
    assert acting(result.output) == []


def test_is_terminal_asks_the_stream(tmp_path: Path):
    with open(tmp_path / "f", "w") as file:
        assert graph.text.is_terminal(file) is False
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "w", closefd=False) as tty:
            assert graph.text.is_terminal(tty) is True
    finally:
        os.close(master)
        os.close(slave)


def run_on_a_pty(args: list[str], timeout: float = 60.0) -> str:
    """kg's stdout and stderr on a real pseudo-terminal: everything it wrote there."""
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "graph", *args], stdin=subprocess.DEVNULL, stdout=slave,
                               stderr=slave, cwd=ROOT)
    os.close(slave)
    chunks = []
    try:
        while select.select([master], [], [], timeout)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: kg has exited and closed its side
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
        process.wait(timeout=timeout)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize("args", [
    ["query", "--text", NAMES, "--data", str(HOSTILE), "-f", "json"],
    ["query", "--text", NAMES, "--data", str(HOSTILE), "-f", "csv"],
    ["query", "--text", CONSTRUCT, "--data", str(HOSTILE)],
    ["stats", str(HOSTILE)],
], ids=["json", "csv", "turtle", "stats"])
def test_on_a_real_terminal_nothing_from_the_data_acts(args: list[str]):
    shown = run_on_a_pty(args)
    assert "pwned" in shown
    assert acting(shown.replace("\r\n", "\n")) == []
