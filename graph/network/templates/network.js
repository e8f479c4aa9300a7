/* The page's behaviour: network, legend and type filter, search, tooltips, side panel.
 * Every string from the graph is inserted with textContent or as a DOM text node, never as HTML;
 * links are made only for http(s) IRIs. window.kgView exposes the state for tests. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var info = data.info, links = data.links;
  var kinds = {}, hiddenKinds = {}, baseNodes = {}, baseEdges = {};
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
    box.appendChild(el("div", "tip-name", info[e.from].name + " \u2192 " + e.label + " \u2192 " + info[e.to].name));
    if (e.evidence.length) box.appendChild(el("div", "tip-quote", "\u201c" + e.evidence[0].exact + "\u201d"));
    return box;
  }

  var nodeItems = data.nodes.map(function (n) {
    var item = Object.assign({}, n, { title: nodeTip(n.id) });
    baseNodes[n.id] = { color: n.color, font: { color: "#1f2933" } };
    return item;
  });
  var edgeItems = data.edges.map(function (e) {
    baseEdges[e.id] = { color: { color: "#9aa5b1", opacity: 1 }, font: { color: "#52606d" } };
    return Object.assign({}, e, { title: edgeTip(e.id) });
  });
  var nodes = new vis.DataSet(nodeItems), edges = new vis.DataSet(edgeItems);
  var container = document.getElementById("network");
  var loading = document.getElementById("loading"), progress = document.getElementById("progress");
  var view = { ready: false, selected: null, network: null, nodes: nodes, edges: edges, timings: { start: t0, data: performance.now() } };
  window.kgView = view;

  if (data.nodes.length > 100) loading.hidden = false;
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
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
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.94 });  /* room for the outermost labels */
    loading.hidden = true;
    view.timings.stabilized = performance.now();
    window.requestAnimationFrame(function () { view.ready = true; document.body.dataset.ready = "true"; });
  }
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

  /* Neighbourhood highlight: everything not next to the selection fades. */
  var faded = { background: "#eceff3", border: "#d9dee4", highlight: { background: "#eceff3", border: "#d9dee4" },
                hover: { background: "#eceff3", border: "#9aa5b1" } };
  var FADE_LIMIT = 300, fadedNow = false;  /* above it, recolouring every node on each click is too slow */
  function highlight(id) {
    var near = {}, neighbours = network.getConnectedNodes(id);
    if (data.nodes.length > FADE_LIMIT) {
      network.setSelection({ nodes: [id].concat(neighbours), edges: network.getConnectedEdges(id) },
                           { highlightEdges: false });
      return;
    }
    fadedNow = true;
    near[id] = true;
    neighbours.forEach(function (n) { near[n] = true; });
    nodes.update(data.nodes.map(function (n) {
      return near[n.id] ? { id: n.id, color: baseNodes[n.id].color, font: { color: "#1f2933" } }
        : { id: n.id, color: faded, font: { color: "#c3cad3" } };
    }));
    edges.update(data.edges.map(function (e) {
      var on = e.from === id || e.to === id;
      return { id: e.id, color: { color: on ? "#52606d" : "#e4e7eb", opacity: 1 },
               font: { color: on ? "#1f2933" : "rgba(0,0,0,0)" } };
    }));
  }
  function unhighlight() {
    if (!fadedNow) return;
    fadedNow = false;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: baseNodes[n.id].color, font: { color: "#1f2933" } }; }));
    edges.update(data.edges.map(function (e) { return Object.assign({ id: e.id }, baseEdges[e.id]); }));
  }
  function select(id, focus) {
    if (!info[id]) return;
    if (hiddenKinds[info[id].kind]) setKind(info[id].kind, true);
    view.selected = id;
    network.selectNodes([id]);
    highlight(id);
    showPanel(id);
    if (focus) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 350 },
                          offset: { x: -Math.min(panel.offsetWidth, container.clientWidth / 2) / 2, y: 0 } });
    }
  }
  view.select = select;
  function clearSelection() {
    view.selected = null;
    network.unselectAll();
    unhighlight();
    panel.hidden = true;
  }
  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0], false);
    else if (params.edges.length) showEdge(params.edges[0]);
    else clearSelection();
  });

  /* Side panel: facts, IRI, relations and the evidence passages with their positions. */
  var panel = document.getElementById("panel");
  function squash(text) { return String(text).replace(/\s+/g, " "); }
  function evidenceCard(ev) {
    var card = el("div", "ev"), passage = el("p", "passage");
    if (ev.prefix.trim()) passage.appendChild(el("span", "ctx", "\u2026" + squash(ev.prefix).replace(/^ /, "")));
    passage.appendChild(el("mark", null, squash(ev.exact)));
    if (ev.suffix.trim()) passage.appendChild(el("span", "ctx", squash(ev.suffix).replace(/ $/, "") + "\u2026"));
    card.appendChild(passage);
    var where = [];
    if (ev.start !== null && ev.end !== null) where.push("Characters " + ev.start + "\u2013" + ev.end);
    if (ev.file) where.push((where.length ? "of " : "In ") + ev.file);
    if (where.length) {
      var pos = el("p", "pos", where.join(" "));
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
    panel.appendChild(iriLine(e.predicate));
    if (e.via) panel.appendChild(iriLine(e.via));
    section("Evidence");
    if (e.evidence.length) e.evidence.forEach(function (ev) { panel.appendChild(evidenceCard(ev)); });
    else panel.appendChild(el("p", "none", "No passage recorded for this relation."));
  }

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
    found.sort(function (a, b) { return a.rank - b.rank || (a.n.name < b.n.name ? -1 : a.n.name > b.n.name ? 1 : 0); });
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
    else if (ev.key === "Escape" && document.activeElement !== search) clearSelection();
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });
}());
