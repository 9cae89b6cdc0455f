"use strict";
/* The counters, the perceived-against-true threat table and the chosen state's beliefs
   and letters, for one round. Every number shown is also in a data-value attribute, so a
   test (or a script) reads what a researcher sees. */
const RunView = (() => {
  const $ = (id) => document.getElementById(id);

  function counter(id, value, text) {
    const e = $(id);
    e.dataset.value = value;
    e.textContent = text === undefined ? String(value) : text;
  }

  function counters(model, n) {
    const t = model.totalsAt(n), rounds = model.scenario ? model.scenario.rounds : 0;
    counter("c-round", n, `${n} of ${rounds}`);
    counter("c-decisions", t.decisions);
    const share = t.decisions ? t.balance / t.decisions : 0;
    counter("c-balance", share.toFixed(4), t.decisions ? RunFeed.pct(share) : "–");
    counter("c-bandwagon", t.bandwagon);
    counter("c-misperceived", t.misperceived);
    counter("c-wars", t.wars);
    counter("c-eliminated", t.eliminated.length);
    counter("c-absences", t.absences);
    counter("c-rejected", t.rejected);
    counter("c-malformed", model.problems.length + (model.torn ? 1 : 0));
  }

  function cell(row, text, cls) {
    const td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }

  /** Each state's perceived main threat against the true one (states.csv of round n). */
  function threats(table, model, n, pick) {
    table.replaceChildren();
    table.dataset.round = n;
    const head = table.createTHead().insertRow();
    for (const h of ["state", "perceived main threat", "true main threat", "", "stance", "rule", "allies"]) {
      const th = document.createElement("th");
      th.textContent = h;
      head.appendChild(th);
    }
    const body = table.createTBody(), rows = model.panel.get(n);
    for (const id of model.stateIds) {
      const p = rows && rows.get(id);
      const tr = body.insertRow();
      tr.dataset.state = id;
      tr.addEventListener("click", () => pick(id));
      cell(tr, id, "id");
      if (!p) { cell(tr, n === 0 ? "(before round 1)" : "–").colSpan = 6; continue; }
      if (/^(false|0)$/i.test(p.alive)) { cell(tr, "eliminated").colSpan = 6; tr.className = "gone"; continue; }
      const same = p.perceived_threat === p.true_threat;
      tr.dataset.perceived = p.perceived_threat;
      tr.dataset.true = p.true_threat;
      cell(tr, p.perceived_threat || "(none)");
      cell(tr, p.true_threat || "(none)");
      cell(tr, same ? "✓" : "✗ misperceived", same ? "same" : "differs");
      cell(tr, p.stance);
      cell(tr, p.rule_code);
      cell(tr, (p.allies || "").split(/[ ;|]/).filter(Boolean).join(" "));
    }
  }

  function threatList(container, title, threats) {
    const h = document.createElement("h3");
    h.textContent = title;
    container.appendChild(h);
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const c of ["target", "score", "power", "offense", "aggressiveness", "confidence"]) cell(head, c);
    const body = table.createTBody();
    for (const t of threats) {
      const tr = body.insertRow();
      cell(tr, t.target);
      for (const c of ["score", "power", "offense", "aggressiveness", "confidence"]) cell(tr, RunFeed.num(t[c]));
    }
    container.appendChild(table);
  }

  function line(container, text, kind) {
    const p = document.createElement("li");
    p.textContent = text;
    p.dataset.kind = kind;
    container.appendChild(p);
  }

  /** The chosen state at round n: its own beliefs, what it told its peers, its letters. */
  function state(box, model, n, id) {
    box.replaceChildren();
    if (!id) { box.textContent = "Click a state in the network or the tables to see its beliefs and letters."; return; }
    box.dataset.state = id;
    const r = model.rounds[n];
    const h = document.createElement("h3");
    h.textContent = `${id} in round ${n}`;
    box.appendChild(h);
    if (!r) return;
    const belief = r.beliefs.get(id);
    if (belief) threatList(box, "Its beliefs (own threat estimates)" + (belief.deceiving ? ", while deceiving" : ""), belief.threats);
    else box.appendChild(document.createTextNode("No beliefs logged this round."));
    const told = r.assessments.find(a => a.from === id);
    if (told && belief && JSON.stringify(told.threats) !== JSON.stringify(belief.threats)) threatList(box, "What it told its peers", told.threats);
    const letters = document.createElement("ul");
    letters.className = "letters";
    for (const a of r.assessments) {
      if (a.from === id) line(letters, `sent its assessment to ${a.sent.length} peers`, "assessment-sent");
      else {
        const s = a.sent.find(x => x.to === id);
        if (s) line(letters, `assessment from ${a.from}` + (s.lost ? " (lost)" : s.expired ? " (expired)" : s.delay ? ` (${s.delay} phases late)` : "") +
          ": " + a.threats.slice(0, 3).map(t => `${t.target} ${RunFeed.num(t.score)}`).join(", "), "assessment-received");
      }
    }
    for (const l of r.letters) {
      if (l.from !== id && l.to !== id) continue;
      const what = l.kind === "offer" ? `offer (${l.offer}${l.aimed_at ? " aimed at " + l.aimed_at : ""})`
        : l.kind === "reject" ? `reject of #${l.offer_seq}: ${l.text || l.reason}` : `accept of #${l.offer_seq}`;
      const fate = l.lost ? " (lost)" : l.expired ? " (expired)" : l.delay ? ` (${l.delay} phases late)` : "";
      line(letters, `${l.phase} ${l.step}: ${l.from} → ${l.to} #${l.seq} ${what}${fate}`, "letter");
    }
    const h2 = document.createElement("h3");
    h2.textContent = `Letters (${letters.children.length})`;
    box.appendChild(h2);
    box.appendChild(letters);
    const d = r.decisions.get(id);
    if (d) {
      const p = document.createElement("p");
      p.textContent = `Decision: ${d.stance}${d.threat ? " (" + d.threat + ")" : ""}, rule ${d.rule_code}: ${d.text}`;
      box.appendChild(p);
    }
  }

  /** Lines the page could not read, with their numbers: shown, never fatal. */
  function problems(box, list, model) {
    list.replaceChildren();
    for (const p of model.problems) line(list, `line ${p.line} ${p.why}: ${p.text}`, "malformed");
    if (model.torn) line(list, `line ${model.torn.line} is incomplete (torn): ${model.torn.text}`, "torn");
    box.hidden = list.children.length === 0;
  }

  return { counters, threats, state, problems };
})();
