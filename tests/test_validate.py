"""Validation stage: one conforming and violating examples per shape, each a Turtle file in
tests/data/shapes/ with the expected `kg validate` output written inside it (#> lines, #? exit code)."""

from pathlib import Path

import pytest

from graph.cli import cli
from graph.rdf.validate import validate_graph

CASES = sorted((Path(__file__).parent / "data" / "shapes").glob("*.ttl"))


def expected(case: Path) -> tuple[str, int]:
    lines = case.read_text(encoding="utf-8").splitlines()
    output = "".join(line[3:] + "\n" for line in lines if line.startswith("#> "))
    code = next(int(line[3:]) for line in lines if line.startswith("#? "))
    return output.replace("{file}", str(case)), code


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_validate_reports_each_result_on_one_line(runner, case: Path):
    output, code = expected(case)
    result = runner.invoke(cli, ["validate", str(case)])
    assert result.output == output
    assert result.exit_code == code


def test_bundled_graph_conforms(bundled_graph):
    report = validate_graph(bundled_graph)
    assert report.conforms, report.lines()


def test_validate_missing_file(runner, tmp_path: Path):
    missing = tmp_path / "nope.ttl"
    result = runner.invoke(cli, ["validate", str(missing)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {missing}: Turtle file not found; build one with 'kg build' or check the path\n"


def test_validate_bad_turtle_names_the_line(runner, tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix s: <http://s/> .\ns:a s:b s:c .\ns:a s:b "open\n', encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {bad}:3: not valid Turtle: newline found in string literal; "
                             "fix the syntax on that line\n")
