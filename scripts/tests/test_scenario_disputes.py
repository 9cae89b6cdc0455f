"""scripts/scenario_disputes.py on small in-memory directed-dyad files: which rows make an
entry (initiator against an original target, joiners and level 1 left out, one entry per
dispute, only disputes started before the scenario's year, only the scenario's states),
and the printed `year:` and `disputes:` blocks."""
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SCRIPTS))

import scenario_disputes as sd  # noqa: E402

HEADER = ("year,abb1,abb2,dispnum,disp_styear,sidea1,sidea2,orig1,orig2,hostlev1,hostlev2")


def csv_text(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


# One multilateral dispute (10, starting 1900, two years): AAA and BBB originate on Side A
# against CCC; DDD joins Side A in 1901, EEE joins Side B in 1901. Each ordered pair on
# opposite sides appears once per direction and year, as in the MID directed-dyad files.
MULTILATERAL = [
    "1900,AAA,CCC,10,1900,1,0,1,1,4,3",
    "1900,CCC,AAA,10,1900,0,1,1,1,3,4",
    "1900,BBB,CCC,10,1900,1,0,1,1,2,3",
    "1900,CCC,BBB,10,1900,0,1,1,1,3,2",
    "1901,AAA,CCC,10,1900,1,0,1,1,4,3",   # second dispute-year: same entry
    "1901,CCC,AAA,10,1900,0,1,1,1,3,4",
    "1901,BBB,CCC,10,1900,1,0,1,1,2,3",
    "1901,CCC,BBB,10,1900,0,1,1,1,3,2",
    "1901,DDD,CCC,10,1900,1,0,0,1,5,3",   # DDD joined Side A: not an initiator
    "1901,CCC,DDD,10,1900,0,1,1,0,3,5",
    "1901,AAA,EEE,10,1900,1,0,1,0,4,4",   # EEE joined Side B: not the target of the initiation
    "1901,EEE,AAA,10,1900,0,1,0,1,4,4",
]
STATES = ["AAA", "BBB", "CCC", "DDD", "EEE"]


def chosen(rows: list[str], year: int = 1950, states: list[str] = STATES) -> list[tuple[str, str, int, int, int]]:
    """(by, against, year, level, mid) of the entries `select` makes."""
    return [(d.by, d.against, d.year, d.level, d.mid)
            for d in sd.select(sd.read_rows(csv_text(*rows)), states, year)]


def test_initiators_against_original_targets_only() -> None:
    assert chosen(MULTILATERAL) == [("AAA", "CCC", 1900, 4, 10), ("BBB", "CCC", 1900, 2, 10)]


def test_side_b_never_initiates() -> None:
    # CCC is an originator but on Side B: its rows against AAA and BBB make no entry.
    assert all(by != "CCC" for by, *_ in chosen(MULTILATERAL))


def test_joiners_left_out_on_either_side() -> None:
    entries = chosen(MULTILATERAL)
    assert all("DDD" not in (by, against) for by, against, *_ in entries)
    assert all("EEE" not in (by, against) for by, against, *_ in entries)
    # the same pairs count once the joiners are originators
    originators = [r.replace("1,0,0,1,5,3", "1,0,1,1,5,3").replace("1,0,1,0,4,4", "1,0,1,1,4,4")
                   for r in MULTILATERAL]
    assert ("DDD", "CCC", 1900, 5, 10) in chosen(originators)
    assert ("AAA", "EEE", 1900, 4, 10) in chosen(originators)


def test_level_one_left_out() -> None:
    rows = ["1900,AAA,CCC,11,1900,1,0,1,1,1,4", "1900,BBB,CCC,12,1900,1,0,1,1,2,1"]
    assert chosen(rows) == [("BBB", "CCC", 1900, 2, 12)]


def test_level_is_the_initiators_own() -> None:
    # the target fought (5), the initiator only displayed force (3)
    assert chosen(["1900,AAA,CCC,13,1900,1,0,1,1,3,5"]) == [("AAA", "CCC", 1900, 3, 13)]


def test_one_entry_per_dispute_year_span() -> None:
    rows = [f"{y},AAA,CCC,14,1900,1,0,1,1,4,4" for y in (1900, 1901, 1902)]
    assert chosen(rows) == [("AAA", "CCC", 1900, 4, 14)]


def test_start_year_strictly_before_the_scenario_year() -> None:
    rows = ["1899,AAA,CCC,20,1899,1,0,1,1,4,4",
            "1900,AAA,CCC,21,1900,1,0,1,1,4,4",
            # a dispute that started in 1900 and ran into 1901 is still of 1900
            "1901,AAA,CCC,21,1900,1,0,1,1,4,4"]
    assert [e[4] for e in chosen(rows, year=1900)] == [20]
    # ...and in 1901 it is still under way: its level may hold what came after the date.
    assert [e[4] for e in chosen(rows, year=1901)] == [20]
    assert [e[4] for e in chosen(rows, year=1902)] == [20, 21]
    assert chosen(rows, year=1899) == []


def test_csv_lists_every_initiation() -> None:
    rows = sd.read_rows(csv_text(*MULTILATERAL))
    text = sd.render_csv(sd.select(rows, sd.all_ids(rows), 10_000))
    assert text.splitlines() == ["by,against,year,level,mid,last_year", "AAA,CCC,1900,force,10,1901", "BBB,CCC,1900,threat,10,1901"]


def test_both_states_in_the_scenario() -> None:
    assert chosen(MULTILATERAL, states=["AAA", "BBB"]) == []
    assert chosen(MULTILATERAL, states=["AAA", "CCC"]) == [("AAA", "CCC", 1900, 4, 10)]


def test_order_year_then_mid_then_by_then_against() -> None:
    rows = ["1905,BBB,AAA,30,1905,1,0,1,1,2,1",
            "1903,CCC,AAA,40,1903,1,0,1,1,3,1",
            "1905,AAA,CCC,31,1905,1,0,1,1,4,1",
            "1905,AAA,BBB,30,1905,1,0,1,1,5,1",
            "1905,AAA,CCC,30,1905,1,0,1,1,5,1"]
    assert [(e[4], e[0], e[1]) for e in chosen(rows)] == [
        (40, "CCC", "AAA"), (30, "AAA", "BBB"), (30, "AAA", "CCC"), (30, "BBB", "AAA"), (31, "AAA", "CCC")]


def test_missing_column_and_bad_value_are_errors() -> None:
    with pytest.raises(sd.DataError, match="hostlev1"):
        sd.read_rows("year,abb1,abb2,dispnum,disp_styear,sidea1,sidea2,orig1,orig2\n")
    with pytest.raises(sd.DataError, match="line 2: column sidea1"):
        chosen(["1900,AAA,CCC,10,1900,yes,0,1,1,4,3"])
    with pytest.raises(sd.DataError, match="hostility level"):
        chosen(["1900,AAA,CCC,10,1900,1,0,1,1,7,3"])


def test_render_format() -> None:
    disputes = sd.select(sd.read_rows(csv_text(*MULTILATERAL)), STATES, 1914)
    text = sd.render(disputes, 1914, "data/mid/x.csv")
    lines = text.splitlines()
    assert lines[:3] == [
        "# The year of the scenario's date: disputes that started in earlier years are its history.",
        "year: 1914",
        "",
    ]
    body = lines[lines.index("disputes:") + 1:]
    assert body == ["  - {by: AAA, against: CCC, year: 1900, level: force, mid: 10}",
                    "  - {by: BBB, against: CCC, year: 1900, level: threat, mid: 10}"]
    comment = " ".join(line[2:] for line in lines[3:lines.index("disputes:")])
    assert all(line.startswith("# ") and len(line) <= sd.WIDTH for line in lines[3:lines.index("disputes:")])
    for words in ("GML MID 2.2.1", "Gibler, Miller & Little 2016", "data/mid/x.csv", "before 1914", "Side A"):
        assert words in comment
    assert text.endswith("\n")


def test_render_levels_as_words() -> None:
    words = [sd.Dispute(year=1900, mid=m, by="AAA", against="BBB", level=level).line().split("level: ")[1]
             for m, level in ((1, 2), (2, 3), (3, 4), (4, 5))]
    assert [w.split(",")[0] for w in words] == ["threat", "display", "force", "war"]


def test_render_empty() -> None:
    assert sd.render([], 1955, "f.csv").splitlines()[-1] == "disputes: []"


def test_scenario_ids() -> None:
    text = "\n".join([
        "name: x",
        "states:",
        "  # a comment",
        "  - id: UKG",
        "    name: \"United Kingdom\"",
        "  - {id: FRN, power: 1, offense: 0.1, aggressiveness: 0.1}",
        "  - id: \"GMY\"   # quoted",
        "borders:",
        "  - {a: UKG, b: FRN}",
        "reference_alignment:",
        "  - id: NOT",
    ])
    assert sd.scenario_ids(text) == ["UKG", "FRN", "GMY"]


def test_command_line(tmp_path: Path) -> None:
    mid = tmp_path / "mid.csv"
    mid.write_text(csv_text(*MULTILATERAL), encoding="utf-8")
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\nstates:\n  - id: AAA\n  - id: CCC\nborders: []\n", encoding="utf-8")
    script = str(SCRIPTS / "scenario_disputes.py")
    by_file = subprocess.run([sys.executable, script, "--mid", str(mid), "--year", "1914", "--scenario", str(scenario)],
                             check=True, capture_output=True, text=True).stdout
    by_list = subprocess.run([sys.executable, script, "--mid", str(mid), "--year", "1914", "--states", "AAA,CCC"],
                             check=True, capture_output=True, text=True).stdout
    assert by_file == by_list
    assert by_file.splitlines()[-1] == "  - {by: AAA, against: CCC, year: 1900, level: force, mid: 10}"
    failed = subprocess.run([sys.executable, script, "--mid", str(tmp_path / "none.csv"), "--year", "1914",
                             "--states", "AAA"], capture_output=True, text=True)
    assert failed.returncode == 1 and "none.csv" in failed.stderr
