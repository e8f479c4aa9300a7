"""The page in Debian's headless Chromium, offline: loads, counts, search, filter, click, inert hostile text.

Every request that is not the page's own file:// URL is aborted and recorded; Chromium also gets
an unresolvable host map and a dead proxy, so nothing could leave the machine anyway.
"""

import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph.network.page import page
from graph.network.projection import project
from graph.network.render import render
from graph.vocab import KG, ORG, SCHEMA

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data" / "html"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9"]
BASE = "https://example.org/news-kg/"


@dataclass
class Visit:
    page: object
    requests: list[str] = field(default_factory=list)
    off_page: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)


@pytest.fixture(scope="module")
def browser_context(chromium, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=chromium, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 800}, device_scale_factor=1, service_workers="block")
        yield context
        context.close()


@pytest.fixture
def visit(browser_context):
    """Open a page file offline and wait until its layout is done; records requests, errors, dialogs."""
    opened = []

    def open_file(path: Path) -> Visit:
        tab = browser_context.new_page()
        opened.append(tab)
        seen = Visit(tab)

        def guard(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                seen.off_page.append(route.request.url)
                route.abort()

        tab.route("**/*", guard)
        tab.on("request", lambda r: seen.requests.append(r.url))
        tab.on("console", lambda m: seen.errors.append(m.text) if m.type in ("error", "warning") else None)
        tab.on("pageerror", lambda e: seen.errors.append(str(e)))
        tab.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
        tab.goto(path.resolve().as_uri())
        tab.wait_for_selector("body[data-ready='true']", state="attached", timeout=120_000)
        return seen

    yield open_file
    for tab in opened:
        tab.close()


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> Path:
    return render([DATA / "hostile.ttl"], tmp_path_factory.mktemp("hostile") / "hostile.html").path


def node_point(seen: Visit, node: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    x, y = seen.js("""id => {
        const net = window.kgView.network, p = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.getElementById('network').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", node)
    return x, y


def visible(seen: Visit, collection: str) -> int:
    return seen.js(f"window.kgView.{collection}.get({{filter: item => !item.hidden}}).length")


def test_page_loads_offline_with_no_request_and_no_error(visit, built):
    seen = visit(built / "graph.html")
    assert seen.requests == [(built / "graph.html").resolve().as_uri()]
    assert seen.off_page == [] and seen.errors == [] and seen.dialogs == []
    assert seen.page.title().startswith("Health specialists from China")
    assert seen.js("document.querySelectorAll('img, iframe, link, script[src]').length") == 0


def test_network_counts_equal_the_projection(visit, built, bundled_graph):
    net = project(bundled_graph)
    seen = visit(built / "graph.html")
    drawn = seen.js("[Object.keys(window.kgView.network.getPositions()).length,"
                    " Object.keys(window.kgView.network.body.edges).length]")
    assert drawn == [net.number_of_nodes(), net.number_of_edges() + len(net.graph["context"])]
    assert seen.js("window.kgView.nodes.getIds().sort()") == sorted(net)
    legend = seen.js("[...document.querySelectorAll('#legend .chip')].map(c => c.textContent)")
    assert legend == ["People4", "Organizations7", "Events1", "Places3", "Topics8", "Quotations8", "Articles1"]


def test_physics_stops_and_the_layout_is_the_same_on_every_load(visit, built):
    positions = []
    for _ in range(2):
        seen = visit(built / "graph.html")
        assert seen.js("window.kgView.network.physics.physicsEnabled") is False
        positions.append(seen.js("window.kgView.network.getPositions()"))
    assert positions[0] == positions[1]


def test_search_finds_focuses_and_opens_the_panel(visit, built):
    seen = visit(built / "graph.html")
    seen.page.fill("#search", "dzau")
    found = seen.page.locator("#results li .name").all_text_contents()
    assert found[0] == "Victor Joseph Dzau"
    assert len(found) == 3 and all(name.startswith("Victor Joseph Dzau: ") for name in found[1:]), "and his quotations"
    seen.page.keyboard.press("Enter")
    panel = seen.page.locator("#panel")
    assert panel.locator("h2").text_content() == "Victor Joseph Dzau"
    assert seen.js("window.kgView.selected") == f"{BASE}person/victor-joseph-dzau"
    assert panel.locator(".iri a").first.get_attribute("href") == f"{BASE}person/victor-joseph-dzau"
    roles = panel.locator("ul.roles li").all_text_contents()
    assert roles == ["co-chair, Sino-American Forum of Academicians International Health Conference",
                     "president, United States National Academy of Medicine"]
    marks = panel.locator(".ev mark").all_text_contents()
    assert "Victor Joseph Dzau, co-chair of the conference" in marks
    assert ("Characters 1451–1497 of Health specialists from China and the U.S. urge increased cooperation in the "
            "medical field · TROIB News, 2024-11-16show in the text") in panel.locator(".ev .where").all_text_contents()


def test_filter_hides_a_type_and_its_links(visit, built):
    seen = visit(built / "graph.html")
    seen.page.locator("#legend .chip[data-kind='quotation']").click()
    assert (visible(seen, "nodes"), visible(seen, "edges")) == (32 - 8, 61 - 8 - 8), "8 said, 8 mentions"
    assert seen.js("[...document.querySelectorAll('#legend .chip.off')].map(c => c.dataset.kind)") == ["quotation"]
    seen.page.locator("#legend .chip[data-kind='quotation']").click()
    assert (visible(seen, "nodes"), visible(seen, "edges")) == (32, 61)


def test_click_highlights_the_neighbourhood_and_shows_facts_and_evidence(visit, built):
    seen = visit(built / "graph.html")
    he_jie, ncc, beijing = (f"{BASE}person/he-jie", f"{BASE}organization/national-cancer-center-of-china",
                            f"{BASE}place/beijing")
    seen.page.mouse.click(*node_point(seen, he_jie))
    assert seen.page.locator("#panel h2").text_content() == "He Jie"
    colour = "id => window.kgView.nodes.get(id).color.background"
    assert seen.js(colour, ncc) == "#f28e2b", "a neighbour keeps its colour"
    assert seen.js(colour, beijing) == "#eceff3", "the rest fades"
    relations = seen.page.locator("#panel ul.rels > li .rel-label").all_text_contents()
    assert relations[:2] == ["academician → ", "director → "]
    seen.page.locator("#panel ul.rels .go", has_text="National Cancer Center of China").click()
    assert seen.page.locator("#panel h2").text_content() == "National Cancer Center of China"
    seen.page.mouse.click(20, 160)
    assert seen.page.locator("#panel").is_hidden()
    assert seen.js(colour, beijing) == "#59a14f"


def test_quotation_tooltip_shows_full_text_speaker_and_mode(visit, built):
    seen = visit(built / "graph.html")
    seen.page.mouse.move(*node_point(seen, f"{BASE}quote/he-jie-global-burden-of-cancer"))
    tip = seen.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    assert tip.locator(".tip-kind").text_content() == "quotation · direct quote"
    assert tip.locator(".tip-quote").text_content().startswith("“I hope to further promote the provision of more precise")
    assert tip.locator(".tip-meta").text_content() == "— He Jie (stated)"


def test_hostile_names_stay_inert_text_everywhere(visit, hostile_file):
    seen = visit(hostile_file)
    person = "https://example.org/hostile/person"
    name = "<script>window.__pwned = 'name'</script>"
    seen.page.mouse.move(*node_point(seen, person))
    seen.page.locator("div.vis-tooltip").wait_for(state="visible")
    assert seen.page.locator("div.vis-tooltip .tip-name").text_content() == name
    assert seen.page.locator("div.vis-tooltip li").text_content() == "<b onmouseover=\"window.__pwned = 'role'\">chair</b>, <img src=x onerror=\"window.__pwned = 'img'\">"
    seen.page.fill("#search", "<script>")
    assert seen.page.locator("#results li .name").all_text_contents() == [
        name, "</title><script>window.__pwned = 'headline'</script>", "“</script><script>window.__pwned = 'quote'</scri…”"]
    seen.page.keyboard.press("Enter")
    assert seen.page.locator("#panel h2").text_content() == name
    assert seen.page.locator("#panel .aliases").text_content() == "also <a href=\"javascript:window.__pwned='alias'\">alias</a>"
    seen.page.fill("#search", "svg onload")
    seen.page.keyboard.press("Enter")
    assert seen.page.locator("#panel .iri").first.text_content() == "javascript:window.__pwned='iri'"
    seen.page.fill("#search", "</title>")
    seen.page.keyboard.press("Enter")
    assert seen.page.locator("#panel dd", has_text="javascript:").text_content() == "javascript:window.__pwned='url'"
    hrefs = seen.js("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert all(href.startswith(("http://", "https://")) for href in hrefs)
    assert seen.js("window.__pwned") is None
    assert seen.js("document.querySelectorAll('img, iframe, b, script[src], svg:not(.swatch)').length") == 0
    assert seen.js("document.querySelectorAll('script').length") == 3
    assert seen.dialogs == [] and seen.off_page == [] and seen.errors == []
    assert seen.page.title() == "</title><script>window.__pwned = 'headline'</script>"
    assert seen.page.locator("#legend .chip").all_text_contents() == ["People3", "Organizations1", "Quotations1",
                                                                       "Articles1"]


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB(A) PNG (what Chromium writes) into rows of raw pixel bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks, header = 8, [], None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        header = body if kind == b"IHDR" else header
        chunks += [body] if kind == b"IDAT" else []
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    step = 3 if colour == 2 else 4
    raw, rows, previous = zlib.decompress(b"".join(chunks)), [], bytearray(width * step)
    for y in range(height):
        line = raw[y * (width * step + 1):(y + 1) * (width * step + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(len(row)):
            left = row[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            guess = {0: 0, 1: left, 2: up, 3: (left + up) // 2}.get(kind)
            if guess is None:
                p = left + up - corner
                guess = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
            row[i] = (row[i] + guess) & 0xFF
        rows.append(bytes(row))
        previous = row
    return width, height, rows


def test_screenshot_is_not_blank(visit, built):
    seen = visit(built / "graph.html")
    box = seen.page.locator("#network").bounding_box()
    middle = {"x": box["x"] + box["width"] / 4, "y": box["y"] + box["height"] / 4,
              "width": box["width"] / 2, "height": box["height"] / 2}
    width, height, rows = png_pixels(seen.page.screenshot(clip=middle))
    step = len(rows[0]) // width
    pixels = [row[i:i + 3] for row in rows for i in range(0, len(row), step)]
    colours = set(pixels)
    inked = sum(1 for pixel in pixels if min(pixel) < 200)
    assert len(colours) > 100
    assert inked > width * height // 200, "at least 0.5% of the canvas is drawn"


def synthetic(size: int) -> Graph:
    """People, organizations and their memberships, about `size` entities."""
    g, base = Graph(), "https://example.org/big/"
    people, orgs = size * 3 // 4, size - size * 3 // 4
    for i in range(orgs):
        g.add((URIRef(f"{base}org/{i}"), RDF.type, SCHEMA.Organization))
        g.add((URIRef(f"{base}org/{i}"), SCHEMA.name, Literal(f"Organization {i}")))
    for i in range(people):
        person, membership = URIRef(f"{base}person/{i}"), URIRef(f"{base}membership/{i}")
        g.add((person, RDF.type, SCHEMA.Person))
        g.add((person, SCHEMA.name, Literal(f"Person {i}")))
        g.add((membership, RDF.type, ORG.Membership))
        g.add((membership, ORG.member, person))
        g.add((membership, ORG.organization, URIRef(f"{base}org/{(i * 7) % orgs}")))
        g.add((membership, ORG.role, URIRef(f"{base}role/member")))
        if i % 3:
            g.add((person, KG.said, URIRef(f"{base}quote/{i}")))
            g.add((URIRef(f"{base}quote/{i}"), RDF.type, SCHEMA.Quotation))
    g.add((URIRef(f"{base}role/member"), RDFS.label, Literal("member")))
    return g


def test_a_2000_node_graph_becomes_interactive(visit, tmp_path):
    net = project(synthetic(1330))
    assert 1900 < net.number_of_nodes() <= 2000
    path = tmp_path / "big.html"
    path.write_bytes(page(net))
    seen = visit(path)  # waits until the layout is done and physics is off
    assert seen.js("Object.keys(window.kgView.network.getPositions()).length") == net.number_of_nodes()
    seen.page.fill("#search", "Person 996")
    seen.page.keyboard.press("Enter")
    assert seen.page.locator("#panel h2").text_content() == "Person 996"
    person = "https://example.org/big/person/996"
    assert sorted(seen.js("window.kgView.network.getSelectedNodes()")) == sorted(
        [person, *seen.js("id => window.kgView.network.getConnectedNodes(id)", person)]), "neighbours are selected"
    assert seen.errors == [] and seen.off_page == []


ARTICLE = f"{BASE}article/troib-2024-11-16-sino-us-health"


def test_reading_view_highlights_every_evidence_span_at_its_offsets(visit, built, bundled_dir, bundled_graph):
    from graph.vocab import OA

    text = (bundled_dir / "article.txt").read_text(encoding="utf-8")
    seen = visit(built / "graph.html")
    seen.page.click("#read")
    assert seen.js("window.kgView.reader.article") == ARTICLE
    assert seen.page.locator("#reader .reader-text").text_content() == text, "the whole text, no gap"
    assert seen.page.locator("#reader .note").count() == 0
    marks = seen.js("""[...document.querySelectorAll('#reader mark')].map(m =>
        [Number(m.dataset.start), m.textContent, m.dataset.spans.split(' ').map(Number)])""")
    spans: dict[int, list] = {}
    for start, piece, covering in marks:
        assert text[start:start + len(piece)] == piece, "each mark sits at its offset"
        for index in covering:
            spans.setdefault(index, []).append((start, piece))
    placed = set()
    for pieces in spans.values():
        pieces.sort()
        assert all(a + len(p) == b for (a, p), (b, _) in zip(pieces, pieces[1:])), "a span is contiguous"
        placed.add((pieces[0][0], pieces[-1][0] + len(pieces[-1][1])))
    passages = {(int(s), int(e)) for sel in bundled_graph.subjects(OA.start, None)
                for s, e in [(bundled_graph.value(sel, OA.start), bundled_graph.value(sel, OA.end))]}
    assert passages and placed == passages, "every evidence passage is highlighted, and nothing else"
    assert seen.errors == []


def test_clicking_a_span_selects_its_fact_and_a_card_scrolls_to_its_span(visit, built):
    seen = visit(built / "graph.html")
    seen.page.click("#read")
    seen.page.locator("#reader mark", has_text="director of the National Cancer Center of China").first.click()
    assert seen.page.locator("#panel h2").text_content() == "He Jie → director → National Cancer Center of China"
    seen.page.locator("#reader mark", has_text="Academician Chen Zhu").first.click()
    assert seen.js("window.kgView.selected") == f"{BASE}person/chen-zhu"
    assert seen.page.locator("#panel h2").text_content() == "Chen Zhu"
    seen.page.locator("#reader").evaluate("r => r.scrollTo(0, 0)")
    seen.page.fill("#search", "he jie")
    seen.page.keyboard.press("Enter")
    card = seen.page.locator("#panel ul.rels li", has_text="director → National").locator(".ev")
    card.locator("button.in-text").click()
    current = seen.page.locator("#reader mark.current")
    assert current.all_text_contents() == ["director of the National Cancer Center of China"]
    box, pane = current.bounding_box(), seen.page.locator("#reader").bounding_box()
    assert pane["y"] <= box["y"] and box["y"] + box["height"] <= pane["y"] + pane["height"], "scrolled into sight"


def test_a_rendered_turtle_rebuilds_the_text_from_its_passages_and_says_so(visit, built, tmp_path):
    out = render([built / "graph.ttl"], tmp_path / "rendered.html").path
    seen = visit(out)
    seen.page.click("#read")
    assert "Rebuilt from the evidence passages" in seen.page.locator("#reader .note").text_content()
    assert seen.page.locator("#reader .gap").count() > 0
    assert seen.page.locator("#reader mark", has_text="director of the National Cancer Center of China").count() == 1
    assert seen.errors == []


@pytest.fixture(scope="module")
def multi_file(tmp_path_factory) -> Path:
    from graph.corpus.pipeline import build

    articles = Path(__file__).parent / "data" / "articles"
    out = tmp_path_factory.mktemp("multi")
    build([articles / "minimal", articles / "water-conference", articles / "university-soil-symposium"], out)
    return out / "graph.html"


def test_multi_article_cards_name_their_article(visit, multi_file):
    seen = visit(multi_file)
    assert seen.page.locator("#headline").text_content() == "Knowledge graph of 3 articles"
    assert seen.page.locator("#source").text_content() == "3 articles from 2 publishers, dates 2025-02-15 to 2025-03-05"
    seen.page.fill("#search", "Grace Whitfield")
    seen.page.keyboard.press("Enter")
    where = seen.page.locator("#panel .ev .where").first
    assert where.text_content().startswith("Characters ")
    assert "of Soil scientists call for a shared archive of samples · Campus Wire, 2025-02-15" in where.text_content()
    assert where.locator("a").get_attribute("href") == "https://example.org/campus-wire/2025/02/15/soil-archive"
    seen.page.fill("#search", "Jane Doe")
    seen.page.keyboard.press("Enter")
    where = seen.page.locator("#panel .ev .where").first
    assert "of Forum on rural clinics opens in Lyon · Example Wire, 2025-03-03" in where.text_content()
    where.locator("button.article-link").click()  # no schema:url: the article's own node
    assert seen.js("window.kgView.selected") == "https://example.org/news-kg/article/example-wire-2025-03-03-rural-clinics"
    seen.page.click("#read")
    options = seen.page.locator("#reader select option").all_text_contents()
    assert len(options) == 3 and "Forum on rural clinics opens in Lyon — Example Wire · 2025-03-03" in options
    seen.page.locator("#reader select").select_option(label=options[0])
    assert seen.page.locator("#reader mark").count() > 0
    assert seen.errors == []


def test_edge_labels_are_readable_or_hidden_and_the_panel_hides_nothing(visit, built):
    seen = visit(built / "graph.html")
    assert all(px >= 10 for _, px in seen.js("window.kgView.edgeLabels()")), "no label below 10 px"
    he_jie = f"{BASE}person/he-jie"
    seen.page.mouse.click(*node_point(seen, he_jie))
    seen.page.wait_for_timeout(100)
    shown = seen.js("window.kgView.edgeLabels()")
    assert len(shown) == 7 and all(px >= 11.5 for _, px in shown), "the selection's links, labelled at 12 px"
    panel, network = seen.page.locator("#panel").bounding_box(), seen.page.locator("#network").bounding_box()
    assert network["x"] + network["width"] <= panel["x"], "the panel sits beside the network"
    x, _ = node_point(seen, he_jie)
    assert network["x"] < x < network["x"] + network["width"]
    home = seen.js("window.kgView.home.scale")
    seen.js("window.kgView.network.moveTo({scale: 2, position: {x: 300, y: 300}})")
    seen.page.keyboard.press("Escape")
    assert seen.page.locator("#panel").is_hidden()
    assert seen.js("window.kgView.network.getScale()") == pytest.approx(home, rel=0.01), "the whole view again"


def test_search_sorts_case_insensitively(visit, tmp_path):
    g, base = Graph(), "https://example.org/case/"
    for i, name in enumerate(["beta team", "Alpha team", "alpha group", "Gamma team"]):
        g.add((URIRef(f"{base}{i}"), RDF.type, SCHEMA.Organization))
        g.add((URIRef(f"{base}{i}"), SCHEMA.name, Literal(name)))
    path = tmp_path / "case.html"
    path.write_bytes(page(project(g)))
    seen = visit(path)
    seen.page.fill("#search", "team")
    assert seen.page.locator("#results li .name").all_text_contents() == ["Alpha team", "beta team", "Gamma team"]
    seen.page.fill("#search", "a")
    assert seen.page.locator("#results li .name").all_text_contents() == ["alpha group", "Alpha team", "beta team",
                                                                          "Gamma team"]


def test_screenshot_selects_an_entity_by_its_full_name(built, chromium, tmp_path):
    import subprocess
    import sys

    script = Path(__file__).parent.parent / "scripts" / "screenshot.py"
    name = "Sino-American Forum of Academicians International Health Conference"  # its label is cut
    done = subprocess.run([sys.executable, str(script), str(built / "graph.html"), str(tmp_path / "shot.png"),
                           "--select", name.lower(), "--width", "800", "--height", "600"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "shot.png").read_bytes().startswith(b"\x89PNG")


def test_screenshot_can_show_the_reading_view(built, chromium, tmp_path):
    """--read opens the article's text beside the network: its highlighted passages are in the shot."""
    import subprocess
    import sys

    script = Path(__file__).parent.parent / "scripts" / "screenshot.py"
    shots = {}
    for read in (False, True):
        shot = tmp_path / f"shot-{read}.png"
        done = subprocess.run([sys.executable, str(script), str(built / "graph.html"), str(shot),
                               "--select", "He Jie", "--width", "800", "--height", "500"] + ["--read"] * read,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        width, _, rows = png_pixels(shot.read_bytes())
        step = len(rows[0]) // width
        shots[read] = sum(row[i:i + 3] in (b"\xff\xf1\xb8", b"\xb9\xdc\xff")  # --mark, the selection's passages
                          for row in rows for i in range(0, width * step // 3, step))
    assert shots[False] == 0 and shots[True] > 1000, shots
