#!/usr/bin/env python3
"""Time every named query on pyoxigraph and rdflib, side by side, on the bundled article and on a
generated corpus; and, for rdflib, what its initial bindings add to the VALUES block every engine
gets (kg query gives rdflib both: "VALUES only" is the query text alone).

Each measurement runs in its own process with a time limit, so one pathological case cannot
stall the run; it prints the median of --runs runs (data loading excluded) and the ratios.

Usage:
    python scripts/bench_query.py                       # bundled article + 200-article corpus
    python scripts/bench_query.py --articles 1000 --timeout 120
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(data: str, name: str, params: list[str], engine: str, mode: str, runs: int) -> float:
    """Runs in the child process: load once, then time `runs` queries; the median in seconds."""
    from graph.query import catalog
    from graph.query.engines import OxigraphEngine, RdflibEngine
    from graph.query.run import ask

    runner = (RdflibEngine if engine == "rdflib" else OxigraphEngine)([Path(data)])
    if mode == "values-only":  # the bound text alone, without rdflib's initial bindings (kept to compare)
        plain_run = runner.run
        runner.run = lambda text, form, values=None: plain_run(text, form)  # type: ignore[method-assign]
    source = catalog.named(name)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        ask(source, params, runner)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed(data: Path, name: str, params: list[str], engine: str, mode: str, runs: int,
          limit: float) -> float | None:
    code = ("import json, sys; sys.path.insert(0, %r); from scripts.bench_query import measure; "
            "print(json.dumps(measure(*json.loads(sys.argv[1]))))") % str(ROOT)
    argument = json.dumps([str(data), name, params, engine, mode, runs])
    try:
        done = subprocess.run([sys.executable, "-c", code, argument], capture_output=True, text=True,
                              timeout=limit, check=True, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout)


def show(seconds: float | None, limit: float) -> str:
    return f">{limit:.0f} s" if seconds is None else f"{seconds * 1000:9.1f} ms"


def ratio(slow: float | None, fast: float | None) -> str:
    if slow is None or not fast:
        return "     -"
    return f"{slow / fast:6.1f}x"


def first_of(data: Path, cls: str) -> str:
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=data, format=ox.RdfFormat.TURTLE)
    rows = list(store.query(f"SELECT ?x WHERE {{ ?x a <{cls}> }} ORDER BY STR(?x) LIMIT 1"))
    return f"<{rows[0][0].value}>"


def cases(data: Path, bundled: bool) -> list[tuple[str, list[str]]]:
    from graph.query import catalog
    from graph.query.params import ENTITY_CLASSES

    found = []
    for source in catalog.all_named():
        if bundled:
            found.append((source.name, [f"{k}={v}" for k, v in source.examples[0]]))
            continue
        params = []
        for p in source.params:
            if not p.optional:
                cls = ENTITY_CLASSES.get(p.kind, ENTITY_CLASSES["person"])
                params.append(f"{p.name}={first_of(data, str(cls))}")
        found.append((source.name, params))
    return found


def table(title: str, data: Path, bundled: bool, runs: int, limit: float) -> None:
    print(f"\n{title}: {data}", flush=True)
    print(f"{'query':<26}{'oxigraph':>12}{'rdflib':>12}{'ratio':>8}{'rdflib, VALUES only':>24}{'ratio':>8}",
          flush=True)
    for name, params in cases(data, bundled):
        ox_time = timed(data, name, params, "oxigraph", "shipped", runs, limit)
        rd_time = timed(data, name, params, "rdflib", "shipped", runs, limit)
        start = timed(data, name, params, "rdflib", "values-only", runs, limit) if params else rd_time
        print(f"{name:<26}{show(ox_time, limit):>12}{show(rd_time, limit):>12}{ratio(rd_time, ox_time):>8}"
              f"{show(start, limit) if params else '(no params)':>24}{ratio(start, rd_time) if params else '':>8}",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="size of the generated corpus (0: skip it)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is shown")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a measurement gives up")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from graph.corpus.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        bundled = Path(tmp) / "bundled"
        build(out=bundled)
        table("Bundled article", bundled / "graph.ttl", True, args.runs, args.timeout)
        if args.articles:
            corpus = Path(tmp) / "corpus"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), str(args.articles),
                            "--seed", "7", "--out", str(corpus)], check=True, capture_output=True)
            out = Path(tmp) / "corpus-out"
            build([corpus], out=out)
            table(f"Corpus of {args.articles} articles", out / "graph.ttl", False, args.runs, args.timeout)


if __name__ == "__main__":
    main()
