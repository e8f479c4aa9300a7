#!/usr/bin/env python3
"""Benchmark `kg draft` on the gold set (issue 14): draft every curated article from its text
alone, score each draft against the curated facts (graph/draft/score.py), and print the figures
per kind of fact for the development part and, separately, for the held-out part.

Development: the bundled article, every folder of tests/data/articles/ and tests/data/gold/dev/.
Held out: tests/data/gold/heldout/ (written last; no rule may be tuned to it). The drafter is given
the text and the publication date, as an analyst gives `kg draft --published`; nothing else.
Figures are micro-averaged: counts add up over the articles, then divide. The time is the
drafter's own, per article (scoring and SHACL are not counted).

Usage:
    python scripts/bench_draft.py [--per-article] [--json FILE] [--keep DIR] [--dev]

--dev scores the development part only: the loop to tune rules in, which never shows a held-out figure.
"""

import argparse
import importlib
import inspect
import json
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXIT_NO_DRAFTER = 2


# --- the one place that knows the drafter's interface --------------------------------------------

def load_drafter():
    """The drafter's entry point, or None (with the reason) while graph/draft/ has none yet:
    graph.draft.draft, else graph.draft.pipeline.draft."""
    for name in ("graph.draft", "graph.draft.pipeline"):
        try:
            module = importlib.import_module(name)
        except ImportError as err:
            return None, f"{name} cannot be imported ({err})"
        if callable(draft := getattr(module, "draft", None)):
            return draft, ""
    return None, "graph.draft has no draft() function yet"


def run_drafter(draft, text: str, out: Path, published: date | None) -> None:
    """Draft one article into `out` (a folder that does not exist yet): article.txt + facts.yaml.
    The drafter either writes the folder itself (it takes `out`) or returns the facts file's text
    (a str, or an object with `.facts`), which is written here as `kg draft` would."""
    if "out" in inspect.signature(draft).parameters:
        draft(text, out=out, published=published)
    else:
        result = draft(text, published=published)
        facts = result if isinstance(result, str) else result.facts
        out.mkdir(parents=True, exist_ok=True)
        (out / "facts.yaml").write_text(facts, encoding="utf-8")
    if not (out / "article.txt").exists():
        out.mkdir(parents=True, exist_ok=True)
        (out / "article.txt").write_text(text, encoding="utf-8")


# -------------------------------------------------------------------------------------------------

@dataclass
class Result:
    group: str
    name: str
    seconds: float
    score: object  # graph.draft.score.Score


def folders() -> dict[str, list[Path]]:
    """Curated article folders by group: dev (all that development may look at) and held out."""
    from graph.files import bundled_article

    def under(path: Path) -> list[Path]:
        return sorted(p for p in path.iterdir() if (p / "facts.yaml").is_file()) if path.is_dir() else []

    dev = [bundled_article(), *under(DATA / "articles"), *under(DATA / "gold" / "dev")]
    return {"dev": dev, "held out": under(DATA / "gold" / "heldout")}


def bench_one(draft, group: str, gold: Path, scratch: Path) -> Result:
    from graph.draft.score import score
    from graph.facts.read import read_article

    facts = read_article(gold)
    text = (gold / facts.article.text_file).read_text(encoding="utf-8")
    out = scratch / group.replace(" ", "-") / gold.name
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    crash = None
    try:
        run_drafter(draft, text, out, facts.article.published)
    except Exception:  # a drafter bug: score it as a draft that does not build, and go on
        crash = traceback.format_exc(limit=3).strip().splitlines()[-1]
    seconds = time.perf_counter() - started
    if crash:
        out.mkdir(parents=True, exist_ok=True)
        if not (out / "article.txt").exists():
            (out / "article.txt").write_text(text, encoding="utf-8")
    result = score(out, gold)
    if crash:
        result = replace(result, errors=(f"{gold.name}: kg draft crashed: {crash}",))
    return Result(group, gold.name, seconds, result)


def _num(value: float | None) -> str:
    return "  —  " if value is None else f"{value:5.2f}"


def _share(ratio) -> str:
    return "—" if ratio.share is None else f"{ratio.share:.0%} ({ratio.hits}/{ratio.total})"


def table(totals: dict, times: dict[str, list[float]]) -> str:
    """Side by side: per kind P, R, F1 (and gold/draft counts) for each group."""
    from graph.draft.score import KINDS, SPOKEN

    groups = list(totals)
    head = f"{'kind':<24}" + "".join(f"| {g:^32}" for g in groups)
    sub = f"{'':<24}" + "".join(f"| {'gold':>5}{'draft':>6}{'P':>7}{'R':>7}{'F1':>7}" for _ in groups)
    lines = [head, sub, "-" * len(sub)]
    for kind in KINDS:
        row = f"{kind:<24}"
        for g in groups:
            t = totals[g].kinds[kind]
            row += f"| {t.gold:>5}{t.draft:>6}  {_num(t.precision)}  {_num(t.recall)}  {_num(t.f1)}"
        lines.append(row)
    lines.append("-" * len(sub))
    extra = [(f"speaker right, {kind.split()[0]}", lambda s, k=kind: _share(s.speakers[k])) for kind in SPOKEN]
    extra += [("evidence verbatim", lambda s: _share(s.evidence)), ("builds", lambda s: _share(s.builds))]
    for label, cell in extra:
        lines.append(f"{label:<24}" + "".join(f"| {cell(totals[g]):<32}" for g in groups))
    for label, pick in (("ms per article (mean)", lambda v: sum(v) / len(v)), ("ms per article (max)", max)):
        lines.append(f"{label:<24}" + "".join(
            f"| {(f'{pick(times[g]) * 1000:.0f}' if times[g] else '—'):<32}" for g in groups))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-article", action="store_true", help="also print one line per article")
    parser.add_argument("--json", type=Path, help="write the figures per article and per group to FILE")
    parser.add_argument("--keep", type=Path, help="write the drafts under DIR (default: a temporary folder)")
    parser.add_argument("--dev", action="store_true", help="the development part only (no held-out figure)")
    args = parser.parse_args(argv)

    draft, why = load_drafter()
    if draft is None:
        print(f"bench_draft: {why}; nothing to benchmark until `kg draft` exists (issue 14). "
              "Adjust load_drafter()/run_drafter() at the top of this script if its interface differs.",
              file=sys.stderr)
        return EXIT_NO_DRAFTER
    from graph.draft.score import combine

    with tempfile.TemporaryDirectory(prefix="bench-draft-") as tmp:
        scratch = args.keep or Path(tmp)
        results = [bench_one(draft, group, gold, scratch) for group, golds in folders().items()
                   if group == "dev" or not args.dev for gold in golds]
    groups = list(dict.fromkeys(r.group for r in results))
    totals = {g: combine(r.score for r in results if r.group == g) for g in groups}
    times = {g: [r.seconds for r in results if r.group == g] for g in groups}
    counts = ", ".join(f"{g}: {len(times[g])} articles" for g in groups)
    print(f"kg draft against the curated facts ({counts})\n")
    print(table(totals, times))
    if args.per_article:
        print()
        for r in results:
            s = r.score
            f1 = {k: s.kinds[k].f1 for k in ("people", "affiliations", "direct quotes", "reported statements")}
            cells = "  ".join(f"{k.split()[0]} {_num(v).strip()}" for k, v in f1.items())
            print(f"{r.group:<9} {r.name:<40} {'builds' if s.builds.hits else 'FAILS '} "
                  f"{r.seconds * 1000:6.0f} ms  {cells}")
    errors = [e for r in results for e in r.score.errors]
    if errors:
        print("\ndrafts that do not build:")
        print("\n".join(f"  {e}" for e in errors))
    if args.json:
        args.json.write_text(json.dumps(_as_json(results, totals, times), indent=2) + "\n", encoding="utf-8")
    return 0


def _as_json(results: list[Result], totals: dict, times: dict[str, list[float]]) -> dict:
    def figures(s) -> dict:
        return {
            "kinds": {k: {"gold": t.gold, "draft": t.draft, "matched": t.matched, "precision": t.precision,
                          "recall": t.recall, "f1": t.f1} for k, t in s.kinds.items()},
            "speaker_right": {k: r.share for k, r in s.speakers.items()},
            "evidence_verbatim": s.evidence.share, "builds": s.builds.share, "errors": list(s.errors),
        }

    return {
        "groups": {g: {**figures(t), "articles": len(times[g]), "seconds_mean": sum(times[g]) / len(times[g])}
                   for g, t in totals.items()},
        "articles": [{"group": r.group, "name": r.name, "seconds": r.seconds, **figures(r.score)} for r in results],
    }


if __name__ == "__main__":
    raise SystemExit(main())
