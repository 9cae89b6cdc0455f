#!/usr/bin/env python3
"""Runs one long cluster run and reports what a soak test needs (see scripts/soak.sh).

    soak.py ENTENTE SCENARIO ROUNDS OUT_DIR [entente run options...]

Starts `ENTENTE run SCENARIO --rounds ROUNDS --out OUT_DIR ...`, follows its events.jsonl
as it grows, samples the peak resident (VmHWM) and proportional (PSS) memory of the
coordinator and of every state process twice a second, and prints: messages sent, delivered, lost by the channels (injected), missing at a
deadline (lost by the transport), refused and rejected; states absent; time until
every state joined; round latency p50/p90/p99 (the coordinator's own clock, from
summary.json); peak memory per kind of process, resident and proportional; then, when
entente-bench is beside ENTENTE, the messaging floor of the same shape (processes,
rounds, transport, letters a state sends a phase) for comparison.
Writes the same as JSON to OUT_DIR/soak.json. Exit status 1 if the run failed, a state
was absent, or a letter went missing. Read from the log's fields (docs/LOGS.md): a
`rejected` line counts `count` times, and those of code `letters-missing` are letters
missing at a deadline; a `refused` line counts once.
"""
import json
import os
import subprocess
import sys
import time
from typing import Any


def children(pid: int) -> list[int]:
    """Live direct children of pid, from /proc."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(name))
    return out


def peak_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def pss_kb(pid: int) -> int | None:
    """Proportional set size: private memory plus a fair share of shared pages (libraries
    mapped by every state count once across them, not once per process)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def kind(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = f.read().split(b"\0")
        # A state of the agent kit (python -m entente_agent...) is a state like `entente state`.
        if any(a == b"entente_agent" or a.startswith(b"entente_agent.") for a in args):
            return "state"
        return args[1].decode() if len(args) > 1 else "?"
    except OSError:
        return None


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def floor_run(bench: str, states: int, rounds: int, transport: str, steps: int, assess: float,
              negotiate: float) -> dict[str, Any]:
    """One run of the messaging floor (`entente-bench floor`) of the given shape: letters a
    state sends in assess and in each negotiation step (averages, rounded). Its JSON result."""
    run = subprocess.run([bench, "floor", "--states", str(states), "--rounds", str(rounds), "--transport", transport,
                          "--steps", str(steps), "--assess-letters", str(max(0, round(assess))),
                          "--letters-per-step", str(max(0, round(negotiate)))],
                         capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def floor(entente: str, states: int, rounds: int, configuration: dict[str, Any], counts: dict[str, int]) -> dict[str, float] | None:
    """The messaging floor (entente-bench, beside ENTENTE) for the run just made: its
    states, rounds, transport, steps and letters a state sends a phase; None without
    entente-bench or without the run's summary."""
    bench = os.path.join(os.path.dirname(entente), "entente-bench")
    if not os.path.exists(bench) or not rounds or not configuration:
        return None
    transport, steps = configuration["transport"], configuration["negotiation_steps"]
    print(f"  the messaging floor: {states} states, {rounds} rounds over {transport} ...", file=sys.stderr, flush=True)
    result = floor_run(bench, states, rounds, transport, steps, counts["assess"] / (states * rounds),
                       counts["negotiate"] / (states * steps * rounds))
    return {p: round(float(result[f"round_ms_{p}"]), 1) for p in ("p50", "p90", "p99")}


def main() -> None:
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    entente, scenario, rounds, out = sys.argv[1:5]
    extra = sys.argv[5:]
    os.makedirs(out, exist_ok=True)
    log_path = os.path.join(out, "events.jsonl")
    started = time.monotonic()
    with open(os.path.join(out, "run.stdout"), "w") as so, open(os.path.join(out, "run.stderr"), "w") as se:
        run = subprocess.Popen([entente, "run", scenario, "--rounds", rounds, "--out", out] + extra, stdout=so, stderr=se)
    counts = {"sent": 0, "lost": 0, "expired": 0, "refused": 0, "rejected": 0, "missing": 0, "absent": 0,
              "assess": 0, "negotiate": 0}
    round_ends: list[float] = []
    joined_at: float | None = None
    peaks: dict[tuple[str, int], int] = {}
    pss: dict[tuple[str, int], int] = {}
    processes_seen = 0
    offset, carry = 0, b""
    last_sample = 0.0
    last_print = started

    def read_new() -> None:
        nonlocal offset, carry, joined_at, processes_seen
        try:
            with open(log_path, "rb") as f:
                f.seek(offset)
                data = f.read()
        except OSError:
            return
        offset += len(data)
        lines = (carry + data).split(b"\n")
        carry = lines.pop()
        now = time.monotonic()
        for line in lines:
            # A cheap test of the type first (letters are most of a big log), then the fields.
            if not line.startswith(b'{"type":"'):
                continue
            kind_of = line[9:line.index(b'"', 9)]
            if kind_of == b"round_end":
                round_ends.append(now)
            elif kind_of == b"process":
                processes_seen += 1
                if joined_at is None and processes_seen == states_total:
                    joined_at = now
            elif kind_of in (b"assessment", b"letter", b"refused", b"rejected", b"absent"):
                event = json.loads(line)
                if kind_of == b"assessment":
                    for d in event["sent"]:
                        counts["sent"] += 1
                        counts["assess"] += 1
                        counts["lost"] += 1 if d.get("lost") else 0
                        counts["expired"] += 1 if d.get("expired") else 0
                elif kind_of == b"letter":
                    counts["sent"] += 1
                    counts["assess" if event["phase"] == "assess" else "negotiate"] += 1
                    if event.get("lost"):
                        counts["lost"] += 1
                    elif event.get("expired"):
                        counts["expired"] += 1
                elif kind_of == b"refused":
                    counts["refused"] += 1
                elif kind_of == b"rejected":
                    counts["rejected"] += event["count"]
                    if event["code"] == "letters-missing":
                        counts["missing"] += event["count"]
                else:
                    counts["absent"] += 1

    states_total = len(subprocess.run([entente, "validate", "--list-ids", scenario], capture_output=True, text=True,
                                      check=True).stdout.split())
    while run.poll() is None:
        read_new()
        now = time.monotonic()
        if now - last_sample > 0.5:
            last_sample = now
            for c in children(run.pid):
                k, kb, p = kind(c), peak_kb(c), pss_kb(c)
                if k and kb:
                    peaks[(k, c)] = max(peaks.get((k, c), 0), kb)
                if k and p:
                    pss[(k, c)] = max(pss.get((k, c), 0), p)
        if now - last_print > 10:
            last_print = now
            print(f"  {len(round_ends)}/{rounds} rounds, {now - started:.0f} s", file=sys.stderr, flush=True)
        time.sleep(0.01)
    read_new()
    status = run.returncode
    # The coordinator's own clock (summary.json) when the run wrote one; else the log's arrival times.
    timing: dict[str, Any] | None = None
    configuration: dict[str, Any] = {}
    try:
        with open(os.path.join(out, "summary.json")) as f:
            summary = json.load(f)
            timing, configuration = summary.get("timing"), summary.get("configuration", {})
    except (OSError, ValueError):
        pass
    latencies = [b - a for a, b in zip(round_ends, round_ends[1:])]
    by_kind: dict[str, list[int]] = {}
    pss_kind: dict[str, list[int]] = {}
    for (k, _), kb in peaks.items():
        by_kind.setdefault(k, []).append(kb)
    for (k, _), kb in pss.items():
        pss_kind.setdefault(k, []).append(kb)
    delivered = counts["sent"] - counts["lost"] - counts["expired"] - counts["missing"]
    report: dict[str, Any] = {
        "status": status,
        "rounds": len(round_ends),
        "states": states_total,
        "seconds": round(time.monotonic() - started, 1),
        "joined_seconds": round(joined_at - started, 2) if joined_at else None,
        "messages": {"sent": counts["sent"], "delivered": delivered, "lost_by_channel": counts["lost"],
                     "expired": counts["expired"], "missing_at_deadline": counts["missing"],
                     "refused": counts["refused"], "rejected": counts["rejected"]},
        "absent": counts["absent"],
        "round_ms": ({p: timing[f"round_ms_{p}"] for p in ("p50", "p90", "p99")} if timing else
                     {p: round(percentile(latencies, int(p[1:])) * 1000, 1) for p in ("p50", "p90", "p99")}),
        "peak_rss_mb": {k: {"max": round(max(v) / 1024, 1), "mean": round(sum(v) / len(v) / 1024, 1), "processes": len(v)}
                        for k, v in sorted(by_kind.items())},
        "peak_pss_mb": {k: {"max": round(max(v) / 1024, 1), "mean": round(sum(v) / len(v) / 1024, 1)} for k, v in sorted(pss_kind.items())},
        "log_mb": round(os.path.getsize(log_path) / 2**20, 1) if os.path.exists(log_path) else 0,
    }
    report["floor_round_ms"] = floor(entente, states_total, len(round_ends), configuration, counts) if status == 0 else None
    with open(os.path.join(out, "soak.json"), "w") as f:
        json.dump(report, f, indent=2)
    m, r = report["messages"], report["round_ms"]
    print(f"run: exit {status}, {report['rounds']} rounds of {states_total} states in {report['seconds']} s; "
          f"all joined after {report['joined_seconds']} s")
    print(f"messages: {m['sent']} sent, {m['delivered']} delivered, {m['lost_by_channel']} lost by the channels (injected), "
          f"{m['expired']} expired, {m['missing_at_deadline']} missing at a deadline, {m['refused']} refused, {m['rejected']} rejected")
    print(f"absent states: {report['absent']}")
    print(f"round latency: p50 {r['p50']} ms, p90 {r['p90']} ms, p99 {r['p99']} ms")
    if fl := report["floor_round_ms"]:
        print(f"messaging floor (the same processes, barriers and letters, no model, no log): p50 {fl['p50']} ms, "
              f"p90 {fl['p90']} ms, p99 {fl['p99']} ms; round p50 / floor p50 = {r['p50'] / fl['p50']:.2f}")
    for k, v in report["peak_rss_mb"].items():
        p = report["peak_pss_mb"].get(k, {})
        print(f"peak memory, {k}: max {v['max']} MB, mean {v['mean']} MB over {v['processes']} process(es) (RSS); "
              f"max {p.get('max')} MB, mean {p.get('mean')} MB proportional (PSS: shared libraries counted once)")
    print(f"log: {report['log_mb']} MB")
    failed = status != 0 or report["absent"] or m["missing_at_deadline"]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
