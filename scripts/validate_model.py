#!/usr/bin/env python3
"""Validation report for the model (docs/VALIDATION.md): each case is one `entente sweep`
on the reference engine over many seeds; for each claim of Walt's theory and each goal it
prints the measured figure and whether it holds. Standard library only.

    scripts/validate-model.sh [--seeds N] [--out docs/VALIDATION.md] [--work DIR]
    validate_model.py --entente BIN [--seeds N] [--rounds N] [--jobs N] [--out FILE] [--work DIR]

The figures are the sweeps' tables: means over seeds from points.csv, pooled shares from results.csv, alignments
by rule from decisions.csv. What those lack comes from the run folders they list
(`run_folder`): final sides and each state-round's stance and rule from states.csv, how
many states a comparison counted (`compared`) from summary.json, and dissolved alliances
(their `label` and `reason` codes) from events.jsonl. Nothing is read from prose.
"""
import argparse
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Any, Iterable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENTENTE_CAMP = {"UKG", "FRN", "RUS"}
CENTRAL_CORE = {"GMY", "AUH"}
POLICIES = ["walt", "random", "always-balance", "always-bandwagon"]
POWERS = ["0.01", "0.05", "0.15", "0.3"]
NOISES = ["0", "0.2", "0.5"]
Row = dict[str, str]


@dataclass(frozen=True)
class Case:
    """One sweep. A case of a single setting varies `description` (free text, outside the
    model and the digest) to its own name, since a sweep needs a --vary."""
    name: str
    scenario: str
    vary: tuple[str, ...]
    sets: tuple[str, ...] = ()
    rounds: int | None = None
    shown_sets: str = ""  # the --set options as the report shows them, when too many to list


@dataclass
class Tables:
    case: Case
    folder: str
    command: str
    results: list[Row]
    decisions: list[Row]
    points: list[Row]


def read_csv(path: str) -> list[Row]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sweep(entente: str, case: Case, a: argparse.Namespace) -> Tables:
    folder = os.path.join(a.work, case.name)
    scenario = os.path.join("scenarios", case.scenario + ".yaml")
    options = [x for v in case.vary for x in ("--vary", v)] + [x for s in case.sets for x in ("--set", s)]
    rounds = a.rounds or case.rounds
    common = ["--seeds", str(a.seeds), "--engine", "reference"] + (["--rounds", str(rounds)] if rounds else [])
    args = [entente, "sweep", os.path.join(ROOT, scenario), *options, *common, "--jobs", str(a.jobs), "--out", folder, "--quiet"]
    print(f"  sweep {case.name} ...", file=sys.stderr, flush=True)
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"error: {' '.join(args)} failed (exit {p.returncode}):\n{p.stderr}")
    results = read_csv(os.path.join(folder, "results.csv"))
    failed = [r["point"] + "-s" + r["seed"] for r in results if r["status"] != "ok"]
    if failed:
        sys.exit(f"error: runs failed in {folder}: {', '.join(failed)} (see its logs/)")
    shown = " ".join(x for v in case.vary for x in ("--vary", v))
    shown += " " + (case.shown_sets or " ".join(x for s in case.sets for x in ("--set", s)))
    command = f"entente sweep {scenario} {shown.strip()} {' '.join(common)}"
    return Tables(case, folder, command, results, read_csv(os.path.join(folder, "decisions.csv")),
                  read_csv(os.path.join(folder, "points.csv")))


def where(rows: list[Row], values: dict[str, str]) -> list[Row]:
    """The rows whose varied columns have these values."""
    return [r for r in rows if all(r[k] == v for k, v in values.items())]


def numbers(rows: Iterable[Row], column: str) -> list[float]:
    return [float(r[column]) for r in rows if r[column] != ""]


def point_mean(tables: Tables, column: str, values: dict[str, str] | None = None) -> float:
    """The product's mean over seeds (points.csv `<column>_mean`) at the point with these varied values."""
    (point,) = where(tables.points, values or {})
    return float(point[column + "_mean"]) if point[column + "_mean"] != "" else float("nan")


def mean(xs: Iterable[float]) -> float:
    xs = list(xs)
    return sum(xs) / len(xs) if xs else float("nan")


def total(rows: list[Row], column: str) -> float:
    return sum(numbers(rows, column))


def states_csv(run: Row) -> list[Row]:
    return read_csv(os.path.join(run["run_folder"], "states.csv"))


def summary(run: Row) -> dict[str, Any]:
    with open(os.path.join(run["run_folder"], "summary.json"), encoding="utf-8") as f:
        s: dict[str, Any] = json.load(f)
    return s


def final_sides(run: Row) -> list[set[str]]:
    """The sides at the end (a state alone is a side of one): the `side` of every live state
    in the last round of states.csv, as summary.json's `sides`."""
    rows = states_csv(run)
    last = max(int(r["round"]) for r in rows)
    sides = {r["side"] for r in rows if int(r["round"]) == last and r["alive"] == "TRUE"}
    return [set(s.split()) for s in sorted(sides)]


def side_with(sides: list[set[str]], state: str) -> int | None:
    return next((k for k, s in enumerate(sides) if state in s), None)


def core_recovered(run: Row) -> bool:
    """UKG, FRN, RUS on one side, GMY and AUH on another (sides of two or more)."""
    sides = final_sides(run)
    e = {side_with(sides, x) for x in ENTENTE_CAMP}
    c = {side_with(sides, x) for x in CENTRAL_CORE}
    return len(e) == 1 and len(c) == 1 and e != c and None not in e | c and all(len(sides[k]) > 1 for k in e | c if k is not None)


def giant(run: Row) -> bool:
    return any("GMY" in side and side & ENTENTE_CAMP for side in final_sides(run))


def largest_median(rows: list[Row]) -> int:
    largest = sorted(max(len(s) for s in final_sides(r)) for r in rows)
    return largest[len(largest) // 2]


def dissolved(rows: list[Row]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        with open(os.path.join(r["run_folder"], "events.jsonl"), "rb") as f:
            out += [json.loads(line) for line in f if line.startswith(b'{"type":"alliance_dissolved"')]
    return out


def f2(x: float) -> str:
    return f"{x:.2f}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entente", default=os.path.join(os.environ.get("ENTENTE_BIN_DIR") or os.path.join(ROOT, ".build", "release"), "entente"),
                    help="the entente binary (default: ENTENTE_BIN_DIR's, else .build/release/entente)")
    ap.add_argument("--seeds", type=int, default=30, help="seeds per case (default 30)")
    ap.add_argument("--rounds", type=int, help="rounds of every run (default: each scenario's; for quick trials)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="runs at once (default: one per core)")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "VALIDATION.md"), help="the report to write")
    ap.add_argument("--work", help="the sweeps' folder (default: a new one under /tmp); the same one resumes them")
    a = ap.parse_args(argv)
    a.work = os.path.abspath(a.work or tempfile.mkdtemp(prefix="entente-validate-"))
    entente = a.entente
    lines: list[str] = []
    checks: list[tuple[str, bool, str]] = []

    def check(name: str, ok: bool, figure: str) -> None:
        checks.append((name, ok, figure))
        print(f"  {'holds' if ok else 'MISSED':6s}  {name}: {figure}", file=sys.stderr)

    ids = subprocess.run([entente, "validate", "--list-ids", os.path.join(ROOT, "scenarios", "europe-1936.yaml")],
                         capture_output=True, text=True, check=True).stdout.split()
    import validate_history as history  # after this module is loaded: it builds on its helpers
    ww2 = history.ww2_reference(ids)
    cases = [Case("europe-1914-with", "europe-1914", ("description=with-its-starting-alliances",)),
             Case("europe-1914-without", "europe-1914", ("description=without-starting-alliances",), ("alliances=[]",))]
    cases += [Case(f"europe-1936-{p}", "europe-1936", (f"description=policy-{p}",),
                   (ww2,) + (() if p == "walt" else tuple(f"states.{i}.policy={p}" for i in ids)),
                   shown_sets=f"--set '{ww2}'" + ("" if p == "walt" else f" --set states.ID.policy={p} (for each of its {len(ids)} states)"))
              for p in POLICIES]
    cases += [Case("large-walt", "large", ("description=walt",)),
              Case("small-weakness", "small", ("states.WEK.power=" + ",".join(POWERS), "topology=complete,neighbors"), rounds=10),
              Case("europe-1914-noise", "europe-1914", ("noise=" + ",".join(NOISES),))]
    cases += history.cases(ww2)
    t = {c.name: sweep(entente, c, a) for c in cases}

    # 1. europe-1914 against the wartime coalitions, with and without its starting alliances.
    lines += ["## Europe 1914 against the wartime coalitions", "",
              "| case | core recovered | misplaced (mean) | mutual information (bits) | starting alliances alone: misplaced | landscape: misplaced | largest side (median) |",
              "|---|---|---|---|---|---|---|"]
    withs, without = t["europe-1914-with"].results, t["europe-1914-without"].results
    for label, case in [("with its starting alliances", "europe-1914-with"), ("without starting alliances", "europe-1914-without")]:
        rows = t[case].results
        base = summary(rows[0])["baselines"]
        lines.append(f"| {label} | {sum(map(core_recovered, rows))}/{len(rows)} | {f2(point_mean(t[case], 'misplaced'))} "
                     f"| {point_mean(t[case], 'mutual_information'):.3f} "
                     f"| {rows[0]['initial_misplaced']} of {base['initial_alliances']['compared']} "
                     f"| {rows[0]['landscape_misplaced']} of {base['landscape']['compared']} | {largest_median(rows)} |")
    core = sum(map(core_recovered, without))
    check("europe-1914 without starting alliances: UKG, FRN, RUS against GMY, AUH in at least 80 % of seeds",
          core >= 0.8 * len(without), f"{core}/{len(without)}")
    both = withs + without
    check("no giant bloc: no side joins GMY with UKG, FRN or RUS (europe-1914, with and without its alliances)",
          not any(map(giant, both)), f"{sum(map(giant, both))} of {len(both)} runs")
    share = mean(float(r["misplaced"]) / summary(r)["agreement"]["compared"] for r in withs)
    initial = float(withs[0]["initial_misplaced"]) / summary(withs[0])["baselines"]["initial_alliances"]["compared"]
    check("europe-1914 with its alliances: sides agree with the coalitions at least as well as the starting alliances alone (share misplaced)",
          share <= initial, f"{f2(share)} against {f2(initial)}")

    # 2. Policies on europe-1936.
    lines += ["", "## Policies on Europe 1936", "",
              "| policy | decisions | balance (perceived) | bandwagon (perceived) | balance (true) | bandwagon (true) | largest side (median) |",
              "|---|---|---|---|---|---|---|"]
    shares: dict[str, tuple[float, float]] = {}
    for policy in POLICIES:
        rows = t[f"europe-1936-{policy}"].results
        n = total(rows, "decisions")
        s = {c: total(rows, c) / max(n, 1) for c in ("balance", "bandwagon", "true_balance", "true_bandwagon")}
        shares[policy] = (s["balance"], s["bandwagon"])
        lines.append(f"| {policy} | {n:.0f} | {f2(s['balance'])} | {f2(s['bandwagon'])} | {f2(s['true_balance'])} "
                     f"| {f2(s['true_bandwagon'])} | {largest_median(rows)} |")
    check("balance share under walt differs from random's by at least 0.15",
          abs(shares["walt"][0] - shares["random"][0]) >= 0.15, f"{f2(shares['walt'][0])} against {f2(shares['random'][0])}")
    check("balancing dominates under walt", shares["walt"][0] > shares["walt"][1],
          f"balance {f2(shares['walt'][0])}, bandwagon {f2(shares['walt'][1])}")
    walt = t["europe-1936-walt"]
    in_war = sum(r["rule_code"] == "war-victor" for run in walt.results for r in states_csv(run))
    joined = sum(r["rule_code"] == "war-victor" for r in walt.decisions)
    check("states join a certain victor in war (decisions by the war rule, europe-1936, walt)", in_war > 0,
          f"{in_war} decisions ({joined} of them alignments)")
    ended = [e for e in dissolved(walt.results + t["large-walt"].results) if e["label"] == "balancing"]
    gone = sum(e["reason"] == "threat-gone" for e in ended)
    faded = sum(e["reason"] == "threat-faded" for e in ended)
    check("balancing coalitions dissolve once their threat is gone or no longer the main threat (europe-1936 and large, walt)",
          gone + faded > 0, f"{gone} with the threat gone, {faded} with the threat receded, "
          f"{sum(e['reason'] == 'member-eliminated' for e in ended)} when a member was eliminated")

    # 3. Weak and isolated states bandwagon more (small.yaml: WEK next to AGG).
    lines += ["", "## Weakness and isolation (small.yaml, WEK borders only AGG)", "",
              "| WEK's power | bandwagon share of WEK's decisions, complete talk | neighbours-only talk |", "|---|---|---|"]
    rates: dict[tuple[str, str], float] = {}
    weakness = t["small-weakness"].results
    for power in POWERS:
        for topology in ["complete", "neighbors"]:
            runs = where(weakness, {"states.WEK.power": power, "communication.topology": topology})
            stances = [r["stance"] for run in runs for r in states_csv(run) if r["state"] == "WEK" and r["stance"]]
            rates[(power, topology)] = sum(x == "bandwagon" for x in stances) / max(len(stances), 1)
        lines.append(f"| {power} | {f2(rates[(power, 'complete')])} | {f2(rates[(power, 'neighbors')])} |")
    check("bandwagoning rises as a state gets weaker (complete talk, power 0.3 → 0.01)",
          rates[("0.01", "complete")] > rates[("0.3", "complete")], f"{f2(rates[('0.3', 'complete')])} → {f2(rates[('0.01', 'complete')])}")
    check("bandwagoning rises as a state gets more isolated (power 0.05, complete → neighbours-only)",
          rates[("0.05", "neighbors")] >= rates[("0.05", "complete")], f"{f2(rates[('0.05', 'complete')])} → {f2(rates[('0.05', 'neighbors')])}")

    # 4. Observation noise.
    lines += ["", "## Observation noise (europe-1914)", "", "| noise | misperception rate | misplaced (mean) |", "|---|---|---|"]
    noise: dict[str, tuple[float, float]] = {}
    for sigma in NOISES:
        at = {"observation.noise": sigma}
        noise[sigma] = (point_mean(t["europe-1914-noise"], "misperception_rate", at), point_mean(t["europe-1914-noise"], "misplaced", at))
        lines.append(f"| {sigma} | {noise[sigma][0]:.3f} | {f2(noise[sigma][1])} |")
    rising = [noise[s][0] for s in NOISES]
    check("misperception rises with observation noise", rising[0] < rising[1] < rising[2], " → ".join(f"{x:.3f}" for x in rising))
    check("agreement with history falls with observation noise (misplaced rises)", noise["0"][1] <= noise["0.5"][1],
          " → ".join(f2(noise[s][1]) for s in NOISES))

    # 5. Dispute history, seed by seed, Walt's Middle East, real alliances, forecasts, Levy and Thompson.
    lines += [""] + history.effect(t, check) + history.per_seed(t) + history.simulated_middle_east(t, check)
    lines += history.real_alliances(entente, a.work, check) + history.forecasts(entente, a.work, a.seeds, check) + history.levy_thompson(t, check, os.path.join(os.path.dirname(a.out), "figures"))

    # The last commit that changed the model or the engine running it: which model these figures are of.
    model = subprocess.run(["git", "log", "-1", "--format=%h", "--", "Sources/EntenteModel", "Sources/EntenteRuntime"],
                           cwd=ROOT, capture_output=True, text=True).stdout.strip() or "unknown"
    rounds = f", {a.rounds} rounds a run" if a.rounds else ""
    report = ["# Validation", "",
              f"Made by `scripts/validate-model.sh --seeds {a.seeds}` on {datetime.date.today().isoformat()} for the model "
              f"as of commit {model}: the reference engine, seeds 1 to {a.seeds} per case{rounds}, each case one `entente sweep` "
              "(the list is at the end), default parameters (set from the theory, never fitted; docs/MODEL.md). The figures "
              "are the sweeps' tables: means and shares from results.csv, alignments by rule from decisions.csv, and from each "
              "run's folder its final sides and per-round stances (states.csv), the states compared (summary.json) and the "
              "alliances dissolved (events.jsonl). Rerun it to check; the figures are deterministic for a given build.", "",
              "## Checks", "", "| claim or goal | holds | measured |", "|---|---|---|"]
    report += [f"| {name} | {'yes' if ok else '**no**'} | {fig} |" for name, ok, fig in checks]
    report += [""] + lines + ["", "## Sweeps", "", "A case of one setting varies `description` (free text that the model and the "
                                                      "digest leave out) to its own name, since a sweep needs a `--vary`.", ""] + [f"- `{x.case.name}`: `{x.command}`" for x in t.values()] + [""]
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(report))
    print("\n".join(report))
    print(f"\nwritten: {a.out}; sweeps in {a.work}", file=sys.stderr)


if __name__ == "__main__":
    main()
