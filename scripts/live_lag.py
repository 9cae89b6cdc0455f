#!/usr/bin/env python3
"""How far the live page lags the run: a grid scenario on the cluster engine with
`entente run --serve`, its page open in headless Chromium, and for each round the time
its `round_end` line appeared in events.jsonl (this script reads the file every 2 ms)
against the time the page received it and first showed it (`window.entente.arrived`
and `.shown`, the page's own clock, the same system clock). Prints the lags' p50, p99
and max, the same for the round's own length, and whether the lag grows over the run.
Then the same log is written again into a new folder a round at a time, at the run's
median round length, with `entente serve` and the page watching and no cluster
running: the page's own lag, as when the run is on other hosts.

    scripts/live-lag.sh [STATES] [ROUNDS]      (the wrapper builds and sets up; default 64 60)
    scripts/live_lag.py ENTENTE SCENARIO OUT   (OUT/run, OUT/replay; needs selenium and Debian's chromium)
"""

from __future__ import annotations

import json
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver

MARKER = b'{"type":"round_end","round":'


def watch(log: Path, seen: dict[int, float], stop: threading.Event) -> None:
    """Records when each round_end line is complete in the file."""
    offset, pending = 0, b""
    while not stop.is_set():
        try:
            with log.open("rb") as f:
                f.seek(offset)
                data = f.read()
        except FileNotFoundError:
            data = b""
        now = time.time()
        offset += len(data)
        pending += data
        *lines, pending = pending.split(b"\n")
        for line in lines:
            if line.startswith(MARKER):
                seen[int(line[len(MARKER):].split(b",")[0])] = now
        time.sleep(0.002)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def line(name: str, values: list[float]) -> str:
    return (f"{name:<34} p50 {percentile(values, 50):7.1f}  p99 {percentile(values, 99):7.1f}"
            f"  max {max(values):7.1f}  (ms, {len(values)} rounds)")


def watched(browser: WebDriver, log: Path, start: Callable[[], str]) -> dict[str, Any]:
    """Opens the page `start()` names while watching `log`; returns the times of both."""
    seen: dict[int, float] = {}
    stop = threading.Event()
    threading.Thread(target=watch, args=(log, seen, stop), daemon=True).start()
    try:
        browser.get(start())
        while browser.execute_script("return window.entente.status") not in ("finished", "stopped"):
            time.sleep(0.2)
        page: dict[str, Any] = browser.execute_script("return window.entente")
    finally:
        stop.set()
    return {"seen": seen, "shown": page["shown"], "arrived": page["arrived"], "timing": page["timing"]}


def report(title: str, m: dict[str, Any]) -> float:
    """Prints the lags of one measurement; returns the round length's p50 (ms)."""
    seen, shown, arrived, timing = m["seen"], m["shown"], m["arrived"], m["timing"]
    rounds = sorted(k for k in seen if str(k) in shown)
    # Round 1 is left out of the round lengths: it starts with the join.
    lengths = [(seen[k] - seen[k - 1]) * 1000 for k in rounds if k - 1 in seen]
    drawn = [shown[str(k)] - seen[k] * 1000 for k in rounds]
    half = len(drawn) // 2
    print(title)
    print(line("  round length (round_end to next)", lengths))
    print(line("  log line to page receiving it", [arrived[str(k)] - seen[k] * 1000 for k in rounds]))
    print(line("  log line to page showing it", drawn))
    print(line("  page: reading one stream message", timing["read"]).replace("rounds)", "messages)"))
    print(line("  page: drawing the round", timing["draw"]).replace("rounds)", "drawings)"))
    print(f"  lag, first half of the run: mean {statistics.mean(drawn[:half]):.1f} ms; "
          f"second half: mean {statistics.mean(drawn[half:]):.1f} ms")
    behind = sum(shown[str(k)] > seen[k + 1] * 1000 for k in rounds if k + 1 in seen)
    print(f"  rounds first shown only after the next round had ended: {behind} of {len(rounds) - 1}")
    return percentile(lengths, 50)


def replay(source: Path, folder: Path, pause: float) -> None:
    """Writes `source`'s files into `folder` a round at a time, `pause` seconds apart, as a
    coordinator on another host would (states.csv, then the round's log lines in one write)."""
    for name in ("scenario.json", "scenario.yaml"):
        shutil.copy(source / name, folder / name)
    log = (source / "events.jsonl").read_text().splitlines(keepends=True)
    panel = (source / "states.csv").read_text().splitlines(keepends=True)
    by_round: dict[int, list[str]] = {}
    for text in log:
        by_round.setdefault(max(1, json.loads(text)["round"]), []).append(text)
    rows: dict[int, list[str]] = {}
    for text in panel[1:]:
        rows.setdefault(int(text.split(",")[1]), []).append(text)
    with (folder / "events.jsonl").open("w") as events, (folder / "states.csv").open("w") as states:
        states.write(panel[0])
        for r in sorted(by_round):
            time.sleep(pause)
            states.write("".join(rows.get(r, [])))
            states.flush()
            events.write("".join(by_round[r]))
            events.flush()
    shutil.copy(source / "summary.json", folder / "summary.json")


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    entente, scenario, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1500"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    live = out / "run"
    run = subprocess.Popen([entente, "run", str(scenario), "--out", str(live), "--serve", "--port", "0"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def started() -> str:
        assert run.stderr is not None
        first = run.stderr.readline()
        if not first.startswith("watch the run at "):
            sys.exit(f"entente run did not serve the page: {first}{run.stderr.read()}")
        return first.split()[-1]
    try:
        measured = watched(browser, live / "events.jsonl", started)
    finally:
        run.terminate()
        run.wait(timeout=30)
    summary = json.loads((live / "summary.json").read_text())
    print(f"{summary['scenario']['name']}: {summary['scenario']['states']} states, {summary['rounds_completed']} rounds; "
          "page in headless Chromium, on this machine")
    length = report(f"the cluster run (engine over {summary['configuration']['transport']}), the page on the same cores:",
                    measured)
    # The same log written at the same pace with no cluster running: the page's own share,
    # as when the run is on other hosts (Slurm, Kubernetes) and its folder shared here.
    copy = out / "replay"
    copy.mkdir()
    server = subprocess.Popen([entente, "serve", str(copy), "--port", "0"], stdout=subprocess.PIPE, text=True)
    writer = threading.Thread(target=replay, args=(live, copy, length / 1000), daemon=True)

    def opened() -> str:
        assert server.stdout is not None
        address = server.stdout.readline().split()[2]
        writer.start()
        return address
    try:
        replayed = watched(browser, copy / "events.jsonl", opened)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        browser.quit()
    report(f"the same log written again at {length:.0f} ms a round with no cluster running (a run on other hosts):",
           replayed)


if __name__ == "__main__":
    main()
