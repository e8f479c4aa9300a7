#!/usr/bin/env python3
"""Benchmark `kg build` and the named queries against plain rdflib, on generated corpora.

For each size: make a corpus (scripts/make_corpus.py), build it with `kg build` in a fresh
process --build-runs times (the median wall time, since a shared machine's speed varies by a
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
It prints a table; --json FILE writes one object per size. A benchmark, not a test: run it on
a quiet machine and read the ratios, which are measured side by side.

Usage:
    python scripts/bench.py --sizes 10,100,1000,10000 --json bench.json
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BUILD = """
import json, resource, sys
from pathlib import Path
from graph.corpus.pipeline import build
result = build([Path(sys.argv[1])], Path(sys.argv[2]))
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

QUERIES = """
import json, os, signal, statistics, sys, time
os.environ["KG_MAX_TURTLE_MB"] = "100000"  # the baseline loads the whole graph at every size
from pathlib import Path
from graph.query import catalog
from graph.query.engines import open_engine
from graph.query.run import ask

data, engine_name, repeat, timeout = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
start = time.perf_counter()
finder = open_engine([data], None, "oxigraph")
finder_s = time.perf_counter() - start
CLASSES = {"person": "Person", "organization": "Organization", "event": "Event", "place": "Place",
           "article": "NewsArticle", "resource": "Person"}
start = time.perf_counter()
engine = finder if engine_name == "oxigraph" else open_engine([data], None, engine_name)
load_s = finder_s if engine_name == "oxigraph" else time.perf_counter() - start

class Late(Exception):
    pass

def late(*_):
    raise Late()

signal.signal(signal.SIGALRM, late)
answers = {}
for source in catalog.all_named():
    params = []
    for p in source.params:
        if not p.optional:  # a required entity: the first of its class in the data
            first = finder.store.query(
                f"SELECT ?x WHERE {{ ?x a <https://schema.org/{CLASSES[p.kind]}> }} ORDER BY ?x LIMIT 1")
            params.append(f"{p.name}={next(iter(first))[0].value}")
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
        finally:
            signal.alarm(0)
    answers[source.name] = None if None in times else statistics.median(times)
print(json.dumps({"load_s": load_s, "queries": answers}))
"""


def python(code: str, *args: str, timeout: float | None = None) -> dict | None:
    """Run code in a fresh interpreter; its last stdout line is JSON. None on timeout."""
    try:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as err:
        sys.exit(f"benchmark step failed:\n{err.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(size: int, seed: int, work: Path, turtle_cap: int, query_timeout: float, repeat: int,
            build_runs: int) -> dict:
    corpus, out = work / f"corpus-{size}", work / f"out-{size}"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), str(size), "--seed", str(seed),
                    "--out", str(corpus)], check=True, capture_output=True)
    builds = []
    for _ in range(build_runs):
        start = time.perf_counter()
        built = python(BUILD, str(corpus), str(out))
        builds.append((time.perf_counter() - start, built))
    build_s, built = sorted(builds, key=lambda run: run[0])[(len(builds) - 1) // 2]
    ttl = out / "graph.ttl"
    turtle = python(TURTLE, str(corpus), str(turtle_cap))
    fast = python(QUERIES, str(ttl), "oxigraph", str(repeat), str(int(query_timeout)))
    slow = python(QUERIES, str(ttl), "rdflib", "1", str(int(query_timeout)))
    timeouts = sum(1 for v in slow["queries"].values() if v is None)
    ours_q = statistics.median(math.inf if v is None else v for v in fast["queries"].values())
    if ours_q == math.inf:
        sys.exit(f"half the named queries ran over --query-timeout on pyoxigraph at {size} articles: raise it")
    rdflib_q = statistics.median(query_timeout if v is None else v for v in slow["queries"].values())
    return {
        "articles": size,
        "triples": built["triples"],
        "build_s": round(build_s, 2),
        "build_runs_s": [round(run[0], 2) for run in builds],
        "peak_rss_mb": round(max(run[1]["rss_kb"] for run in builds) / 1024, 1),
        "phases_s": built["timings"],
        "turtle_write_s": round(built["timings"]["sort"] + built["timings"]["turtle"], 2),
        "turtle_compared_articles": turtle["articles"],
        "turtle_compared_triples": turtle["triples"],
        "turtle_ours_s": round(turtle["ours_s"], 3),
        "turtle_rdflib_s": round(turtle["rdflib_s"], 3),
        "speedup_turtle": round(turtle["rdflib_s"] / turtle["ours_s"], 1),
        "load_ours_s": round(fast["load_s"], 2),
        "load_rdflib_s": round(slow["load_s"], 2),
        "query_median_ours_s": round(ours_q, 4),
        "query_median_rdflib_s": round(rdflib_q, 4),
        "rdflib_query_timeouts": timeouts,
        "ours_query_timeouts": sorted(name for name, v in fast["queries"].items() if v is None),
        "speedup_query": round(rdflib_q / ours_q, 1),
        "queries_s": {name: {"ours": fast["queries"][name], "rdflib": slow["queries"].get(name)}
                      for name in sorted(fast["queries"])},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,10000", help="article counts, comma-separated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON, one object per size")
    parser.add_argument("--turtle-cap", type=int, default=200_000,
                        help="compare Turtle writers on at most this many triples (rdflib: ~11k triples/s)")
    parser.add_argument("--query-timeout", type=float, default=60.0,
                        help="seconds before an rdflib query is stopped and counts as that long")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query on pyoxigraph (median)")
    parser.add_argument("--build-runs", type=int, default=3, help="builds per size (median wall time)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}", flush=True)
    header = (f"{'articles':>8} {'triples':>9} {'build s':>8} {'RSS MB':>7} {'ttl s':>6} "
              f"{'ttl x':>6} {'query ms':>9} {'rdflib ms':>10} {'query x':>8}")
    print(header, flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as work:
        for size in sizes:
            row = measure(size, args.seed, Path(work), args.turtle_cap, args.query_timeout, args.repeat,
                          max(1, args.build_runs))
            rows.append(row)
            bound = "≥" if row["rdflib_query_timeouts"] else ""
            print(f"{row['articles']:>8} {row['triples']:>9} {row['build_s']:>8} {row['peak_rss_mb']:>7} "
                  f"{row['turtle_write_s']:>6} {row['speedup_turtle']:>6} {row['query_median_ours_s'] * 1000:>9.1f} "
                  f"{row['query_median_rdflib_s'] * 1000:>10.1f} {bound + str(row['speedup_query']):>8}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
