#!/usr/bin/env python3
"""Benchmark `kg build`, `kg query`, `kg stats` and `kg validate` against their baselines, on generated corpora.

For each size: make a corpus (scripts/make_corpus.py), build it in a fresh process --build-runs
times, reading every article (the median wall time, since a shared machine's speed varies by a
third from one minute to the next; the highest peak RSS of the build and its workers; seconds per
phase of the median build), then compare, in the same run and on the same data:
  - Turtle writing: ours (graph/rdf/writers.py) against rdflib's `turtle` serializer on an in-memory
    Graph, on the same triples: the first articles of the corpus, up to --turtle-cap triples. Ours
    starts from the files the workers write (sorted lines per 64 articles) and merges them, as a
    build of that size does; it also formats the evidence, which a build's workers do beforehand;
  - queries: the median latency of the named queries on pyoxigraph (what `kg query` uses)
    against rdflib's SPARQL, on the whole graph; an rdflib query still running after
    --query-timeout seconds counts as that long (so the ratio is then a lower bound). One of ours
    still running then counts as endless: the median stays exact unless half the queries are.
  - `kg query`, whole commands (process start-up included): the first call, which makes the
    persistent store (graph/query/store.py), against pyoxigraph's bulk load of the same graph.ttl
    into an in-memory Store in a process of its own; then every named query with its first
    parameter bound, each as a `kg query` of its own on the store, against the same bound
    queries on a loaded in-memory pyoxigraph store (query time alone);
  - incremental rebuild: `kg build` of a copy of the corpus (which fills the cache), then, --build-runs
    times, one word added to one reported statement of one article, `kg build` (the cache is warm)
    beside `kg build --no-cache` of the same changed corpus; their outputs must be the same bytes;
  - `kg stats graph.ttl` and `kg validate graph.ttl` (wall time and peak RSS), the latter beside raw
    pySHACL (`pyshacl.validate` of the same graph read by rdflib, against ontology/shapes.ttl, with
    the options kg uses); each stopped after --timeout seconds, and then counted as ≥ that.
    KG_MAX_TURTLE_MB is raised for them when the graph is over the default Turtle limits (recorded).
Every step is a fresh process; KG_CACHE_DIR points at a temporary folder for the whole run, so the
user's caches are neither used nor touched and cold means cold. Peak RSS is each child's
ru_maxrss (with its waited-for descendants), from os.wait4.

It prints a table; --json FILE writes one object per size; scripts/bench_table.py turns that
file into README's tables. --skip leaves out parts (turtle, rdflib, store, incremental, stats,
validate, pyshacl). A benchmark, not a test: run it on a quiet machine and read the ratios, which
are measured side by side.

Usage:
    python scripts/bench.py --sizes 10,100,1000,10000 --json bench.json
    python scripts/bench.py --sizes 1000 --skip rdflib,pyshacl
"""

import argparse
import filecmp
import hashlib
import json
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("turtle", "rdflib", "store", "incremental", "stats", "validate", "pyshacl")
#: The query a user asks first (issue 17's example): its first call makes the store.
COLD_QUERY = "who-said-what"

BUILD = """
import json, resource, sys
from pathlib import Path
from graph.corpus.pipeline import build
result = build([Path(sys.argv[1])], Path(sys.argv[2]), cache=False)  # every article read: a cold build
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"triples": result.triples, "timings": result.timings, "rss_kb": max(own, children)}))
"""

TURTLE = """
import json, sys, tempfile, time
from pathlib import Path
from graph.corpus.assemble import merge_in_memory
from graph.rdf.build import article_lines, build_graph
from graph.facts.read import discover, read_article
from graph.kinds import prefixes_of
from graph.vocab import Iris
from graph.rdf.writers import write_turtle

iris, facts, runs, held = Iris(), [], [], 0
for folder in discover([Path(sys.argv[1])]):  # whole articles, up to the cap
    facts.append(read_article(folder))
    runs.append(article_lines(facts[-1], iris)[0])
    held += len(runs[-1])
    if held >= int(sys.argv[2]):
        break
lines = [line for run in runs for line in run]
with tempfile.TemporaryDirectory() as scratch:
    parts = []
    for start in range(0, len(runs), 64):  # as the workers write them: a sorted file per 64 articles
        parts.append(Path(scratch) / f"{start:06d}.nt")
        parts[-1].write_text("".join(line + "\\n" for line in sorted(sum(runs[start : start + 64], []))))
    start = time.perf_counter()
    union = Path(scratch) / "union.nt"
    merge_in_memory(parts, union)
    with open(Path(scratch) / "graph.ttl", "wb") as out:
        write_turtle(union, out, prefixes_of(iris), Path(scratch))
    ours = time.perf_counter() - start
graph = build_graph(facts, iris)
start = time.perf_counter(); graph.serialize(format="turtle"); rdflib = time.perf_counter() - start
assert len(graph) == len(set(lines))
print(json.dumps({"articles": len(facts), "triples": len(graph), "ours_s": ours, "rdflib_s": rdflib}))
"""

# The in-process comparison of the engines: ask() on an open engine, each query --repeat times
# (rdflib once), with the parameters chosen by RAW (sys.argv[5], JSON: {name: ["p=v", ...]}).
QUERIES = """
import json, os, signal, statistics, sys, time
os.environ["KG_MAX_TURTLE_MB"] = "100000"  # the baseline loads the whole graph at every size
from pathlib import Path
from graph.query import catalog
from graph.query.engines import open_engine
from graph.query.run import ask

data, engine_name, repeat, timeout = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
chosen = json.loads(Path(sys.argv[5]).read_text())
start = time.perf_counter()
engine = open_engine([data], None, engine_name)
load_s = time.perf_counter() - start

class Late(Exception):
    pass

def late(*_):
    raise Late()

signal.signal(signal.SIGALRM, late)
answers, errors = {}, {}
for source in catalog.all_named():
    params = chosen[source.name]
    times = []
    for _ in range(repeat):
        signal.alarm(timeout)
        start = time.perf_counter()
        try:
            ask(source, params, engine)
            times.append(time.perf_counter() - start)
        except Late:
            times.append(None)
            break
        except Exception as err:  # the engine failed on this query: recorded, left out of the medians
            errors[source.name] = f"{type(err).__name__}: {str(err).strip().splitlines()[-1][:300] if str(err).strip() else ''}"
            break
        finally:
            signal.alarm(0)
    if source.name not in errors:
        answers[source.name] = None if None in times else statistics.median(times)
print(json.dumps({"load_s": load_s, "queries": answers, "errors": errors}))
"""

# Raw pyoxigraph: bulk load into an in-memory Store, choose the parameters of every named query
# (a required or first entity parameter: the first entity of its class, by IRI; a text parameter:
# the header's example), bind them as kg does (VALUES blocks, graph/query/sparql.py) and time each
# bound query --repeat times, its answer written whole (CSV, Oxigraph's writer, as kg query --format csv).
RAW = """
import json, signal, statistics, sys, time
import pyoxigraph as ox
from rdflib import URIRef
from graph.kinds import prefixes_of
from graph.vocab import Iris
from graph.query import catalog
from graph.query.params import ENTITY_CLASSES, literal
from graph.query.sparql import analyse, bind, prefix_prelude

data, repeat, timeout = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
store = ox.Store()
start = time.perf_counter()
store.bulk_load(path=data, format=ox.RdfFormat.TURTLE)
load_s = time.perf_counter() - start
SCHEMA = "https://schema.org/"
PICK = 20
prefixes = prefixes_of(Iris())

def candidates(source, p, count):
    if p.kind in ("string", "integer", "date", "iri"):
        return [v for example in source.examples for k, v in example if k == p.name][:1]
    classes = [str(c) for c in ENTITY_CLASSES.get(p.kind, [URIRef(SCHEMA + "Person")])]
    if p.name == "country":
        classes.insert(0, SCHEMA + "Country")
    for cls in classes:
        found = [row[0].value for row in store.query(
            f"SELECT ?x WHERE {{ ?x a <{cls}> FILTER(isIRI(?x)) }} ORDER BY ?x LIMIT {count}")]
        if found:
            return found
    return []

def term(p, value):
    return literal(p.kind, value, p.name) if p.kind in ("string", "integer", "date") else URIRef(
        prefixes[value.split(":", 1)[0]] + value.split(":", 1)[1] if p.kind == "iri" else value)

class Late(Exception):
    pass

def late(*_):
    raise Late()

def answer_rows(info, text):
    answer = store.query(text)
    if info.form == "SELECT":
        return answer.serialize(format=ox.QueryResultsFormat.CSV).count(b"\\n") - 1
    if info.form == "ASK":
        return int(bool(answer))
    return len(list(answer))

def timed(info, text, runs):
    times, rows = [], None
    for _ in range(runs):
        signal.alarm(timeout)
        start = time.perf_counter()
        try:
            rows = answer_rows(info, text)
            times.append(time.perf_counter() - start)
        except Late:
            times.append(None)
            break
        finally:
            signal.alarm(0)
    return (None if None in times else statistics.median(times)), rows

signal.signal(signal.SIGALRM, late)
required, first, timings = {}, {}, {}
for source in catalog.all_named():
    info = analyse(source.text)
    # the old columns: every required parameter bound to the first entity of its class
    values = {p.name: next(iter(candidates(source, p, 1)), None) for p in source.params}
    required[source.name] = [f"{p.name}={values[p.name]}" for p in source.params if not p.optional]
    bound = [p for i, p in enumerate(source.params) if (i == 0 or not p.optional) and values[p.name] is not None]

    def text_of(chosen):
        return prefix_prelude(info, prefixes, source.name) + bind(
            info, {p.name: [term(p, chosen[p.name])] for p in bound}, source.name, first=source.values_first)

    # the new ones: the first parameter too, an entity of its class with an answer (the first of
    # PICK by IRI that has one, else the first), as a user asks about something in the data
    picked = 0
    if source.params and source.params[0].optional and bound and bound[0] is source.params[0]:
        p = source.params[0]
        for index, value in enumerate(candidates(source, p, PICK)):
            if timed(info, text_of({**values, p.name: value}), 1)[1]:
                values[p.name], picked = value, index
                break
    first[source.name] = [f"{p.name}={values[p.name]}" for p in bound]
    raw_s, rows = timed(info, text_of(values), repeat)
    timings[source.name] = {"form": info.form, "params": first[source.name], "rows": rows, "raw_s": raw_s,
                            "candidate": picked}
print(json.dumps({"load_s": load_s, "required": required, "first": first, "queries": timings}))
"""

BULK = """
import json, sys, time
import pyoxigraph as ox
start = time.perf_counter()
ox.Store().bulk_load(path=sys.argv[1], format=ox.RdfFormat.TURTLE)
print(json.dumps({"load_s": time.perf_counter() - start}))
"""

PYSHACL = """
import json, sys, time
from rdflib import Graph
from pyshacl import validate
start = time.perf_counter()
data = Graph().parse(sys.argv[1], format="turtle")
shapes = Graph().parse(sys.argv[2], format="turtle")
parsed = time.perf_counter()
print(json.dumps({"triples": len(data), "parse_s": parsed - start}), flush=True)
conforms, _, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
print(json.dumps({"triples": len(data), "parse_s": parsed - start, "validate_s": time.perf_counter() - parsed,
                  "conforms": bool(conforms)}))
"""


@dataclass
class Child:
    """One finished (or stopped) child process: wall time from spawn to exit, peak RSS."""

    wall_s: float
    rss_mb: float
    returncode: int
    stopped: bool
    stdout: str
    stderr: str
    lines: int  # of the whole standard output

    def last_json(self) -> dict | None:
        for line in reversed(self.stdout.strip().splitlines()):
            try:
                return json.loads(line)
            except ValueError:
                continue
        return None

    def failure(self) -> str | None:
        if self.stopped or self.returncode == 0:
            return None
        lines = self.stderr.strip().splitlines() or self.stdout.strip().splitlines() or [""]
        return f"exit {self.returncode}: {lines[-1][:300]}"


def run(command: list[str], timeout: float | None = None, env: dict[str, str] | None = None,
        keep: int = 1 << 16) -> Child:
    """Run a command in its own session; kill its process group after `timeout` seconds. Its wall
    time and peak RSS (ru_maxrss of it and the descendants it waited for) come from os.wait4; its
    output goes to files (never a full pipe) and the last `keep` bytes of each are returned."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=ROOT,
                                 env=env, start_new_session=True)
        done, stopped = threading.Event(), threading.Event()

        def stop() -> None:
            if not done.is_set():
                stopped.set()
                try:
                    os.killpg(child.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        except BaseException:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            raise
        finally:
            done.set()
            if timer:
                timer.cancel()
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)

        def tail(file) -> str:
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - keep))
            return file.read().decode("utf-8", "replace")

        out.seek(0)
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: out.read(1 << 20), b""))
        return Child(wall, usage.ru_maxrss / 1024, child.returncode, stopped.is_set(), tail(out), tail(err), lines)


def python(code: str, *args: str, timeout: float | None = None, env: dict[str, str] | None = None,
           fatal: bool = True) -> tuple[dict | None, Child]:
    """Run code in a fresh interpreter; its last stdout line is JSON (None if stopped or failed)."""
    child = run([sys.executable, "-c", code, *args], timeout=timeout, env=env)
    if child.failure() and fatal:
        sys.exit(f"benchmark step failed ({child.failure()}):\n{child.stderr}")
    return (None if child.stopped or child.returncode else child.last_json()), child


def kg_command() -> list[str]:
    """`kg` as a user runs it: the console script beside this interpreter, else python -m graph."""
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "graph"]


def folder_mb(folder: Path) -> float:
    return round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6, 1)


def source_hash() -> str:
    """A hash of graph/'s code: if it changes during a run (others edit it), figures may mix versions."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "graph").rglob("*.py")):
        if path.parent.name == "draft":  # kg draft is not measured here
            continue
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


class LoadSampler:
    """The 1-minute load average, every 15 s while a size is measured (the machine may be shared)."""

    def __init__(self) -> None:
        self.samples = [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(15):
            self.samples.append(os.getloadavg()[0])

    def finish(self) -> dict:
        self._stop.set()
        self.samples.append(os.getloadavg()[0])
        return {"min": round(min(self.samples), 2), "max": round(max(self.samples), 2),
                "mean": round(statistics.fmean(self.samples), 2)}


def edit_one_article(corpus: Path, word: str) -> Path:
    """Add a word to the text of the first reported statement of the middle article: a fact that
    changes while every evidence stays valid (a reported statement's text is not quoted)."""
    facts = sorted(corpus.glob("*/facts.yaml"))
    path = facts[len(facts) // 2]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.strip() == "kind: reported":
            for j in range(i + 1, len(lines)):
                if lines[j].lstrip().startswith("text: "):
                    body = lines[j].rstrip("\n")
                    lines[j] = (body[:-1] + f" {word}\"" if body.endswith('"') else body + f" {word}") + "\n"
                    path.write_text("".join(lines), encoding="utf-8")
                    return path.parent
                if lines[j].lstrip().startswith("- "):
                    break
    raise SystemExit(f"{path}: no reported statement to edit")


def same_outputs(one: Path, other: Path) -> bool:
    from graph.files import BUILD_OUTPUTS

    names = [n for n in BUILD_OUTPUTS if (one / n).exists() or (other / n).exists()]
    return all((one / n).exists() and (other / n).exists() and filecmp.cmp(one / n, other / n, shallow=False)
               for n in names)


def limit_env(ttl: Path, triples: int) -> tuple[dict[str, str], int | None]:
    """The environment for kg stats / validate: KG_MAX_TURTLE_MB raised if the graph is over the limits."""
    from graph.rdf.read import RDFLIB_MAX_MB, TRIPLES_PER_MB

    size_mb = ttl.stat().st_size / (1024 * 1024)
    if size_mb <= RDFLIB_MAX_MB and triples <= RDFLIB_MAX_MB * TRIPLES_PER_MB:
        return dict(os.environ), None
    limit = int(math.ceil(max(size_mb, triples / TRIPLES_PER_MB) * 1.2 / 100) * 100)
    return {**os.environ, "KG_MAX_TURTLE_MB": str(limit)}, limit


def measure_store(ttl: Path, query_timeout: float, timeout: float, raw: dict) -> dict:
    """kg query cold and warm, beside pyoxigraph's bulk load and raw queries (raw: the RAW child's answer)."""
    kg = kg_command()
    stores = Path(os.environ["KG_CACHE_DIR"]) / "stores"
    before = set(stores.iterdir()) if stores.is_dir() else set()
    bulk, bulk_child = python(BULK, str(ttl), timeout=timeout, fatal=False)

    def ask(name: str) -> list[str]:
        form = raw["queries"][name]["form"]
        params = [arg for p in raw["first"][name] for arg in ("--param", p)]
        return [*kg, "query", name, *params, "--data", str(ttl), "--format",
                "csv" if form in ("SELECT", "ASK") else "turtle", "--timeout", str(query_timeout)]

    cold_name = COLD_QUERY if COLD_QUERY in raw["first"] else sorted(raw["first"])[0]
    cold = run(ask(cold_name), timeout=timeout)
    made = sorted(set(stores.iterdir()) - before) if stores.is_dir() else []
    warm = {}
    for name in sorted(raw["first"]):
        child = run(ask(name), timeout=query_timeout + 60)
        rows = raw["queries"][name]["rows"]
        late = child.stopped or child.returncode == 2 and "was stopped" in child.stderr
        warm[name] = {
            "params": raw["first"][name],
            "wall_s": round(child.wall_s, 3),
            "rss_mb": round(child.rss_mb, 1),
            "stopped": late,
            "error": None if late else child.failure(),
            "lines": child.lines,
            "raw_s": raw["queries"][name]["raw_s"],
            "raw_rows": rows,
            # kg's CSV and the raw one (both Oxigraph's writer) have as many lines
            "rows_agree": None if late or raw["queries"][name]["form"] != "SELECT" or rows is None
            else child.lines - 1 == rows,
        }
    walls = [math.inf if w["stopped"] or w["error"] else w["wall_s"] for w in warm.values()]
    raws = [math.inf if w["raw_s"] is None else w["raw_s"] for w in warm.values()]
    slowest = max(warm, key=lambda n: math.inf if warm[n]["stopped"] or warm[n]["error"] else warm[n]["wall_s"])
    return {
        "kg_query_cold_query": cold_name,
        "kg_query_cold_params": raw["first"][cold_name],
        "kg_query_cold_s": round(cold.wall_s, 2),
        "kg_query_cold_rss_mb": round(cold.rss_mb, 1),
        "kg_query_cold_error": "stopped" if cold.stopped else cold.failure(),
        "store_made": bool(made),
        "store_mb": folder_mb(made[0]) if made else None,
        "bulk_load_wall_s": round(bulk_child.wall_s, 2),
        "bulk_load_s": round(bulk["load_s"], 2) if bulk else None,
        "bulk_load_rss_mb": round(bulk_child.rss_mb, 1),
        "ratio_cold_vs_bulk_load": round(cold.wall_s / bulk_child.wall_s, 2),
        "raw_load_s": round(raw["load_s"], 2),
        "warm_queries": warm,
        "kg_query_warm_count": len(walls),
        "kg_query_warm_median_s": round(statistics.median(walls), 3),
        "kg_query_warm_max_s": round(max(walls), 3),
        "kg_query_warm_max_query": slowest,
        "kg_query_warm_under_1s": sum(1 for w in walls if w < 1.0),
        "kg_query_warm_rss_mb": round(max(w["rss_mb"] for w in warm.values()), 1),
        "raw_query_median_s": round(statistics.median(raws), 4),
        "raw_query_max_s": round(max(raws), 4),
    }


def measure_incremental(corpus: Path, work: Path, size: int, runs: int, timeout: float) -> dict:
    """kg build with a warm cache after one article changed, beside kg build --no-cache of the same corpus."""
    kg = kg_command()
    copy, warm_out, cold_out = work / f"edited-{size}", work / f"out-incremental-{size}", work / f"out-cold-{size}"
    shutil.copytree(corpus, copy)
    fill = run([*kg, "build", str(copy), "--out", str(warm_out), "-q"], timeout=timeout)
    if fill.failure() or fill.stopped:
        return {"incremental_error": f"first build: {fill.failure() or 'stopped'}"}
    incremental, cold, same, edited = [], [], [], None
    for number in range(runs):
        edited = edit_one_article(copy, f"edit{number + 1}")
        inc = run([*kg, "build", str(copy), "--out", str(warm_out), "-q"], timeout=timeout)
        full = run([*kg, "build", str(copy), "--out", str(cold_out), "-q", "--no-cache"], timeout=timeout)
        for child in (inc, full):
            if child.failure() or child.stopped:
                return {"incremental_error": child.failure() or "stopped"}
        incremental.append(inc)
        cold.append(full)
        same.append(same_outputs(warm_out, cold_out))
    inc_s = statistics.median(c.wall_s for c in incremental)
    cold_s = statistics.median(c.wall_s for c in cold)
    return {
        "edited_article": edited.name,
        "cache_fill_build_s": round(fill.wall_s, 2),
        "incremental_build_s": round(inc_s, 2),
        "incremental_build_runs_s": [round(c.wall_s, 2) for c in incremental],
        "incremental_rss_mb": round(max(c.rss_mb for c in incremental), 1),
        "cold_build_no_cache_s": round(cold_s, 2),
        "cold_build_no_cache_runs_s": [round(c.wall_s, 2) for c in cold],
        "cold_build_no_cache_rss_mb": round(max(c.rss_mb for c in cold), 1),
        "ratio_cold_vs_incremental": round(cold_s / inc_s, 1),
        "incremental_same_bytes": all(same),
        "cache_mb": folder_mb(Path(os.environ["KG_CACHE_DIR"]) / "articles"),
    }


def timed_command(name: str, command: list[str], env: dict[str, str], timeout: float) -> dict:
    child = run(command, timeout=timeout, env=env)
    last = (child.stdout.strip().splitlines() or [""])[-1]
    return {f"{name}_s": round(child.wall_s, 2), f"{name}_rss_mb": round(child.rss_mb, 1),
            f"{name}_stopped": child.stopped, f"{name}_exit": None if child.stopped else child.returncode,
            f"{name}_last_line": last[:300], f"{name}_error": None if child.returncode in (0, 1) else child.failure()}


def measure(size: int, seed: int, work: Path, turtle_cap: int, query_timeout: float, repeat: int,
            build_runs: int, timeout: float, skip: set[str]) -> dict:
    corpus, out = work / f"corpus-{size}", work / f"out-{size}"
    sampler = LoadSampler()
    code_before = source_hash()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), str(size), "--seed", str(seed),
                    "--out", str(corpus)], check=True, capture_output=True)
    builds = []
    for _ in range(build_runs):
        built, child = python(BUILD, str(corpus), str(out))
        builds.append((child.wall_s, built))
    build_s, built = sorted(builds, key=lambda run: run[0])[(len(builds) - 1) // 2]
    ttl = out / "graph.ttl"
    row: dict = {
        "articles": size,
        "triples": built["triples"],
        "build_s": round(build_s, 2),
        "build_runs_s": [round(run[0], 2) for run in builds],
        "peak_rss_mb": round(max(run[1]["rss_kb"] for run in builds) / 1024, 1),
        "phases_s": built["timings"],
        "turtle_write_s": round(built["timings"]["sort"] + built["timings"]["turtle"], 2),
        "graph_ttl_mb": round(ttl.stat().st_size / 1e6, 1),
    }
    if "turtle" not in skip:
        turtle, _ = python(TURTLE, str(corpus), str(turtle_cap))
        row.update({
            "turtle_compared_articles": turtle["articles"],
            "turtle_compared_triples": turtle["triples"],
            "turtle_ours_s": round(turtle["ours_s"], 3),
            "turtle_rdflib_s": round(turtle["rdflib_s"], 3),
            "speedup_turtle": round(turtle["rdflib_s"] / turtle["ours_s"], 1),
        })
    # parameters and raw pyoxigraph first: it reads graph.ttl into memory and leaves the store cache alone
    raw, _ = python(RAW, str(ttl), str(repeat), str(int(query_timeout)))
    if "store" not in skip:
        print(f"  [{size}] kg query cold and warm", file=sys.stderr, flush=True)
        row.update(measure_store(ttl, query_timeout, timeout, raw))
    chosen = work / f"params-{size}.json"
    chosen.write_text(json.dumps(raw["required"]), encoding="utf-8")
    fast, _ = python(QUERIES, str(ttl), "oxigraph", str(repeat), str(int(query_timeout)), str(chosen))

    def median_of(answers: dict, names, stopped: float) -> float:
        return statistics.median(stopped if answers[n] is None else answers[n] for n in names)

    ours_q = median_of(fast["queries"], fast["queries"], math.inf)
    if ours_q == math.inf:
        sys.exit(f"half the named queries ran over --query-timeout on pyoxigraph at {size} articles: raise it")
    row.update({
        "load_ours_s": round(fast["load_s"], 2),
        "query_median_ours_s": round(ours_q, 4),
        "ours_query_timeouts": sorted(name for name, v in fast["queries"].items() if v is None),
        "ours_query_errors": fast["errors"],
    })
    slow = {"queries": {}}
    if "rdflib" not in skip:
        print(f"  [{size}] named queries on rdflib", file=sys.stderr, flush=True)
        slow, _ = python(QUERIES, str(ttl), "rdflib", "1", str(int(query_timeout)), str(chosen))
        both = [n for n in slow["queries"] if n in fast["queries"]]  # a query that failed is left out of the ratio
        rdflib_q = median_of(slow["queries"], both, query_timeout)
        row.update({
            "load_rdflib_s": round(slow["load_s"], 2),
            "query_median_rdflib_s": round(rdflib_q, 4),
            "rdflib_query_timeouts": sum(1 for v in slow["queries"].values() if v is None),
            "rdflib_query_errors": slow["errors"],
            "speedup_query": round(rdflib_q / median_of(fast["queries"], both, math.inf), 1),
        })
    row["queries_s"] = {name: {"ours": fast["queries"][name], "rdflib": slow["queries"].get(name)}
                        for name in sorted(fast["queries"])}
    if "incremental" not in skip:
        print(f"  [{size}] incremental and --no-cache builds", file=sys.stderr, flush=True)
        row.update(measure_incremental(corpus, work, size, build_runs, timeout))
    env, limit = limit_env(ttl, row["triples"])
    row["timeout_s"] = timeout
    row["query_timeout_s"] = query_timeout
    row["turtle_limit_raised_mb"] = limit
    kg = kg_command()
    if "stats" not in skip:
        print(f"  [{size}] kg stats", file=sys.stderr, flush=True)
        row.update(timed_command("stats", [*kg, "stats", str(ttl)], env, timeout))
    if "validate" not in skip:
        print(f"  [{size}] kg validate", file=sys.stderr, flush=True)
        row.update(timed_command("validate", [*kg, "validate", str(ttl)], env, timeout))
    if "pyshacl" not in skip:
        print(f"  [{size}] pySHACL", file=sys.stderr, flush=True)
        shacl, child = python(PYSHACL, str(ttl), str(ROOT / "ontology" / "shapes.ttl"), timeout=timeout,
                              fatal=False)
        parsed = child.last_json() or {}
        row.update({"pyshacl_s": round(child.wall_s, 2), "pyshacl_rss_mb": round(child.rss_mb, 1),
                    "pyshacl_stopped": child.stopped, "pyshacl_error": child.failure(),
                    "pyshacl_parse_s": round(parsed["parse_s"], 2) if "parse_s" in parsed else None,
                    "pyshacl_validate_s": round(shacl["validate_s"], 2) if shacl else None,
                    "pyshacl_conforms": shacl["conforms"] if shacl else None})
    row["skipped"] = sorted(skip)
    row["load_average"] = sampler.finish()
    row["code_changed_during_run"] = source_hash() != code_before
    shutil.rmtree(work / f"edited-{size}", ignore_errors=True)
    for name in (f"out-incremental-{size}", f"out-cold-{size}"):
        shutil.rmtree(work / name, ignore_errors=True)
    return row


def machine() -> dict:
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    except (ValueError, OSError):
        memory = None
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "graph", "ontology"], cwd=ROOT,
                                    capture_output=True, text=True).stdout.strip())
    except OSError:
        commit, dirty = "", None
    return {"date": time.strftime("%Y-%m-%d"), "host": platform.node(), "cores": os.cpu_count(),
            "memory_gb": round(memory) if memory else None, "python": platform.python_version(),
            "commit": commit, "graph_dirty": dirty, "command": " ".join(["scripts/bench.py", *sys.argv[1:]])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,10000", help="article counts, comma-separated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON, one object per size")
    parser.add_argument("--turtle-cap", type=int, default=200_000,
                        help="compare Turtle writers on at most this many triples (rdflib: ~11k triples/s)")
    parser.add_argument("--query-timeout", type=float, default=60.0,
                        help="seconds before a query is stopped (an rdflib one counts as that long)")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds before kg query cold, a build, kg stats, kg validate or pySHACL is stopped "
                             "(it then counts as at least that long)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query on pyoxigraph (median)")
    parser.add_argument("--build-runs", type=int, default=3,
                        help="builds per size (median wall time); also incremental and --no-cache rebuilds")
    parser.add_argument("--skip", default="", help=f"parts to leave out, comma-separated: {', '.join(PARTS)}")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if skip - set(PARTS):
        parser.error(f"--skip: unknown {', '.join(sorted(skip - set(PARTS)))}; choose from {', '.join(PARTS)}")
    rows = []
    about = machine()
    print(f"{about['host']}: {about['cores']} cores, {about['memory_gb']} GB, Python {about['python']}, "
          f"{about['date']}, {about['commit']}{' (graph/ edited)' if about['graph_dirty'] else ''}", flush=True)
    header = (f"{'articles':>8} {'triples':>9} {'build s':>8} {'RSS MB':>7} {'ttl s':>6} "
              f"{'ttl x':>6} {'query ms':>9} {'rdflib ms':>10} {'query x':>8} | {'cold s':>7} {'bulk s':>7} "
              f"{'cold x':>6} {'warm s':>11} {'<1s':>5} {'raw ms':>7} | {'inc s':>6} {'full s':>7} {'x':>5} | "
              f"{'stats s':>8} {'valid s':>8} {'shacl s':>8}")
    print(header, flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as work:
        os.environ["KG_CACHE_DIR"] = str(Path(work) / "cache")  # every child: no user cache read or written
        for size in sizes:
            row = measure(size, args.seed, Path(work), args.turtle_cap, args.query_timeout, args.repeat,
                          max(1, args.build_runs), args.timeout, skip)
            row["run"] = about
            rows.append(row)
            if args.json:  # after every size, so a long run that stops keeps what it measured
                args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
            print(summary(row), flush=True)
            for stale in ("out", "corpus"):
                shutil.rmtree(Path(work) / f"{stale}-{size}", ignore_errors=True)
    return 0


def summary(row: dict) -> str:
    def get(key: str, scale: float = 1.0, digits: int = 2, stopped: str | None = None) -> str:
        if row.get(key) is None:
            return "-"
        bound = "≥" if stopped and row.get(stopped) else ""
        return f"{bound}{row[key] * scale:.{digits}f}"

    bound = "≥" if row.get("rdflib_query_timeouts") else ""
    warm = (f"{row['kg_query_warm_median_s']:.2f}/{row['kg_query_warm_max_s']:.2f}"
            if "kg_query_warm_median_s" in row else "-")
    under = f"{row['kg_query_warm_under_1s']}/{row['kg_query_warm_count']}" if "kg_query_warm_count" in row else "-"
    return (f"{row['articles']:>8} {row['triples']:>9} {row['build_s']:>8} {row['peak_rss_mb']:>7} "
            f"{row['turtle_write_s']:>6} {get('speedup_turtle', digits=1):>6} {get('query_median_ours_s', 1000, 1):>9} "
            f"{get('query_median_rdflib_s', 1000, 1):>10} {bound + get('speedup_query', digits=1):>8} | "
            f"{get('kg_query_cold_s'):>7} {get('bulk_load_wall_s'):>7} {get('ratio_cold_vs_bulk_load'):>6} "
            f"{warm:>11} {under:>5} {get('raw_query_median_s', 1000, 1):>7} | {get('incremental_build_s'):>6} "
            f"{get('cold_build_no_cache_s'):>7} {get('ratio_cold_vs_incremental', digits=1):>5} | "
            f"{get('stats_s', stopped='stats_stopped'):>8} {get('validate_s', stopped='validate_stopped'):>8} "
            f"{get('pyshacl_s', stopped='pyshacl_stopped'):>8}")


if __name__ == "__main__":
    sys.exit(main())
