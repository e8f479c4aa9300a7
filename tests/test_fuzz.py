"""Hostile input: a deterministic fuzz sweep over the loaders (scripts/fuzz.py), and the cases it
found, kept as small files in tests/data/fuzz/ or made here when they are big.

Every damaged facts file, article text or foreign Turtle file must end in success or in one
line "Error: <file>:<line>: ..." with exit 2: never a traceback, never a hang, never a lost output.
"""

import importlib.util
import os
import subprocess
import re
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from graph.cli import cli
from graph.facts.loader import MAX_FACTS_BYTES
from graph.facts.read import MAX_ARTICLE_BYTES
from conftest import DATA, MINIMAL, ROOT

FACTS_CASES = sorted(p for p in (DATA / "fuzz" / "facts").iterdir() if p.is_dir())
TURTLE_CASES = sorted((DATA / "fuzz" / "turtle").glob("*.ttl"))
#: The CI sweep: about 12 s here (2 cores). scripts/fuzz.py runs bigger ones on demand.
SWEEP_CASES = 500
SWEEP_SEED = 20251128


@pytest.fixture(scope="module")
def fuzz():
    """scripts/fuzz.py, loaded from its path (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("kg_fuzz", ROOT / "scripts" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sweep_of_damaged_inputs_gives_clear_errors_only(fuzz, tmp_path: Path, capsys):
    report = fuzz.sweep(SWEEP_CASES, SWEEP_SEED, timeout=20.0, work=tmp_path)
    with capsys.disabled():
        print(f"\nfuzz sweep (seed {SWEEP_SEED}): " + report.figures().replace("\n", "\n    "))
    assert len(report.outcomes) == SWEEP_CASES
    assert report.failures == [], report.figures()
    assert report.count("error") > SWEEP_CASES // 2  # the mutations do damage most inputs
    assert report.count("ok") > 0


def test_sweep_is_deterministic(fuzz):
    assert fuzz.plan(50, 7) == fuzz.plan(50, 7)
    assert fuzz.plan(50, 7) != fuzz.plan(50, 8)
    assert {m for case in fuzz.plan(400, SWEEP_SEED) for m in case.mutations} == set(fuzz.MUTATIONS)


@pytest.mark.parametrize("case", FACTS_CASES, ids=lambda p: p.name)
def test_damaged_facts_file(runner, case: Path, tmp_path: Path):
    result = runner.invoke(cli, ["build", str(case), "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 2
    assert result.stderr == (case / "expected.txt").read_text(encoding="utf-8").replace("{dir}", str(case))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", TURTLE_CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("command", ["render", "stats", "validate"])
def test_damaged_turtle_file(runner, path: Path, command: str, tmp_path: Path):
    """render, stats and validate read Turtle alike (Oxigraph into rdflib): the same one line, or success."""
    expected = path.with_suffix(".expected.txt").read_text(encoding="utf-8").replace("{path}", str(path))
    args = [command, str(path)] + (["--out", str(tmp_path / "page.html")] if command == "render" else [])
    result = runner.invoke(cli, args)
    stderr = result.stderr
    if command == "validate" and result.exit_code == 1:  # it reads, and breaks the shapes
        assert re.fullmatch(rf"Error: Does not conform: \d+ results? in {re.escape(str(path))}\n", stderr)
        stderr = ""
    assert stderr == expected
    if expected:
        assert result.exit_code == 2
    else:
        assert result.exit_code in ((0, 1) if command == "validate" else (0,)), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("path", TURTLE_CASES, ids=lambda p: p.stem)
def test_damaged_turtle_file_in_oxigraph(runner, path: Path):
    """kg query reads with Oxigraph, which gives a column too."""
    expected = path.with_suffix(".expected.txt").read_text(encoding="utf-8").replace("{path}", str(path))
    result = runner.invoke(cli, ["query", "--data", str(path), "--text", "SELECT * WHERE { ?s ?p ?o } LIMIT 3"])
    if expected:
        assert result.exit_code == 2
        line = expected.split(":", 3)[2] if expected.startswith(f"Error: {path}:") else ""
        assert result.stderr.startswith(f"Error: {path}:{line}")
        assert len(result.stderr.splitlines()) == 1
    else:
        assert result.exit_code == 0, result.output
        assert result.stderr == ""


def test_ill_typed_literal_prints_no_warning_traceback(runner, tmp_path: Path):
    """rdflib logs an ill-typed literal with a traceback; nothing of it reaches the user."""
    path = DATA / "fuzz" / "turtle" / "ill-typed-literal.ttl"
    result = runner.invoke(cli, ["query", "--data", str(path), "--engine", "rdflib",
                                 "--text", "SELECT ?d WHERE { ?e schema:startDate ?d }"])
    assert result.exit_code == 0
    assert "the sixteenth" in result.stdout
    assert result.stderr == ""


def test_control_characters_from_a_file_are_escaped_in_the_message(runner, tmp_path: Path):
    path = tmp_path / "bad.ttl"
    path.write_text('@prefix ex: <https://example.org/> .\nex:a ex:b "x\u2028\x1b[2J" ex:c .\n', encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\u2028" not in result.stderr
    assert result.stderr.startswith(f"Error: {path}:2: not valid Turtle: ")
    assert result.stderr.count("\n") == 1


# -- big inputs, made here ---------------------------------------------------------------------

@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A copy of the minimal article to damage."""
    folder = tmp_path / "article"
    folder.mkdir()
    for name in ("facts.yaml", "article.txt"):
        (folder / name).write_bytes((MINIMAL / name).read_bytes())
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_hundred_thousand_brackets_do_not_crash_the_interpreter(article: Path, tmp_path: Path):
    """libyaml's composer recursed in C and crashed Python (SIGSEGV) on this; now it is refused first."""
    _replace(article / "facts.yaml", "    topics: [rural-clinics]\n", "    topics: " + "[" * 100_000 + "\n")
    result = subprocess.run([sys.executable, "-m", "graph", "build", str(article), "--out", str(tmp_path / "out"),
                             "--quiet"], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr == (f"Error: {article / 'facts.yaml'}:44: lists and mappings nested more than 50 levels "
                             "deep; a facts file needs five at most\n")


def test_two_megabyte_excerpt_not_found_answers_quickly(runner, article: Path, tmp_path: Path):
    """The closest-passage suggestion compared the whole excerpt: minutes for 2 MB; now the start of it."""
    _replace(article / "facts.yaml", "    evidence: met in Lyon\n", "    evidence: met at Lyon" + " Lyon" * 400_000 + "\n")
    started = time.monotonic()
    result = runner.invoke(cli, ["build", str(article), "--out", str(tmp_path / "out")])
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {article / 'facts.yaml'}:29: evidence of place 'lyon' not found in "
                                    'article.txt: "met at Lyon Lyon Lyon')
    assert "; closest passage (article.txt line " in result.stderr
    assert result.stderr.endswith('"; copy the passage exactly as the article has it\n')
    assert len(result.stderr) < 1000


def test_two_megabyte_role_builds(runner, article: Path, tmp_path: Path):
    """rdflib's N-Triples parser is quadratic in a line's length; the build reads its lines as Turtle."""
    role = "director " + "of clinics " * 190_000
    _replace(article / "facts.yaml", "    role: director\n", f"    role: {role}\n")
    result = runner.invoke(cli, ["build", str(article), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    labels = {str(t.object.value) for t in pyoxigraph.parse(path=str(tmp_path / "out" / "graph.ttl"),
                                                           format=pyoxigraph.RdfFormat.TURTLE)}
    assert role.strip() in labels


def test_line_separators_in_the_article_keep_one_statement_per_line(runner, article: Path, tmp_path: Path):
    """U+2028, U+2029 and U+0085 end a line for str.splitlines(); they broke the sorted statements."""
    _replace(article / "article.txt", "for the Rural Clinics Forum.", "for the\u2028Rural Clinics Forum.\u2029\x85")
    result = runner.invoke(cli, ["build", str(article), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "\u2028" not in text and "\\u2028" in text
    exact = {t.object.value for t in pyoxigraph.parse(path=str(tmp_path / "out" / "graph.ttl"),
                                                     format=pyoxigraph.RdfFormat.TURTLE)
             if t.predicate.value == "http://www.w3.org/ns/oa#exact"}
    assert "met in Lyon for the\u2028Rural Clinics Forum" in exact


def test_fifty_megabyte_facts_file_is_refused_at_once(runner, article: Path, tmp_path: Path):
    with (article / "facts.yaml").open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)  # a sparse file: nothing is read before the size is checked
    started = time.monotonic()
    result = runner.invoke(cli, ["build", str(article), "--out", str(tmp_path / "out")])
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {article / 'facts.yaml'}: facts file is 50.0 MB, over the limit of "
                             f"{MAX_FACTS_BYTES // 1_048_576} MB; split it into several articles\n")


def test_oversized_article_text_is_refused(runner, article: Path, tmp_path: Path):
    with (article / "article.txt").open("r+b") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)
    result = runner.invoke(cli, ["build", str(article), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {article / 'article.txt'}: article text is 5.0 MB, over the limit of 5 MB; "
                             "split it into several articles\n")


@pytest.mark.parametrize("command", ["render", "stats", "validate", "query-rdflib", "query"])
def test_turtle_over_the_limit_is_refused_before_reading(runner, command: str, tmp_path: Path, built: Path,
                                                        monkeypatch):
    """The limits are 100 MB (rdflib) and 1000 MB (Oxigraph); KG_MAX_TURTLE_MB sets them, here to 0.01 MB."""
    monkeypatch.setenv("KG_MAX_TURTLE_MB", "0.01")
    path = built / "graph.ttl"
    args = {"render": ["render", str(path), "--out", str(tmp_path / "p.html")], "stats": ["stats", str(path)],
            "validate": ["validate", str(path)],
            "query-rdflib": ["query", "who-said-what", "--data", str(path), "--engine", "rdflib"],
            "query": ["query", "who-said-what", "--data", str(path)]}[command]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    size = f"{path.stat().st_size / 1_048_576:.2g}"
    reader = "kg query with Oxigraph" if command == "query" else \
        "rdflib (kg render, stats, validate, query --engine rdflib)"
    assert result.stderr.startswith(f"Error: {path}: {size} MB of Turtle is over the limit of 0.01 MB for {reader}, "
                                    "which holds the whole graph in memory; ")
    assert result.stderr.endswith(", or raise the limit with KG_MAX_TURTLE_MB=MEGABYTES\n")
    assert not (tmp_path / "p.html").exists()


def test_a_bad_limit_setting_is_an_error(runner, built: Path, monkeypatch):
    monkeypatch.setenv("KG_MAX_TURTLE_MB", "lots")
    result = runner.invoke(cli, ["stats", str(built / "graph.ttl")])
    assert result.exit_code == 2
    assert result.stderr == "Error: KG_MAX_TURTLE_MB='lots': not a number of megabytes; e.g. KG_MAX_TURTLE_MB=500\n"


def test_fuzz_script_prints_its_figures(tmp_path: Path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "fuzz.py"), "--cases", "12", "--seed", "5"],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "python scripts/fuzz.py --cases 12 --seed 5"
    assert lines[1].startswith("cases tried: 12 (")
    assert lines[3] == "tracebacks: 0; hangs: 0; outputs lost: 0; unclear messages: 0; unexpected exit codes: 0"
