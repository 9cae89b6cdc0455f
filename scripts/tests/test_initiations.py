"""The shipped initiation tables (what `entente classify --disputes` reads) are exactly what
scripts/scenario_disputes.py --csv makes of the shipped MID files, and the scenarios'
`disputes:` lists are the same selection."""
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import scenario_disputes as sd  # noqa: E402

TABLES = [("data/mid/mid_directed_europe_1870_1939.csv", "data/mid/initiations_europe_1870_1939.csv"),
          ("data/mideast/mid_directed_mideast_1945_1979.csv", "data/mideast/initiations_mideast_1945_1979.csv")]
SCENARIOS = [("europe-1914", "data/mid/mid_directed_europe_1870_1939.csv"),
             ("europe-1936", "data/mid/mid_directed_europe_1870_1939.csv"),
             ("middle-east-1955", "data/mideast/mid_directed_mideast_1945_1979.csv"),
             ("middle-east-1967", "data/mideast/mid_directed_mideast_1945_1979.csv"),
             ("middle-east-1973", "data/mideast/mid_directed_mideast_1945_1979.csv")]


@pytest.mark.parametrize("mid,table", TABLES)
def test_initiation_tables_are_rebuilt_exactly(mid: str, table: str) -> None:
    rows = sd.read_rows((ROOT / mid).read_text(encoding="utf-8"))
    made = sd.render_csv(sd.select(rows, sd.all_ids(rows), 10_000))
    assert made == (ROOT / table).read_text(encoding="utf-8")
    assert made.count("\n") > 100


@pytest.mark.parametrize("name,mid", SCENARIOS)
def test_scenario_disputes_are_the_selection(name: str, mid: str) -> None:
    text = (ROOT / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8")
    year_match = re.search(r"^year: (\d+)$", text, re.M)
    assert year_match is not None
    year = int(year_match.group(1))
    listed = [line for line in text.splitlines() if line.startswith("  - {by: ")]
    disputes = sd.select(sd.read_rows((ROOT / mid).read_text(encoding="utf-8")), sd.scenario_ids(text), year)
    assert listed == [d.line() for d in disputes]
    assert listed, "a historical scenario has a dispute history"
