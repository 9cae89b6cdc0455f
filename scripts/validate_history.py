"""The history sections of the validation report (docs/VALIDATION.md): the effect of dispute
history measured by switching it off, a per-seed view, Walt's Middle East, and the real
alliances of three periods classified by `entente classify`. validate_model.py runs the
sweeps and calls these; standard library only.
"""
import os
import subprocess
import sys
from collections import Counter
from typing import Callable

import validate_model as vm

Check = Callable[[str, bool, str], None]
MIDDLE_EAST = ["1955", "1967", "1973"]
EUROPE = ("data/cow/cinc_europe_1870_1939_NMCv7.csv", "data/cow/atop51_dyads_europe_1870_1939.csv",
          "data/mid/initiations_europe_1870_1939.csv")
MIDEAST = ("data/mideast/cinc_mideast_1955_1979_NMCv7.csv", "data/mideast/atop51_dyads_mideast_1955_1979.csv",
           "data/mideast/initiations_mideast_1945_1979.csv")
# (period, base scenario, first year, last year, data files): each span uses the scenario of its start.
PERIODS = [("Europe 1890-1914", "europe-1914", 1890, 1914, EUROPE),
           ("Europe 1919-1939", "europe-1936", 1919, 1939, EUROPE),
           ("Middle East 1956-1966", "middle-east-1955", 1956, 1966, MIDEAST),
           ("Middle East 1967-1972", "middle-east-1967", 1967, 1972, MIDEAST),
           ("Middle East 1973-1979", "middle-east-1973", 1973, 1979, MIDEAST)]


def middle_east() -> list[str]:
    """The Middle East scenarios that exist (1967 and 1973 only where the data allowed them)."""
    return [y for y in MIDDLE_EAST if os.path.exists(os.path.join(vm.ROOT, "scenarios", f"middle-east-{y}.yaml"))]


def cases() -> list[vm.Case]:
    out = [vm.Case("europe-1914-without-no-history", "europe-1914", ("description=without-starting-alliances-no-dispute-history",),
                   ("alliances=[]", "history.window=0")),
           vm.Case("europe-1936-no-history", "europe-1936", ("description=no-dispute-history",), ("history.window=0",))]
    return out + [vm.Case(f"middle-east-{y}", f"middle-east-{y}", ("description=walt",)) for y in middle_east()]


def sides_text(run: vm.Row) -> str:
    return " | ".join(" ".join(sorted(s)) for s in vm.final_sides(run) if len(s) > 1) or "(none)"


def effect(t: dict[str, vm.Tables], check: Check) -> list[str]:
    """Dispute history on and off, against the baselines, on the two European cases."""
    lines = ["## Dispute history, switched off", "",
             "Each case with its dispute history (the default) and with `--set history.window=0`, which gives the "
             "digests of the model before dispute history existed.", "",
             "| case | dispute history | core recovered | misplaced (mean) | starting alliances alone: misplaced | landscape: misplaced |",
             "|---|---|---|---|---|---|"]
    pairs = [("europe-1914 without starting alliances", "europe-1914-without", "europe-1914-without-no-history"),
             ("europe-1936", "europe-1936-walt", "europe-1936-no-history")]
    for label, on, off in pairs:
        for state, case in [("on", on), ("off", off)]:
            rows = t[case].results
            base = vm.summary(rows[0])["baselines"]
            lines.append(f"| {label} | {state} | {sum(map(vm.core_recovered, rows))}/{len(rows)} | {vm.f2(vm.point_mean(t[case], 'misplaced'))} "
                         f"| {rows[0]['initial_misplaced']} of {base['initial_alliances']['compared']} "
                         f"| {rows[0]['landscape_misplaced']} of {base['landscape']['compared']} |")
    rows = t["europe-1936-walt"].results
    better = min(float(rows[0]["initial_misplaced"]), float(rows[0]["landscape_misplaced"]))
    simulated = vm.point_mean(t["europe-1936-walt"], "misplaced")
    check("europe-1936: the simulated sides misplace no more states than the better baseline (mean)",
          simulated <= better, f"{vm.f2(simulated)} against {better:.0f}")
    return lines


def per_seed(t: dict[str, vm.Tables]) -> list[str]:
    """Each seed's misplaced count and final sides (sides of two or more), for the cases with a reference."""
    lines = ["", "## Seed by seed", ""]
    for label, case in [("europe-1914 without starting alliances", "europe-1914-without"), ("europe-1936", "europe-1936-walt")]:
        rows = sorted(t[case].results, key=lambda r: int(r["seed"]))
        lines += [f"### {label}", "", "| seed | misplaced | sides at the end |", "|---|---|---|"]
        lines += [f"| {r['seed']} | {r['misplaced']} | {sides_text(r)} |" for r in rows]
        common = Counter(sides_text(r) for r in rows).most_common(1)[0]
        lines += ["", f"The commonest ending ({common[1]} of {len(rows)} seeds): {common[0]}.", ""]
    return lines


def simulated_middle_east(t: dict[str, vm.Tables], check: Check) -> list[str]:
    lines = ["## Walt's Middle East, simulated", "",
             "| scenario | decisions | balance (perceived) | bandwagon (perceived) | balance (true) | bandwagon (true) "
             "| misplaced (mean) | starting alliances alone: misplaced | landscape: misplaced |", "|---|---|---|---|---|---|---|---|---|"]
    for year in middle_east():
        tables = t[f"middle-east-{year}"]
        rows = tables.results
        n = vm.total(rows, "decisions")
        s = {c: vm.total(rows, c) / max(n, 1) for c in ("balance", "bandwagon", "true_balance", "true_bandwagon")}
        base = vm.summary(rows[0]).get("baselines", {})
        compared = base.get("landscape", {}).get("compared", "?")
        lines.append(f"| middle-east-{year} | {n:.0f} | {vm.f2(s['balance'])} | {vm.f2(s['bandwagon'])} | {vm.f2(s['true_balance'])} "
                     f"| {vm.f2(s['true_bandwagon'])} | {vm.f2(vm.point_mean(tables, 'misplaced'))} "
                     f"| {rows[0]['initial_misplaced']} of {compared} | {rows[0]['landscape_misplaced']} of {compared} |")
        if year == "1955":
            check("Middle East 1955: balancing is the dominant classification of the simulated decisions (perceived and true)",
                  s["balance"] > s["bandwagon"] and s["true_balance"] > s["true_bandwagon"],
                  f"balance {vm.f2(s['balance'])} / {vm.f2(s['true_balance'])}, bandwagon {vm.f2(s['bandwagon'])} / {vm.f2(s['true_bandwagon'])}")
    return lines


def classify(entente: str, work: str, period: tuple[str, str, int, int, tuple[str, str, str]], obligations: str) -> list[vm.Row]:
    label, scenario, first, last, (power, alliances, disputes) = period
    out = os.path.join(work, f"classify-{scenario}-{first}-{obligations}.csv")
    args = [entente, "classify", os.path.join(vm.ROOT, "scenarios", scenario + ".yaml"), "--from", str(first), "--to", str(last),
            "--power", os.path.join(vm.ROOT, power), "--alliances", os.path.join(vm.ROOT, alliances),
            "--disputes", os.path.join(vm.ROOT, disputes), "--obligations", obligations, "--out", out]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"error: {' '.join(args)} failed (exit {p.returncode}):\n{p.stderr}")
    return vm.read_csv(out)


def real_alliances(entente: str, work: str, check: Check) -> list[str]:
    lines = ["", "## Real alliances classified (`entente classify`)", "",
             "Every pair of a period's states that gained an ATOP obligation in a year of the period, each member "
             "classified by its true main threat in that year's world (docs/MODEL.md §8.3). *Military*: a defense or "
             "offense obligation, as the scenarios count alliances; *any*: also neutrality, non-aggression and "
             "consultation (alignments). Shares are of the members' alignments.", "",
             "| period | base scenario | obligations | formations | balance | bandwagon | other | balance share |",
             "|---|---|---|---|---|---|---|---|"]
    commands: list[str] = []
    middle: list[tuple[int, int]] = []
    for period in PERIODS:
        if not os.path.exists(os.path.join(vm.ROOT, "scenarios", period[1] + ".yaml")):
            continue
        for obligations in ["military", "any"]:
            rows = classify(entente, work, period, obligations)
            c = Counter(r["true_alignment"] for r in rows)
            n = max(len(rows), 1)
            lines.append(f"| {period[0]} | {period[1]} | {obligations} | {len(rows) // 2} | {c['balance']} | {c['bandwagon']} "
                         f"| {c['other']} | {vm.f2(c['balance'] / n)} |")
            if period[0].startswith("Middle East") and obligations == "any":
                middle.append((c["balance"], c["bandwagon"]))
        p = period
        commands.append(f"- {p[0]}: `entente classify scenarios/{p[1]}.yaml --from {p[2]} --to {p[3]} --power {p[4][0]} "
                        f"--alliances {p[4][1]} --disputes {p[4][2]} --obligations military` (and `any`)")
    if middle:
        balance, bandwagon = sum(x[0] for x in middle), sum(x[1] for x in middle)
        check("Middle East 1956-79: balancing is the dominant classification of the real alliances and alignments",
              balance > bandwagon, f"balance {balance}, bandwagon {bandwagon} (members' alignments, any obligation)")
    return lines + ["", "Made by:", ""] + commands
