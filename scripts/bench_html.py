"""How fast do big pages become interactive? Synthetic graphs in our vocabulary, headless Chromium.

Usage:
    .venv/bin/python scripts/bench_html.py                  # 500, 1000 and 2000 entities
    .venv/bin/python scripts/bench_html.py 2000 --runs 3 --no-baseline

For each size it prints: Python time to project and render the page, the page's size, and in
Chromium (offline, file://) the time from navigation to interactive (layout done, physics off)
and from selecting an entity to the second frame drawn with its neighbourhood highlighted and its
side panel open (search → Enter is checked to work first). The baseline renders the same graph
with vis-network's default physics, as pyvis sets it up out of the box (Barnes-Hut, 1,000
stabilization iterations, Kamada-Kawai initial layout, dynamic curved edges), so the ratio shows
what the tuning buys. Figures go to stdout; nothing is asserted.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from graph.vocab import KG, OA, ORG, SCHEMA

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import offline_page, open_page  # noqa: E402

BASE = "https://example.org/bench/"
SHARES = (("person", 0.34), ("organization", 0.16), ("event", 0.06), ("place", 0.06), ("topic", 0.08),
          ("quote", 0.30))
CLASSES = {"person": SCHEMA.Person, "organization": SCHEMA.Organization, "event": SCHEMA.Event,
           "place": SCHEMA.Place, "topic": URIRef("http://www.w3.org/2004/02/skos/core#Concept"),
           "quote": SCHEMA.Quotation}
ROLES = ("director", "president", "professor", "researcher", "spokesperson", "member")


def synthetic(entities: int, seed: int = 1) -> Graph:
    """A graph of about `entities` entities (plus one article) shaped like a busy news corpus."""
    rng, g = random.Random(seed), Graph(bind_namespaces="none")
    article = URIRef(f"{BASE}article/a")
    g.add((article, RDF.type, SCHEMA.NewsArticle))
    g.add((article, SCHEMA.headline, Literal(f"Synthetic corpus of {entities} entities")))
    ids: dict[str, list[URIRef]] = {}
    for kind, share in SHARES:
        ids[kind] = [URIRef(f"{BASE}{kind}/{kind}-{i}") for i in range(max(1, round(entities * share)))]
        for i, node in enumerate(ids[kind]):
            g.add((node, RDF.type, CLASSES[kind]))
            g.add((node, SCHEMA.name, Literal(f"{kind.title()} {i} {rng.choice(('Alpha', 'Beta', 'Gamma', 'Delta'))}")))
            evidence(g, node, rng)
    pick = rng.choice
    for i, person in enumerate(ids["person"]):
        for j in range(rng.choice((1, 1, 2))):
            org, role = pick(ids["organization"]), pick(ROLES)
            m = URIRef(f"{BASE}membership/{i}-{j}")
            g.add((m, RDF.type, ORG.Membership))
            g.add((m, ORG.member, person))
            g.add((m, ORG.organization, org))
            g.add((m, ORG.role, URIRef(f"{BASE}role/{role}")))
            g.add((URIRef(f"{BASE}role/{role}"), RDFS.label, Literal(role)))
            g.add((URIRef(f"{BASE}role/{role}"), RDF.type, ORG.Role))
            evidence(g, m, rng)
        if rng.random() < 0.3:
            g.add((person, SCHEMA.performerIn, pick(ids["event"])))
    for quote in ids["quote"]:
        g.add((quote, SCHEMA.text, Literal("A statement about cooperation " * 3)))
        g.add((pick(ids["person"]), KG.said, quote))
    for event in ids["event"]:
        g.add((pick(ids["organization"]), KG.hosted, event))
        g.add((event, SCHEMA.location, pick(ids["place"])))
        for topic in rng.sample(ids["topic"], min(3, len(ids["topic"]))):
            g.add((event, SCHEMA.about, topic))
    for org in ids["organization"]:
        g.add((org, SCHEMA.addressCountry, pick(ids["place"])))
    return g


def evidence(g: Graph, node: URIRef, rng: random.Random) -> None:
    start = rng.randrange(0, 50_000)
    ev = URIRef(f"{node}.evidence")
    quote, position = URIRef(f"{ev}.quote"), URIRef(f"{ev}.position")
    g.add((node, KG.evidence, ev))
    g.add((ev, RDF.type, OA.SpecificResource))
    g.add((ev, OA.hasSelector, quote))
    g.add((ev, OA.hasSelector, position))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal("an excerpt of the article that supports the fact")))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((position, OA.end, Literal(start + 48, datatype=XSD.nonNegativeInteger)))


def browser_times(path: Path, timeout_s: float = 300) -> tuple[float, float]:
    """(seconds from navigation start to interactive, seconds from a selection to its frame)."""
    with offline_page() as (page, off_page, errors):
        open_page(page, path, timeout_ms=int(timeout_s * 1000))
        interactive = page.evaluate("window.kgView.timings.stabilized") / 1000  # since navigation start
        page.fill("#search", "Person 7 ")
        page.keyboard.press("Enter")
        page.wait_for_selector("#panel:not([hidden]) h2")
        respond = page.evaluate("""() => new Promise(done => {
            const started = performance.now();
            window.kgView.select("https://example.org/bench/person/person-9", false);
            requestAnimationFrame(() => requestAnimationFrame(() => done((performance.now() - started) / 1000)));
        })""")
        if off_page or errors:
            raise SystemExit(f"{path}: off-page requests {off_page} or errors {errors}")
    return interactive, respond


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 1000, 2000])
    parser.add_argument("--runs", type=int, default=2, help="browser runs per page; the median is shown")
    parser.add_argument("--no-baseline", action="store_true", help="skip vis-network's default physics")
    parser.add_argument("--baseline-timeout", type=float, default=120, help="give up on the baseline after S seconds")
    args = parser.parse_args()

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    import graph.network.page as html
    from graph.network.projection import project

    tuned, leaves = html._options, html._leaves
    print(f"{'entities':>8} {'links':>6} {'render s':>9} {'page MB':>8} {'interactive s':>14} "
          f"{'select→drawn s':>15} {'baseline s':>11} {'ratio':>6}")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        for size in args.sizes:
            rdf = synthetic(size)
            started = time.perf_counter()
            net = project(rdf)
            page = html.page(net)
            render_s = time.perf_counter() - started
            path = Path(folder) / f"bench-{size}.html"
            path.write_bytes(page)
            runs = [browser_times(path) for _ in range(args.runs)]
            interactive = statistics.median(r[0] for r in runs)
            respond = statistics.median(r[1] for r in runs)
            baseline, ratio = "-", "-"
            if not args.no_baseline:
                html._options = lambda count: {**tuned(count), "layout": {"randomSeed": html.LAYOUT_SEED},
                                               "edges": {"arrows": "to"}, "physics": {"enabled": True}}
                html._leaves = lambda net: {}
                base_path = Path(folder) / f"baseline-{size}.html"
                base_path.write_bytes(html.page(net))
                html._options, html._leaves = tuned, leaves
                try:
                    base = browser_times(base_path, timeout_s=args.baseline_timeout)[0]
                    baseline, ratio = f"{base:.2f}", f"{base / interactive:.1f}x"
                except PlaywrightTimeout:
                    baseline, ratio = f">{args.baseline_timeout:.0f}", f">{args.baseline_timeout / interactive:.0f}x"
            print(f"{net.number_of_nodes():>8} {net.number_of_edges():>6} {render_s:>9.2f} "
                  f"{len(page) / 1e6:>8.2f} {interactive:>14.2f} {respond:>15.2f} {baseline:>11} {ratio:>6}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
