"""Entity network → one self-contained HTML page an analyst can open offline and e-mail.

The page inlines vis-network from pyvis's bundled copy and our own template, style and script
(graph/templates/); it references nothing on the network. Every string that comes from the
sources travels as JSON inside <script type="application/json"> with '<', '>' and '&' escaped,
and the script inserts it as text (textContent, DOM nodes for tooltips), never as HTML; the few
strings written into the markup itself are HTML-escaped. Records are sorted and the layout seed
is fixed, so the same network always gives the same bytes and the same picture.
"""

import html
import json
import math
import re
from importlib import resources
from pathlib import Path
from string import Template

import networkx as nx

from graph.kinds import NODE_KINDS
from graph.text import plural
from graph.vocab import SCHEMA

#: Colour (fill, border) and vis-network shape of each kind; the legend draws the same.
STYLES = {
    "person": ("#4e79a7", "#2f4b6e", "dot"),
    "organization": ("#f28e2b", "#b0621a", "square"),
    "event": ("#e15759", "#a33a3c", "star"),
    "place": ("#59a14f", "#3b6f34", "triangle"),
    "topic": ("#b07aa1", "#7d5473", "hexagon"),
    "quotation": ("#edc948", "#a88a14", "diamond"),
    "article": ("#76b7b2", "#4c8a85", "triangleDown"),
    "other": ("#bab0ac", "#857c78", "dot"),
}
#: Above this many entities the layout uses a shorter, cheaper physics run and straight edges.
LARGE = 300
LAYOUT_SEED = 7
VIS_VERSION = "9.1.2"


def _template(name: str) -> str:
    return resources.files("graph.network").joinpath("templates", name).read_text(encoding="utf-8")


def vis_library() -> str:
    """vis-network as pyvis ships it (site-packages/pyvis/templates/lib); nothing is downloaded."""
    import pyvis

    path = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    # The source map is not shipped; the comment would make DevTools ask for it.
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", path.read_text(encoding="utf-8"))


def _inline(code: str) -> str:
    """Code placed inside <script>/<style> may not close the element early ('<\\/' means '</' in JS)."""
    return re.sub(r"</(?=(script|style))", r"<\\/", code, flags=re.IGNORECASE)


def json_for_script(value: object) -> str:
    """JSON that cannot end its <script> element or open a comment, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _size(degree: int) -> int:
    return min(40, round(11 + 5 * math.sqrt(degree)))


def _leaves(net: nx.MultiDiGraph) -> dict[str, str]:
    """Entities whose only neighbour has others: in big graphs they sit out the physics and are
    placed around that neighbour afterwards, which makes the layout about twice as fast."""
    if net.number_of_nodes() <= LARGE:
        return {}
    near = {node: set(nx.all_neighbors(net, node)) - {node} for node in net}
    return {node: min(others) for node, others in near.items() if len(others) == 1 and len(near[min(others)]) > 1}


def _records(net: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """vis-network node and edge records, assembled with pyvis (which checks every edge's ends)."""
    from pyvis.network import Network

    vis, leaves = Network(directed=True), _leaves(net)
    for node in sorted(net):
        attrs = net.nodes[node]
        fill, border, shape = STYLES[attrs["kind"]]
        extra = {"physics": False, "leafOf": leaves[node]} if node in leaves else {}
        vis.add_node(node, label=attrs["label"] or " ", shape=shape, size=_size(net.degree(node)),
                     color={"background": fill, "border": border, "highlight": {"background": fill, "border": "#1f2933"},
                            "hover": {"background": fill, "border": "#1f2933"}}, kind=attrs["kind"], **extra)
    edges = sorted(net.edges(keys=True, data="label"), key=lambda e: (e[0], e[1], e[3], e[2]))
    for index, (source, target, _, label) in enumerate(edges):
        extra = {"physics": False} if source in leaves or target in leaves else {}
        vis.add_edge(source, target, id=f"e{index}", label=label, **extra)
    for index, link in enumerate(_context(net)):  # light, dashed, unlabelled until hovered or selected
        extra = {"physics": False} if link["from"] in leaves or link["to"] in leaves else {}
        vis.add_edge(link["from"], link["to"], id=f"c{index}", label=link["label"], context=link["context"],
                     dashes=True, width=0.8 if link["context"] == "mention" else 1.2,
                     length=220 if link["context"] == "mention" else 140, **extra)
    return vis.nodes, vis.edges


def _context(net: nx.MultiDiGraph) -> list[dict]:
    """The projection's context links (mentions, speakers at events) between entities of this network."""
    return [link for link in net.graph.get("context", ()) if link["from"] in net and link["to"] in net]


def _details(net: nx.MultiDiGraph) -> tuple[dict, dict]:
    nodes = {n: {k: v for k, v in attrs.items() if k != "label"} for n, attrs in net.nodes(data=True)}
    edges = sorted(net.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[3]["label"], e[2]))
    links = {f"e{i}": {"from": s, "to": t, **attrs} for i, (s, t, _, attrs) in enumerate(edges)}
    links.update((f"c{i}", link) for i, link in enumerate(_context(net)))
    return nodes, links


def _articles(net: nx.MultiDiGraph) -> dict[str, dict]:
    """Each article of the network: headline, publisher, author, date and an http(s) URL if it has one."""
    found = {}
    for node in sorted(n for n, kind in net.nodes(data="kind") if kind == "article"):
        related = {attrs["predicate"]: net.nodes[target]["name"]
                   for _, target, attrs in sorted(net.out_edges(node, data=True), key=lambda e: e[1])}
        facts = {}
        for fact in net.nodes[node]["facts"]:
            facts.setdefault(fact["predicate"], fact["value"])
        url = facts.get(str(SCHEMA.url), "")
        found[node] = {"headline": net.nodes[node]["name"], "publisher": related.get(str(SCHEMA.publisher), ""),
                       "author": related.get(str(SCHEMA.author), ""), "date": facts.get(str(SCHEMA.datePublished), ""),
                       "url": url if re.match(r"https?://", url, re.IGNORECASE) else ""}
    return found


def _article(articles: dict[str, dict]) -> dict:
    """The header: one article's headline and byline, or what a set of articles spans."""
    if not articles:
        return {"headline": "Knowledge graph", "source": ""}
    if len(articles) == 1:
        (first,) = articles.values()
        parts = [first["publisher"], f"by {first['author']}" if first["author"] else "", first["date"]]
        return {"headline": first["headline"], "source": " · ".join(p for p in parts if p)}
    publishers = {a["publisher"] for a in articles.values() if a["publisher"]}
    dates = sorted(a["date"] for a in articles.values() if a["date"])
    span = "" if not dates else f", dates {dates[0]}" if dates[0] == dates[-1] else f", dates {dates[0]} to {dates[-1]}"
    source = f"{plural(len(articles), 'article', 'articles')} from {plural(len(publishers), 'publisher', 'publishers')}{span}"
    return {"headline": f"Knowledge graph of {plural(len(articles), 'article', 'articles')}", "source": source}


def _readings(net: nx.MultiDiGraph, info: dict, links: dict) -> dict[str, dict]:
    """The reading view of each article: its text cut into segments at every evidence boundary.

    The text is the article's own (schema:articleBody, which kg build supplies) or, failing it,
    rebuilt from the passages' exact text, prefix and suffix at their offsets, gaps left as gaps
    ("complete": false). Each segment is [text, start, [indices of the spans covering it]]; each
    span is {start, end, targets}, a target being ["node", id], ["fact", id, label] or ["edge", id].
    Offsets are Python's (code points), so the script needs no arithmetic on UTF-16 strings."""
    texts = net.graph.get("texts", {})
    spans: dict[str, dict[tuple[int, int], list]] = {}
    passages: dict[str, list[dict]] = {}

    def add(ev: dict, target: list) -> None:
        if not ev.get("article") or ev["start"] is None or ev["end"] is None or ev["end"] <= ev["start"]:
            return
        targets = spans.setdefault(ev["article"], {}).setdefault((ev["start"], ev["end"]), [])
        passages.setdefault(ev["article"], []).append(ev)
        if target not in targets:
            targets.append(target)

    for node in sorted(info):
        for ev in info[node]["evidence"]:
            add(ev, ["node", node])
        for fact in info[node]["facts"]:
            for ev in fact["evidence"]:
                add(ev, ["fact", node, fact["label"]])
    for edge in sorted(links, key=lambda k: (k[0], int(k[1:]))):
        for ev in links[edge]["evidence"]:
            add(ev, ["edge", edge])
    readings = {}
    for article in sorted(set(spans) | set(texts)):
        if article not in info:
            continue
        chars = dict(enumerate(texts[article])) if article in texts else _rebuilt(passages.get(article, ()))
        ranges = sorted(spans.get(article, {}))
        cuts = sorted({0, len(texts.get(article, "")), *(c for r in ranges for c in r), *_runs(chars)})
        segments = []
        for start, end in zip(cuts, cuts[1:]):
            if start not in chars:
                continue
            covering = [i for i, (s, e) in enumerate(ranges) if s <= start and end <= e]
            segments.append(["".join(chars.get(i, "") for i in range(start, end)), start, covering])
        readings[article] = {"complete": article in texts, "segments": segments,
                             "spans": [{"start": s, "end": e, "targets": spans[article][(s, e)]} for s, e in ranges]}
    return readings


def _rebuilt(passages) -> dict[int, str]:
    """Characters at their offsets, as the passages give them (the first passage to place one wins)."""
    chars: dict[int, str] = {}
    for ev in sorted(passages, key=lambda e: (e["start"], e["end"], e["exact"], e["prefix"], e["suffix"])):
        exact = ev["exact"] if len(ev["exact"]) == ev["end"] - ev["start"] else ""
        for offset, text in ((ev["start"] - len(ev["prefix"]), ev["prefix"]), (ev["start"], exact), (ev["end"], ev["suffix"])):
            for i, ch in enumerate(text):
                if offset + i >= 0:
                    chars.setdefault(offset + i, ch)
    return chars


def _runs(chars: dict[int, str]) -> list[int]:
    """Where runs of placed characters begin and end (cut points, so gaps fall between segments)."""
    ends = []
    for i in sorted(chars):
        if i - 1 not in chars:
            ends.append(i)
        if i + 1 not in chars:
            ends.append(i + 1)
    return ends


def _options(count: int) -> dict:
    """vis-network options. Physics runs a bounded number of iterations, then the page turns it off.

    The iteration budget shrinks as graphs grow (about two seconds of layout on a modest laptop)
    and big graphs use a coarser Barnes-Hut approximation (theta) and straight edges.
    """
    large = count > LARGE
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": count <= 100},
        "nodes": {"borderWidth": 2, "borderWidthSelected": 3,
                  "font": {"size": 16, "face": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
                           "color": "#1f2933", "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.55}}, "width": 1.2,
                  "color": {"color": "#9aa5b1", "highlight": "#3e4c59", "hover": "#52606d"},
                  "font": {"size": 12, "color": "#52606d", "strokeWidth": 3, "strokeColor": "#ffffff",
                           "align": "middle"},
                  "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "navigationButtons": False, "keyboard": False, "multiselect": False},
        "physics": {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"theta": 0.5 if count <= 100 else 1.0,
                                 "gravitationalConstant": -60 if large else -260, "centralGravity": 0.02,
                                 "springLength": 90 if large else 110, "springConstant": 0.05,
                                 "damping": 0.6, "avoidOverlap": 0.2 if large else 1},
            "stabilization": {"enabled": True, "iterations": max(80, min(600, 160_000 // max(count, 1))),
                              "updateInterval": 25, "fit": True},
            "minVelocity": 1.5, "timestep": 0.5,
        },
    }


def page_data(net: nx.MultiDiGraph) -> dict:
    """Everything the page's script needs, as plain JSON-ready values."""
    nodes, edges = _records(net)
    info, links = _details(net)
    counts = {kind: 0 for kind in NODE_KINDS}
    for _, kind in net.nodes(data="kind"):
        counts[kind] += 1
    kinds = [{"id": kind, "singular": NODE_KINDS[kind][0], "plural": NODE_KINDS[kind][1], "color": STYLES[kind][0],
              "border": STYLES[kind][1], "shape": STYLES[kind][2], "count": counts[kind]}
             for kind in NODE_KINDS if counts[kind]]
    articles = _articles(net)
    return {"nodes": nodes, "edges": edges, "info": info, "links": links, "kinds": kinds,
            "options": _options(len(nodes)), "article": _article(articles), "articles": articles,
            "readings": _readings(net, info, links)}




def page(net: nx.MultiDiGraph, subtitle: str = "") -> bytes:
    """The page for a network; `subtitle` (e.g. 'neighbourhood of He Jie') goes under the headline."""
    data = page_data(net)
    article = data["article"]
    headline = article["headline"]
    counts = f"{plural(net.number_of_nodes(), 'entity', 'entities')} · {plural(net.number_of_edges(), 'link', 'links')}"
    source = " — ".join(part for part in (article["source"], subtitle) if part)
    text = Template(_template("network.html")).substitute(
        title=html.escape(headline, quote=True),
        headline=html.escape(headline),
        source=html.escape(source),
        counts=html.escape(counts),
        style=_inline(_template("network.css")),
        vis=_inline(vis_library()),
        script=_inline(_template("network.js")),
        data=json_for_script(data),
    )
    return text.encode("utf-8")
