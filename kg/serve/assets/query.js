// The query page of kg's SPARQL endpoint: write a query, see its results as a table
// and as a graph. No libraries: the page works offline, served by kg itself.
"use strict";

const config = JSON.parse(document.getElementById("kg-config").textContent);
const EXAMPLES = {
  "Entities by class":
    "SELECT ?class (COUNT(?entity) AS ?entities)\nWHERE { ?entity a ?class }\nGROUP BY ?class\nORDER BY DESC(?entities)",
  "Relations between entities":
    "SELECT ?subject ?relation ?object\nWHERE {\n  ?s ?relation ?o .\n  FILTER(STRSTARTS(STR(?relation), STR(ipo:)))\n  ?s rdfs:label ?subject . ?o rdfs:label ?object .\n  FILTER(isIRI(?o))\n}\nLIMIT 200",
  "Statistics with evidence":
    "SELECT ?subjectLabel ?measure ?value ?unit ?date ?evidence\nWHERE {\n  ?stat a ipo:Statistic ; ipo:subject ?subject ; ipo:value ?value ; ipo:unit ?unit .\n  OPTIONAL { ?stat ipo:measure ?measure }\n  OPTIONAL { ?stat ipo:date ?date }\n  OPTIONAL { ?stat ipo:evidence ?evidence }\n  OPTIONAL { ?subject rdfs:label ?subjectLabel }\n}\nORDER BY ?subjectLabel ?date\nLIMIT 200",
  "Who is a member of what (graph)":
    "CONSTRUCT { ?member ipo:memberOf ?group }\nWHERE { ?member ipo:memberOf ?group }",
  "Articles and their publishers":
    "SELECT ?article ?date ?publisher\nWHERE {\n  ?article a ipo:Article .\n  OPTIONAL { ?article dcterms:date ?date }\n  OPTIONAL { ?article ipo:publishedBy ?p . ?p rdfs:label ?publisher }\n}\nORDER BY ?date",
};

const $ = (id) => document.getElementById(id);
const editor = $("query");
let current = null; // {vars, rows, triples}

function short(value) {
  const cut = Math.max(value.lastIndexOf("#"), value.lastIndexOf("/"));
  const tail = cut >= 0 && cut < value.length - 1 ? value.slice(cut + 1) : value;
  try { return decodeURIComponent(tail); } catch (e) { return tail; }
}

function setStatus(text, error) {
  const status = $("status");
  status.textContent = text;
  status.className = error ? "error" : "";
}

// --- fetching ---------------------------------------------------------------------------

async function run() {
  const query = editor.value;
  const hash = new URLSearchParams(location.hash.slice(1));
  hash.set("query", query);
  history.replaceState(null, "", "#" + hash);
  setStatus("running…");
  const started = performance.now();
  let response;
  try {
    response = await fetch("sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/sparql-results+json, application/n-triples;q=0.9",
      },
      body: "query=" + encodeURIComponent(query),
    });
  } catch (err) {
    setStatus("the endpoint did not answer: " + err, true);
    return;
  }
  const text = await response.text();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!response.ok) {
    setStatus(`${response.status}: ${text}`, true);
    document.body.dataset.state = "error";
    return;
  }
  const type = response.headers.get("Content-Type") || "";
  current = type.includes("n-triples") ? fromTriples(text) : fromResults(JSON.parse(text));
  const cut = response.headers.get("X-KG-Truncated") ? ` (cut at the limit of ${config.limit})` : "";
  const count = current.boolean !== undefined ? String(current.boolean) : `${current.rows.length} result${current.rows.length === 1 ? "" : "s"}`;
  setStatus(`${count}${cut} in ${seconds} s`);
  showTable();
  showGraph();
  document.body.dataset.state = "done";
  document.body.dataset.results = String(current.rows.length);
}

function fromResults(json) {
  if (json.boolean !== undefined) return { vars: ["answer"], rows: [], boolean: json.boolean };
  return { vars: json.head.vars, rows: json.results.bindings, triples: false };
}

const TERM = String.raw`(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)`;
const LINE = new RegExp(String.raw`^\s*${TERM}\s+${TERM}\s+${TERM}\s*\.\s*$`);

function term(token) {
  if (token.startsWith("<")) return { type: "uri", value: token.slice(1, -1) };
  if (token.startsWith("_:")) return { type: "bnode", value: token.slice(2) };
  const end = token.lastIndexOf('"');
  const value = JSON.parse(token.slice(0, end + 1));
  const rest = token.slice(end + 1);
  if (rest.startsWith("@")) return { type: "literal", value, "xml:lang": rest.slice(1) };
  if (rest.startsWith("^^")) return { type: "literal", value, datatype: rest.slice(3, -1) };
  return { type: "literal", value };
}

function fromTriples(text) {
  const rows = [];
  for (const line of text.split("\n")) {
    const m = LINE.exec(line);
    if (m) rows.push({ subject: term(m[1]), predicate: term(m[2]), object: term(m[3]) });
  }
  return { vars: ["subject", "predicate", "object"], rows, triples: true };
}

// --- table ------------------------------------------------------------------------------

function showTable() {
  const view = $("table-view");
  view.textContent = "";
  if (current.boolean !== undefined) {
    view.textContent = `ASK: ${current.boolean}`;
    return;
  }
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const v of current.vars) head.appendChild(document.createElement("th")).textContent = v;
  const body = table.createTBody();
  for (const row of current.rows) {
    const tr = body.insertRow();
    for (const v of current.vars) {
      const cell = tr.insertCell();
      const t = row[v];
      if (!t) continue;
      cell.textContent = t.value;
      if (t.type === "uri") cell.className = "uri";
      if (t.datatype || t["xml:lang"]) {
        const note = cell.appendChild(document.createElement("span"));
        note.className = "dt";
        note.textContent = t["xml:lang"] ? ` @${t["xml:lang"]}` : ` ${short(t.datatype)}`;
      }
    }
  }
  view.appendChild(table);
}

// --- graph ------------------------------------------------------------------------------

const MAX_NODES = 300;

function graphOf(result) {
  const nodes = new Map();
  const edges = [];
  const node = (t) => {
    const key = t.type + ":" + t.value;
    if (!nodes.has(key) && nodes.size < MAX_NODES) {
      nodes.set(key, { key, label: t.type === "uri" ? short(t.value) : t.value.slice(0, 40), literal: t.type === "literal" });
    }
    return nodes.get(key);
  };
  // three columns whose middle one is always an IRI read as subject, predicate, object
  const [s, p, o] = result.triples ? ["subject", "predicate", "object"] : result.vars;
  const tripleLike = result.triples || (result.vars.length === 3 && result.rows.every(
    (row) => row[s] && row[s].type !== "literal" && row[p] && row[p].type === "uri" && row[o]));
  for (const row of result.rows) {
    if (tripleLike) {
      const a = node(row[s]), b = node(row[o]);
      if (a && b) edges.push({ a, b, label: short(row[p].value) });
      continue;
    }
    // a row links its first IRI to its other IRIs, each edge named by the variable
    const linked = result.vars.filter((v) => row[v] && row[v].type !== "literal");
    if (!linked.length) continue;
    const hub = node(row[linked[0]]);
    for (const v of linked.slice(1)) {
      const other = node(row[v]);
      if (hub && other && hub !== other) edges.push({ a: hub, b: other, label: v });
    }
  }
  return { nodes: [...nodes.values()], edges };
}

// Each connected component gets its own force-directed layout (repulsion between its
// nodes, springs along its edges), then the components are packed on shelves, largest
// first, so that small groups neither fly apart nor shrink the picture.
function components(graph) {
  const parent = new Map(graph.nodes.map((d) => [d, d]));
  const find = (d) => { while (parent.get(d) !== d) d = parent.get(d); return d; };
  for (const e of graph.edges) parent.set(find(e.a), find(e.b));
  const groups = new Map();
  for (const d of graph.nodes) {
    const root = find(d);
    if (!groups.has(root)) groups.set(root, { nodes: [], edges: [] });
    groups.get(root).nodes.push(d);
  }
  for (const e of graph.edges) groups.get(find(e.a)).edges.push(e);
  return [...groups.values()].sort((a, b) => b.nodes.length - a.nodes.length);
}

function forces(part, k) {
  const n = part.nodes.length;
  part.nodes.forEach((d, i) => {
    const r = k * Math.sqrt(i + 1) * 0.5, angle = i * 2.4; // a sunflower spiral: no two alike
    d.x = r * Math.cos(angle);
    d.y = r * Math.sin(angle);
  });
  for (let step = 0, t = 2 * k; step < 250 && n > 1; step++, t *= 0.98) {
    for (const d of part.nodes) { d.dx = -0.05 * d.x; d.dy = -0.05 * d.y; }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = part.nodes[i], b = part.nodes[j];
        const dx = a.x - b.x, dy = a.y - b.y;
        const dist = Math.max(Math.hypot(dx, dy), 0.01);
        const force = (k * k) / dist;
        a.dx += (dx / dist) * force; a.dy += (dy / dist) * force;
        b.dx -= (dx / dist) * force; b.dy -= (dy / dist) * force;
      }
    }
    for (const e of part.edges) {
      const dx = e.a.x - e.b.x, dy = e.a.y - e.b.y;
      const dist = Math.max(Math.hypot(dx, dy), 0.01);
      const force = (dist * dist) / k;
      e.a.dx -= (dx / dist) * force; e.a.dy -= (dy / dist) * force;
      e.b.dx += (dx / dist) * force; e.b.dy += (dy / dist) * force;
    }
    for (const d of part.nodes) {
      const move = Math.max(Math.hypot(d.dx, d.dy), 0.01);
      d.x += (d.dx / move) * Math.min(move, t);
      d.y += (d.dy / move) * Math.min(move, t);
    }
  }
}

// Returns the height the packed components need at this width.
function layout(graph, width) {
  const LABEL = 150, GAP = 30, k = 55;
  let x = GAP, y = GAP, shelf = 0;
  for (const part of components(graph)) {
    forces(part, k);
    const xs = part.nodes.map((d) => d.x), ys = part.nodes.map((d) => d.y);
    const x0 = Math.min(...xs), y0 = Math.min(...ys);
    let w = Math.max(...xs) - x0 + LABEL, h = Math.max(...ys) - y0;
    const scale = Math.min(1, (width - 2 * GAP) / w);
    w *= scale; h *= scale;
    if (x + w > width - GAP && x > GAP) { x = GAP; y += shelf + GAP; shelf = 0; }
    for (const d of part.nodes) { d.x = x + (d.x - x0) * scale; d.y = y + (d.y - y0) * scale; }
    x += w + GAP;
    shelf = Math.max(shelf, h);
  }
  return y + shelf + GAP;
}

function showGraph() {
  const svg = $("graph");
  const NS = "http://www.w3.org/2000/svg";
  svg.textContent = "";
  if (!current || current.boolean !== undefined) return;
  const graph = graphOf(current);
  const width = 1200;
  const height = Math.max(layout(graph, width), 200);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.style.height = `${height}px`;
  const add = (tag, attrs, parent = svg) => {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return parent.appendChild(el);
  };
  const marker = add("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" }, add("defs", {}));
  add("path", { d: "M0,0 L10,5 L0,10 z", fill: "#9aa6b2" }, marker);
  for (const e of graph.edges) {
    // stop the line at the target's circle, so that its arrowhead shows which way it points
    const dist = Math.max(Math.hypot(e.b.x - e.a.x, e.b.y - e.a.y), 1);
    const x2 = e.b.x - ((e.b.x - e.a.x) / dist) * 8, y2 = e.b.y - ((e.b.y - e.a.y) / dist) * 8;
    add("line", { class: "edge", x1: e.a.x, y1: e.a.y, x2, y2, "marker-end": "url(#arrow)" });
    add("text", { class: "edge-label", x: (e.a.x + e.b.x) / 2, y: (e.a.y + e.b.y) / 2 }).textContent = e.label;
  }
  for (const d of graph.nodes) {
    const g = add("g", { class: d.literal ? "node literal" : "node" });
    add("circle", { cx: d.x, cy: d.y, r: 6 }, g);
    add("text", { x: d.x + 8, y: d.y + 4 }, g).textContent = d.label;
    add("title", {}, g).textContent = d.key.slice(d.key.indexOf(":") + 1);
  }
  svg.dataset.nodes = String(graph.nodes.length);
  svg.dataset.edges = String(graph.edges.length);
}

// --- wiring -----------------------------------------------------------------------------

function show(view) {
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.view === view);
  $("table-view").hidden = view !== "table";
  $("graph-view").hidden = view !== "graph";
}

$("served").textContent = config.name;
const select = $("examples");
for (const name of Object.keys(EXAMPLES)) select.appendChild(new Option(name, name));
select.addEventListener("change", () => { editor.value = EXAMPLES[select.value]; });
$("run").addEventListener("click", run);
editor.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => show(tab.dataset.view));
$("permalink").addEventListener("click", (e) => {
  e.preventDefault();
  history.replaceState(null, "", "#" + new URLSearchParams({ query: editor.value }));
});

const params = new URLSearchParams(location.hash.slice(1));
if (params.get("view")) show(params.get("view"));
if (params.get("query")) {
  editor.value = params.get("query");
  run();
} else {
  editor.value = EXAMPLES["Entities by class"];
}
