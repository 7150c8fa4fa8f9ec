// rasid dashboard: map, timeline, actor network, event list and the evidence view.
// Every piece of text from the API is put in the page with textContent or as an SVG text
// node, never as HTML, so an article that contains markup stays text.
"use strict";

const CATEGORIES = ["FIGHT", "ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "CRIME", "SANCTION",
  "THREATEN", "REJECT", "DISAPPROVE", "DEMAND", "INVESTIGATE", "RETREAT", "AID", "COOPERATE",
  "CONCEDE", "SUPPORT", "CONSULT", "AGREE"];
const STATUSES = ["asserted", "claimed", "planned", "hypothetical", "negated"];
const COLORS = { FIGHT: "#c0392b", ASSAULT: "#8e44ad", COERCE: "#d35400", PROTEST: "#2980b9",
  MOBILIZE: "#16a085", THREATEN: "#7f8c8d", RETREAT: "#27ae60", AGREE: "#2c3e50",
  CONSULT: "#f39c12", DISAPPROVE: "#95a5a6", REJECT: "#6d4c41", AID: "#1abc9c" };
const color = (c) => COLORS[c] || "#555";

const T = {
  en: { title: "rasid — conflict events", token: "Token", reviewer: "Reviewer", api: "API",
    category: "Category", status: "Status", from: "From", to: "To", actor: "Actor", apply: "Apply",
    all: "all", map: "Map", timeline: "Events per month", network: "Actor network", events: "Events",
    date: "Date", actor1: "Actor 1", actor2: "Actor 2", place: "Place", dead: "Dead",
    reports: "Reports", review: "Review", event: "Event", close: "Close", accept: "Accept",
    reject: "Reject", correct: "Correct", note: "Note", save: "Save correction", history: "Reviews",
    shown: "shown", of: "of", sources: "sources", saved: "Saved.", needToken: "Enter the token first.",
    needReviewer: "Enter your name as reviewer.", noBasemap: "(no basemap installed)",
    evidence: "evidence", trigger: "trigger", location: "place", fatalities: "dead", confidence: "confidence" },
  ar: { title: "راصد — أحداث النزاع", token: "رمز الدخول", reviewer: "المراجِع", api: "الواجهة البرمجية",
    category: "الفئة", status: "الحالة", from: "من", to: "إلى", actor: "الفاعل", apply: "تطبيق",
    all: "الكل", map: "الخريطة", timeline: "الأحداث شهرياً", network: "شبكة الفاعلين", events: "الأحداث",
    date: "التاريخ", actor1: "الفاعل الأول", actor2: "الفاعل الثاني", place: "المكان", dead: "القتلى",
    reports: "التقارير", review: "المراجعة", event: "الحدث", close: "إغلاق", accept: "قبول",
    reject: "رفض", correct: "تصحيح", note: "ملاحظة", save: "حفظ التصحيح", history: "المراجعات",
    shown: "معروضة", of: "من", sources: "مصادر", saved: "تم الحفظ.", needToken: "أدخل رمز الدخول أولاً.",
    needReviewer: "أدخل اسمك بصفتك مراجِعاً.", noBasemap: "(لا توجد خريطة أساس)",
    evidence: "الدليل", trigger: "الكلمة الدالة", location: "المكان", fatalities: "القتلى", confidence: "الثقة" },
};
let lang = localStorage.getItem("rasid-lang") || "en";
const t = (k) => (T[lang] && T[lang][k]) || T.en[k] || k;

const $ = (sel) => document.querySelector(sel);
const SVG = "http://www.w3.org/2000/svg";
function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function sv(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

async function api(path, options) {
  const r = await fetch(path, options);
  const body = await r.json().catch(() => ({ message: r.statusText }));
  if (!r.ok) throw new Error(body.message || r.statusText);
  return body;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  const b = $("#lang");
  if (b) b.textContent = lang === "ar" ? "English" : "العربية";
}

function filterQuery() {
  const p = new URLSearchParams();
  for (const [k, id] of [["category", "#f-category"], ["status", "#f-status"], ["from", "#f-from"], ["to", "#f-to"], ["actor", "#f-actor"]]) {
    const v = $(id).value.trim();
    if (v) p.set(k, v);
  }
  return p;
}

// --- map -------------------------------------------------------------------------------
const BOX = { w: 640, h: 420, lon0: 34.0, lon1: 49.5, lat0: 28.5, lat1: 38.5 };
const px = (lon) => ((lon - BOX.lon0) / (BOX.lon1 - BOX.lon0)) * BOX.w;
const py = (lat) => BOX.h - ((lat - BOX.lat0) / (BOX.lat1 - BOX.lat0)) * BOX.h;
let basemap = null;
let provinces = null;

// Lines between neighbouring grid cells of different provinces (approximate outlines).
function provinceLines(g) {
  const segs = [];
  const at = (r, c) => (r < 0 || c < 0 || r >= g.rows || c >= g.cols ? -1 : g.cells[r * g.cols + c]);
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.cols; c++) {
      const here = at(r, c);
      if (here < 0) continue;
      const lon = g.lon0 + c * g.step, lat = g.lat0 + r * g.step;
      const east = at(r, c + 1), north = at(r + 1, c);
      if (east >= 0 && east !== here) segs.push([lon + g.step, lat, lon + g.step, lat + g.step]);
      if (north >= 0 && north !== here) segs.push([lon, lat + g.step, lon + g.step, lat + g.step]);
    }
  }
  return segs.map(([a, b, c, d]) => `M${px(a).toFixed(1)},${py(b).toFixed(1)}L${px(c).toFixed(1)},${py(d).toFixed(1)}`).join("");
}

// TopoJSON (world-atlas) → SVG paths for the countries of the box.
function topoPaths(topo) {
  const tr = topo.transform;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx; y += dy;
      return tr ? [x * tr.scale[0] + tr.translate[0], y * tr.scale[1] + tr.translate[1]] : [dx, dy];
    });
  });
  const ring = (indexes) => {
    const pts = [];
    for (const i of indexes) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    return "M" + pts.map(([lon, lat]) => px(lon).toFixed(1) + "," + py(lat).toFixed(1)).join("L") + "Z";
  };
  const out = [];
  const countries = topo.objects.countries || Object.values(topo.objects)[0];
  for (const g of countries.geometries) {
    const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    const d = polys.map((poly) => poly.map(ring).join("")).join("");
    if (d) out.push({ id: String(g.id), name: (g.properties && g.properties.name) || "", d });
  }
  return out;
}

function drawMap(events) {
  const svg = $("#map");
  clear(svg);
  for (let lon = 35; lon <= 49; lon += 2) svg.appendChild(sv("line", { class: "graticule", x1: px(lon), x2: px(lon), y1: 0, y2: BOX.h }));
  for (let lat = 29; lat <= 38; lat += 1) svg.appendChild(sv("line", { class: "graticule", x1: 0, x2: BOX.w, y1: py(lat), y2: py(lat) }));
  if (basemap) {
    const defs = sv("defs");
    const clip = sv("clipPath", { id: "focus-clip" });
    defs.appendChild(clip);
    svg.appendChild(defs);
    for (const c of basemap) {
      const focus = c.id === "760" || c.id === "368";
      const p = sv("path", { d: c.d, class: focus ? "country focus" : "country" });
      p.appendChild(sv("title", {}, c.name));
      svg.appendChild(p);
      if (focus) clip.appendChild(sv("path", { d: c.d }));
    }
  }
  if (provinces) {
    const lines = sv("path", { d: provinces, class: "admin1", "clip-path": basemap ? "url(#focus-clip)" : "" });
    lines.appendChild(sv("title", {}, "provinces (approximate, from the gazetteer)"));
    svg.appendChild(lines);
  }
  if (!basemap) {
    svg.appendChild(sv("text", { x: 8, y: 16, class: "axis" }, t("noBasemap")));
  }
  const seen = new Set();
  for (const e of events) {
    if (e.lat == null || e.lon == null) continue;
    const r = 3 + Math.sqrt(e.fatalities || 0) * 1.6;
    const c = sv("circle", { cx: px(e.lon).toFixed(1), cy: py(e.lat).toFixed(1), r: r.toFixed(1), fill: color(e.category), class: "event-point", "data-event-id": e.id, "data-category": e.category });
    c.appendChild(sv("title", {}, `${e.date_start || ""} ${e.category} ${e.location || ""}`));
    c.addEventListener("click", () => openEvent(e.id));
    svg.appendChild(c);
    seen.add(e.category);
  }
  const legend = $("#legend");
  clear(legend);
  for (const cat of [...seen].sort()) {
    const item = el("span");
    const sw = el("span", { class: "swatch" });
    sw.style.background = color(cat);
    item.append(sw, document.createTextNode(cat));
    legend.appendChild(item);
  }
}

// --- timeline --------------------------------------------------------------------------
function drawTimeline(stats) {
  const svg = $("#timeline");
  clear(svg);
  const months = [...new Set(stats.per_month.map((r) => r[0]))].sort();
  if (!months.length) return;
  const totals = {};
  for (const [m, , n] of stats.per_month) totals[m] = (totals[m] || 0) + n;
  const max = Math.max(...Object.values(totals), 1);
  const W = 640, H = 220, left = 30, bottom = 20, bw = (W - left) / months.length;
  svg.appendChild(sv("text", { x: 2, y: 10, class: "axis" }, max));
  months.forEach((m, i) => {
    let y = H - bottom;
    for (const [mm, cat, n] of stats.per_month.filter((r) => r[0] === m)) {
      const h = (n / max) * (H - bottom - 12);
      y -= h;
      const r = sv("rect", { x: (left + i * bw).toFixed(1), y: y.toFixed(1), width: Math.max(bw - 1, 1).toFixed(1), height: h.toFixed(1), fill: color(cat), "data-month": mm, "data-category": cat });
      r.appendChild(sv("title", {}, `${mm} ${cat}: ${n}`));
      svg.appendChild(r);
    }
    if (months.length <= 24 || i % Math.ceil(months.length / 12) === 0) {
      svg.appendChild(sv("text", { x: (left + i * bw).toFixed(1), y: H - 5, class: "axis" }, m));
    }
  });
}

// --- network ---------------------------------------------------------------------------
function drawNetwork(g) {
  const svg = $("#network");
  clear(svg);
  const nodes = g.nodes.slice().sort((a, b) => b.events - a.events).slice(0, 24);
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const cx = 320, cy = 210, R = 160;
  const pos = nodes.map((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(nodes.length, 1) - Math.PI / 2;
    return [cx + R * Math.cos(a), cy + R * Math.sin(a)];
  });
  const weights = new Map();
  for (const e of g.edges) {
    if (!index.has(e.source) || !index.has(e.target)) continue;
    const k = [e.source, e.target].sort().join("|");
    weights.set(k, (weights.get(k) || 0) + e.weight);
  }
  const maxW = Math.max(1, ...weights.values());
  for (const [k, w] of weights) {
    const [a, b] = k.split("|").map((id) => pos[index.get(id)]);
    const line = sv("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: "edge", "stroke-width": (0.5 + 5 * w / maxW).toFixed(2) });
    line.appendChild(sv("title", {}, `${k.replace("|", " — ")}: ${w}`));
    svg.appendChild(line);
  }
  nodes.forEach((n, i) => {
    const [x, y] = pos[i];
    const c = sv("circle", { cx: x, cy: y, r: (3 + Math.sqrt(n.events)).toFixed(1), fill: "#34495e", class: "node" });
    c.appendChild(sv("title", {}, `${n.name} (${n.events})`));
    svg.appendChild(c);
    const anchor = x < cx - 5 ? "end" : x > cx + 5 ? "start" : "middle";
    svg.appendChild(sv("text", { x: x + (anchor === "end" ? -6 : anchor === "start" ? 6 : 0), y: y + 3, "text-anchor": anchor, class: "node-label" }, n.name));
  });
}

// --- event list ------------------------------------------------------------------------
function drawList(page) {
  const body = $("#events tbody");
  clear(body);
  for (const e of page.events) {
    const tr = el("tr", { "data-event-id": e.id });
    const date = e.date_start === e.date_end ? e.date_start : `${e.date_start || "?"} – ${e.date_end || "?"}`;
    for (const v of [date, e.category, e.actor1 || "–", e.actor2 || "–", e.location || "–", e.fatalities ?? "", e.report_count, e.review ? e.review.action : ""]) {
      tr.appendChild(el("td", {}, v));
    }
    tr.addEventListener("click", () => openEvent(e.id));
    body.appendChild(tr);
  }
  $("#summary").textContent = `${page.events.length} ${t("shown")} ${t("of")} ${page.total}`;
}

// --- event view ------------------------------------------------------------------------
let current = null;

// The report text with its spans highlighted: cut at every span boundary (UTF-16 offsets,
// as JavaScript strings count) and give each piece the classes of the spans that cover it.
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start_16); cuts.add(s.end_16); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const box = el("div", { class: "report-text", dir: "auto" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const roles = spans.filter((s) => s.start_16 <= a && s.end_16 >= b).map((s) => s.role);
    if (!roles.length) { box.appendChild(document.createTextNode(piece)); continue; }
    const m = el("mark", { class: roles.map((r) => "hl-" + r).join(" "), "data-roles": roles.join(" ") }, piece);
    const labels = spans.filter((s) => s.start_16 <= a && s.end_16 >= b && s.label).map((s) => `${t(s.role === "actor1" || s.role === "actor2" ? s.role : s.role)}: ${s.label}`);
    if (labels.length) m.title = labels.join(" · ");
    box.appendChild(m);
  }
  return box;
}

async function openEvent(id) {
  const data = await api(`/api/events/${encodeURIComponent(id)}`);
  current = data.event;
  $("#event-panel").classList.remove("hidden");
  $("#event-id").textContent = `#${current.id}`;
  document.querySelectorAll(".event-point.selected").forEach((c) => c.classList.remove("selected"));
  document.querySelectorAll(`.event-point[data-event-id="${current.id}"]`).forEach((c) => c.classList.add("selected"));
  const dl = $("#event-fields");
  clear(dl);
  const e = current;
  for (const [k, v] of [["category", `${e.category}${e.mode ? " / " + e.mode : ""}`], ["status", e.status], ["date", `${e.date_start || "?"} – ${e.date_end || "?"}`], ["actor1", e.actor1 || "–"], ["actor2", e.actor2 || "–"], ["place", `${e.location || "–"}${e.admin1 ? ", " + e.admin1 : ""}`], ["dead", e.fatalities ?? "–"], ["reports", `${e.report_count} (${e.source_count} ${t("sources")})`], ["confidence", e.confidence.toFixed(2)], ["review", e.review ? `${e.review.action} — ${e.review.reviewer}, ${e.review.at}` : "–"]]) {
    dl.append(el("dt", {}, t(k)), el("dd", { "data-field": k }, v));
  }
  const reports = $("#reports");
  clear(reports);
  for (const r of data.reports) {
    const box = el("article", { class: "report", "data-event-id": r.event_id });
    box.appendChild(el("h3", {}, [r.published, r.source, r.title || r.doc_key].filter(Boolean).join(" · ")));
    if (r.url) box.appendChild(el("a", { href: r.url, rel: "noopener noreferrer", target: "_blank" }, r.url));
    box.appendChild(highlighted(r.text, r.highlights));
    reports.appendChild(box);
  }
  const ul = $("#reviews");
  clear(ul);
  for (const r of data.reviews) {
    ul.appendChild(el("li", {}, `${r.at} — ${r.reviewer}: ${r.action}${r.changes ? " " + JSON.stringify(r.changes) : ""}${r.note ? " (" + r.note + ")" : ""}`));
  }
  $("#event-panel").scrollIntoView({ behavior: "smooth", block: "start" });
}

async function sendReview(body) {
  const token = $("#token").value.trim();
  const reviewer = $("#reviewer").value.trim();
  const msg = $("#review-message");
  if (!token) { msg.textContent = t("needToken"); return; }
  if (!reviewer) { msg.textContent = t("needReviewer"); return; }
  sessionStorage.setItem("rasid-token", token);
  localStorage.setItem("rasid-reviewer", reviewer);
  try {
    await api(`/api/events/${current.id}/review`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...body, reviewer }),
    });
    msg.textContent = t("saved");
    await openEvent(current.id);
    await refresh(false);
  } catch (err) {
    msg.textContent = err.message;
  }
}

// --- wiring ----------------------------------------------------------------------------
async function refresh(all = true) {
  document.body.dataset.ready = "false";
  const q = filterQuery();
  const listQ = new URLSearchParams(q); listQ.set("limit", "200"); listQ.set("sort", "-date");
  const mapQ = new URLSearchParams(q); mapQ.set("limit", "1000");
  const [page, mapPage, stats, graph] = await Promise.all([
    api(`/api/events?${listQ}`), api(`/api/events?${mapQ}`),
    all ? api(`/api/stats?${q}`) : null, all ? api(`/api/network?${q}`) : null,
  ]);
  drawList(page);
  drawMap(mapPage.events);
  if (stats) drawTimeline(stats);
  if (graph) drawNetwork(graph);
  document.body.dataset.ready = "true";
}

function fillSelect(select, values) {
  for (const v of values) select.appendChild(el("option", { value: v }, v));
}

async function dashboard() {
  fillSelect($("#f-category"), CATEGORIES);
  fillSelect($("#f-status"), STATUSES);
  fillSelect($("#correct-form select[name=category]"), CATEGORIES);
  fillSelect($("#correct-form select[name=status]"), STATUSES);
  $("#token").value = sessionStorage.getItem("rasid-token") || "";
  $("#reviewer").value = localStorage.getItem("rasid-reviewer") || "";
  applyLanguage();
  $("#lang").addEventListener("click", () => {
    lang = lang === "ar" ? "en" : "ar";
    localStorage.setItem("rasid-lang", lang);
    applyLanguage();
    refresh();
    if (current && !$("#event-panel").classList.contains("hidden")) openEvent(current.id);
  });
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
  $("#close-event").addEventListener("click", () => $("#event-panel").classList.add("hidden"));
  $("#accept").addEventListener("click", () => sendReview({ action: "accept" }));
  $("#reject").addEventListener("click", () => sendReview({ action: "reject" }));
  $("#correct-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = new FormData(ev.target);
    const changes = {};
    for (const [k, v] of form.entries()) {
      if (k === "note" || v === "") continue;
      changes[k] = k === "fatalities" ? Number(v) : v;
    }
    const note = String(form.get("note") || "").trim();
    sendReview({ action: "correct", changes, ...(note ? { note } : {}) });
  });
  try {
    const topo = await fetch("/assets/countries.json").then((r) => r.json());
    basemap = topo ? topoPaths(topo) : null;
  } catch (err) { basemap = null; }
  try {
    provinces = provinceLines(await api("/api/provinces"));
  } catch (err) { provinces = null; }
  await refresh();
}

async function docs() {
  const spec = await api("/api/openapi.json");
  const main = $("#docs");
  main.appendChild(el("p", {}, spec.info.description));
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const s = el("section");
      const h = el("h2");
      h.appendChild(el("code", {}, `${method.toUpperCase()} ${path}`));
      s.appendChild(h);
      s.appendChild(el("p", {}, op.summary + (op.security ? " 🔒" : "")));
      const params = (op.parameters || []).map((p) => `${p.name}${p.required ? "*" : ""} (${p.in}${p.schema && p.schema.enum ? ": " + p.schema.enum.join(" | ") : ""})`);
      if (params.length) s.appendChild(el("p", { class: "muted" }, params.join(", ")));
      if (op.requestBody) s.appendChild(el("pre", {}, JSON.stringify(op.requestBody.content["application/json"].schema, null, 1)));
      s.appendChild(el("p", { class: "muted" }, "→ " + Object.keys(op.responses).join(", ")));
      main.appendChild(s);
    }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  (page === "docs" ? docs() : dashboard()).catch((err) => {
    document.body.dataset.error = err.message;
    const s = $("#summary") || document.body;
    s.textContent = err.message;
  });
});
