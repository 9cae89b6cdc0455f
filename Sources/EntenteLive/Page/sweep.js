"use strict";
/* The sweep page: runs.json (the server's reading of the sweep folder) as a table, read
   again every two seconds, each run linking to its own live page. */
(() => {
  const $ = (id) => document.getElementById(id);
  const columns = [
    ["run", (r) => r.name], ["status", (r) => r.status], ["set", (r) => r.overrides.join(" ")],
    ["seed", (r) => r.seed ?? ""], ["round", (r) => r.rounds ? `${r.round} of ${r.rounds}` : String(r.round)],
    ["decisions", (r) => num(r.decisions)], ["balance share", (r) => pct(r.balance_share)],
    ["misperceived", (r) => pct(r.misperception_rate)], ["wars", (r) => num(r.wars)],
    ["sides", (r) => num(r.side_count)], ["misplaced", (r) => r.compared ? `${r.misplaced} of ${r.compared}` : ""],
    ["digest", (r) => r.digest ? r.digest.slice(0, 12) : (r.stopped || "")],
  ];
  const numeric = new Set(["decisions", "balance share", "misperceived", "wars", "sides"]);
  function num(x) { return x === undefined || x === null ? "" : String(x); }
  function pct(x) { return x === undefined || x === null ? "" : (100 * x).toFixed(1) + "%"; }

  function counter(id, value) { const e = $(id); e.dataset.value = value; e.textContent = value; }

  function render(listing) {
    $("title").textContent = `Sweep of ${listing.scenario || "a scenario"}`;
    $("subtitle").textContent = `${listing.runs.length} run folders` + (listing.planned ? `, ${listing.planned} planned` : "");
    const count = (s) => listing.runs.filter(r => r.status === s).length;
    counter("c-finished", count("finished"));
    counter("c-running", count("running"));
    counter("c-stopped", count("stopped"));
    counter("c-planned", listing.planned ?? listing.runs.length);
    const table = $("runs");
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    for (const [name] of columns) { const th = document.createElement("th"); th.textContent = name; head.appendChild(th); }
    const body = table.createTBody();
    for (const r of listing.runs) {
      const tr = body.insertRow();
      tr.dataset.run = r.name;
      tr.dataset.status = r.status;
      for (const [name, value] of columns) {
        const td = tr.insertCell();
        if (name === "run") {
          const a = document.createElement("a");
          a.href = "runs/" + encodeURIComponent(r.name) + "/";
          a.textContent = r.name;
          td.appendChild(a);
        } else td.textContent = value(r);
        if (name === "status") td.className = "status-" + r.status;
        if (numeric.has(name)) td.className = "num";
      }
    }
    document.body.dataset.loaded = "true";
  }

  function poll() {
    fetch("runs.json").then(r => r.json()).then(render, () => {
      $("subtitle").textContent = "cannot read the sweep folder's listing; retrying";
    }).finally(() => setTimeout(poll, 2000));
  }
  poll();
})();
