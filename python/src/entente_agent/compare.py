"""`python -m entente_agent.compare LABEL=SWEEP_DIR ...`: one table of several sweeps'
points (points.csv and sweep.json of `entente sweep`), for comparing policies: each row a
sweep's grid point, with the means and 95% intervals over its seeds ("—" where the
scenario has no reference alignment to misplace states against). Markdown by default,
CSV with --csv (pandas and R read it)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

COLUMNS = (
    ("share_balance", "balancing share"),
    ("true_share_balance", "balancing share, by true threat"),
    ("misplaced", "misplaced states"),
    ("sides", "sides"),
    ("wars", "wars"),
)


def rows(label: str, folder: Path) -> list[dict[str, str]]:
    """The sweep's points, each with its label, scenario and varied values."""
    try:
        sweep = json.loads((folder / "sweep.json").read_text())
        with (folder / "points.csv").open(newline="") as f:
            points = list(csv.DictReader(f))
    except (OSError, ValueError) as error:
        raise SystemExit(f"error: {folder} is not a finished sweep ({error}); run `entente sweep ... --out {folder}` first")
    keys = [v["key"] for v in sweep["vary"]]
    out = []
    for p in points:
        row = {"policy": label, "scenario": " ".join([Path(str(sweep["scenario"])).stem, *_changes(sweep["overrides"])]),
               "point": ", ".join(f"{k}={p[k]}" for k in keys), "runs": p["runs"]}
        for key, _ in COLUMNS:
            row[key] = p[f"{key}_mean"]
            row[f"{key}_ci95_low"], row[f"{key}_ci95_high"] = p[f"{key}_ci95_low"], p[f"{key}_ci95_high"]
        out.append(row)
    return out


def _changes(overrides: list[str]) -> list[str]:
    """The sweep's --set changes that say what was run, short: not the states' commands
    (the label names the policy), and a reference alignment only as "scored against it"."""
    out = []
    for o in overrides:
        if o.startswith("states.") and ".command=" in o:
            continue
        out.append("(own reference alignment)" if o.startswith("reference_alignment=") else o)
    return out


def _cell(r: dict[str, str], key: str) -> str:
    if not r[key]:
        return "—"
    mean, low, high = (float(r[k]) for k in (key, f"{key}_ci95_low", f"{key}_ci95_high"))
    return f"{mean:.2f} [{low:.2f}, {high:.2f}]"


def markdown(table: list[dict[str, str]]) -> str:
    head = ["policy", "scenario", "point", "runs", *(title for _, title in COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in table:
        cells = [r["policy"], r["scenario"], r["point"], r["runs"]]
        cells += [_cell(r, key) for key, _ in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m entente_agent.compare", description=__doc__)
    p.add_argument("sweeps", nargs="+", metavar="LABEL=SWEEP_DIR", help="a label for the policy and its sweep folder")
    p.add_argument("--csv", action="store_true", help="write CSV instead of a Markdown table")
    args = p.parse_args(argv)
    table: list[dict[str, str]] = []
    for item in args.sweeps:
        label, eq, folder = item.partition("=")
        if not eq or not label:
            p.error(f"give LABEL=SWEEP_DIR, not {item!r}")
        table += rows(label, Path(folder))
    if args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    else:
        print(markdown(table))


if __name__ == "__main__":
    main()
