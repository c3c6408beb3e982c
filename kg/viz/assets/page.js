// kg's graph page: draws the embedded graph as SVG; search, filters, details on click.
// Plain JavaScript with no library and no network, so the page works offline, forever.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  const colour = Object.fromEntries(data.classes);
  const nodes = data.nodes, edges = data.edges;
  const svg = $("graph"), viewport = $("viewport");
  const state = { classes: new Set(data.classes.map((c) => c[0])), article: -1, isolated: false,
    edgeLabels: true, gazetteer: true, query: "", selected: -1, k: 1, x: 0, y: 0 };

  const radius = (n) => 5 + 2.2 * Math.sqrt(Math.min(n.arts.length, 30)) + Math.min(n.deg, 12) * 0.45;
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const el = (name, attrs, parent) => {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  };
  const fmt = (v) => { const n = Number(v); return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: 3 }) : v; };
  const articleName = (i) => (i >= 0 && data.articles[i] ? data.articles[i].id : "");

  // Adjacency, once; and each entity's importance rank (relations, then articles), which
  // decides whose names show when the whole graph is in view.
  const adj = nodes.map(() => []);
  edges.forEach((e, i) => { adj[e.s].push(i); adj[e.t].push(i); });
  const rank = new Array(nodes.length);
  nodes.map((n, i) => i)
    .sort((a, b) => nodes[b].deg - nodes[a].deg || nodes[b].arts.length - nodes[a].arts.length || a - b)
    .forEach((node, position) => { rank[node] = position; });

  // ---- drawing -------------------------------------------------------------------------
  const edgeEls = edges.map((e) => {
    const line = el("line", { class: "edge" + (e.c === null ? " gaz" : ""), "marker-end": "url(#arrow)" }, $("edges"));
    const text = el("text", { class: "etext" }, $("edgetext"));
    text.textContent = e.p;
    return { line, text };
  });
  const nodeEls = nodes.map((n, i) => {
    const g = el("g", { class: "node", transform: `translate(${n.x},${n.y})`, "data-id": n.id }, $("nodes"));
    el("circle", { r: radius(n), fill: colour[n.cls] || "#8c8c8c" }, g);
    const label = el("text", { x: radius(n) + 3, y: 4 }, g);
    label.textContent = n.label.length > 42 ? n.label.slice(0, 40) + "…" : n.label;
    const title = el("title", {}, g);
    title.textContent = `${n.label} (${n.cls})`;
    g.addEventListener("click", (ev) => { ev.stopPropagation(); select(i, false); });
    return g;
  });
  edges.forEach((e, i) => {
    const a = nodes[e.s], b = nodes[e.t], r = radius(b);
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.hypot(dx, dy) || 1;
    const { line, text } = edgeEls[i];
    line.setAttribute("x1", a.x); line.setAttribute("y1", a.y);
    line.setAttribute("x2", b.x - (dx / d) * (r + 2)); line.setAttribute("y2", b.y - (dy / d) * (r + 2));
    text.setAttribute("x", (a.x + b.x) / 2); text.setAttribute("y", (a.y + b.y) / 2 - 2);
    line.addEventListener("click", (ev) => { ev.stopPropagation(); showEdge(i); });
  });

  // ---- filters -------------------------------------------------------------------------
  function nodeShown(i) {
    const n = nodes[i];
    if (!state.classes.has(n.cls)) return false;
    if (state.article >= 0 && !n.arts.includes(state.article)) return false;
    if (!state.isolated && visibleEdges(i).length === 0 && i !== state.selected) return false;
    return true;
  }
  function edgeKept(i) {
    const e = edges[i];
    if (e.c === null && !state.gazetteer) return false;
    if (state.article >= 0 && !e.arts.includes(state.article)) return false;
    const a = nodes[e.s], b = nodes[e.t];
    return state.classes.has(a.cls) && state.classes.has(b.cls) &&
      (state.article < 0 || (a.arts.includes(state.article) && b.arts.includes(state.article)));
  }
  function visibleEdges(i) { return adj[i].filter(edgeKept); }
  function matches(n) {
    if (!state.query) return false;
    const q = state.query;
    return n.label.toLowerCase().includes(q) || n.alt.some((a) => a.toLowerCase().includes(q));
  }
  function refresh() {
    const shown = nodes.map((_, i) => nodeShown(i));
    const focus = state.selected >= 0 ? new Set([state.selected, ...adj[state.selected].filter(edgeKept).flatMap((k) => [edges[k].s, edges[k].t])]) : null;
    const hits = state.query ? new Set(nodes.map((n, i) => (matches(n) ? i : -1)).filter((i) => i >= 0)) : null;
    nodes.forEach((n, i) => {
      const g = nodeEls[i];
      g.style.display = shown[i] ? "" : "none";
      g.classList.toggle("sel", i === state.selected);
      g.classList.toggle("hit", !!hits && hits.has(i));
      g.classList.toggle("dim", (!!focus && !focus.has(i)) || (!!hits && !hits.has(i) && !(focus && focus.has(i))));
      const labelled = focus || hits
        ? (!!focus && focus.has(i)) || (!!hits && hits.has(i))
        : rank[i] < 12 + 110 * state.k * state.k;
      const text = g.querySelector("text");
      text.style.display = labelled ? "" : "none";
      text.setAttribute("font-size", (11.5 / Math.min(state.k, 1)).toFixed(1));
      text.setAttribute("x", (radius(n) + 3 / Math.min(state.k, 1)).toFixed(1));
      g.querySelector("circle").setAttribute("r", (radius(n) * Math.sqrt(Math.max(1, 0.8 / state.k))).toFixed(1));
    });
    edges.forEach((e, i) => {
      const visible = edgeKept(i) && shown[e.s] && shown[e.t];
      const hot = state.selected >= 0 && (e.s === state.selected || e.t === state.selected);
      edgeEls[i].line.style.display = visible ? "" : "none";
      edgeEls[i].line.classList.toggle("hot", hot);
      edgeEls[i].line.classList.toggle("dim", !!focus && !hot);
      const labelled = visible && state.edgeLabels && (hot || (!focus && (state.k > 2 || edges.length < 120)));
      edgeEls[i].text.style.display = labelled ? "" : "none";
      if (labelled) edgeEls[i].text.setAttribute("font-size", (9.5 / Math.min(state.k, 1)).toFixed(1));
    });
    const n = shown.filter(Boolean).length;
    const m = edges.filter((e, i) => edgeKept(i) && shown[e.s] && shown[e.t]).length;
    $("summary").textContent = `${n} of ${nodes.length} entities · ${m} relations · ${data.statistics} statistics · ${data.articles.length} articles`;
  }

  const classBox = $("classes");
  data.classes.forEach(([cls, col]) => {
    const count = nodes.filter((n) => n.cls === cls).length;
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" checked data-cls="${esc(cls)}"><span class="dot" style="background:${col}"></span>${esc(cls)}<span class="count">${count}</span>`;
    label.querySelector("input").addEventListener("change", (ev) => {
      if (ev.target.checked) state.classes.add(cls); else state.classes.delete(cls);
      refresh();
    });
    classBox.appendChild(label);
  });
  const articleSelect = $("article");
  data.articles.forEach((a, i) => {
    const option = document.createElement("option");
    option.value = i;
    option.textContent = a.date ? `${a.id} (${a.date})` : a.id;
    articleSelect.appendChild(option);
  });
  articleSelect.addEventListener("change", () => { state.article = Number(articleSelect.value); refresh(); fit(); });
  $("isolated").addEventListener("change", (ev) => { state.isolated = ev.target.checked; refresh(); fit(); });
  $("edgelabels").addEventListener("change", (ev) => { state.edgeLabels = ev.target.checked; refresh(); });
  $("gazetteer").addEventListener("change", (ev) => { state.gazetteer = ev.target.checked; refresh(); });
  $("fit").addEventListener("click", () => fit());

  // ---- search --------------------------------------------------------------------------
  const search = $("search"), results = $("results");
  search.addEventListener("input", () => {
    state.query = search.value.trim().toLowerCase();
    const found = state.query ? nodes.map((n, i) => [n, i]).filter(([n]) => matches(n)) : [];
    found.sort((a, b) => b[0].arts.length - a[0].arts.length || a[0].label.localeCompare(b[0].label));
    results.innerHTML = "";
    found.slice(0, 30).forEach(([n, i]) => {
      const li = document.createElement("li");
      li.innerHTML = `<span class="dot" style="background:${colour[n.cls]}"></span>${esc(n.label)}<span class="count">${esc(n.cls)}</span>`;
      li.addEventListener("click", () => { results.hidden = true; select(i, true); });
      results.appendChild(li);
    });
    results.hidden = found.length === 0;
    refresh();
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && results.firstChild) results.firstChild.click();
    if (ev.key === "Escape") { search.value = ""; search.dispatchEvent(new Event("input")); }
  });

  // ---- details -------------------------------------------------------------------------
  const details = $("details"), body = $("detail-body");
  const evidence = (k) => (k >= 0 ? `<blockquote>${esc(data.sentences[k])}</blockquote>` : "");
  function select(i, centre) {
    state.selected = i;
    const n = nodes[i];
    const out = adj[i].map((k) => [k, edges[k]]);
    let html = `<h3>${esc(n.label)}</h3><span class="badge" style="background:${colour[n.cls]}">${esc(n.cls)}</span>`;
    if (n.alt.length) html += `<p class="muted">Also: ${n.alt.map(esc).join("; ")}</p>`;
    html += `<p class="iri">${esc(n.id)}</p>`;
    if (n.wd) html += `<p>Wikidata: <a class="link" href="${esc(n.wd)}" target="_blank" rel="noopener">${esc(n.wd.split("/").pop())}</a></p>`;
    if (n.stats.length) {
      html += `<h4>Statistics (${n.stats.length})</h4><table class="stats">`;
      n.stats.forEach(([measure, value, unit, date, qualifier, field, art, ev]) => {
        const v = unit === "Percent" ? `${fmt(value)}%` : unit === "Rank" ? `#${fmt(value)}` : fmt(value);
        const extra = [field, date, articleName(art)].filter(Boolean).map(esc).join(" · ");
        html += `<tr class="stat"><td>${esc(measure)}${extra ? `<br><span class="muted">${extra}</span>` : ""}</td><td class="v">${qualifier ? `<span class="muted">${esc(qualifier)}</span> ` : ""}${esc(v)}${unit === "Money" ? "" : ""}</td></tr>`;
        html += `<tr class="ev"><td colspan="2">${evidence(ev)}</td></tr>`;
      });
      html += "</table>";
    }
    if (out.length) {
      html += `<h4>Relations (${out.length})</h4>`;
      out.forEach(([k, e]) => {
        const other = e.s === i ? e.t : e.s;
        const arrow = e.s === i ? `${esc(e.p)} → ` : `← ${esc(e.p)} `;
        const conf = e.c === null ? "gazetteer" : `confidence ${e.c.toFixed(2)}`;
        html += `<div class="rel">${arrow}<a data-node="${other}">${esc(nodes[other].label)}</a> <span class="conf">(${conf})</span>${e.ev.map(evidence).join("")}</div>`;
      });
    }
    if (n.arts.length) html += `<h4>Mentioned in ${n.arts.length} article${n.arts.length > 1 ? "s" : ""}</h4><p class="muted">${n.arts.map((a) => esc(articleName(a))).join("<br>")}</p>`;
    body.innerHTML = html;
    body.querySelectorAll("a[data-node]").forEach((a) => a.addEventListener("click", () => select(Number(a.dataset.node), true)));
    details.hidden = false;
    refresh();
    if (centre) centreOn(n);
  }
  function showEdge(i) {
    const e = edges[i];
    const conf = e.c === null ? "from the gazetteer" : `confidence ${e.c.toFixed(2)}`;
    body.innerHTML = `<h3>${esc(nodes[e.s].label)} <span class="muted">${esc(e.p)}</span> ${esc(nodes[e.t].label)}</h3>` +
      `<p class="conf">${conf}</p>${e.ev.map(evidence).join("")}` +
      (e.arts.length ? `<h4>Read in</h4><p class="muted">${e.arts.map((a) => esc(articleName(a))).join("<br>")}</p>` : "");
    details.hidden = false;
  }
  $("close").addEventListener("click", () => { details.hidden = true; state.selected = -1; refresh(); });
  svg.addEventListener("click", () => { if (state.selected >= 0) { details.hidden = true; state.selected = -1; refresh(); } });

  // ---- pan and zoom --------------------------------------------------------------------
  const apply = () => viewport.setAttribute("transform", `translate(${state.x},${state.y}) scale(${state.k})`);
  function fit() {
    const shown = nodes.filter((_, i) => nodeEls[i].style.display !== "none");
    const box = svg.getBoundingClientRect();
    if (!shown.length || !box.width) return;
    const xs = shown.map((n) => n.x), ys = shown.map((n) => n.y);
    const x0 = Math.min(...xs) - 40, x1 = Math.max(...xs) + 160, y0 = Math.min(...ys) - 40, y1 = Math.max(...ys) + 40;
    state.k = Math.min(box.width / (x1 - x0), box.height / (y1 - y0), 2.5);
    state.x = (box.width - (x1 - x0) * state.k) / 2 - x0 * state.k;
    state.y = (box.height - (y1 - y0) * state.k) / 2 - y0 * state.k;
    apply(); refresh();
  }
  function centreOn(n) {
    const box = svg.getBoundingClientRect();
    state.k = Math.max(state.k, 1.4);
    state.x = box.width / 2 - n.x * state.k;
    state.y = box.height / 2 - n.y * state.k;
    apply(); refresh();
  }
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const box = svg.getBoundingClientRect();
    const px = ev.clientX - box.left, py = ev.clientY - box.top;
    const k = Math.min(12, Math.max(0.05, state.k * Math.exp(-ev.deltaY * 0.0015)));
    state.x = px - ((px - state.x) * k) / state.k;
    state.y = py - ((py - state.y) * k) / state.k;
    state.k = k;
    apply(); refresh();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => { drag = { x: ev.clientX - state.x, y: ev.clientY - state.y, moved: false }; svg.classList.add("dragging"); });
  window.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    state.x = ev.clientX - drag.x; state.y = ev.clientY - drag.y; drag.moved = true; apply();
  });
  window.addEventListener("pointerup", () => { drag = null; svg.classList.remove("dragging"); });

  state.isolated = nodes.every((n, i) => adj[i].length === 0) || nodes.length <= 60;
  $("isolated").checked = state.isolated;
  refresh();
  fit();
  // A link can open the page on an entity or a search: page.html#node=<IRI> or #q=<text>.
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("node")) {
    const i = nodes.findIndex((n) => n.id === hash.get("node"));
    if (i >= 0) select(i, true);
  } else if (hash.get("q")) {
    search.value = hash.get("q");
    search.dispatchEvent(new Event("input"));
  }
  document.body.dataset.rendered = String(nodeEls.filter((g) => g.style.display !== "none").length);
})();
