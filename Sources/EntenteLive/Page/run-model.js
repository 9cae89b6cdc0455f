"use strict";
/* The run as the page knows it: every line of events.jsonl folded into the round it
   belongs to, with running totals kept at each round_end, so that any round can be shown
   at once, and the rows of states.csv by round. A line that does not parse, or has no
   type and round, is kept as a problem with its line number; the rest goes on. */
const RunModel = (() => {
  const WORLD = new Set(["alliance_formed", "alliance_dissolved", "war_started", "war_ended",
    "eliminated", "absent", "returned", "refused", "resumed"]);

  function emptyRound(n) {
    return {
      round: n, beliefs: new Map(), assessments: [], letters: [], decisions: new Map(),
      alignments: [], world: [], rejected: 0, end: null, totals: null, wars: [], absent: new Set(),
    };
  }

  function warKey(w) { return w.attacker + ">" + w.defender; }

  /** A CSV line into its fields (RFC 4180 quoting). */
  function csvFields(line) {
    const out = [];
    let field = "", quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { out.push(field); field = ""; }
      else field += c;
    }
    out.push(field);
    return out;
  }

  class Model {
    constructor() {
      this.scenario = null;   // the `scenario` event: name, seed, rounds, states, alliances
      this.runInfo = null;    // the `run` event: engine, transport
      this.rounds = [];       // by round number
      this.completed = 0;     // the last round whose round_end was read
      this.lines = 0;         // log lines read, torn ones included once complete
      this.problems = [];     // {line, text, why}
      this.torn = null;       // {line, text}: an incomplete last line, until it completes
      this.final = null;
      this.failed = null;
      this.totals = {
        decisions: 0, balance: 0, bandwagon: 0, other: 0, misperceived: 0,
        absences: 0, rejected: 0, wars: 0, eliminated: [],
      };
      this.activeWars = new Map();
      this.absentNow = new Set();
      this.panelColumns = null;
      this.panel = new Map(); // round -> Map(state -> row of states.csv)
    }

    round(n) {
      while (this.rounds.length <= n) this.rounds.push(emptyRound(this.rounds.length));
      return this.rounds[n];
    }

    get stateIds() { return this.scenario ? this.scenario.states : []; }

    problem(text, why) {
      this.problems.push({ line: this.lines, text: text.slice(0, 200), why });
    }

    /** One complete line of events.jsonl. */
    addLine(text) {
      this.lines += 1;
      this.torn = null;
      let e;
      try { e = JSON.parse(text); } catch (err) { return this.problem(text, "does not parse as JSON"); }
      if (e === null || typeof e !== "object" || typeof e.type !== "string" ||
          typeof e.round !== "number" || !Number.isInteger(e.round) || e.round < 0 || e.round > 1e6) {
        return this.problem(text, "has no event type and round");
      }
      try { this.fold(e); } catch (err) { this.problem(text, "unexpected fields (" + err.message + ")"); }
    }

    /** The writer left this incomplete (the server waited for the rest). */
    setTorn(text) { this.torn = { line: this.lines + 1, text: text.slice(0, 200) }; }

    fold(e) {
      const r = this.round(e.round), t = this.totals;
      switch (e.type) {
        case "run": this.runInfo = e; break;
        case "scenario": this.scenario = e; break;
        case "belief": r.beliefs.set(e.state, e); break;
        case "assessment": r.assessments.push(e); break;
        case "letter": r.letters.push(e); break;
        case "decision": r.decisions.set(e.state, e); break;
        case "alignment":
          r.alignments.push(e);
          t.decisions += 1;
          if (e.perceived_alignment === "balance") t.balance += 1;
          else if (e.perceived_alignment === "bandwagon") t.bandwagon += 1;
          else t.other += 1;
          if (e.perceived_threat !== e.true_threat) t.misperceived += 1;
          break;
        case "rejected": t.rejected += e.count || 0; r.rejected += e.count || 0; break;
        case "round_end":
          r.end = e;
          r.totals = Object.assign({}, t, { eliminated: t.eliminated.slice() });
          r.wars = Array.from(this.activeWars.values());
          r.absent = new Set(this.absentNow);
          this.completed = Math.max(this.completed, e.round);
          break;
        case "final": this.final = e; break;
        case "run_failed": this.failed = e; break;
        default: break;
      }
      if (!WORLD.has(e.type)) return;
      r.world.push(e);
      if (e.type === "war_started") { t.wars += 1; this.activeWars.set(warKey(e), e); }
      if (e.type === "war_ended") this.activeWars.delete(warKey(e));
      if (e.type === "eliminated") t.eliminated.push(e.state);
      if (e.type === "absent") { t.absences += 1; this.absentNow.add(e.state); }
      if (e.type === "returned") this.absentNow.delete(e.state);
    }

    /** One line of states.csv; the first is its header. */
    addPanelLine(text) {
      const fields = csvFields(text);
      if (!this.panelColumns) { this.panelColumns = fields; return; }
      const row = {};
      this.panelColumns.forEach((c, i) => { row[c] = fields[i] === undefined ? "" : fields[i]; });
      const n = Number(row.round);
      if (!Number.isInteger(n)) return;
      if (!this.panel.has(n)) this.panel.set(n, new Map());
      this.panel.get(n).set(row.state, row);
    }

    /** The alliances standing at round n (round 0: the scenario's own). */
    alliancesAt(n) {
      if (n === 0) {
        return this.scenario ? this.scenario.alliances.map(m => ({ members: m, label: "initial" })) : [];
      }
      const r = this.rounds[n];
      return r && r.end ? r.end.alliances : [];
    }

    /** True power shares at round n (round 0: those of round 1, the first measured). */
    powerAt(n) {
      for (let k = Math.max(n, 1); k <= this.completed; k++) {
        const r = this.rounds[k];
        if (r && r.end) return r.end.power;
      }
      return {};
    }

    totalsAt(n) {
      const r = this.rounds[n];
      if (r && r.totals) return r.totals;
      return { decisions: 0, balance: 0, bandwagon: 0, other: 0, misperceived: 0, absences: 0,
        rejected: 0, wars: 0, eliminated: [] };
    }
  }

  return { Model, csvFields };
})();
