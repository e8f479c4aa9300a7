#!/usr/bin/env python3
"""`kg query` on a generated corpus, whole commands (process start-up included), side by side in
one run: the first query (the store is made), later queries (the store is reused), the same
query parsing the Turtle into memory (--no-store, as every query did before), and the floor:
pyoxigraph's bulk load of the same file into an on-disk store, in a process of its own.

Usage:
    python scripts/bench_store.py --articles 1000 [--runs 5]
    python scripts/bench_store.py --data output/graph.ttl
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = ["query", "who-said-what", "--param", "contains=the", "--format", "csv"]
FLOOR = ("import pyoxigraph as ox, sys\n"
         "ox.Store(sys.argv[2]).bulk_load(path=sys.argv[1], format=ox.RdfFormat.TURTLE)\n")


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--data", type=Path, help="a Turtle file instead of a generated corpus")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        env = {**os.environ, "KG_CACHE_DIR": str(work / "cache")}
        data = args.data
        if data is None:
            subprocess.run([sys.executable, str(ROOT / "scripts" / "make_corpus.py"), str(args.articles),
                            "--out", str(work / "articles")], check=True, stdout=subprocess.DEVNULL)
            subprocess.run([sys.executable, "-m", "graph", "build", str(work / "articles"), "--out",
                            str(work / "out"), "-q", "--no-cache"], check=True, env=env)
            data = work / "out" / "graph.ttl"
        kg = [sys.executable, "-m", "graph", *QUERY, "--data", str(data)]
        first = timed(kg, env)
        warm = statistics.median(timed(kg, env) for _ in range(args.runs))
        memory = statistics.median(timed([*kg, "--no-store"], env) for _ in range(args.runs))
        floor = timed([sys.executable, "-c", FLOOR, str(data), str(work / "floor")], env)
        size = data.stat().st_size / 1e6
        print(f"{data} ({size:.1f} MB), medians of {args.runs} runs, whole commands")
        print(f"  first kg query (makes the store)   {first:7.2f} s   {first / floor:5.2f}x the bulk load")
        print(f"  kg query, store reused             {warm:7.2f} s   {memory / warm:5.1f}x faster than --no-store")
        print(f"  kg query --no-store (into memory)  {memory:7.2f} s")
        print(f"  pyoxigraph bulk load to disk       {floor:7.2f} s   (the floor for the first query)")


if __name__ == "__main__":
    main()
