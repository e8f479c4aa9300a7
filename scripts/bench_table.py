#!/usr/bin/env python3
"""README's benchmark tables from the JSON of scripts/bench.py: the line saying when and where,
the build and engine table, the table of `kg query` cold and warm, incremental rebuild, `kg stats`
and `kg validate`, each beside its baseline, and the notes the figures need (limits raised, parts
stopped or failed). Markdown on standard output.

Usage:
    python scripts/bench.py --sizes 1000,10000 --json bench.json
    python scripts/bench_table.py bench.json --machine "2-core, 24 GB development machine"
"""

import argparse
import json
import sys
from pathlib import Path


def seconds(value: float | None, stopped: bool = False) -> str:
    if value is None:
        return "–"
    bound = "≥ " if stopped else ""
    if value < 10:
        text = f"{value:.2f}"
    elif value < 100:
        text = f"{value:.1f}"
    else:
        text = f"{value:,.0f}"
    return f"{bound}{text} s"


def millis(value: float | None) -> str:
    if value is None:
        return "–"
    ms = value * 1000
    return f"{ms:.1f} ms" if ms < 10 else f"{ms:,.0f} ms"


def memory(mb: float | None) -> str:
    if mb is None:
        return "–"
    return f"{mb:,.0f} MB" if mb < 1000 else f"{mb / 1024:.1f} GB"


def ratio(value: float | None, bound: bool = False, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{'≥ ' if bound else ''}{value:.{digits}f}×"


def timed(row: dict, name: str) -> str:
    """`kg stats`, `kg validate`, pySHACL: wall time and peak RSS, ≥ the timeout when stopped."""
    if f"{name}_s" not in row:
        return "–"
    if row.get(f"{name}_error"):
        return f"failed after {seconds(row[f'{name}_s'])}"
    stopped = row.get(f"{name}_stopped")
    wall = seconds(row["timeout_s"] if stopped else row[f"{name}_s"], stopped)
    inner = row.get(f"{name}_validate_s")  # pySHACL: the validation alone, after rdflib read the graph
    detail = " (stopped)" if stopped else f" ({seconds(inner)} validating)" if inner is not None else ""
    return f"{wall}{detail}, {memory(row.get(f'{name}_rss_mb'))}"


def old_table(rows: list[dict]) -> list[str]:
    runs = max(len(row["build_runs_s"]) for row in rows)
    count = max(len(row["queries_s"]) for row in rows)
    lines = [f"| articles | triples | `kg build`, every article read (median of {runs}) | peak RSS | "
             "Turtle write (merge + write) | Turtle vs rdflib | query median (pyoxigraph) | "
             "query median (rdflib) | queries vs rdflib |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        notes = []
        if row.get("rdflib_query_timeouts"):
            notes.append(f"{row['rdflib_query_timeouts']} of {count} stopped")
        failed = sorted(row.get("rdflib_query_errors") or {})
        if failed:
            notes.append(f"`{'`, `'.join(failed)}` failed")
        rdflib = millis(row.get("query_median_rdflib_s")) + (f" ({'; '.join(notes)})" if notes else "")
        ours = millis(row["query_median_ours_s"])
        if row.get("ours_query_timeouts"):
            ours += f" ({len(row['ours_query_timeouts'])} stopped)"
        turtle = ratio(row.get("speedup_turtle")) if "speedup_turtle" in row else "–"
        queries = (ratio(row["speedup_query"], bool(row.get("rdflib_query_timeouts")))
                   if "speedup_query" in row else "–")
        lines.append(f"| {row['articles']:,} | {row['triples']:,} | {seconds(row['build_s'])} | "
                     f"{memory(row['peak_rss_mb'])} | {seconds(row['turtle_write_s'])} | {turtle} | {ours} | "
                     f"{rdflib if 'query_median_rdflib_s' in row else '–'} | {queries} |")
    return lines


#: The kg commands of the second table and their peak RSS keys.
PEAKS = (("kg_query_cold_rss_mb", "`kg query` cold"), ("kg_query_warm_rss_mb", "`kg query` warm"),
         ("incremental_rss_mb", "`kg build`"), ("cold_build_no_cache_rss_mb", "`kg build --no-cache`"),
         ("stats_rss_mb", "`kg stats`"), ("validate_rss_mb", "`kg validate`"))


def new_table(rows: list[dict]) -> list[str]:
    lines = ["| articles | triples | `kg query` cold | pyoxigraph bulk load (load alone) | ratio | "
             "`kg query` warm, median / max (all < 1 s?) | raw pyoxigraph median | incremental rebuild | "
             "cold build (`--no-cache`) | ratio | `kg stats` | `kg validate` | pySHACL | peak RSS (kg) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        if "kg_query_cold_s" in row:
            cold = seconds(row["kg_query_cold_s"]) + ("" if row.get("store_made") else " (no store: < 1 MB)")
            if row.get("kg_query_cold_error"):
                cold = f"{cold} ({row['kg_query_cold_error']})"
            bulk = f"{seconds(row['bulk_load_wall_s'])} ({seconds(row['bulk_load_s'])})"
            cold_ratio = ratio(row["ratio_cold_vs_bulk_load"], digits=2)
            count, under = row["kg_query_warm_count"], row["kg_query_warm_under_1s"]
            verdict = f"all {count} < 1 s" if under == count else f"{under} of {count} < 1 s"
            slowest = "" if under == count else f" (`{row['kg_query_warm_max_query']}`)"
            top = row["kg_query_warm_max_s"]
            if top == float("inf"):  # stopped by kg query --timeout (--query-timeout): at least that long
                late = [q["wall_s"] for q in row.get("warm_queries", {}).values() if q.get("stopped")]
                limit = row.get("query_timeout_s") or (min(late) if late else None)
                top_text = f"{seconds(limit, True)} (stopped" + (f", `{row['kg_query_warm_max_query']}`)" if slowest
                                                                 else ")")
                slowest = ""
            else:
                top_text = seconds(top)
            warm = f"{seconds(row['kg_query_warm_median_s'])} / {top_text}{slowest}; {verdict}"
            raw = millis(row["raw_query_median_s"])
        else:
            cold = bulk = cold_ratio = warm = raw = "–"
        if "incremental_build_s" in row:
            incremental = seconds(row["incremental_build_s"])
            full = seconds(row["cold_build_no_cache_s"])
            build_ratio = ratio(row["ratio_cold_vs_incremental"])
            if not row.get("incremental_same_bytes"):
                build_ratio += " (outputs differ)"
        else:
            failed = row.get("incremental_error")
            incremental, full, build_ratio = (f"failed: {failed}" if failed else "–"), "–", "–"
        peaks = [(row[key], name) for key, name in PEAKS if row.get(key) is not None]
        peak = f"{memory(max(peaks)[0])} ({max(peaks)[1]})" if peaks else "–"
        lines.append(f"| {row['articles']:,} | {row['triples']:,} | {cold} | {bulk} | {cold_ratio} | {warm} | {raw} | "
                     f"{incremental} | {full} | {build_ratio} | {timed(row, 'stats')} | {timed(row, 'validate')} | "
                     f"{timed(row, 'pyshacl')} | {peak} |")
    return lines


def notes(rows: list[dict]) -> list[str]:
    found = []
    raised = [(row["articles"], row["turtle_limit_raised_mb"]) for row in rows if row.get("turtle_limit_raised_mb")]
    for articles, limit in raised:
        found.append(f"At {articles:,} articles `kg stats` and `kg validate` ran with `KG_MAX_TURTLE_MB={limit}` "
                     "(the graph is over the default Turtle limits).")
    for row in rows:
        for name, label in (("stats", "`kg stats`"), ("validate", "`kg validate`"), ("pyshacl", "pySHACL")):
            if row.get(f"{name}_stopped"):
                found.append(f"At {row['articles']:,} articles {label} was stopped after {row['timeout_s']:,.0f} s "
                             f"(`--timeout`), at {memory(row.get(f'{name}_rss_mb'))}.")
            elif row.get(f"{name}_error"):
                found.append(f"At {row['articles']:,} articles {label} failed: {row[f'{name}_error']}")
        if row.get("pyshacl_stopped") and row.get("pyshacl_parse_s") is not None:
            found.append(f"At {row['articles']:,} articles pySHACL had read the graph with rdflib in "
                         f"{seconds(row['pyshacl_parse_s'])} when it was stopped.")
        disagree = sorted(name for name, q in (row.get("warm_queries") or {}).items() if q.get("rows_agree") is False)
        if disagree:
            found.append(f"At {row['articles']:,} articles `kg query` and raw pyoxigraph gave different row counts "
                         f"for {', '.join(disagree)}.")
        if row.get("code_changed_during_run"):
            found.append(f"graph/'s code changed while the {row['articles']:,}-article size was measured.")
    failures: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        for name, error in (row.get("rdflib_query_errors") or {}).items():
            failures.setdefault((name, error), []).append(row["articles"])
    for (name, error), sizes in sorted(failures.items()):
        found.append(f"`{name}` failed on rdflib at {', '.join(f'{n:,}' for n in sizes)} articles ({error}); "
                     "it is left out of both medians of the ratio.")
    return found


def markdown(rows: list[dict], machine: str | None = None) -> str:
    about = rows[0].get("run", {})
    where = machine or f"{about.get('cores', '?')}-core, {about.get('memory_gb', '?')} GB machine"
    low = min(row["load_average"]["min"] for row in rows if "load_average" in row) if rows else 0
    high = max(row["load_average"]["max"] for row in rows if "load_average" in row) if rows else 0
    commit = f" at {about['commit']}{' (graph/ edited)' if about.get('graph_dirty') else ''}" if about.get("commit") else ""
    head = (f"Figures from {about.get('date', '?')} on the {where}{commit}, load average {low:.1f} to "
            f"{high:.1f} while it ran (`{about.get('command', 'scripts/bench.py')}`):")
    text = [head, "", *old_table(rows), "", *new_table(rows)]
    extra = notes(rows)
    if extra:
        text += ["", *(f"- {note}" for note in extra)]
    return "\n".join(text) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", type=Path, help="the --json file of scripts/bench.py")
    parser.add_argument("--machine", help="how to name the machine [default: N-core, M GB machine]")
    args = parser.parse_args(argv)
    rows = json.loads(args.json.read_text(encoding="utf-8"))
    sys.stdout.write(markdown(rows, args.machine))
    return 0


if __name__ == "__main__":
    sys.exit(main())
