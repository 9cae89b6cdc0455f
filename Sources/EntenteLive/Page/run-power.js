"use strict";
/* True power over time: one line per state from each round_end's power shares, the shown
   round marked, the strongest states named at the right. */
const RunPower = (() => {
  const W = 640, H = 230, L = 44, R = 52, T = 10, B = 26;

  function render(svg, model, n, colourOf) {
    const el = RunNetwork.svgEl;
    svg.replaceChildren();
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.dataset.round = n;
    const last = model.completed, ids = model.stateIds;
    const series = new Map(ids.map(id => [id, []]));
    let top = 0.05;
    for (let k = 1; k <= last; k++) {
      const end = model.rounds[k] && model.rounds[k].end;
      if (!end) continue;
      for (const id of ids) {
        const v = end.power[id];
        if (v === undefined) continue;
        series.get(id).push([k, v]);
        top = Math.max(top, v);
      }
    }
    top = Math.ceil(top * 10) / 10;
    const x = (k) => L + (W - L - R) * (last > 1 ? (k - 1) / (last - 1) : 0.5);
    const y = (v) => T + (H - T - B) * (1 - v / top);
    for (let i = 0; i <= 4; i++) {
      const v = top * i / 4;
      el("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#e4e4e4" }, svg);
      el("text", { x: L - 4, y: y(v) + 4, "text-anchor": "end", class: "axis" }, svg).textContent = (100 * v).toFixed(0) + "%";
    }
    const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find(s => last / s <= 12) || Math.ceil(last / 12);
    for (let k = 1; k <= last; k += (k === 1 && step > 1 ? step - 1 : step)) {
      el("text", { x: x(k), y: H - 8, "text-anchor": "middle", class: "axis" }, svg).textContent = k;
    }
    if (n >= 1 && last >= 1) {
      el("line", { x1: x(n), x2: x(n), y1: T, y2: H - B, stroke: "#333", "stroke-dasharray": "3 3", class: "now" }, svg);
    }
    const ending = [];
    for (const id of ids) {
      const points = series.get(id);
      if (!points.length) continue;
      const path = el("polyline", { fill: "none", stroke: colourOf(id), "stroke-width": 1.6,
        points: points.map(([k, v]) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(" ") }, svg);
      path.dataset.state = id;
      el("title", {}, path).textContent = id;
      ending.push([id, points[points.length - 1]]);
    }
    ending.sort((a, b) => b[1][1] - a[1][1]);
    let lastY = -Infinity;
    for (const [id, [k, v]] of ending.slice(0, 8).sort((a, b) => a[1][1] < b[1][1] ? 1 : -1)) {
      const ly = Math.max(y(v) + 4, lastY + 11);
      lastY = ly;
      el("text", { x: x(k) + 4, y: ly, class: "axis" }, svg).textContent = id;
    }
  }

  return { render };
})();
