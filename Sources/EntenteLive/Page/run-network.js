"use strict";
/* The alliance network of one round as SVG: states placed by the scenario's borders (a
   force layout of the contiguity graph, so neighbours sit side by side; the scenarios
   carry borders, not coordinates), sized by true power, coloured by side, alliances
   drawn by label, wars of the round in red, eliminated states crossed out. */
const RunNetwork = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const W = 640, H = 470, MARGIN = 44;
  // Sides; red is kept for wars.
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#17becf", "#8c564b",
    "#e377c2", "#bcbd22", "#393b79", "#7f7f7f"];

  function svgEl(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }

  /** How hard a border pulls: land most, then by the width of the sea between (COW's classes). */
  const CONTACT = { land: 1, sea12: 0.7, sea24: 0.5, sea150: 0.3, sea400: 0.15 };

  /** Positions in [0,1]²: Fruchterman-Reingold from a circle in scenario order, so the
      same scenario always gets the same picture. Land borders pull harder than sea ones. */
  function layout(ids, borders) {
    const n = ids.length, index = new Map(ids.map((id, i) => [id, i]));
    const x = new Float64Array(n), y = new Float64Array(n);
    ids.forEach((_, i) => { const a = 2 * Math.PI * i / Math.max(n, 1); x[i] = Math.cos(a); y[i] = Math.sin(a); });
    const edges = (borders || []).filter(b => index.has(b.a) && index.has(b.b))
      .map(b => [index.get(b.a), index.get(b.b), CONTACT[b.contact] || 0.3]);
    const k = Math.sqrt(4 / Math.max(n, 1));
    let temp = 0.25;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let it = 0; it < 300; it++) {
      dx.fill(0); dy.fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const ex = x[i] - x[j], ey = y[i] - y[j], d = Math.max(Math.hypot(ex, ey), 0.01);
          if (d > 2.5 * k) continue;   // far apart already: a state with no borders stays near
          const f = k * k / (d * d);
          dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
        }
      }
      for (const [i, j, w] of edges) {
        const ex = x[i] - x[j], ey = y[i] - y[j], d = Math.max(Math.hypot(ex, ey), 0.01);
        const f = w * d / k;
        dx[i] -= ex * f; dy[i] -= ey * f; dx[j] += ex * f; dy[j] += ey * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] -= 0.15 * x[i]; dy[i] -= 0.15 * y[i];   // keeps islands near the rest
        const len = Math.hypot(dx[i], dy[i]);
        if (len > 0) { const m = Math.min(len, temp); x[i] += dx[i] / len * m; y[i] += dy[i] / len * m; }
      }
      temp *= 0.985;
    }
    const bound = (a) => [Math.min(...a), Math.max(...a)];
    const [x0, x1] = bound(x), [y0, y1] = bound(y);
    const pos = new Map();
    ids.forEach((id, i) => pos.set(id, [
      MARGIN + (W - 2 * MARGIN) * (x1 > x0 ? (x[i] - x0) / (x1 - x0) : 0.5),
      MARGIN + (H - 2 * MARGIN) * (y1 > y0 ? (y[i] - y0) / (y1 - y0) : 0.5)]));
    return pos;
  }

  /** Sides: the connected groups of two or more allied states, numbered in scenario order. */
  function sides(ids, alliances) {
    const parent = new Map(ids.map(id => [id, id]));
    const find = (a) => { while (parent.get(a) !== a) a = parent.get(a); return a; };
    for (const al of alliances) {
      const [a, b] = al.members;
      if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
    }
    const size = new Map();
    ids.forEach(id => size.set(find(id), (size.get(find(id)) || 0) + 1));
    const number = new Map(), side = new Map();
    for (const id of ids) {
      const root = find(id);
      if (size.get(root) < 2) continue;
      if (!number.has(root)) number.set(root, number.size);
      side.set(id, number.get(root));
    }
    return side;
  }

  function colour(side) { return side === undefined ? "#c8c8c8" : PALETTE[side % PALETTE.length]; }

  const DASH = { balancing: "", bandwagon: "7 4", mixed: "2 4", initial: "" };

  /** Draws round n of the model into svg; onPick(state) when a state is clicked. */
  function render(svg, model, n, positions, selected, onPick) {
    svg.replaceChildren();
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.dataset.round = n;
    const ids = model.stateIds, r = model.rounds[n];
    const alliances = model.alliancesAt(n), power = model.powerAt(n);
    const eliminated = new Set(model.totalsAt(n).eliminated), side = sides(ids, alliances);
    const edges = svgEl("g", { class: "edges" }, svg);
    for (const al of alliances) {
      const [a, b] = al.members, pa = positions.get(a), pb = positions.get(b);
      if (!pa || !pb) continue;
      const line = svgEl("line", { x1: pa[0], y1: pa[1], x2: pb[0], y2: pb[1], class: "alliance",
        stroke: colour(side.get(a)), "stroke-width": 3, "stroke-dasharray": DASH[al.label] || "" }, edges);
      line.dataset.kind = al.label; line.dataset.members = a + "-" + b;
      svgEl("title", {}, line).textContent = `${a}-${b}: ${al.label}${al.target ? " (" + al.target + ")" : ""}`;
    }
    const wars = r ? r.wars.concat(r.world.filter(e => e.type === "war_started" && !r.wars.includes(e))) : [];
    for (const w of wars) {
      const pa = positions.get(w.attacker), pb = positions.get(w.defender);
      if (!pa || !pb) continue;
      const line = svgEl("line", { x1: pa[0], y1: pa[1], x2: pb[0], y2: pb[1], class: "war",
        stroke: "#e00000", "stroke-width": 5, "stroke-opacity": 0.7, "stroke-dasharray": "10 5" }, edges);
      line.dataset.kind = "war"; line.dataset.members = w.attacker + ">" + w.defender;
      svgEl("title", {}, line).textContent = `war: ${w.attacker} attacks ${w.defender} (odds ${(+w.odds).toFixed(2)})`;
    }
    const nodes = svgEl("g", { class: "nodes" }, svg);
    for (const id of ids) {
      const p = positions.get(id);
      if (!p) continue;
      const gone = eliminated.has(id), away = r && r.absent.has(id);
      const g = svgEl("g", { class: "state", transform: `translate(${p[0].toFixed(1)},${p[1].toFixed(1)})` }, nodes);
      g.dataset.state = id;
      g.dataset.status = gone ? "eliminated" : away ? "absent" : "alive";
      if (side.has(id)) g.dataset.side = side.get(id);
      const radius = gone ? 8 : 7 + 34 * Math.sqrt(power[id] || 0);
      svgEl("circle", { r: radius.toFixed(1), fill: gone ? "#f2f2f2" : colour(side.get(id)),
        stroke: id === selected ? "#000" : gone ? "#999" : "#444", "stroke-width": id === selected ? 3 : 1,
        "stroke-dasharray": away || gone ? "3 2" : "" }, g);
      if (gone) {
        svgEl("path", { d: "M-7,-7L7,7M-7,7L7,-7", stroke: "#900", "stroke-width": 2 }, g);
      }
      const label = svgEl("text", { y: -radius - 3, "text-anchor": "middle", class: "label" }, g);
      label.textContent = id;
      svgEl("title", {}, g).textContent = `${id}: power ${((power[id] || 0) * 100).toFixed(1)}%` +
        (gone ? ", eliminated" : away ? ", absent" : "") + (side.has(id) ? `, side ${side.get(id) + 1}` : "");
      g.addEventListener("click", () => onPick(id));
    }
    svg.dataset.sides = new Set(side.values()).size;
    svg.dataset.alliances = alliances.map(al => al.members.join("-")).sort().join(" ");
    return side;
  }

  return { layout, render, sides, colour, svgEl };
})();
