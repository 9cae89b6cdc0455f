"""The validation report (scripts/validate_model.py) on a tiny case, 2 seeds of 4 rounds,
checked against the sweeps' own tables: each figure it prints is recomputed here from
results.csv, points.csv, decisions.csv or the run folders results.csv lists.

The binary: ENTENTE (a path), else ENTENTE_BIN_DIR/entente, else .build/debug/entente.
"""
import csv
import math
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent
ROOT = SCRIPTS.parent
Row = dict[str, str]
CLAIMS = [
    "europe-1914 without starting alliances: UKG, FRN, RUS against GMY, AUH in at least 80 % of seeds",
    "no giant bloc: no side joins GMY with UKG, FRN or RUS (europe-1914, with and without its alliances)",
    "europe-1914 with its alliances: sides agree with the coalitions at least as well as the starting alliances alone (share misplaced)",
    "balance share under walt differs from random's by at least 0.15",
    "balancing dominates under walt",
    "states join a certain victor in war (decisions by the war rule, europe-1936, walt)",
    "balancing coalitions dissolve once their threat is gone or no longer the main threat (europe-1936 and large, walt)",
    "bandwagoning rises as a state gets weaker (complete talk, power 0.3 → 0.01)",
    "bandwagoning rises as a state gets more isolated (power 0.05, complete → neighbours-only)",
    "misperception rises with observation noise",
    "agreement with history falls with observation noise (misplaced rises)",
    "europe-1936 against the Second World War sides: the simulated sides misplace no more states than the better baseline (mean)",
    "Middle East 1955: balancing is the dominant classification of the simulated decisions (perceived and true)",
    "Middle East 1956-79: balancing is the dominant classification of the real alliances and alignments",
    "every forecast case misplaces no more states than the better of the two baselines (mean over seeds)",
    "most great powers balance against the leader from about a third of the power, and not much below it (0.25 to 0.4, Levy and Thompson 2005)",
]


def entente() -> str:
    if os.environ.get("ENTENTE"):
        return os.environ["ENTENTE"]
    if os.environ.get("ENTENTE_BIN_DIR"):
        return os.path.join(os.environ["ENTENTE_BIN_DIR"], "entente")
    return str(ROOT / ".build" / "debug" / "entente")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Runs the validation once; returns the report and the sweeps' folder."""
    work = tmp_path_factory.mktemp("validation")
    report, sweeps = work / "VALIDATION.md", work / "sweeps"
    binary = entente()
    if not os.access(binary, os.X_OK):
        pytest.fail(f"no entente executable at {binary}: build it, or set ENTENTE or ENTENTE_BIN_DIR")
    subprocess.run([sys.executable, str(SCRIPTS / "validate_model.py"), "--entente", binary, "--seeds", "2",
                    "--rounds", "4", "--jobs", "2", "--out", str(report), "--work", str(sweeps)],
                   check=True, capture_output=True, text=True)
    return report, sweeps


def table(report: Path, heading: str) -> list[list[str]]:
    """The body rows of the Markdown table under `## heading`, as cells."""
    lines = report.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"## {heading}")
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("## "):
            break
        if line.startswith("| ") and not line.startswith("|---"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows[1:]


def read(path: Path) -> list[Row]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def mean_of(rows: list[Row], column: str) -> float:
    xs = [float(r[column]) for r in rows if r[column] != ""]
    return sum(xs) / len(xs) if xs else math.nan


def fmt(x: float, places: int) -> str:
    return f"{x:.{places}f}"


def test_every_claim_is_checked(made: tuple[Path, Path]) -> None:
    checks = table(made[0], "Checks")
    assert [c[0] for c in checks] == CLAIMS
    assert all(c[1] in ("yes", "**no**") for c in checks)


def test_noise_figures_are_the_means_of_results_csv(made: tuple[Path, Path]) -> None:
    report, sweeps = made
    results = read(sweeps / "europe-1914-noise" / "results.csv")
    points = {p["observation.noise"]: p for p in read(sweeps / "europe-1914-noise" / "points.csv")}
    rows = table(report, "Observation noise (europe-1914)")
    assert [r[0] for r in rows] == ["0", "0.2", "0.5"]
    for noise, rate, misplaced in rows:
        runs = [r for r in results if r["observation.noise"] == noise]
        assert len(runs) == 2
        assert rate == fmt(mean_of(runs, "misperception_rate"), 3)
        assert misplaced == fmt(mean_of(runs, "misplaced"), 2)
        # ... and the product's own mean over seeds says the same.
        if points[noise]["misplaced_mean"] != "":
            assert misplaced == fmt(float(points[noise]["misplaced_mean"]), 2)


def test_policy_shares_are_pooled_from_results_csv(made: tuple[Path, Path]) -> None:
    report, sweeps = made
    for policy, decisions, balance, bandwagon, true_balance, true_bandwagon, _ in table(report, "Policies on Europe 1936"):
        results = read(sweeps / f"europe-1936-{policy}" / "results.csv")
        n = sum(float(r["decisions"]) for r in results)
        assert decisions == fmt(n, 0)
        for printed, column in [(balance, "balance"), (bandwagon, "bandwagon"),
                                (true_balance, "true_balance"), (true_bandwagon, "true_bandwagon")]:
            assert printed == fmt(sum(float(r[column]) for r in results) / max(n, 1), 2)


def test_1914_figures_are_the_means_of_results_csv(made: tuple[Path, Path]) -> None:
    report, sweeps = made
    rows = table(report, "Europe 1914 against the wartime coalitions")
    for row, case in zip(rows, ["europe-1914-with", "europe-1914-without"]):
        results = read(sweeps / case / "results.csv")
        assert row[1].endswith(f"/{len(results)}")
        assert row[2] == fmt(mean_of(results, "misplaced"), 2)
        assert row[3] == fmt(mean_of(results, "mutual_information"), 3)
        assert row[4].startswith(results[0]["initial_misplaced"] + " of ")
        assert row[5].startswith(results[0]["landscape_misplaced"] + " of ")


def test_weakness_shares_are_the_stances_in_states_csv(made: tuple[Path, Path]) -> None:
    report, sweeps = made
    results = read(sweeps / "small-weakness" / "results.csv")
    for power, complete, neighbors in table(report, "Weakness and isolation (small.yaml, WEK borders only AGG)"):
        for printed, topology in [(complete, "complete"), (neighbors, "neighbors")]:
            runs = [r for r in results if r["states.WEK.power"] == power and r["communication.topology"] == topology]
            assert len(runs) == 2
            stances = [s["stance"] for r in runs for s in read(Path(r["run_folder"]) / "states.csv")
                       if s["state"] == "WEK" and s["stance"]]
            assert printed == fmt(sum(x == "bandwagon" for x in stances) / max(len(stances), 1), 2)


def test_war_rule_count_is_from_the_tables(made: tuple[Path, Path]) -> None:
    report, sweeps = made
    folder = sweeps / "europe-1936-walt"
    figure = next(c[2] for c in table(report, "Checks") if c[0].startswith("states join a certain victor"))
    decisions = sum(s["rule_code"] == "war-victor" for r in read(folder / "results.csv")
                    for s in read(Path(r["run_folder"]) / "states.csv"))
    alignments = sum(d["rule_code"] == "war-victor" for d in read(folder / "decisions.csv"))
    assert figure == f"{decisions} decisions ({alignments} of them alignments)"


def test_pins_agree() -> None:
    """pyproject.toml's extras pin the same versions as the requirements files."""
    with open(SCRIPTS / "pyproject.toml", "rb") as f:
        extras = tomllib.load(f)["project"]["optional-dependencies"]
    for extra in ("test", "deploy"):
        lines = (SCRIPTS / f"requirements-{extra}.txt").read_text().splitlines()
        pinned = {line.lower() for line in lines if line and not line.startswith("#")}
        assert all("==" in p for p in pinned)
        assert {p.lower() for p in extras[extra]} <= pinned


def test_real_alliance_tallies_are_the_classify_tables(made: tuple[Path, Path]) -> None:
    report, sweeps = made
    rows = [r for r in table(report, "Real alliances classified (`entente classify`)") if r[0]]
    assert len(rows) == 10  # five periods, military and any
    for period, scenario, obligations, formations, balance, bandwagon, other, _ in rows:
        first = period.split()[-1].split("-")[0]
        members = read(sweeps / f"classify-{scenario}-{first}-{obligations}.csv")
        assert int(formations) == len(members) // 2
        counts = [sum(m["true_alignment"] == a for m in members) for a in ("balance", "bandwagon", "other")]
        assert [int(balance), int(bandwagon), int(other)] == counts


def test_forecast_rows_are_the_means_of_their_runs(made: tuple[Path, Path]) -> None:
    report, sweeps = made
    rows = table(report, "Forecasts")
    assert len(rows) == 14
    for scenario, start, _, misplaced, initial, landscape, _ in rows:
        runs = [r for r in read(sweeps / f"forecast-{scenario}.csv") if r["start_year"] == start.split()[0]]
        assert len(runs) == 2 and fmt(mean_of(runs, "misplaced"), 2) == misplaced
        assert runs[0]["initial_misplaced"] == initial and runs[0]["landscape_misplaced"] == landscape
