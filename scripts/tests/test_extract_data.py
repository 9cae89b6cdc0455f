"""The shipped data (data/) and the derivations that make it (scripts/data_tables.py).

CI has no copy of peacesciencer, so these tests check the shipped CSVs against each other
and against the derivations re-run on them, and each derivation on small tables.
"""
import csv
import sys
import tomllib
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent
DATA = SCRIPTS.parent / "data"
sys.path.insert(0, str(SCRIPTS))

import data_tables as t  # noqa: E402
import extract_data  # noqa: E402

DYADS = ["cow/contiguity_europe_COWv3.2_snapshots.csv", "cow/contiguity_europe_COWv3.2_yearly.csv",
         "mideast/contiguity_mideast_COWv3.2_snapshots.csv", "cow/atop51_dyads_europe_1913_1914_1936_1939.csv",
         "cow/atop51_dyads_europe_1870_1939.csv", "mideast/atop51_dyads_mideast_1955_1979.csv",
         "cow/atop51_formations_europe_1870_1939.csv", "mideast/atop51_formations_mideast_1945_1979.csv"]
YEARS = {"cow/cinc_europe_1870_1939_NMCv7.csv": (1870, 1939), "cow/atop51_dyads_europe_1870_1939.csv": (1870, 1939),
         "cow/atop51_formations_europe_1870_1939.csv": (1870, 1939), "mid/mid_directed_europe_1870_1939.csv": (1870, 1939),
         "mideast/cinc_mideast_1955_1979_NMCv7.csv": (1955, 1979), "mideast/atop51_dyads_mideast_1955_1979.csv": (1955, 1979),
         "mideast/atop51_formations_mideast_1945_1979.csv": (1945, 1979),
         "mideast/mid_directed_mideast_1945_1979_cowmid5.csv": (1945, 1979)}


def read(name: str) -> list[list[str]]:
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def records(name: str) -> list[dict[str, str]]:
    rows = read(name)
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def as_table(rows: list[list[str]]) -> list[dict[str, t.Cell]]:
    """CSV rows back into cells as read from .rda: numbers as floats, empty as missing."""
    def cell(v: str) -> t.Cell:
        try:
            return float(v)
        except ValueError:
            return None if v == "" else v
    return [{k: cell(v) for k, v in zip(rows[0], r)} for r in rows[1:]]


def shipped() -> list[str]:
    return sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*.csv"))


def test_every_built_file_is_shipped_and_described() -> None:
    names = {"cow/atop51_dyads_europe_1870_1939.csv", "mid/mid_pairs_greatpowers_summary.csv",
             "mideast/cow_interstate_war_sides_mideast_1948_1979.csv"}
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert len(shipped()) == 22 and names <= set(shipped())
    assert extract_data.PEACESCIENCER_COMMIT in readme
    for name in shipped():
        assert f"`{name}`" in readme, name
        assert len(read(name)) > 1, name


def test_headers() -> None:
    expected = {
        "cinc": ["stateabb", "ccode", "year", *t.NMC_COLUMNS],
        "contiguity": ["asof", "ccode1", "abb1", "ccode2", "abb2", "conttype"],
        "atop51_dyads": ["year", "ccode1", "abb1", "ccode2", "abb2", *t.ATOP_FLAGS],
        "atop51_formations": ["year", "ccode1", "abb1", "ccode2", "abb2", "gained", "end_year", "new_pair",
                              "new_military", *t.ATOP_FLAGS],
        "mid_pairs": t.SUMMARY_COLUMNS,
    }
    for name in shipped():
        header = read(name)[0]
        stem = Path(name).name
        if stem.startswith("mid_directed"):
            assert header == (t.COW_COLUMNS if "cowmid5" in stem else t.GML_COLUMNS), name
        for prefix, columns in expected.items():
            if stem.startswith(prefix):
                assert header == columns, name


def test_pairs_are_ordered_and_flags_binary() -> None:
    for name in DYADS:
        for r in records(name):
            assert int(r["ccode1"]) < int(r["ccode2"]), (name, r)
            assert all(r[k] in "01" for k in t.ATOP_FLAGS if k in r)
            assert r.get("conttype", "1") in "12345"


def test_years_in_range() -> None:
    for name, (lo, hi) in YEARS.items():
        years = {int(r["year"]) for r in records(name)}
        assert min(years) >= lo and max(years) <= hi, name
    asof = {r["asof"] for r in records("cow/contiguity_europe_COWv3.2_yearly.csv")}
    assert asof == {f"{y}-07-01" for y in range(1870, 1940)}


def test_one_abbreviation_per_code() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for name in shipped():
        for r in records(name):
            for code, abb in [("ccode", "stateabb"), ("ccode", "abb"), ("ccode1", "abb1"), ("ccode2", "abb2")]:
                if code in r and abb in r:
                    seen[r[code]].add(r[abb])
    assert all(len(abbs) == 1 for abbs in seen.values()), {c: a for c, a in seen.items() if len(a) > 1}
    for code, abb in [("255", "GMY"), ("300", "AUH"), ("345", "YUG"), ("365", "RUS"), ("640", "TUR"), ("651", "EGY")]:
        assert seen[code] == {abb}


def test_snapshots_are_in_the_panels() -> None:
    wide = {tuple(r) for r in read("cow/cinc_europe_1870_1939_NMCv7.csv")}
    assert all(tuple(r) in wide for r in read("cow/cinc_europe_1913_1939_NMCv7.csv"))
    wide = {tuple(r) for r in read("cow/atop51_dyads_europe_1870_1939.csv")}
    assert all(tuple(r) in wide for r in read("cow/atop51_dyads_europe_1913_1914_1936_1939.csv"))
    yearly = {tuple(r) for r in read("cow/contiguity_europe_COWv3.2_yearly.csv") if r[0] == "1914-07-01"}
    snap = [tuple(r) for r in read("cow/contiguity_europe_COWv3.2_snapshots.csv") if r[0] == "1914-07-01"]
    assert snap and all(r in yearly for r in snap)
    assert ("1914-07-01", "255", "GMY", "390", "DEN", "1") in yearly - set(snap)   # DEN is not in the 1914 set


@pytest.mark.parametrize("folder,region,periods,order", [
    ("mid", "europe_1870_1939", extract_data.EUROPE_PERIODS, "UKG FRN RUS GMY AUH ITA TUR YUG AUS HUN"),
    ("mideast", "mideast_1945_1979", extract_data.MIDEAST_PERIODS,
     "EGY SYR IRQ JOR SAU ISR LEB YAR YPR LIB SUD IRN TUR KUW ALG MOR TUN USA RUS UKG FRN")])
def test_summaries_follow_from_the_directed_files(folder: str, region: str,
                                                  periods: tuple[tuple[int, int], ...], order: str) -> None:
    summary = read(f"{folder}/mid_pairs_{'greatpowers' if folder == 'mid' else 'mideast'}_summary.csv")
    gml = t.pair_summary(read(f"{folder}/mid_directed_{region}.csv"), "GML-2.2.1", periods, order.split())
    assert [r for r in summary[1:] if r[0] == "GML-2.2.1"] == gml
    # COW-MID 5.0 has no numa/numb: bilateral needs every state of a dispute, shipped or not.
    cow = t.pair_summary(read(f"{folder}/mid_directed_{region}_cowmid5.csv"), "COW-MID-5.0", periods,
                         order.split(), {})
    keep = [i for i, c in enumerate(t.SUMMARY_COLUMNS) if "bilateral" not in c]
    assert [[r[i] for i in keep] for r in summary[1:] if r[0] == "COW-MID-5.0"] == [[r[i] for i in keep] for r in cow]


def abbs_of(rows: list[list[str]]) -> dict[int, str]:
    header = rows[0]
    return {int(r[header.index(c)]): r[header.index(a)] for r in rows[1:] for c, a in [("ccode1", "abb1"), ("ccode2", "abb2")]}


@pytest.mark.parametrize("dyads,formed,first,last", [
    ("cow/atop51_dyads_europe_1870_1939.csv", "cow/atop51_formations_europe_1870_1939.csv", 1871, 1939),
    ("mideast/atop51_dyads_mideast_1955_1979.csv", "mideast/atop51_formations_mideast_1945_1979.csv", 1956, 1979)])
def test_formations_follow_from_the_dyads(dyads: str, formed: str, first: int, last: int) -> None:
    rows = read(dyads)
    table = as_table([["atop_" + c if c in t.ATOP_FLAGS else c for c in rows[0]], *rows[1:]])
    again = t.formations(table, abbs_of(rows), set(abbs_of(rows)), first, last)
    assert again[0] == read(formed)[0]

    def without_end(rs: list[list[str]]) -> list[list[str]]:   # end years run past the shipped years
        return [r[:6] + r[7:] for r in rs]
    assert without_end(again[1:]) == without_end([r for r in read(formed)[1:] if first <= int(r[0]) <= last])
    assert all(int(r[6]) >= int(r[0]) for r in read(formed)[1:])


# --- the derivations on small tables -------------------------------------------------

STATES: list[dict[str, t.Cell]] = [{"stateabb": abb, "ccode": float(c), "styear": float(y0), "stmonth": 1.0, "stday": 1.0,
           "endyear": float(y1), "endmonth": 12.0, "endday": 31.0, "statenme": abb}
          for abb, c, y0, y1 in [("AAA", 200, 1816, 2016), ("BBB", 210, 1816, 2016), ("CCC", 220, 1816, 1900),
                                 ("CCC", 220, 1920, 2016)]]


def days(d: date) -> float:
    return float((d - t.EPOCH).days)


def border(a: int, b: int, kind: int, start: date, end: date) -> dict[str, t.Cell]:
    return {"ccode1": float(a), "ccode2": float(b), "conttype": float(kind), "stdate": days(start), "enddate": days(end)}


def test_contiguity_keeps_the_record_in_force_at_the_start_of_the_month() -> None:
    contdir = [border(200, 210, 0, date(1816, 1, 1), date(2016, 12, 1)),    # type 0: no border
               border(200, 210, 1, date(1850, 1, 1), date(1914, 7, 1)),     # ends in the asof month
               border(200, 210, 4, date(1914, 7, 1), date(2016, 12, 1)),    # begins in it
               border(210, 200, 1, date(1850, 1, 1), date(2016, 12, 1)),    # the other direction
               border(200, 220, 1, date(1850, 1, 1), date(2016, 12, 1))]    # CCC not a member in 1914
    out = t.contiguity(contdir, STATES, [(date(1914, 7, 1), {200, 210, 220}), (date(1914, 8, 1), {200, 210, 220}),
                                         (date(1930, 7, 1), {200, 210})])
    assert out[1:] == [["1914-07-01", "200", "AAA", "210", "BBB", "1"], ["1914-08-01", "200", "AAA", "210", "BBB", "4"],
                       ["1930-07-01", "200", "AAA", "210", "BBB", "4"]]


def test_cinc_writes_floats_and_blanks_and_sorts_by_year() -> None:
    nmc: list[dict[str, t.Cell]] = [{"ccode": 210.0, "year": 1900.0, **{k: 1.5 for k in t.NMC_COLUMNS}, "milex": None},
           {"ccode": 200.0, "year": 1901.0, **{k: 2.0 for k in t.NMC_COLUMNS}},
           {"ccode": 200.0, "year": 1900.0, **{k: 0.125 for k in t.NMC_COLUMNS}, "cinc": 0.11274751},
           {"ccode": 220.0, "year": 1900.0, **{k: 9.0 for k in t.NMC_COLUMNS}}]
    out = t.cinc(nmc, t.abbreviations(STATES), {200, 210}, {1900})
    assert out[1:] == [["AAA", "200", "1900", *["0.125"] * 6, "0.11274751"], ["BBB", "210", "1900", "", *["1.5"] * 6]]


def atop_row(a: int, b: int, y: int, flags: str) -> dict[str, t.Cell]:
    return {"ccode1": float(a), "ccode2": float(b), "year": float(y),
            **{"atop_" + k: float(f) for k, f in zip(t.ATOP_FLAGS, flags)}}


def test_atop_dyads_keep_one_direction_and_the_years_states() -> None:
    atop = [atop_row(200, 210, 1900, "10001"), atop_row(210, 200, 1900, "10001"), atop_row(200, 220, 1900, "00100"),
            atop_row(200, 220, 1901, "00100")]
    out = t.atop_dyads(atop, t.abbreviations(STATES), {1900: {200, 210}, 1901: {200, 220}})
    assert out[1:] == [["1900", "200", "AAA", "210", "BBB", "1", "0", "0", "0", "1"],
                       ["1901", "200", "AAA", "220", "CCC", "0", "0", "1", "0", "0"]]


def test_formations_mark_onsets_gains_and_gaps() -> None:
    atop = [atop_row(200, 210, y, f) for y, f in [(1899, "00001"), (1900, "10001"), (1901, "10001"), (1902, "00001"),
                                                   (1904, "01000"), (1905, "01000")]]
    out = t.formations(atop + [atop_row(210, 200, 1900, "10001")], t.abbreviations(STATES), {200, 210}, 1900, 1910)
    assert out[1:] == [["1900", "200", "AAA", "210", "BBB", "defense", "1901", "0", "1", "1", "0", "0", "0", "1"],
                       ["1904", "200", "AAA", "210", "BBB", "offense", "1905", "1", "1", "0", "1", "0", "0", "0"]]


def test_war_sides_take_outcomes_from_rows_that_have_them() -> None:
    def war(a: int, b: int, y: int, side: int, outcome: float | None, resume: float) -> dict[str, t.Cell]:
        return {"warnum": 9.0, "ccode1": float(a), "ccode2": float(b), "year": float(y), "sidea1": float(side),
                "initiator1": float(a == 210), "outcome1": outcome, "batdeath1": 100.0, "resume": resume}
    wars = [war(210, 200, 1950, 2, 2.0, 0.0), war(200, 210, 1950, 1, 1.0, 0.0), war(200, 210, 1951, 1, None, 1.0),
            war(210, 200, 1951, 2, None, 1.0)]
    out = t.war_sides(wars, t.abbreviations(STATES), {200}, 1948, 1979, {9: "Test War"})
    assert out[1:] == [["9", "200", "AAA", "1", "1950", "1951", "0", "1", "100", "1", "Test War"],
                       ["9", "210", "BBB", "2", "1950", "1951", "1", "2", "100", "0", "Test War"]]
    assert t.war_sides(wars, t.abbreviations(STATES), {200}, 1951, 1979, {}) == out[:1]


def test_directed_disputes_and_their_summary() -> None:
    base: dict[str, t.Cell] = {"dispnum": 5.0, "year": 1900.0, "disponset": 1.0, "fatality1": 0.0, "fatality2": 0.0, "fatalpre1": 0.0,
            "fatalpre2": 0.0, "hiact1": 7.0, "hiact2": 0.0, "orig1": 1.0, "orig2": 1.0}
    dirdisps: list[dict[str, t.Cell]] = [{**base, "ccode1": 200.0, "ccode2": 210.0, "sidea1": 1.0, "sidea2": 0.0, "hostlev1": 3.0, "hostlev2": 1.0},
                {**base, "ccode1": 210.0, "ccode2": 200.0, "sidea1": 0.0, "sidea2": 1.0, "hostlev1": 1.0, "hostlev2": 3.0},
                {**base, "ccode1": 200.0, "ccode2": 999.0, "sidea1": 1.0, "sidea2": 0.0, "hostlev1": 3.0, "hostlev2": 1.0},
                {**base, "ccode1": 999.0, "ccode2": 200.0, "sidea1": 0.0, "sidea2": 1.0, "hostlev1": 1.0, "hostlev2": 3.0}]
    disputes: list[dict[str, t.Cell]] = [{"dispnum": 5.0, "styear": 1900.0, "stmon": 3.0, "outcome": 4.0, "settle": 3.0, "fatality": 0.0,
                 "mindur": 1.0, "maxdur": 2.0, "hiact": 7.0, "hostlev": 3.0, "recip": 0.0}]
    out = t.directed_disputes(dirdisps, disputes, t.abbreviations(STATES), {200, 210}, 1870, 1939)
    assert len(out) == 3 and out[1][:9] == ["1900", "200", "AAA", "210", "BBB", "5", "1", "1900", "3"]
    assert t.side_sizes(dirdisps) == {5: (1, 2)}
    for sizes, bilateral in [(t.side_sizes(dirdisps), "0"), ({5: (1, 1)}, "1")]:
        rows = t.pair_summary(out, "COW-MID-5.0", [(1890, 1913)], ["AAA", "BBB"], sizes)
        assert [r[:5] for r in rows] == [["COW-MID-5.0", "1890-1913", "AAA", "BBB", "1"],
                                         ["COW-MID-5.0", "1890-1913", "BBB", "AAA", "1"]]
        assert rows[0][6:11] == ["1", "5", "3.0", "1", bilateral] and rows[1][6:9] == ["0", "", ""]


def test_cells_from_r() -> None:
    assert extract_data.cell(float("nan")) is None and extract_data.cell(3) == 3.0
    assert extract_data.cell("GMY") == "GMY" and extract_data.cell(object()) is None


def test_a_missing_source_is_an_error(tmp_path: Path) -> None:
    assert extract_data.main(["--source", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_data_pins_agree() -> None:
    """pyproject.toml's `data` extra pins the versions of requirements-data.txt."""
    with open(SCRIPTS / "pyproject.toml", "rb") as f:
        extra = tomllib.load(f)["project"]["optional-dependencies"]["data"]
    lines = (SCRIPTS / "requirements-data.txt").read_text().splitlines()
    pinned = {line.lower() for line in lines if line and not line.startswith("#")}
    assert all("==" in p for p in pinned) and "rdata==1.1.0" in pinned
    assert {p.lower() for p in extra} <= pinned
