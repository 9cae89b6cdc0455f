#!/usr/bin/env python3
"""Prints a scenario's dispute history, the `year:` and `disputes:` blocks, from a
directed-dyad file of militarized interstate disputes (GML MID 2.2.1, one row per
dispute, ordered pair on opposite sides, and year). Standard library only.

    python scripts/scenario_disputes.py --mid data/mid/mid_directed_europe_1870_1939.csv \\
        --year 1914 --states UKG,BEL,FRN,GMY
    python scripts/scenario_disputes.py --mid data/mideast/mid_directed_mideast_1945_1979.csv \\
        --year 1955 --scenario scenarios/middle-east-1955.yaml

A row counts when state 1 initiated the dispute against state 2: state 1 on Side A (the
side that took the first militarized action) and an originator, state 2 an originator
on Side B (`sidea1 == 1 and orig1 == 1 and sidea2 == 0 and orig2 == 1`). States that
joined later were not the target of the initiation and are left out. The entry's
`level` is the initiator's own hostility level (`hostlev1`) as a word; a row with level
1 (no militarized action by the initiator) is left out. The dispute must have started
(`disp_styear`) strictly before `--year` and the pair's part in it must have ended
before it too (a dispute still under way in that year is part of the crisis, and its
levels may hold what happened after the date), and both states must be scenario ids. Each
dispute gives one entry per (dispute, initiator, target), however many years it ran.

The output goes to standard output; paste it into the scenario after `alliances:`.
With `--csv` it is instead a table of every initiation in the file (`by,against,year,
level,mid,last_year`, the last its pair's part in it lasted; all states, every year
unless `--year` is given), the form `entente classify --disputes` reads:

    python scripts/scenario_disputes.py --csv --mid data/mid/mid_directed_europe_1870_1939.csv \
        > data/mid/initiations_europe_1870_1939.csv
"""
import argparse
import csv
import io
import re
import sys
import textwrap
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

Row = dict[str, str]

# hostlev: 1 no militarized action, 2 threat, 3 display, 4 use of force, 5 war.
LEVELS = {2: "threat", 3: "display", 4: "force", 5: "war"}
COLUMNS = ("year", "abb1", "abb2", "dispnum", "disp_styear", "sidea1", "sidea2", "orig1", "orig2", "hostlev1")
WIDTH = 90  # of the comment lines
SOURCE = "GML MID 2.2.1 (Gibler, Miller & Little 2016, ISQ 60(4))"


class DataError(Exception):
    """A row or a file the selection cannot read."""


@dataclass(frozen=True, order=True)
class Dispute:
    """One initiation: `by` started dispute `mid` against `against` in `year`. The field
    order is the output order: year, then dispute number, then initiator, then target."""
    year: int
    mid: int
    by: str
    against: str
    level: int
    last: int = field(default=0, compare=False)  # the last dispute-year of the pair in it

    def line(self) -> str:
        """The entry as one line of YAML under `disputes:`."""
        return (f"  - {{by: {self.by}, against: {self.against}, year: {self.year}, "
                f"level: {LEVELS[self.level]}, mid: {self.mid}}}")


def number(row: Row, column: str, line: int) -> int:
    """The integer in `column` of `row`, or a DataError naming the data line."""
    text = row.get(column)
    if text is None or text.strip() == "":
        raise DataError(f"line {line}: column {column} is empty")
    try:
        return int(float(text)) if "." in text else int(text)
    except ValueError:
        raise DataError(f"line {line}: column {column} is not a number: {text!r}") from None


def read_rows(text: str) -> list[Row]:
    """The rows of a directed-dyad CSV, checked to have every column the selection reads."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"missing column(s): {', '.join(missing)}")
    return list(reader)


def select(rows: Iterable[Row], states: Iterable[str], year: int) -> list[Dispute]:
    """The initiations of disputes started before `year` between two of `states`, one per
    (dispute, initiator, target), sorted by year, dispute number, initiator, target."""
    ids = set(states)
    found: dict[tuple[int, str, str], Dispute] = {}
    last: dict[tuple[int, str, str], int] = {}
    for index, row in enumerate(rows):
        line = index + 2  # the header is line 1
        by, against = row["abb1"].strip(), row["abb2"].strip()
        if by not in ids or against not in ids:
            continue
        initiated = (number(row, "sidea1", line) == 1 and number(row, "orig1", line) == 1
                     and number(row, "sidea2", line) == 0 and number(row, "orig2", line) == 1)
        if not initiated:
            continue
        start = number(row, "disp_styear", line)
        if start >= year:
            continue
        level = number(row, "hostlev1", line)
        if level == 1:
            continue
        if level not in LEVELS:
            raise DataError(f"line {line}: hostlev1 {level} is not a hostility level (1-5)")
        dispute = Dispute(year=start, mid=number(row, "dispnum", line), by=by, against=against, level=level)
        key = (dispute.mid, by, against)
        last[key] = max(last.get(key, 0), number(row, "year", line))
        earlier = found.get(key)
        if earlier is not None and earlier != dispute:
            raise DataError(f"line {line}: dispute {dispute.mid} {by}-{against} has two start years "
                            f"or levels ({earlier.year}/{earlier.level}, {start}/{level})")
        found[key] = dispute
    # A dispute still under way in `year` is left out: its levels may hold what came after the date.
    return sorted(replace(d, last=last[key]) for key, d in found.items() if last[key] < year)


STATES_KEY = re.compile(r"^states:\s*(#.*)?$")
TOP_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\s*:")
STATE_ID = re.compile(r"^\s*-\s*(?:\{\s*)?id:\s*[\"']?([A-Za-z0-9_-]+)")


def scenario_ids(text: str) -> list[str]:
    """The ids of the entries under the scenario's top-level `states:` key, in file order:
    each `- id: X` (or `- {id: X, ...}`) line up to the next top-level key."""
    ids: list[str] = []
    inside = False
    for raw in text.splitlines():
        if STATES_KEY.match(raw):
            inside = True
            continue
        if inside and TOP_KEY.match(raw):
            break
        match = STATE_ID.match(raw) if inside else None
        if match:
            ids.append(match.group(1))
    return ids


def render(disputes: Sequence[Dispute], year: int, mid_file: str) -> str:
    """The `year:` and `disputes:` blocks with their comment header."""
    rule = (f"Dispute history: {SOURCE}, directed dispute-years, file {mid_file}. "
            "One entry per dispute in which `by` initiated against `against`: `by` on Side A "
            "(the side of the first militarized action) and an originator, `against` an "
            "originator on Side B (states that joined later are left out). `year` is the "
            f"dispute's start year, every year of the data before {year} (disputes still under way "
            f"in {year} are left out: their levels may hold what came after the date); `level` is the "
            "initiator's own hostility level (threat, display, force, war; disputes in which "
            "it took no militarized action are left out); `mid` is the MID dispute number. "
            "Only pairs of this scenario's states. Made by scripts/scenario_disputes.py.")
    lines = [
        "# The year of the scenario's date: disputes that started in earlier years are its history.",
        f"year: {year}",
        "",
    ]
    lines.extend("# " + part for part in textwrap.wrap(rule, width=WIDTH - 2, break_on_hyphens=False))
    if not disputes:
        lines.append("disputes: []")
    else:
        lines.append("disputes:")
        lines.extend(d.line() for d in disputes)
    return "\n".join(lines) + "\n"


def render_csv(disputes: Sequence[Dispute]) -> str:
    """Every initiation as a CSV table, in the order of the YAML block."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["by", "against", "year", "level", "mid", "last_year"])
    w.writerows([d.by, d.against, d.year, LEVELS[d.level], d.mid, d.last] for d in disputes)
    return out.getvalue()


def all_ids(rows: Iterable[Row]) -> list[str]:
    return sorted({r[c] for r in rows for c in ("abb1", "abb2")})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mid", required=True, help="directed-dyad MID file (CSV)")
    parser.add_argument("--year", type=int, help="the scenario's year; disputes started before it count (required but with --csv)")
    parser.add_argument("--csv", action="store_true", help="print every initiation of the file as a CSV table instead")
    ids = parser.add_mutually_exclusive_group()
    ids.add_argument("--states", help="comma-separated state ids (COW abbreviations)")
    ids.add_argument("--scenario", help="a scenario file whose `states:` ids are read")
    args = parser.parse_args(argv)
    if not args.csv and (args.year is None or (args.states is None and args.scenario is None)):
        parser.error("--year and one of --states or --scenario are required (or --csv)")
    try:
        if args.csv:
            with open(args.mid, encoding="utf-8", newline="") as f:
                rows = read_rows(f.read())
            sys.stdout.write(render_csv(select(rows, all_ids(rows), args.year if args.year is not None else 10_000)))
            return 0
        if args.scenario is not None:
            with open(args.scenario, encoding="utf-8") as f:
                states = scenario_ids(f.read())
            if not states:
                raise DataError(f"{args.scenario}: no state ids under `states:`")
        else:
            states = [s.strip() for s in str(args.states).split(",") if s.strip()]
            if not states:
                raise DataError("--states lists no ids")
        with open(args.mid, encoding="utf-8", newline="") as f:
            text = f.read()
        try:
            disputes = select(read_rows(text), states, args.year)
        except DataError as error:
            raise DataError(f"{args.mid}: {error}") from None
    except (OSError, DataError) as error:
        print(f"scenario_disputes.py: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(render(disputes, args.year, args.mid))
    return 0


if __name__ == "__main__":
    sys.exit(main())
