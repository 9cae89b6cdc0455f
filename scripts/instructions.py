#!/usr/bin/env python3
"""Instructions a round of the reference engine, counted by valgrind's callgrind.

    instructions.py BIN_DIR [OUT_DIR]      (scripts/bench.sh calls it; valgrind must be installed)

Wall time on a shared 2-core machine moves by tens of percent from run to run; the
instructions a fixed run executes move by a fraction of a percent, so a change's effect
is seen here first. Each size is a grid (scripts/grid-scenario.py) run twice by the
reference engine under callgrind, for R and for 2R rounds: the difference over R is the
mean cost of rounds R+1 to 2R, with start-up (the runtime, the scenario, the first log
lines) taken out.
Prints one line a size and, with OUT_DIR, writes OUT_DIR/instructions.json.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from typing import Any

SIZES = ((4, 4, 40), (8, 8, 10), (10, 20, 2))
"""Grid rows, columns and R: 16, 64 and 200 states, R small enough that a size takes
well under a minute under callgrind (about 50 times slower than native)."""

HERE = os.path.dirname(os.path.abspath(__file__))


def stripped(bin_dir: str, work: str) -> str:
    """A copy of `entente` without its debug info: this valgrind cannot read the DWARF
    the Swift toolchain writes and gives up; counting instructions needs none of it."""
    copy = f"{work}/entente"
    subprocess.run(["objcopy", "--strip-debug", f"{bin_dir}/entente", copy], check=True)
    return copy


def collected(entente: str, scenario: str, work: str) -> int:
    """Instructions of one whole reference run of `scenario`, every thread counted."""
    run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={work}/callgrind.out",
                          entente, "run", scenario, "--engine", "reference", "--quiet",
                          "--out", f"{work}/run-{os.path.basename(scenario)}"],
                         capture_output=True, text=True)
    found = re.search(r"Collected\s*:\s*(\d+)", run.stderr)
    if run.returncode != 0 or not found:
        raise SystemExit(f"callgrind run of {scenario} failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    return int(found.group(1))


def grid(rows: int, cols: int, rounds: int, path: str) -> str:
    with open(path, "w") as out:
        subprocess.run([sys.executable, f"{HERE}/grid-scenario.py", str(rows), str(cols), str(rounds)], stdout=out, check=True)
    return path


def measure(bin_dir: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="entente-instructions-") as work:
        entente = stripped(bin_dir, work)
        for r, c, rounds in SIZES:
            short = collected(entente, grid(r, c, rounds, f"{work}/g{r}x{c}-{rounds}.yaml"), work)
            long = collected(entente, grid(r, c, 2 * rounds, f"{work}/g{r}x{c}-{2 * rounds}.yaml"), work)
            rows.append({"states": r * c, "rounds": [rounds, 2 * rounds], "instructions": [short, long],
                         "instructions_per_round": (long - short) // rounds, "start_up": short - (long - short)})
    return rows


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rows = measure(sys.argv[1])
    for row in rows:
        print(f"reference engine, {row['states']} states: {row['instructions_per_round'] / 1e6:,.1f} M instructions a round "
              f"(start-up {row['start_up'] / 1e6:,.0f} M; callgrind, runs of {row['rounds'][0]} and {row['rounds'][1]} rounds)")
    if len(sys.argv) > 2:
        with open(f"{sys.argv[2]}/instructions.json", "w") as out:
            json.dump(rows, out, indent=2)


if __name__ == "__main__":
    main()
