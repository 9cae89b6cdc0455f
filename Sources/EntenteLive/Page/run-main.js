"use strict";
/* The page's loop: the server's event stream (events.jsonl and states.csv as they are
   written) into the model, and the model drawn at the chosen round (the last one ended
   while following live) at most once a frame. `window.entente` holds what a test or a
   script reads: the model, the round shown and, per round, when the page first received
   and first showed it, and how long each reading of the stream and each drawing took. */
(() => {
  const $ = (id) => document.getElementById(id);
  const model = new RunModel.Model();
  const page = { model, round: 0, follow: true, selected: null, status: "waiting", summary: null,
    positions: new Map(), shown: {}, arrived: {}, timing: { read: [], draw: [] } };
  window.entente = page;
  let pending = false, scenarioFile = null, fetching = false, layoutKey = "", player = null;

  /** Shown with the next drawing, so the page never says "finished" over rounds not drawn yet. */
  function setStatus(s) {
    page.status = s;
    schedule();
  }

  /** A colour per state that stays the same across rounds (power lines). */
  function stateColour(id) {
    const i = model.stateIds.indexOf(id);
    return `hsl(${(i * 137.508) % 360},62%,42%)`;
  }

  function ensureLayout() {
    const borders = scenarioFile && scenarioFile.scenario ? scenarioFile.scenario.borders : [];
    const key = model.stateIds.join(",") + "|" + (borders ? borders.length : 0);
    if (key === layoutKey) return;
    layoutKey = key;
    page.positions = RunNetwork.layout(model.stateIds, borders);
  }

  function title() {
    const s = model.scenario, run = model.runInfo;
    if (!s) return;
    $("title").textContent = `${s.name}, seed ${s.seed}`;
    $("subtitle").textContent = `${s.states.length} states, ${s.rounds} rounds, ${s.negotiation_steps} negotiation steps` +
      (run ? ` — ${run.engine} engine over ${run.transport}, run ${run.run_id}` : "");
    document.title = `${s.name} ${s.seed} — Entente`;
  }

  function draw() {
    pending = false;
    const started = performance.now();
    ensureLayout();
    title();
    const n = Math.min(page.round, model.completed);
    page.round = n;
    const slider = $("slider");
    slider.max = model.completed;
    slider.value = n;
    $("round-title").textContent = n === 0 ? "Before round 1" : `Round ${n}`;
    RunView.counters(model, n);
    RunNetwork.render($("network"), model, n, page.positions, page.selected, pick);
    RunPower.render($("power"), model, n, stateColour);
    RunFeed.render($("feed"), model, n, pick);
    RunView.threats($("threats"), model, n, pick);
    RunView.state($("state"), model, n, page.selected);
    RunView.problems($("problems-box"), $("problems"), model);
    document.body.dataset.round = n;
    document.body.dataset.completed = model.completed;
    const status = $("status");
    status.dataset.value = page.status;
    status.textContent = page.status;
    if (page.follow) {
      const now = performance.timeOrigin + performance.now();
      for (let k = 1; k <= model.completed; k++) if (page.shown[k] === undefined) page.shown[k] = now;
    }
    page.timing.draw.push(performance.now() - started);
  }

  /** At the next frame, or within a quarter second where frames are held back. */
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { if (pending) draw(); });
    setTimeout(() => { if (pending) draw(); }, 250);
  }

  function pick(id) {
    page.selected = page.selected === id ? null : id;
    schedule();
  }

  function loadScenarioFile() {
    if (scenarioFile || fetching) return;
    fetching = true;
    fetch("file/scenario.json").then(r => r.ok ? r.json() : null).then(j => {
      fetching = false;
      if (j) { scenarioFile = j; schedule(); }
    }, () => { fetching = false; });
  }

  function onLog(data) {
    const before = model.completed, started = performance.now();
    for (const line of data.split("\n")) model.addLine(line);
    page.timing.read.push(performance.now() - started);
    if (page.status === "waiting" || page.status === "reconnecting") setStatus("live");
    const now = performance.timeOrigin + performance.now();
    for (let k = before + 1; k <= model.completed; k++) if (page.arrived[k] === undefined) page.arrived[k] = now;
    if (page.follow) page.round = model.completed;
    loadScenarioFile();
    schedule();
  }

  function finish() {
    fetch("file/summary.json").then(r => r.ok ? r.json() : null).catch(() => null).then(s => {
      page.summary = s;
      const stopped = model.failed || (s && s.complete === false);
      setStatus(stopped ? "stopped" : "finished");
      const e = $("summary");
      if (s) {
        e.textContent = (stopped ? `Stopped (${s.stopped || "incomplete"}) after round ${s.rounds_completed}. ` : "Finished. ") +
          `${s.decisions} alignment decisions; digest ${String(s.digest).slice(0, 16)}…`;
      } else if (model.failed) e.textContent = `Stopped: ${model.failed.error}`;
      if (page.follow) page.round = model.completed;
      schedule();
    });
  }

  function connect() {
    const source = new EventSource("events");
    source.addEventListener("log", ev => onLog(ev.data));
    source.addEventListener("states", ev => {
      for (const line of ev.data.split("\n")) model.addPanelLine(line);
      schedule();
    });
    source.addEventListener("torn", ev => { model.setTorn(ev.data); schedule(); });
    source.addEventListener("end", () => { source.close(); finish(); });
    source.onerror = () => {
      if (page.status === "live" || page.status === "waiting") setStatus("reconnecting");
    };
  }

  function show(n, follow) {
    page.round = Math.max(0, Math.min(n, model.completed));
    page.follow = follow;
    $("follow").checked = follow;
    schedule();
  }

  function pause() {
    if (player !== null) clearInterval(player);
    player = null;
    $("play").textContent = "▶ play";
    $("play").dataset.playing = "false";
  }

  function play() {
    if (player !== null) return pause();
    const over = page.status === "finished" || page.status === "stopped";
    if (page.round >= model.completed && over) show(0, false);
    else show(page.round, false);
    $("play").textContent = "❚❚ pause";
    $("play").dataset.playing = "true";
    player = setInterval(() => {
      if (page.round < model.completed) show(page.round + 1, false);
      else if (page.status === "finished" || page.status === "stopped") pause();
    }, Number($("speed").value));
  }

  $("slider").addEventListener("input", (ev) => { pause(); show(Number(ev.target.value), false); });
  $("follow").addEventListener("change", (ev) => { pause(); show(model.completed, ev.target.checked); });
  $("play").addEventListener("click", play);
  $("speed").addEventListener("change", () => { if (player !== null) { pause(); play(); } });
  $("prev").addEventListener("click", () => { pause(); show(page.round - 1, false); });
  $("next").addEventListener("click", () => { pause(); show(page.round + 1, page.round + 1 >= model.completed && page.follow); });
  document.addEventListener("keydown", (ev) => {
    if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement) return;
    if (ev.key === "ArrowLeft") { pause(); show(page.round - 1, false); }
    if (ev.key === "ArrowRight") { pause(); show(page.round + 1, false); }
    if (ev.key === " ") { ev.preventDefault(); play(); }
  });
  setStatus("waiting");
  schedule();
  connect();
})();
