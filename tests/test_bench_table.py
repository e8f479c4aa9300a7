"""scripts/bench_table.py turns scripts/bench.py's JSON into README's tables: every column, lower
bounds for what was stopped, and the notes the figures need."""

import importlib.util
import json

from conftest import ROOT


def load_script():
    spec = importlib.util.spec_from_file_location("bench_table", ROOT / "scripts" / "bench_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ROW = {
    "articles": 10000, "triples": 5057197, "build_s": 36.53, "build_runs_s": [32.9, 37.0, 36.53],
    "peak_rss_mb": 461.0, "turtle_write_s": 4.0, "speedup_turtle": 10.7, "query_median_ours_s": 0.601,
    "query_median_rdflib_s": 60.0, "rdflib_query_timeouts": 7, "rdflib_query_errors": {"timeline": "TypeError: x"},
    "ours_query_timeouts": [], "speedup_query": 99.9, "queries_s": {f"q{i}": {} for i in range(13)},
    "kg_query_cold_s": 25.7, "kg_query_cold_rss_mb": 900.0, "store_made": True, "bulk_load_wall_s": 18.2,
    "bulk_load_s": 17.9, "ratio_cold_vs_bulk_load": 1.41, "kg_query_warm_count": 13, "kg_query_warm_under_1s": 11,
    "kg_query_warm_median_s": 0.42, "kg_query_warm_max_s": 21.0, "kg_query_warm_max_query": "evidence",
    "kg_query_warm_rss_mb": 120.0, "raw_query_median_s": 0.049,
    "warm_queries": {"evidence": {"rows_agree": False}, "timeline": {"rows_agree": True}},
    "incremental_build_s": 3.2, "cold_build_no_cache_s": 41.0, "ratio_cold_vs_incremental": 12.8,
    "incremental_same_bytes": True, "incremental_rss_mb": 300.0, "cold_build_no_cache_rss_mb": 480.0,
    "timeout_s": 600.0, "turtle_limit_raised_mb": 400,
    "stats_s": 600.4, "stats_stopped": True, "stats_rss_mb": 9300.0, "stats_error": None,
    "validate_s": 120.0, "validate_stopped": False, "validate_rss_mb": 2500.0, "validate_error": None,
    "pyshacl_s": 600.2, "pyshacl_stopped": True, "pyshacl_rss_mb": 9900.0, "pyshacl_parse_s": 240.0,
    "pyshacl_validate_s": None, "pyshacl_error": None,
    "load_average": {"min": 1.2, "max": 3.4, "mean": 2.0},
    "run": {"date": "2026-12-04", "cores": 2, "memory_gb": 24, "commit": "abc1234", "graph_dirty": False,
            "command": "scripts/bench.py --sizes 10000"},
}


def test_the_tables_hold_every_figure_and_bound_what_was_stopped(tmp_path):
    table = load_script()
    text = table.markdown([ROW], "2-core, 24 GB development machine")
    lines = text.splitlines()
    assert lines[0] == ("Figures from 2026-12-04 on the 2-core, 24 GB development machine at abc1234, load average "
                        "1.2 to 3.4 while it ran (`scripts/bench.py --sizes 10000`):")
    old, new = [line for line in lines if line.startswith("| 10,000 |")]
    assert old == ("| 10,000 | 5,057,197 | 36.5 s | 461 MB | 4.00 s | 10.7× | 601 ms | "
                   "60,000 ms (7 of 13 stopped; `timeline` failed) | ≥ 99.9× |")
    assert new == ("| 10,000 | 5,057,197 | 25.7 s | 18.2 s (17.9 s) | 1.41× | 0.42 s / 21.0 s (`evidence`); "
                   "11 of 13 < 1 s | 49 ms | 3.20 s | 41.0 s | 12.8× | ≥ 600 s (stopped), 9.1 GB | "
                   "120 s, 2.4 GB | ≥ 600 s (stopped), 9.7 GB | 9.1 GB (`kg stats`) |")
    header = next(line for line in lines if "`kg query` cold" in line)
    assert header.count("|") - 1 == new.count("|") - 1 == 14
    assert "- At 10,000 articles `kg stats` and `kg validate` ran with `KG_MAX_TURTLE_MB=400`" in text
    assert "- At 10,000 articles pySHACL was stopped after 600 s (`--timeout`), at 9.7 GB." in text
    assert "different row counts for evidence." in text
    assert "`timeline` failed on rdflib at 10,000 articles (TypeError: x)" in text
    (tmp_path / "bench.json").write_text(json.dumps([ROW]), encoding="utf-8")
    assert table.main([str(tmp_path / "bench.json"), "--machine", "2-core, 24 GB development machine"]) == 0


def test_a_warm_query_stopped_by_its_timeout_is_at_least_that_long():
    table = load_script()
    row = {**ROW, "kg_query_warm_max_s": float("inf"), "query_timeout_s": 60.0,
           "warm_queries": {"evidence": {"stopped": True, "wall_s": 60.2}, "timeline": {"wall_s": 0.3}}}
    assert "| 0.42 s / ≥ 60.0 s (stopped, `evidence`); 11 of 13 < 1 s |" in table.new_table([row])[-1]


def test_parts_left_out_are_dashes():
    table = load_script()
    row = {key: ROW[key] for key in ("articles", "triples", "build_s", "build_runs_s", "peak_rss_mb",
                                     "turtle_write_s", "query_median_ours_s", "queries_s", "run")}
    new = table.new_table([row])[-1]
    assert new == "| 10,000 | 5,057,197 |" + " – |" * 12
