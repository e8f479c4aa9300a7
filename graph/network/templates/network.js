/* The page's behaviour: network, legend and type filter, search, tooltips, side panel, reading view.
 * Every string from the graph is inserted with textContent or as a DOM text node, never as HTML;
 * links are made only for http(s) IRIs. window.kgView exposes the state for tests. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var info = data.info, links = data.links, articles = data.articles || {}, readings = data.readings || {};
  var kinds = {}, hiddenKinds = {}, baseNodes = {};
  /* Edge labels: drawn only where they are readable (at least MIN_LABEL_PX on screen); below that
   * scale they show on hover and for the links of the selection, enlarged to LABEL_PX on screen.
   * Context links (mentions, speakers at events) are dashed, light and unlabelled until then. */
  var LABEL_PX = 12, MIN_LABEL_PX = 10, labelsOn = true, nearEdges = {}, hovered = null, fadedNow = false, network = null;
  data.kinds.forEach(function (k) { kinds[k.id] = k; });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function safeHref(iri) {
    if (!/^https?:\/\//i.test(iri)) return null;
    try {
      var url = new URL(iri);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }
  function swatch(kind) {
    var ns = "http://www.w3.org/2000/svg", k = kinds[kind];
    var svg = document.createElementNS(ns, "svg"), shape;
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "swatch");
    svg.setAttribute("aria-hidden", "true");
    var polygons = {
      star: "8,1 9.9,5.8 15,6.1 11,9.3 12.3,14.3 8,11.5 3.7,14.3 5,9.3 1,6.1 6.1,5.8",
      triangle: "8,1.5 15,14 1,14", triangleDown: "1,2 15,2 8,14.5",
      diamond: "8,1 15,8 8,15 1,8", hexagon: "4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8"
    };
    if (k.shape === "square") {
      shape = document.createElementNS(ns, "rect");
      shape.setAttribute("x", "2"); shape.setAttribute("y", "2");
      shape.setAttribute("width", "12"); shape.setAttribute("height", "12");
    } else if (polygons[k.shape]) {
      shape = document.createElementNS(ns, "polygon");
      shape.setAttribute("points", polygons[k.shape]);
    } else {
      shape = document.createElementNS(ns, "circle");
      shape.setAttribute("cx", "8"); shape.setAttribute("cy", "8"); shape.setAttribute("r", "6.5");
    }
    shape.setAttribute("fill", k.color);
    shape.setAttribute("stroke", k.border);
    shape.setAttribute("stroke-width", "1.5");
    svg.appendChild(shape);
    return svg;
  }
  function kindLine(kind, extra) {
    var line = el("div", "tip-kind");
    line.appendChild(swatch(kind));
    line.appendChild(document.createTextNode(kinds[kind].singular + (extra ? " · " + extra : "")));
    return line;
  }
  function quoteMode(q) {
    return q.mode === "direct" ? "direct quote" : q.mode === "reported" ? "reported statement" : "quotation";
  }

  /* Tooltips are DOM elements: vis-network 9 shows a string title as literal text. */
  function nodeTip(id) {
    var d = info[id], box = el("div", "tip");
    if (d.quote) {
      box.appendChild(kindLine(d.kind, quoteMode(d.quote)));
      box.appendChild(el("div", "tip-quote", "\u201c" + d.quote.text + "\u201d"));
      box.appendChild(el("div", "tip-meta", "\u2014 " + (d.quote.speaker || "unknown speaker") +
        (d.quote.verb ? " (" + d.quote.verb + ")" : "")));
      return box;
    }
    box.appendChild(el("div", "tip-name", d.name));
    box.appendChild(kindLine(d.kind));
    if (d.roles.length) {
      var list = el("ul");
      d.roles.forEach(function (r) { list.appendChild(el("li", null, r)); });
      box.appendChild(list);
    }
    return box;
  }
  function edgeTip(id) {
    var e = links[id], box = el("div", "tip");
    box.appendChild(el("div", "tip-name", shortName(e.from) + " \u2192 " + e.label + " \u2192 " + shortName(e.to)));
    if (e.context === "inferred") box.appendChild(el("div", "tip-meta", "inferred: quoted in an article that reports this event only"));
    if (e.evidence.length) box.appendChild(el("div", "tip-quote", "\u201c" + e.evidence[0].exact + "\u201d"));
    return box;
  }

  var nodeItems = data.nodes.map(function (n) {
    var item = Object.assign({}, n, { title: nodeTip(n.id) });
    baseNodes[n.id] = { color: n.color, font: { color: "#1f2933" } };
    return item;
  });
  var edgeItems = data.edges.map(function (e) {
    return Object.assign({}, e, { title: edgeTip(e.id) }, edgeStyle(e));
  });
  var nodes = new vis.DataSet(nodeItems), edges = new vis.DataSet(edgeItems);
  var container = document.getElementById("network");
  var loading = document.getElementById("loading"), progress = document.getElementById("progress");
  var view = { ready: false, selected: null, network: null, nodes: nodes, edges: edges, info: info, links: links,
               timings: { start: t0, data: performance.now() } };
  window.kgView = view;

  if (data.nodes.length > 100) loading.hidden = false;
  network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  view.network = network;
  view.timings.network = performance.now();
  network.on("stabilizationProgress", function (p) {
    progress.style.width = Math.round(100 * p.iterations / p.total) + "%";
  });
  function settled() {
    network.setOptions({ physics: { enabled: false } });
    /* Labels run horizontally: a wider layout overlaps less and suits a landscape window. */
    var positions = network.getPositions(), around = {};
    data.nodes.forEach(function (n) { if (n.leafOf) (around[n.leafOf] = around[n.leafOf] || []).push(n.id); });
    Object.keys(around).forEach(function (parent) {  /* leaves sat out the physics: ring them round their node */
      var leaves = around[parent], at = positions[parent], r = Math.min(220, 50 + 5 * leaves.length);
      leaves.forEach(function (id, i) {
        var angle = 2 * Math.PI * i / leaves.length - Math.PI / 2;
        positions[id] = { x: at.x + r * Math.cos(angle), y: at.y + r * Math.sin(angle) };
      });
    });
    nodes.update(Object.keys(positions).map(function (id) {  /* one update: moveNode() redraws per node */
      return { id: id, x: positions[id].x * 1.4, y: positions[id].y };
    }));
    home();
    loading.hidden = true;
    view.timings.stabilized = performance.now();
    window.requestAnimationFrame(function () { view.ready = true; document.body.dataset.ready = "true"; });
  }
  /* The whole view: every entity in sight, with room for the outermost labels. */
  function home() {
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.94 });
    view.home = { scale: network.getScale(), position: network.getViewPosition() };
    labelsFor(network.getScale());
  }
  view.home = null;
  if (data.nodes.length) {
    network.once("stabilizationIterationsDone", settled);
  } else {
    container.appendChild(el("p", "empty", "No entities in this graph."));
    settled();
  }

  /* Legend = type filter: one chip per kind with its shape, colour and count. */
  var legend = document.getElementById("legend");
  data.kinds.forEach(function (k) {
    var chip = el("label", "chip"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = k.id;
    box.setAttribute("aria-label", "Show " + k.plural);
    chip.dataset.kind = k.id;
    chip.appendChild(box);
    chip.appendChild(swatch(k.id));
    chip.appendChild(el("span", "name", k.plural.charAt(0).toUpperCase() + k.plural.slice(1)));
    chip.appendChild(el("span", "count", k.count));
    box.addEventListener("change", function () { setKind(k.id, box.checked); });
    legend.appendChild(chip);
  });
  function setKind(kind, visible) {
    hiddenKinds[kind] = !visible;
    var chip = legend.querySelector('[data-kind="' + kind + '"]');
    chip.classList.toggle("off", !visible);
    chip.querySelector("input").checked = visible;
    nodes.update(data.nodes.filter(function (n) { return n.kind === kind; })
      .map(function (n) { return { id: n.id, hidden: !visible }; }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: !!(hiddenKinds[info[e.from].kind] || hiddenKinds[info[e.to].kind]) };
    }));
    if (view.selected && hiddenKinds[info[view.selected].kind]) clearSelection();
  }

  function edgeStyle(e) {
    var scale = network ? network.getScale() : 1, ctx = !!e.context, near = !!nearEdges[e.id];
    var strong = near || hovered === e.id;
    var color = ctx ? "#c3cad3" : "#9aa5b1";
    if (fadedNow) color = near ? (ctx ? "#7b8794" : "#52606d") : "#e4e7eb";
    var show = strong || (!fadedNow && !ctx && labelsOn);
    var size = strong && LABEL_PX * scale < LABEL_PX ? Math.min(48, LABEL_PX / scale) : LABEL_PX;
    return { id: e.id, color: { color: color, opacity: 1 },
             font: { color: show ? (strong ? "#1f2933" : "#52606d") : "rgba(0,0,0,0)", size: size,
                     strokeWidth: show ? 3 : 0 } };
  }
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  function restyle(ids) {
    edges.update((ids || data.edges.map(function (e) { return e.id; })).map(function (id) { return edgeStyle(edgeById[id]); }));
  }
  function labelsFor(scale) {
    var on = LABEL_PX * scale >= MIN_LABEL_PX;
    if (on !== labelsOn) { labelsOn = on; restyle(); }
    else restyle(Object.keys(nearEdges).concat(hovered ? [hovered] : []));
  }
  view.edgeLabels = function () {  /* for tests: [id, on-screen px] of every label drawn */
    var scale = network.getScale();
    return edges.get().filter(function (e) { return !e.hidden && e.font.color !== "rgba(0,0,0,0)"; })
      .map(function (e) { return [e.id, e.font.size * scale]; });
  };
  var drawnScale = null;  /* zooming, fitting and resizing all change the scale: check it after each drawing */
  network.on("afterDrawing", function () {
    var scale = network.getScale();
    if (scale !== drawnScale) { drawnScale = scale; labelsFor(scale); }
  });
  network.on("hoverEdge", function (p) { var was = hovered; hovered = p.edge; restyle(was ? [was, p.edge] : [p.edge]); });
  network.on("blurEdge", function (p) { hovered = null; restyle([p.edge]); });

  /* Neighbourhood highlight: everything not next to the selection fades. */
  var faded = { background: "#eceff3", border: "#d9dee4", highlight: { background: "#eceff3", border: "#d9dee4" },
                hover: { background: "#eceff3", border: "#9aa5b1" } };
  var FADE_LIMIT = 300;  /* above it, recolouring every node on each click is too slow */
  function highlight(id) {
    var near = {}, neighbours = network.getConnectedNodes(id), before = Object.keys(nearEdges);
    nearEdges = {};
    network.getConnectedEdges(id).forEach(function (e) { nearEdges[e] = true; });
    if (data.nodes.length > FADE_LIMIT) {
      network.setSelection({ nodes: [id].concat(neighbours), edges: network.getConnectedEdges(id) },
                           { highlightEdges: false });
      restyle(before.concat(Object.keys(nearEdges)));
      return;
    }
    fadedNow = true;
    near[id] = true;
    neighbours.forEach(function (n) { near[n] = true; });
    nodes.update(data.nodes.map(function (n) {
      return near[n.id] ? { id: n.id, color: baseNodes[n.id].color, font: { color: "#1f2933" } }
        : { id: n.id, color: faded, font: { color: "#c3cad3" } };
    }));
    restyle();
  }
  function unhighlight() {
    var before = Object.keys(nearEdges);
    nearEdges = {};
    if (!fadedNow) { restyle(before); return; }
    fadedNow = false;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: baseNodes[n.id].color, font: { color: "#1f2933" } }; }));
    restyle();
  }
  function select(id, focus, fromText) {
    if (!info[id]) return;
    if (hiddenKinds[info[id].kind]) setKind(info[id].kind, true);
    view.selected = id;
    network.selectNodes([id]);
    highlight(id);
    showPanel(id);
    resized();
    if (focus) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    } else {
      inSight(id);
    }
    if (!fromText) showInText(spansOf(id));
  }
  view.select = select;
  function clearSelection() {
    view.selected = null;
    network.unselectAll();
    unhighlight();
    panel.hidden = true;
    resized();
    markCurrent([]);
  }
  /* The panel and the reading view take room beside the network: the canvas follows its box. */
  var lastSize = "";
  function resized() {
    var size = container.clientWidth + "x" + container.clientHeight;
    if (size === lastSize) return;
    lastSize = size;
    network.setSize("100%", "100%");  /* vis-network keeps the same part of the graph in view */
    network.redraw();
    labelsFor(network.getScale());
  }
  function inSight(id) {
    var p = network.canvasToDOM(network.getPositions([id])[id]), margin = 40;
    if (p.x < margin || p.y < margin || p.x > container.clientWidth - margin || p.y > container.clientHeight - margin) {
      network.moveTo({ position: network.getPositions([id])[id], scale: network.getScale() });
    }
  }
  function wholeView() {
    clearSelection();
    home();
  }
  view.wholeView = wholeView;
  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0], false);
    else if (params.edges.length) showEdge(params.edges[0]);
    else clearSelection();
  });

  /* Side panel: facts, IRI, relations and the evidence passages with their positions. */
  var panel = document.getElementById("panel");
  function squash(text) { return String(text).replace(/\s+/g, " "); }
  /* A card names its article (headline, publisher, date) and links to it: its URL, else its node. */
  function evidenceCard(ev) {
    var card = el("div", "ev"), passage = el("p", "passage");
    if (ev.prefix.trim()) passage.appendChild(el("span", "ctx", "\u2026" + squash(ev.prefix).replace(/^ /, "")));
    passage.appendChild(el("mark", null, squash(ev.exact)));
    if (ev.suffix.trim()) passage.appendChild(el("span", "ctx", squash(ev.suffix).replace(/ $/, "") + "\u2026"));
    card.appendChild(passage);
    var chars = ev.start !== null && ev.end !== null ? "Characters " + ev.start + "\u2013" + ev.end : "";
    var a = ev.article && articles[ev.article];
    if (a) {
      var where = el("p", "where", chars ? chars + " of " : "In ");
      var href = a.url ? safeHref(a.url) : null, title;
      if (href) {
        title = el("a", "article-link", a.headline);
        title.href = href; title.target = "_blank"; title.rel = "noopener noreferrer";
      } else {
        title = el("button", "go article-link", a.headline);
        title.type = "button";
        title.addEventListener("click", function () { select(ev.article, true); });
      }
      where.appendChild(title);
      var by = [a.publisher, a.date].filter(Boolean).join(", ");
      if (by) where.appendChild(document.createTextNode(" \u00b7 " + by));
      if (ev.file) where.title = ev.file;
      if (chars && readings[ev.article]) {
        var read = el("button", "go in-text", "show in the text");
        read.type = "button";
        read.addEventListener("click", function () { openReader(ev.article); showInText([spanAt(ev.article, ev.start, ev.end)]); });
        where.appendChild(read);
      }
      card.appendChild(where);
    } else if (chars || ev.file) {
      var pos = el("p", "pos", [chars, ev.file ? (chars ? "of " : "In ") + ev.file : ""].filter(Boolean).join(" "));
      if (ev.source) pos.title = ev.source;
      card.appendChild(pos);
    }
    return card;
  }
  function shortName(id) {
    var d = info[id];
    if (!d.quote) return d.name;
    var words = d.quote.text.length > 90 ? d.quote.text.slice(0, 89).replace(/\s+\S*$/, "") + "\u2026" : d.quote.text;
    return "\u201c" + words + "\u201d";
  }
  function goButton(id) {
    var b = el("button", "go", shortName(id));
    b.type = "button";
    b.addEventListener("click", function () { select(id, true); });
    return b;
  }
  function iriLine(iri) {
    var p = el("p", "iri"), href = safeHref(iri);
    if (href) {
      var a = el("a", null, iri);
      a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
      p.appendChild(a);
    } else {
      p.appendChild(el("span", null, iri));
    }
    return p;
  }
  function startPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var close = el("button", "panel-close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", clearSelection);
    panel.appendChild(close);
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function section(title) { panel.appendChild(el("h3", null, title)); }
  function showPanel(id) {
    var d = info[id];
    startPanel();
    var badge = el("div", "badge");
    badge.appendChild(swatch(d.kind));
    badge.appendChild(document.createTextNode(d.quote ? quoteMode(d.quote) : kinds[d.kind].singular));
    panel.appendChild(badge);
    panel.appendChild(el("h2", null, d.quote ? "Quotation" + (d.quote.speaker ? " by " + d.quote.speaker : "") : d.name));
    if (d.aliases.length) panel.appendChild(el("p", "aliases", "also " + d.aliases.join(", ")));
    if (d.quote) {
      panel.appendChild(el("blockquote", null, d.quote.text));
      panel.appendChild(el("p", "said", (d.quote.mode === "direct" ? "In the speaker\u2019s words" :
        d.quote.mode === "reported" ? "In the article\u2019s words" : "Quotation") +
        (d.quote.verb ? " \u00b7 \u201c" + d.quote.verb + "\u201d" : "")));
    }
    panel.appendChild(iriLine(d.iri));
    if (d.types.length) panel.appendChild(el("p", "types", d.types.join(" \u00b7 ")));
    if (d.roles.length) {
      section("Roles");
      var roles = el("ul", "roles");
      d.roles.forEach(function (r) { roles.appendChild(el("li", null, r)); });
      panel.appendChild(roles);
    }
    if (d.facts.length) {
      section("Facts");
      var dl = el("dl", "facts");
      d.facts.forEach(function (f) {
        dl.appendChild(el("dt", null, f.label));
        var dd = el("dd", "fact"), href = f.link ? safeHref(f.value) : null;
        if (href) {
          var a = el("a", null, f.value);
          a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
          dd.appendChild(a);
        } else {
          dd.appendChild(document.createTextNode(f.value));
        }
        f.evidence.forEach(function (ev) { dd.appendChild(evidenceCard(ev)); });
        dl.appendChild(dd);
      });
      panel.appendChild(dl);
    }
    var rels = Object.keys(links).filter(function (k) { return links[k].from === id || links[k].to === id; })
      .sort(function (a, b) {
        var x = links[a], y = links[b], xo = x.from === id ? 0 : 1, yo = y.from === id ? 0 : 1;
        return xo - yo || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0) || (a < b ? -1 : 1);
      });
    if (rels.length) {
      section("Relations (" + rels.length + ")");
      var list = el("ul", "rels");
      rels.forEach(function (k) {
        var e = links[k], li = el("li"), out = e.from === id, other = out ? e.to : e.from;
        li.appendChild(el("span", "rel-label", out ? e.label + " \u2192 " : "\u2190 " + e.label + " \u00b7 "));
        li.appendChild(goButton(other));
        e.evidence.forEach(function (ev) { li.appendChild(evidenceCard(ev)); });
        list.appendChild(li);
      });
      panel.appendChild(list);
    }
    section("Evidence");
    if (d.evidence.length) d.evidence.forEach(function (ev) { panel.appendChild(evidenceCard(ev)); });
    else panel.appendChild(el("p", "none", "No passage recorded for this entity."));
  }
  function showEdge(id) {
    var e = links[id];
    clearSelection();
    startPanel();
    panel.appendChild(el("div", "badge", "relation"));
    var h = el("h2");
    h.appendChild(goButton(e.from));
    h.appendChild(el("span", "rel-label", " \u2192 " + e.label + " \u2192 "));
    h.appendChild(goButton(e.to));
    panel.appendChild(h);
    if (e.context === "inferred") {
      var why = el("p", "inferred", "Inferred as the same-event query does: quoted in ");
      why.appendChild(goButton(e.via));
      why.appendChild(document.createTextNode(", an article that reports this event and no other."));
      panel.appendChild(why);
    } else {
      panel.appendChild(iriLine(e.predicate));
      if (e.via) panel.appendChild(iriLine(e.via));
    }
    section("Evidence");
    if (e.evidence.length) e.evidence.forEach(function (ev) { panel.appendChild(evidenceCard(ev)); });
    else panel.appendChild(el("p", "none", "No passage recorded for this relation."));
    resized();
  }
  view.showEdge = showEdge;

  /* Search: by name or alias; Enter or a click focuses the entity and opens its panel. */
  var search = document.getElementById("search"), results = document.getElementById("results");
  var names = data.nodes.map(function (n) {
    var d = info[n.id];
    var keys = [d.name].concat(d.aliases, d.quote ? [d.quote.text] : []);
    return { id: n.id, name: d.name, keys: keys.map(function (s) { return s.toLowerCase(); }) };
  });
  var active = -1;
  function matches(query) {
    var q = query.trim().toLowerCase(), found = [];
    if (!q) return found;
    names.forEach(function (n) {
      var rank = 9;
      n.keys.forEach(function (key) {
        var at = key.indexOf(q);
        if (at === 0) rank = Math.min(rank, 0);
        else if (at > 0) rank = Math.min(rank, /\s/.test(key.charAt(at - 1)) ? 1 : 2);
      });
      if (rank < 9) found.push({ rank: rank, n: n });
    });
    found.sort(function (a, b) {  /* case-insensitively, then exactly: the same order on every load */
      var x = a.n.name.toLowerCase(), y = b.n.name.toLowerCase();
      return a.rank - b.rank || (x < y ? -1 : x > y ? 1 : 0) || (a.n.name < b.n.name ? -1 : a.n.name > b.n.name ? 1 : 0) ||
        (a.n.id < b.n.id ? -1 : 1);
    });
    return found.slice(0, 12).map(function (f) { return f.n.id; });
  }
  function showResults() {
    var ids = matches(search.value);
    while (results.firstChild) results.removeChild(results.firstChild);
    active = ids.length ? 0 : -1;
    if (!search.value.trim()) { results.hidden = true; return; }
    if (!ids.length) results.appendChild(el("li", "none", "No entity matches"));
    ids.forEach(function (id, i) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.dataset.id = id;
      li.setAttribute("aria-selected", i === 0 ? "true" : "false");
      li.appendChild(swatch(info[id].kind));
      li.appendChild(el("span", "name", info[id].name));
      li.appendChild(el("span", "kind", kinds[info[id].kind].singular));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(id); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function pick(id) {
    results.hidden = true;
    search.value = info[id].name;
    select(id, true);
  }
  search.addEventListener("input", showResults);
  search.addEventListener("focus", function () { if (search.value.trim()) showResults(); });
  search.addEventListener("blur", function () { results.hidden = true; });
  search.addEventListener("keydown", function (ev) {
    var items = results.querySelectorAll("li[data-id]");
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!items.length) return;
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (items.length && active >= 0) pick(items[active].dataset.id);
    } else if (ev.key === "Escape") {
      results.hidden = true;
      search.blur();
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== search) { ev.preventDefault(); search.focus(); }
    else if (ev.key === "Escape" && document.activeElement !== search) wholeView();
  });
  document.getElementById("fit").addEventListener("click", function () { home(); });

  /* Reading view: one article's text with every evidence span highlighted. A click on a span
   * selects what it supports (a further click, the next thing it supports); selecting an entity
   * or "show in the text" on a card scrolls to its spans. Text goes in as text nodes only. */
  var reader = document.getElementById("reader"), readButton = document.getElementById("read");
  var readable = Object.keys(readings).sort(), shown = null, spanMarks = [], clicks = {};
  if (!readable.length) readButton.hidden = true;
  else if (readable.length > 1) readButton.textContent = "Read an article";
  view.reader = { article: null };
  function byline(id) {
    var a = articles[id] || { headline: info[id].name, publisher: "", date: "" };
    return [a.publisher, a.date].filter(Boolean).join(" \u00b7 ");
  }
  function openReader(id) {
    if (!readings[id]) return;
    reader.hidden = false;
    readButton.setAttribute("aria-pressed", "true");
    if (shown !== id) drawReader(id);
    resized();
  }
  view.openReader = openReader;
  function closeReader() {
    reader.hidden = true;
    readButton.setAttribute("aria-pressed", "false");
    resized();
  }
  readButton.addEventListener("click", function () {
    if (!reader.hidden) { closeReader(); return; }
    var want = view.selected && spansIn(shown || readable[0], view.selected).length ? shown || readable[0] : null;
    openReader(want || shown || readable[0]);
    if (view.selected) showInText(spansOf(view.selected));
  });
  function drawReader(id) {
    var r = readings[id], a = articles[id] || { headline: info[id].name, url: "" };
    while (reader.firstChild) reader.removeChild(reader.firstChild);
    shown = id; spanMarks = r.spans.map(function () { return []; }); clicks = {};
    view.reader.article = id;
    if (readable.length > 1) {
      var choose = el("select");
      choose.setAttribute("aria-label", "Article to read");
      readable.forEach(function (other) {
        var o = el("option", null, (articles[other] ? articles[other].headline : info[other].name) +
          (byline(other) ? " \u2014 " + byline(other) : ""));
        o.value = other;
        o.selected = other === id;
        choose.appendChild(o);
      });
      choose.addEventListener("change", function () { drawReader(choose.value); });
      reader.appendChild(choose);
    }
    var h = el("h2"), href = a.url ? safeHref(a.url) : null;
    if (href) {
      var link = el("a", null, a.headline);
      link.href = href; link.target = "_blank"; link.rel = "noopener noreferrer";
      h.appendChild(link);
    } else {
      h.appendChild(goButton(id));
    }
    reader.appendChild(h);
    if (byline(id)) reader.appendChild(el("p", "meta", byline(id)));
    reader.appendChild(el("p", "meta", r.spans.length + " evidence passage" + (r.spans.length === 1 ? "" : "s") +
      " highlighted \u00b7 click one for what it supports"));
    if (!r.complete) {
      reader.appendChild(el("p", "note", "Rebuilt from the evidence passages: the article's text was not available " +
        "when this page was made, so only the passages and their context are shown, at their places; [\u2026] marks the rest."));
    }
    var body = el("div", "reader-text"), at = 0;
    r.segments.forEach(function (seg) {
      var text = seg[0], start = seg[1], covering = seg[2];
      if (start !== at) body.appendChild(el("span", "gap", at ? " [\u2026] " : "[\u2026] "));
      at = start + Array.from(text).length;
      if (!covering.length) { body.appendChild(document.createTextNode(text)); return; }
      var mark = el("mark", covering.length > 1 ? "deep" : null, text);
      mark.dataset.start = String(start);
      mark.dataset.spans = covering.join(" ");
      covering.forEach(function (i) { spanMarks[i].push(mark); });
      mark.addEventListener("click", function () { clickSpan(covering); });
      body.appendChild(mark);
    });
    reader.appendChild(body);
  }
  function clickSpan(covering) {
    var r = readings[shown], best = covering[0];
    covering.forEach(function (i) {  /* the innermost span: the most specific fact */
      if (r.spans[i].end - r.spans[i].start < r.spans[best].end - r.spans[best].start) best = i;
    });
    var targets = r.spans[best].targets, n = clicks[best] || 0, t = targets[n % targets.length];
    clicks = {}; clicks[best] = n + 1;
    if (t[0] === "edge") {
      showEdge(t[1]);
    } else {
      select(t[1], true, true);
      if (t[0] === "fact") {
        var dts = panel.querySelectorAll("dl.facts dt");
        for (var i = 0; i < dts.length; i++) {
          if (dts[i].textContent === t[2]) { dts[i].scrollIntoView({ block: "nearest" }); break; }
        }
      }
    }
    markCurrent([best]);
    view.reader.clicked = t;
  }
  function spansIn(article, id) {
    var r = readings[article], found = [];
    if (!r) return found;
    r.spans.forEach(function (span, i) {
      if (span.targets.some(function (t) {
        return t[1] === id || (t[0] === "edge" && (links[t[1]].from === id || links[t[1]].to === id) && !links[t[1]].context);
      })) found.push(i);
    });
    return found;
  }
  function spansOf(id) {
    if (reader.hidden) return [];
    if (shown && spansIn(shown, id).length) return spansIn(shown, id);
    var other = readable.filter(function (a) { return spansIn(a, id).length; })[0];
    if (!other) return [];
    drawReader(other);
    return spansIn(other, id);
  }
  function spanAt(article, start, end) {
    var found = -1;
    readings[article].spans.forEach(function (s, i) { if (s.start === start && s.end === end) found = i; });
    return found;
  }
  function markCurrent(indices) {
    reader.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    indices.forEach(function (i) { (spanMarks[i] || []).forEach(function (m) { m.classList.add("current"); }); });
    view.reader.current = indices;
  }
  function showInText(indices) {
    indices = indices.filter(function (i) { return i >= 0; });
    markCurrent(indices);
    if (indices.length && spanMarks[indices[0]] && spanMarks[indices[0]].length) {
      spanMarks[indices[0]][0].scrollIntoView({ block: "center" });
    }
  }
}());
