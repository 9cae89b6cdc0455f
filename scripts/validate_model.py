#!/usr/bin/env python3
"""Validation report for the model (docs/VALIDATION.md): runs the reference engine over
many seeds per case and prints, for each claim of Walt's theory and each goal, the
measured figure and whether it holds. Standard library only.

    scripts/validate-model.sh [--seeds N] [--out docs/VALIDATION.md]
"""
import argparse, concurrent.futures as cf, datetime, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENTENTE = os.path.join(ROOT, ".build", "release", "entente")
WORK = tempfile.mkdtemp(prefix="entente-validate-")
ENTENTE_CAMP = ["UKG", "FRN", "RUS"]
CENTRAL_CORE = ["GMY", "AUH"]


def run(scenario, seed, sets=()):
    """One reference run; returns (summary, events); the summary also holds the resolved scenario."""
    out = os.path.join(WORK, f"{scenario}-{seed}-{abs(hash(tuple(sets))) % 10**10}")
    args = [ENTENTE, "run", os.path.join(ROOT, "scenarios", scenario + ".yaml"), "--engine", "reference",
            "--seed", str(seed), "--out", out]
    for s in sets:
        args += ["--set", s]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"error: {' '.join(args)} failed:\n{p.stderr}")
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    with open(os.path.join(out, "events.jsonl")) as f:
        events = [json.loads(line) for line in f if line.strip()]
    with open(os.path.join(out, "scenario.json")) as f:
        summary["_reference"] = json.load(f)["scenario"].get("referenceAlignment")
    return summary, events


def many(scenario, seeds, sets=()):
    with cf.ThreadPoolExecutor(max(1, os.cpu_count() or 1)) as ex:
        return list(ex.map(lambda k: run(scenario, k, sets), seeds))


def side_of(summary, state):
    for side in summary["sides"]:
        if state in side:
            return tuple(side)


def core_recovered(summary):
    """UKG, FRN, RUS on one side, GMY and AUH on another (sides of two or more)."""
    e = {side_of(summary, x) for x in ENTENTE_CAMP}
    c = {side_of(summary, x) for x in CENTRAL_CORE}
    return len(e) == 1 and len(c) == 1 and e != c and None not in e | c and all(len(s) > 1 for s in e | c)


def strict_misplaced(summary):
    """Reference states not on the side matched to their bloc, counting a state alone or
    eliminated as misplaced (sides of two or more only; the best one-to-one matching)."""
    reference = summary["_reference"]
    sides = [set(x) for x in summary["sides"] if len(x) > 1]
    total = sum(len(b) for b in reference)
    best = 0
    def search(k, used, correct):
        nonlocal best
        if k == len(reference):
            best = max(best, correct)
            return
        search(k + 1, used, correct)
        for i, side in enumerate(sides):
            if i not in used:
                search(k + 1, used | {i}, correct + len(side & set(reference[k])))
    search(0, frozenset(), 0)
    return total - best


def pair_agreement(summary):
    """Share of pairs of live reference states that the run puts together exactly when the
    reference does (the Rand index over those states)."""
    reference = summary["_reference"]
    bloc = {x: k for k, b in enumerate(reference) for x in b}
    side = {x: k for k, s in enumerate(summary["sides"]) for x in s}
    live = sorted(x for x in bloc if x in side)
    pairs = [(a, b) for i, a in enumerate(live) for b in live[i + 1:]]
    agree = sum((bloc[a] == bloc[b]) == (side[a] == side[b]) for a, b in pairs)
    return agree / len(pairs) if pairs else float("nan")


def mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else float("nan")


def ids_of(scenario):
    out = os.path.join(WORK, "ids-" + scenario)
    subprocess.run([ENTENTE, "run", os.path.join(ROOT, "scenarios", scenario + ".yaml"), "--engine", "reference",
                    "--rounds", "1", "--out", out], capture_output=True, check=True)
    with open(os.path.join(out, "scenario.json")) as f:
        return [s["id"] for s in json.load(f)["scenario"]["states"]]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=30, help="seeds per case (default 30)")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "VALIDATION.md"), help="the report to write")
    a = ap.parse_args()
    seeds = range(1, a.seeds + 1)
    lines, checks = [], []

    def check(name, ok, figure):
        checks.append((name, ok, figure))
        print(f"  {'holds' if ok else 'MISSED':6s}  {name}: {figure}", file=sys.stderr)

    # 1. europe-1914 against the wartime coalitions, with and without its starting alliances.
    lines += ["## Europe 1914 against the wartime coalitions", "",
              "| case | core recovered | misplaced (mean) | misplaced, alone or eliminated counted (mean) | pair agreement (mean) | mutual information (bits) | starting alliances alone: misplaced | landscape: misplaced | largest side (median) |",
              "|---|---|---|---|---|---|---|---|---|"]
    results = {}
    for label, sets in [("with its starting alliances", ()), ("without starting alliances", ("alliances=[]",))]:
        rs = [s for s, _ in many("europe-1914", seeds, sets)]
        results[label] = rs
        core = sum(map(core_recovered, rs))
        largest = sorted(max(len(x) for x in s["sides"]) for s in rs)[len(rs) // 2]
        lines.append(f"| {label} | {core}/{len(rs)} | {mean(s['agreement']['misplaced'] for s in rs):.2f} "
                     f"| {mean(map(strict_misplaced, rs)):.2f} | {mean(map(pair_agreement, rs)):.3f} "
                     f"| {mean(s['agreement']['mutual_information_bits'] for s in rs):.3f} "
                     f"| {rs[0]['baselines']['initial_alliances']['misplaced']} of {rs[0]['baselines']['initial_alliances']['compared']} "
                     f"| {rs[0]['baselines']['landscape']['misplaced']} of {rs[0]['baselines']['landscape']['compared']} | {largest} |")
    without = results["without starting alliances"]
    check("europe-1914 without starting alliances: UKG, FRN, RUS against GMY, AUH in at least 80 % of seeds",
          sum(map(core_recovered, without)) >= 0.8 * len(without), f"{sum(map(core_recovered, without))}/{len(without)}")
    def giant(summary):
        return any("GMY" in side and set(side) & set(ENTENTE_CAMP) for side in summary["sides"])
    both = [s for rs in results.values() for s in rs]
    check("no giant bloc: no side joins GMY with UKG, FRN or RUS (europe-1914, with and without its alliances)",
          not any(map(giant, both)), f"{sum(map(giant, both))} of {len(both)} runs")
    withs = results["with its starting alliances"]
    init = withs[0]["baselines"]["initial_alliances"]
    check("europe-1914 with its alliances: sides agree with the coalitions at least as well as the starting alliances alone (share misplaced)",
          mean(s["agreement"]["misplaced"] / s["agreement"]["compared"] for s in withs) <= init["misplaced"] / init["compared"],
          f"{mean(s['agreement']['misplaced'] / s['agreement']['compared'] for s in withs):.2f} against {init['misplaced'] / init['compared']:.2f}")

    # 2. Policies on europe-1936.
    ids = ids_of("europe-1936")
    lines += ["", "## Policies on Europe 1936", "",
              "| policy | decisions | balance (perceived) | bandwagon (perceived) | balance (true) | bandwagon (true) | largest side (median) |",
              "|---|---|---|---|---|---|---|"]
    shares = {}
    for policy in ["walt", "random", "always-balance", "always-bandwagon"]:
        sets = () if policy == "walt" else tuple(f"states.{i}.policy={policy}" for i in ids)
        rs = many("europe-1936", seeds, sets)
        n = sum(s["decisions"] for s, _ in rs)
        share = lambda side, kind: sum(s["counts"][side][kind] for s, _ in rs) / max(n, 1)
        shares[policy] = (share("perceived", "balance"), share("perceived", "bandwagon"), rs)
        largest = sorted(max(len(x) for x in s["sides"]) for s, _ in rs)[len(rs) // 2]
        lines.append(f"| {policy} | {n} | {share('perceived', 'balance'):.2f} | {share('perceived', 'bandwagon'):.2f} "
                     f"| {share('true', 'balance'):.2f} | {share('true', 'bandwagon'):.2f} | {largest} |")
    check("balance share under walt differs from random's by at least 0.15",
          abs(shares["walt"][0] - shares["random"][0]) >= 0.15, f"{shares['walt'][0]:.2f} against {shares['random'][0]:.2f}")
    check("balancing dominates under walt", shares["walt"][0] > shares["walt"][1],
          f"balance {shares['walt'][0]:.2f}, bandwagon {shares['walt'][1]:.2f}")
    walt_events = [e for _, es in shares["walt"][2] for e in es]
    in_war = [e for e in walt_events if e["type"] == "decision" and e["rule"].startswith("in war")]
    check("states join a certain victor in war (decisions by the war rule, europe-1936, walt)", len(in_war) > 0, f"{len(in_war)} decisions")
    large = [e for _, es in many("large", seeds) for e in es]
    ended = [e for e in walt_events + large if e["type"] == "alliance_dissolved" and e["label"].startswith("balancing")]
    gone = [e for e in ended if "is gone" in e["reason"]]
    receded = [e for e in ended if "has not been the main threat" in e["reason"]]
    check("balancing coalitions dissolve once their threat is gone or no longer the main threat (europe-1936 and large, walt)",
          len(gone) + len(receded) > 0, f"{len(gone)} with the threat gone, {len(receded)} with the threat receded, "
          f"{len(ended) - len(gone) - len(receded)} when a member was eliminated")

    # 3. Weak and isolated states bandwagon more (small.yaml: WEK next to AGG).
    lines += ["", "## Weakness and isolation (small.yaml, WEK borders only AGG)", "",
              "| WEK's power | bandwagon share of WEK's decisions, complete talk | neighbours-only talk |", "|---|---|---|"]
    rates = {}
    for power in ["0.01", "0.05", "0.15", "0.3"]:
        row = []
        for topology in ["complete", "neighbors"]:
            rs = many("small", seeds, (f"states.WEK.power={power}", f"communication.topology={topology}", "rounds=10"))
            ds = [e for _, es in rs for e in es if e["type"] == "decision" and e["state"] == "WEK"]
            rates[(power, topology)] = sum(d["stance"] == "bandwagon" for d in ds) / max(len(ds), 1)
            row.append(f"{rates[(power, topology)]:.2f}")
        lines.append(f"| {power} | {row[0]} | {row[1]} |")
    check("bandwagoning rises as a state gets weaker (complete talk, power 0.3 → 0.01)",
          rates[("0.01", "complete")] > rates[("0.3", "complete")], f"{rates[('0.3', 'complete')]:.2f} → {rates[('0.01', 'complete')]:.2f}")
    check("bandwagoning rises as a state gets more isolated (power 0.05, complete → neighbours-only)",
          rates[("0.05", "neighbors")] >= rates[("0.05", "complete")], f"{rates[('0.05', 'complete')]:.2f} → {rates[('0.05', 'neighbors')]:.2f}")

    # 4. Observation noise.
    lines += ["", "## Observation noise (europe-1914)", "", "| noise | misperception rate | misplaced (mean) |", "|---|---|---|"]
    noise = {}
    for sigma in ["0", "0.2", "0.5"]:
        rs = [s for s, _ in many("europe-1914", seeds, (f"observation.noise={sigma}",))]
        noise[sigma] = (mean(s["misperception_rate"] for s in rs), mean(s["agreement"]["misplaced"] for s in rs))
        lines.append(f"| {sigma} | {noise[sigma][0]:.3f} | {noise[sigma][1]:.2f} |")
    check("misperception rises with observation noise", noise["0"][0] < noise["0.2"][0] < noise["0.5"][0],
          " → ".join(f"{noise[s][0]:.3f}" for s in ["0", "0.2", "0.5"]))
    check("agreement with history falls with observation noise (misplaced rises)", noise["0"][1] <= noise["0.5"][1],
          " → ".join(f"{noise[s][1]:.2f}" for s in ["0", "0.2", "0.5"]))

    # The last commit that changed the model or the engine running it: which model these figures are of.
    model = subprocess.run(["git", "log", "-1", "--format=%h", "--", "Sources/EntenteModel", "Sources/EntenteRuntime"],
                           cwd=ROOT, capture_output=True, text=True).stdout.strip() or "unknown"
    report = ["# Validation", "",
              f"Made by `scripts/validate-model.sh --seeds {a.seeds}` on {datetime.date.today().isoformat()} for the model "
              f"as of commit {model}: the reference "
              f"engine, seeds 1 to {a.seeds} per case, default parameters (set from the theory, never fitted; "
              "docs/MODEL.md). Rerun it to check; the figures are deterministic for a given build.", "",
              "## Checks", "", "| claim or goal | holds | measured |", "|---|---|---|"]
    report += [f"| {name} | {'yes' if ok else '**no**'} | {fig} |" for name, ok, fig in checks]
    report += [""] + lines + [""]
    with open(a.out, "w") as f:
        f.write("\n".join(report))
    print("\n".join(report))
    print(f"\nwritten: {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
