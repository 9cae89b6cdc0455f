#!/usr/bin/env python3
"""Runs Entente's benchmark and prints its table (see scripts/bench.sh).

    bench.py BIN_DIR OUT_DIR GRID.yaml...      (bench.sh writes the grids, scripts/lib.sh)

For each grid scenario: a run by the reference engine (rounds per second), by the
cluster engine over ipc and over tcp with CURVE (round latency p50/p90/p99 from the
coordinator's summary.json, start-up until every state joined, messages per second,
peak memory of the coordinator and of a state, log bytes per round), and by the
messaging floor with the same processes, phases, barriers and letter counts per
round but no model and no log; full / floor is the ratio of round latency p50 measured
here, in one invocation: the median of ENTENTE_BENCH_PAIRS (default 3) alternating
full and floor runs, their range in brackets (every other figure of a row is its median
run's, the reference engine's the median of as many runs); cluster / reference is the wall time of the whole ipc run
(start-up included) over the reference engine's, with both digests compared. Then the
codec and the log writer alone. Writes OUT_DIR/bench.json.
"""
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import soak  # noqa: E402  (process sampling helpers)


def full(bin_dir: str, scenario: str, out: str, transport: str, python: str | None = None) -> dict[str, Any]:
    """A cluster run, sampling its processes' peak memory; figures from its own files.
    With `python`, every state is the agent kit's (python/, the reference policy in Python)."""
    start = time.monotonic()
    extra = ["--state-command", f"*={python} -m entente_agent"] if python else []
    env = dict(os.environ, PYTHONPATH=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "src"))
    run = subprocess.Popen([f"{bin_dir}/entente", "run", scenario, "--out", out, "--transport", transport, *extra],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peaks: dict[tuple[str, int], int] = {}
    pss: dict[tuple[str, int], int] = {}
    while run.poll() is None:
        for c in soak.children(run.pid):
            k, kb, p = soak.kind(c), soak.peak_kb(c), soak.pss_kb(c)
            if k and kb:
                peaks[(k, c)] = max(peaks.get((k, c), 0), kb)
            if k and p:
                pss[(k, c)] = max(pss.get((k, c), 0), p)
        time.sleep(0.2)
    seconds = time.monotonic() - start
    if run.returncode != 0:
        raise SystemExit(f"the {transport} run of {scenario} failed (exit {run.returncode}); its folder: {out}")
    with open(f"{out}/summary.json") as s:
        summary = json.load(s)
    t = summary["timing"]
    letters = {"assess": 0, "negotiate": 0}
    with open(f"{out}/events.jsonl", "rb") as f:
        for line in f:
            if line.startswith(b'{"type":"assessment"'):
                letters["assess"] += len(json.loads(line)["sent"])
            elif line.startswith(b'{"type":"letter"'):
                letters["assess" if json.loads(line)["phase"] == "assess" else "negotiate"] += 1
    n, rounds = summary["scenario"]["states"], t["rounds"]
    steps = summary["configuration"]["negotiation_steps"]
    control = n * (steps + 3) * 2 * rounds
    per_kind: dict[str, list[int]] = {}
    pss_kind: dict[str, list[int]] = {}
    for (k, _), kb in peaks.items():
        per_kind.setdefault(k, []).append(kb)
    for (k, _), kb in pss.items():
        pss_kind.setdefault(k, []).append(kb)
    return {
        "round_ms_p50": t["round_ms_p50"], "round_ms_p90": t["round_ms_p90"], "round_ms_p99": t["round_ms_p99"],
        "join_seconds": t["join_seconds"], "seconds": round(seconds, 2),
        "messages_per_second": round((control + sum(letters.values())) / max(1e-9, t["round_ms_p50"] * rounds / 1000)),
        "assess_letters": letters["assess"] / (n * rounds), "negotiate_letters": letters["negotiate"] / (n * steps * rounds),
        "peak_rss_mb_coordinator": round(max(per_kind.get("coordinator", [0])) / 1024, 1),
        "peak_rss_mb_state": round(max(per_kind.get("state", [0])) / 1024, 1),
        "peak_pss_mb_state": round(max(pss_kind.get("state", [0])) / 1024, 1),
        "log_mb_per_round": round(os.path.getsize(f"{out}/events.jsonl") / 2**20 / rounds, 2), "steps": steps,
        "digest": summary["digest"],
    }


def reference(bin_dir: str, scenario: str, out: str) -> dict[str, Any]:
    start = time.monotonic()
    subprocess.run([f"{bin_dir}/entente", "run", scenario, "--engine", "reference", "--out", out], capture_output=True, text=True, check=True)
    seconds = time.monotonic() - start
    with open(f"{out}/summary.json") as f:
        summary = json.load(f)
    return {"rounds_per_second": summary["timing"]["rounds_per_second"], "seconds_with_startup": round(seconds, 2),
            "digest": summary["digest"], "states": summary["scenario"]["states"], "rounds": summary["timing"]["rounds"]}


PAIRS = int(os.environ.get("ENTENTE_BENCH_PAIRS", "3"))
"""Runs of each measure (ENTENTE_BENCH_PAIRS): the table shows medians, so one run the
machine disturbed does not decide a ratio."""


def median_run(runs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """The run whose `key` is the median (the lower middle one of an even count)."""
    ranked = sorted(runs, key=lambda r: float(r[key]))
    return ranked[(len(ranked) - 1) // 2]


PYTHON_MAX_STATES = 64
"""All-Python runs are measured up to this size (each state is a Python interpreter)."""


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    bin_dir, out, scenarios = sys.argv[1], sys.argv[2], sys.argv[3:]
    python = os.environ.get("ENTENTE_BENCH_PYTHON")
    os.makedirs(out, exist_ok=True)
    results: dict[str, Any] = {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}", "sizes": []}
    for k, scenario in enumerate(scenarios):
        print(f"  {os.path.basename(scenario)} ...", file=sys.stderr, flush=True)
        refs = [reference(bin_dir, scenario, f"{out}/ref-{k}-{i}") for i in range(PAIRS)]
        ref = median_run(refs, "rounds_per_second")
        n, rounds = ref["states"], ref["rounds"]
        row: dict[str, Any] = {"states": n, "rounds": rounds, "reference": ref}
        for transport in ("ipc", "tcp"):
            # Full and floor alternate, so that a pair shares the machine's mood; the ratio
            # is the median of the pairs' (its spread printed too), each side its median run.
            pairs = []
            for i in range(PAIRS):
                f = full(bin_dir, scenario, f"{out}/full-{transport}-{k}-{i}", transport)
                pairs.append((f, soak.floor_run(f"{bin_dir}/entente-bench", n, rounds, transport, f["steps"],
                                                 f["assess_letters"], f["negotiate_letters"])))
            ratios = sorted(round(f["round_ms_p50"] / fl["round_ms_p50"], 2) for f, fl in pairs)
            f = median_run([f for f, _ in pairs], "round_ms_p50")
            f["full_over_floor_p50"] = statistics.median(ratios)
            f["full_over_floor_p50_each"] = ratios
            row[transport] = {"full": f, "floor": median_run([fl for _, fl in pairs], "round_ms_p50")}
        row["digests_equal"] = row["reference"]["digest"] == row["ipc"]["full"]["digest"] == row["tcp"]["full"]["digest"]
        if python and n <= PYTHON_MAX_STATES:
            py = full(bin_dir, scenario, f"{out}/python-ipc-{k}", "ipc", python)
            py["over_swift_p50"] = round(py["round_ms_p50"] / row["ipc"]["full"]["round_ms_p50"], 2)
            py["same_digest"] = py["digest"] == row["reference"]["digest"]
            row["python_ipc"] = py
        row["cluster_over_reference_wall"] = round(row["ipc"]["full"]["seconds"] / max(1e-9, ref["seconds_with_startup"]), 1)
        results["sizes"].append(row)
    codec = subprocess.run([f"{bin_dir}/entente-bench", "codec", "scenarios/europe-1914.yaml"], capture_output=True, text=True, check=True)
    log = subprocess.run([f"{bin_dir}/entente-bench", "log", scenarios[min(1, len(scenarios) - 1)]], capture_output=True, text=True, check=True)
    results["codec"] = json.loads(codec.stdout)
    results["log_writer"] = json.loads(log.stdout)
    with open(f"{out}/bench.json", "w") as written:
        json.dump(results, written, indent=2)

    print(f"Entente benchmark, {results['date']}, {results['machine']}")
    print("| states | transport | round p50 / p90 / p99 (ms) | floor p50 (ms) | full / floor | msgs/s | joined (s) | peak RSS MB coord / state | state PSS MB | log MB/round | reference rounds/s | same digest |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in results["sizes"]:
        for t in ("ipc", "tcp"):
            f, fl = row[t]["full"], row[t]["floor"]
            print(f"| {row['states']} | {t}{' CURVE' if t == 'tcp' else ''} | {f['round_ms_p50']:.1f} / {f['round_ms_p90']:.1f} / {f['round_ms_p99']:.1f} "
                  f"| {fl['round_ms_p50']:.1f} | {f['full_over_floor_p50']:.2f} ({f['full_over_floor_p50_each'][0]:.2f}–{f['full_over_floor_p50_each'][-1]:.2f}) | {f['messages_per_second']:,} | {f['join_seconds']:.2f} "
                  f"| {f['peak_rss_mb_coordinator']:.0f} / {f['peak_rss_mb_state']:.0f} | {f['peak_pss_mb_state']:.1f} | {f['log_mb_per_round']:.2f} "
                  f"| {row['reference']['rounds_per_second'] if t == 'ipc' else ''} | {'yes' if row['digests_equal'] else 'NO'} |")
    python_rows = [row for row in results["sizes"] if "python_ipc" in row]
    if python_rows:
        print("\nEvery state in Python (the agent kit's reference policy), ipc, next to the all-Swift run above:")
        print("| states | all-Swift round p50 / p99 (ms) | all-Python round p50 / p99 (ms) | Python / Swift p50 | joined (s) | state PSS MB | same digest |")
        print("|---|---|---|---|---|---|---|")
        for row in python_rows:
            f, py = row["ipc"]["full"], row["python_ipc"]
            print(f"| {row['states']} | {f['round_ms_p50']:.1f} / {f['round_ms_p99']:.1f} | {py['round_ms_p50']:.1f} / {py['round_ms_p99']:.1f} "
                  f"| {py['over_swift_p50']:.2f} | {py['join_seconds']:.2f} | {py['peak_pss_mb_state']:.1f} | {'yes' if py['same_digest'] else 'NO'} |")
    c, lw = results["codec"], results["log_writer"]
    print("wall time of a whole run, cluster (ipc) / reference: " + ", ".join(
        f"{row['states']} states {row['ipc']['full']['seconds']:.2f} / {row['reference']['seconds_with_startup']:.2f} s = "
        f"{row['cluster_over_reference_wall']:.1f}x" for row in results["sizes"]))
    print(f"codec: {c.get('assessment_pairs_per_second', 0):,.0f} assessment and {c.get('offer_pairs_per_second', 0):,.0f} offer "
          f"encode+decode pairs/s; log writer: {lw['events_per_second']:,.0f} events/s ({lw['mb_per_second']:.0f} MB/s)")
    print(f"written: {out}/bench.json")


if __name__ == "__main__":
    main()
