"""The HTML page: self-contained, escaped, byte-identical; kg render and the page in kg build."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.cli import cli
from graph.network.page import json_for_script, vis_library
from graph.corpus.pipeline import build
from graph.network import DEFAULT_MAX_NODES
from graph.network.render import render
from conftest import ROOT

DATA = Path(__file__).parent / "data" / "html"
TURTLE = sorted(DATA.glob("*.ttl"))
HOSTILE_MARKUP = ("<script>window", "<img", "<svg onload", "<iframe", "<b onmouseover", "<a href", "<style>body",
                  "</title><script>")


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <script> and <style> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.code: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in self.code else None

    def handle_data(self, data):
        if self._open:
            self.code[self._open].append(data)

    def handle_endtag(self, tag):
        self._open = None


def parse(page: bytes) -> Tags:
    tags = Tags()
    tags.feed(page.decode("utf-8"))
    return tags


def page_data(page: bytes) -> dict:
    found = re.search(rb'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


@pytest.fixture(scope="module")
def bundled_page(built) -> bytes:
    return (built / "graph.html").read_bytes()


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("hostile") / "hostile.html"
    render([DATA / "hostile.ttl"], out)
    return out.read_bytes()


def test_build_writes_the_page_next_to_the_turtle(built, bundled_page):
    assert bundled_page.startswith(b"<!DOCTYPE html>")
    data = page_data(bundled_page)
    assert (len(data["nodes"]), len(data["edges"])) == (32, 30 + 31), "30 links and 31 context links (mentions, speakers)"
    assert data["article"]["headline"] == "Health specialists from China and the U.S. urge increased cooperation in the medical field"
    assert b"<h1 id=\"headline\">Health specialists from China" in bundled_page
    assert b"32 entities \xc2\xb7 30 links" in bundled_page


def test_committed_page_is_what_the_code_produces(bundled_page):
    assert (ROOT / "output" / "graph.html").read_bytes() == bundled_page, "run 'kg build' and commit output/"


@pytest.mark.parametrize("name", ["bundled", "hostile"])
def test_page_references_nothing_off_the_page(name, bundled_page, hostile_page):
    page = {"bundled": bundled_page, "hostile": hostile_page}[name]
    tags = parse(page)
    assert {tag for tag, _ in tags.tags} <= {"html", "head", "meta", "title", "style", "body", "header", "div", "h1",
                                             "p", "nav", "input", "ul", "button", "main", "aside", "span", "noscript",
                                             "script"}
    for tag, attrs in tags.tags:
        assert not {"src", "href", "srcset", "action", "data", "poster", "background"} & set(attrs), (tag, attrs)
    assert [attrs for tag, attrs in tags.tags if tag == "script"] == [{"type": "application/json", "id": "kg-data"}, {}, {}]
    style = "".join(tags.code["style"])
    assert "@import" not in style and not re.search(r"url\(\s*['\"]?(https?:)?//", style)
    assert b"default-src 'none'" in page, "a Content-Security-Policy forbids every fetch"


def test_vis_network_is_inlined_from_pyvis(bundled_page):
    library = vis_library()
    assert "vis-network" in library[:200] and "sourceMappingURL" not in library
    assert library.encode("utf-8") in bundled_page


def test_hostile_strings_never_reach_the_markup(hostile_page):
    text = hostile_page.decode("utf-8")
    assert [tag for tag, _ in parse(hostile_page).tags].count("script") == 3
    for markup in HOSTILE_MARKUP:
        assert markup not in text, markup
    assert "<title>&lt;/title&gt;&lt;script&gt;window.__pwned = &#x27;headline&#x27;&lt;/script&gt;</title>" in text
    data = page_data(hostile_page)
    names = sorted(info["name"] for info in data["info"].values())
    assert "<script>window.__pwned = 'name'</script>" in names, "the data keeps the text as it is"


@given(st.recursive(st.text() | st.integers() | st.booleans() | st.none(),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)))
def test_json_for_script_cannot_close_its_element(value):
    text = json_for_script(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_render_of_the_built_turtle_equals_the_built_page(runner, built, bundled_page, tmp_path):
    result = runner.invoke(cli, ["render", str(built / "graph.ttl"), "--out", str(tmp_path / "page.html")])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"32 entities, 30 links → {tmp_path / 'page.html'}\n"
    rendered, built_data = page_data((tmp_path / "page.html").read_bytes()), page_data(bundled_page)
    reading = {"rendered": rendered.pop("readings"), "built": built_data.pop("readings")}
    assert rendered == built_data, "the same network, panels and headers"
    (article,) = reading["built"]
    assert reading["built"][article]["complete"] and not reading["rendered"][article]["complete"], (
        "kg build has the article's text; the Turtle alone gives the passages")
    assert reading["rendered"][article]["spans"] == reading["built"][article]["spans"]


def test_render_focus_keeps_the_neighbourhood_and_names_the_file(runner, built, tmp_path):
    (tmp_path / "graph.ttl").write_bytes((built / "graph.ttl").read_bytes())
    result = runner.invoke(cli, ["render", str(tmp_path / "graph.ttl"), "--focus", "He Jie"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"6 entities, 5 links around He Jie → {tmp_path / 'graph.he-jie.html'}\n"
    page = (tmp_path / "graph.he-jie.html").read_bytes()
    assert len(page_data(page)["nodes"]) == 6
    assert "neighbourhood of He Jie, 1 link deep".encode() in page


def test_render_into_a_folder_names_the_page_after_the_turtle(runner, tmp_path):
    result = runner.invoke(cli, ["render", str(DATA / "foreign.ttl"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"9 entities, 8 links → {tmp_path / 'foreign.html'}\n"


def test_render_refuses_above_max_nodes_and_suggests_focus(runner, tmp_path):
    out = tmp_path / "page.html"
    result = runner.invoke(cli, ["render", str(DATA / "foreign.ttl"), "--max-nodes", "5", "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {DATA / 'foreign.ttl'}: 9 entities is more than --max-nodes 5; show one entity's "
                             "neighbourhood with --focus ID_OR_NAME (and --depth N), or raise --max-nodes\n")
    assert not out.exists()
    focused = runner.invoke(cli, ["render", str(DATA / "foreign.ttl"), "--max-nodes", "5", "--out", str(out),
                                  "--focus", "Alice Martin"])
    assert focused.exit_code == 0, focused.output
    assert out.exists()
    deeper = runner.invoke(cli, ["render", str(DATA / "foreign.ttl"), "--max-nodes", "5", "--out", str(out),
                                 "--focus", "Alice Martin", "--depth", "3"])
    assert deeper.exit_code == 2
    assert deeper.stderr == (f"Error: {DATA / 'foreign.ttl'} --focus 'Alice Martin' --depth 3: 8 entities is more "
                             "than --max-nodes 5; lower --depth, or raise --max-nodes\n")


def test_render_with_an_unknown_focus_is_one_clear_line(runner, built, tmp_path):
    result = runner.invoke(cli, ["render", str(built / "graph.ttl"), "--focus", "Nobody", "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.stderr == "Error: --focus 'Nobody': no entity has this IRI, id or name ('kg stats' lists the central ones)\n"


def test_render_of_bad_turtle_is_one_clear_line(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(bad), "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}:1: not valid Turtle") and result.stderr.count("\n") == 1
    assert not (tmp_path / "x.html").exists()


def test_an_empty_graph_still_gives_a_page(tmp_path):
    (tmp_path / "empty.ttl").write_text("", encoding="utf-8")
    result = render([tmp_path / "empty.ttl"])
    assert (result.path, result.nodes) == (tmp_path / "empty.html", 0)
    assert page_data(result.path.read_bytes())["article"]["headline"] == "Knowledge graph"


def test_build_skips_a_page_above_max_nodes_with_a_note(tmp_path):
    (tmp_path / "graph.html").write_text("an earlier page of another graph", encoding="utf-8")
    result = build(out=tmp_path, max_nodes=10)
    assert result.notes == [f"Note: graph.html skipped: 32 entities is more than 10; render one entity's "
                            f"neighbourhood with: kg render {tmp_path / 'graph.ttl'} --focus ID_OR_NAME"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.jsonld", "graph.trig", "graph.ttl"]


def test_max_nodes_default_is_documented_in_the_help(runner):
    result = runner.invoke(cli, ["render", "--help"])
    assert f"[default: {DEFAULT_MAX_NODES}; x>=1]" in " ".join(result.stdout.split())
    assert "Example:" in result.stdout


def run_kg(args: list[str], seed: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "graph", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.parametrize("path", TURTLE, ids=lambda p: p.name)
def test_same_turtle_gives_byte_identical_pages_whatever_the_hash_seed(path, tmp_path):
    for seed in ("0", "1", "4242"):
        run_kg(["render", str(path), "--out", str(tmp_path / f"{seed}.html")], seed, ROOT)
    pages = {(tmp_path / f"{seed}.html").read_bytes() for seed in ("0", "1", "4242")}
    assert len(pages) == 1


def test_build_gives_byte_identical_pages_whatever_the_hash_seed(tmp_path, bundled_page):
    for seed in ("0", "777"):
        run_kg(["build", "--quiet", "--out", str(tmp_path / seed)], seed, ROOT)
        assert (tmp_path / seed / "graph.html").read_bytes() == bundled_page


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data" / "turtle").glob("blank-*.ttl")), ids=lambda p: p.name)
def test_blank_nodes_give_byte_identical_pages_whatever_the_hash_seed(path, tmp_path):
    for seed in ("0", "1", "4242"):
        subprocess.run([sys.executable, "-m", "graph", "render", str(path), "--out", str(tmp_path / f"{seed}.html")],
                       cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, check=True, capture_output=True,
                       timeout=60)
    assert len({(tmp_path / f"{seed}.html").read_bytes() for seed in ("0", "1", "4242")}) == 1


def test_the_reading_view_carries_the_article_text_cut_at_every_evidence_boundary(bundled_page, bundled_dir):
    data = page_data(bundled_page)
    (article, reading), = data["readings"].items()
    text = (bundled_dir / "article.txt").read_text(encoding="utf-8")
    assert "".join(segment[0] for segment in reading["segments"]) == text
    for start, end in ((s["start"], s["end"]) for s in reading["spans"]):
        assert {start, end} <= {seg[1] for seg in reading["segments"]} | {len(text)}


def test_a_multi_article_page_names_its_articles(tmp_path):
    articles = ROOT / "tests" / "data" / "articles"
    build([articles / "minimal", articles / "water-conference", articles / "university-soil-symposium"], tmp_path)
    page = (tmp_path / "graph.html").read_bytes()
    data = page_data(page)
    assert data["article"]["source"] == "3 articles from 2 publishers, dates 2025-02-15 to 2025-03-05"
    assert b'<h1 id="headline">Knowledge graph of 3 articles</h1>' in page
    soil = data["articles"]["https://example.org/news-kg/article/campus-wire-2025-02-15-soil-archive"]
    assert soil == {"headline": "Soil scientists call for a shared archive of samples", "publisher": "Campus Wire",
                    "author": "Grace Whitfield", "date": "2025-02-15",
                    "url": "https://example.org/campus-wire/2025/02/15/soil-archive"}
    assert sorted(data["readings"]) == sorted(data["articles"])
    assert all(reading["complete"] for reading in data["readings"].values())
