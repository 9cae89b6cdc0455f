"use strict";
/* The feed of one round in words: what happened in the world, then each alliance made
   (balance or bandwagon, by perceived and by true threat, misperceived or not), then each
   state's decision with its rule and the four components of its main threat. The words
   come from the log's own `text` where it has one; the codes stay in data- attributes. */
const RunFeed = (() => {
  function pct(x) { return (100 * x).toFixed(1) + "%"; }
  function num(x) { return Number(x).toFixed(3).replace(/\.?0+$/, ""); }

  /** A world event in words. */
  function worldText(e) {
    switch (e.type) {
      case "alliance_formed":
        return `Alliance ${e.members.join("-")} formed: ${e.label}` +
          (e.target ? (e.label === "bandwagon" ? ` with ${e.target}` : ` against ${e.target}`) : "") +
          ` (offered by ${e.offered_by})`;
      case "alliance_dissolved": return `Alliance ${e.members.join("-")} dissolved: ${e.text || e.reason}`;
      case "war_started":
        return `War: ${e.attackers.join(", ")} attack ${e.defenders.join(", ")} (power odds ${num(e.odds)})`;
      case "war_ended":
        return `War ${e.attacker}-${e.defender} decided: ${e.winners.join(", ")} win over ${e.losers.join(", ")}` +
          ` (attacker's chance ${pct(e.attacker_win_probability)})`;
      case "eliminated": return `${e.state} is eliminated`;
      case "absent": return `${e.state} is absent: ${e.text || e.reason}`;
      case "returned": return `${e.state} returns`;
      case "refused": return `Refused from ${e.state}: ${e.text || e.code}`;
      case "resumed": return `The run resumed here (rounds 1-${e.replayed_rounds} replayed)`;
      default: return e.type;
    }
  }

  /** The four factors of a threat score, as the decision logged them. */
  function components(t) {
    return `${t.target}: power ${num(t.power)} × proximity ${num(t.proximity)} × offense ${num(t.offense)}` +
      ` × intent ${num(t.intent)} = ${num(t.score)}`;
  }

  function item(list, kind, cls, text) {
    const li = document.createElement("li");
    li.dataset.kind = kind;
    li.className = cls;
    li.textContent = text;
    list.appendChild(li);
    return li;
  }

  /** Fills `list` with round n; `pick(state)` when a state's line is clicked. */
  function render(list, model, n, pick) {
    list.replaceChildren();
    list.dataset.round = n;
    const r = model.rounds[n];
    if (!r) return;
    for (const e of r.world) item(list, "world", "world " + e.type, worldText(e)).dataset.type = e.type;
    for (const a of r.alignments) {
      const mis = a.perceived_threat !== a.true_threat;
      const words = `${a.state} aligns with ${a.partner}: ${a.perceived_alignment} by its perceived main threat ` +
        `${a.perceived_threat ?? "(none)"}; ${a.true_alignment} by the true one ${a.true_threat ?? "(none)"}` +
        (mis ? " (misperceived)" : "") + ` — ${a.text}`;
      const li = item(list, "alignment", "alignment " + a.perceived_alignment + (mis ? " misperceived" : ""), words);
      li.dataset.state = a.state;
      li.dataset.alignment = a.perceived_alignment;
      li.dataset.misperceived = mis;
      li.addEventListener("click", () => pick(a.state));
    }
    for (const id of model.stateIds) {
      const d = r.decisions.get(id);
      if (!d) continue;
      const main = (d.threats || []).find(t => t.target === d.threat) || (d.threats || [])[0];
      const words = `${id}: ${d.stance}${d.threat ? (d.stance === "bandwagon" ? " with " : " against ") + d.threat : ""}` +
        ` — rule ${d.rule_code}: ${d.text}` + (main ? `. Main threat ${components(main)}` : "");
      const li = item(list, "decision", "decision " + d.stance, words);
      li.dataset.state = id;
      li.dataset.rule = d.rule_code;
      li.addEventListener("click", () => pick(id));
    }
    if (r.rejected > 0) item(list, "rejected", "world rejected", `${r.rejected} messages refused by the transport this round`);
    if (!list.children.length) item(list, "empty", "empty", n === 0 ? "Before the first round." : "Nothing happened.");
  }

  return { render, worldText, components, pct, num };
})();
