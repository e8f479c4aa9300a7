"""The CLI layer: help with examples everywhere, instant start-up, exact messages and exit codes."""

import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import cli

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(runner, name: str):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert cli.commands[name].help


def test_help_imports_nothing_heavy():
    code = ("import sys; from graph.cli import cli; "
            "heavy = [m for m in ('rdflib', 'pyshacl', 'pyvis', 'networkx', 'pyoxigraph') if m in sys.modules]; "
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_python_dash_m_graph_works():
    result = subprocess.run([sys.executable, "-m", "graph", "--help"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("Usage: kg [OPTIONS] COMMAND [ARGS]...")


def test_build_prints_one_summary_line(runner, tmp_path: Path):
    result = runner.invoke(cli, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("811 triples; 4 people, 7 organizations, 1 events, 8 quotations, 1 articles → ")
    assert (tmp_path / "graph.ttl").is_file() and (tmp_path / "graph.jsonld").is_file()


def test_build_quiet_prints_nothing(runner, tmp_path: Path):
    result = runner.invoke(cli, ["build", "--quiet", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert result.output == ""


def test_bad_base_iri(runner, tmp_path: Path):
    result = runner.invoke(cli, ["build", "--base-iri", "urn:x", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --base-iri 'urn:x': not an http(s) IRI ending in '/' or '#'; "
                             "e.g. https://example.org/kg/\n")


def test_unwritable_output_folder_keeps_nothing_half_written(runner, tmp_path: Path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    result = runner.invoke(cli, ["build", "--out", str(blocker / "out")])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: {blocker / 'out'}: cannot create the output folder")
