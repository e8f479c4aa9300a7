"""The analyst's slips (graph/facts/slips.py): warnings on a build, errors with --strict.

Each case under tests/data/slips/ is an article folder with expected.txt: the exact warnings
(empty when there is none to give; {dir} is the folder)."""

from pathlib import Path

import pytest

from conftest import DATA
from graph.cli import cli

CASES = sorted(path for path in (DATA / "slips").iterdir() if path.is_dir())


def expected(case: Path) -> str:
    return (case / "expected.txt").read_text(encoding="utf-8").replace("{dir}", str(case))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_slips_are_warnings_and_the_build_goes_on(runner, case: Path, tmp_path: Path):
    result = runner.invoke(cli, ["build", str(case), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stderr == expected(case)
    assert (tmp_path / "graph.ttl").exists()


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_strict_refuses_any_warning(runner, case: Path, tmp_path: Path):
    warnings = expected(case).splitlines()
    result = runner.invoke(cli, ["build", str(case), "--out", str(tmp_path), "--strict"])
    if not warnings:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2
    count = f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
    assert result.stderr == (f"Error: {warnings[0].removeprefix('warning: ')} (--strict: {count}, nothing was "
                             "written; fix them or build without --strict)\n")
    assert not (tmp_path / "graph.ttl").exists()


def test_there_is_a_case_of_each_slip():
    text = "".join(expected(case) for case in CASES)
    assert "mentions none of" in text and "which the article never writes" in text
    assert any(not expected(case) for case in CASES)
