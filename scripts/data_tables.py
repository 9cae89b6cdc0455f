"""Pure derivations behind scripts/extract_data.py: from peacesciencer's tables, as plain
rows, to the CSV rows shipped under data/. Nothing here reads .rda files, so the tests
can run every derivation on small in-memory tables without peacesciencer or rdata.
"""
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta

Cell = float | str | None          # a table cell as read: number, text or missing (NA)
Row = Mapping[str, Cell]
Table = Sequence[Row]
Out = list[list[str]]               # CSV rows, header first

EUROPE = frozenset(range(200, 400)) | {2, 640, 740}   # Europe plus TUR, USA, JPN
# Walt's Middle East study states, in the order of data/README.md (the summaries' order).
STUDY = (651, 652, 645, 663, 670, 666, 660, 678, 680, 620, 625, 630, 640, 690, 615, 600,
         616, 2, 365, 200, 220)
GREAT = (200, 220, 365, 255, 300, 325, 640, 345, 305, 310)   # UKG FRN RUS GMY AUH ITA TUR YUG AUS HUN
# The states of the small 1913-1914 and 1935-1939 extracts (the first scenarios' states).
CINC_1914_1936 = frozenset({2, 200, 211, 220, 235, 255, 290, 300, 305, 310, 315, 325, 345, 350,
                            355, 360, 365, 366, 367, 368, 375, 390, 640, 740})
# 1914: the CINC file's states of 1914 without DEN (as the first extract had them).
STATES_1914 = frozenset({2, 200, 211, 220, 235, 255, 300, 325, 345, 350, 355, 360, 365, 640, 740})
# Axelrod and Bennett's 17 states of 1936, plus Austria.
STATES_1936 = frozenset({200, 220, 235, 255, 290, 305, 310, 315, 325, 345, 350, 360, 365, 366,
                         367, 368, 375, 390})
NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")
ATOP_FLAGS = ("defense", "offense", "neutral", "nonagg", "consul")
EPOCH = date(1970, 1, 1)            # R's Date origin


def num(row: Row, column: str) -> float:
    value = row[column]
    if not isinstance(value, float):
        raise ValueError(f"{column} is {value!r}, not a number")
    return value


def integer(row: Row, column: str) -> int:
    return int(num(row, column))


def text(row: Row, column: str) -> str:
    value = row[column]
    if not isinstance(value, str):
        raise ValueError(f"{column} is {value!r}, not text")
    return value


def decimal(value: Cell) -> str:
    """A number as Python writes a float ("62825.0"), empty if missing."""
    return "" if value is None else repr(float(value))


def r_date(days: float) -> date:
    return EPOCH + timedelta(days=int(days))


def abbreviations(states: Table) -> dict[int, str]:
    return {integer(s, "ccode"): text(s, "stateabb") for s in states}


def spells(states: Table) -> dict[int, list[tuple[date, date]]]:
    """COW system-membership spells, by state."""
    out: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for s in states:
        out[integer(s, "ccode")].append((
            date(integer(s, "styear"), integer(s, "stmonth"), integer(s, "stday")),
            date(integer(s, "endyear"), integer(s, "endmonth"), integer(s, "endday"))))
    return out


def member(spell_list: Mapping[int, list[tuple[date, date]]], ccode: int, day: date) -> bool:
    return any(start <= day <= end for start, end in spell_list.get(ccode, []))


def cinc(nmc: Table, abbs: Mapping[int, str], codes: Collection[int], years: Collection[int]) -> Out:
    """NMC rows of `codes` in `years`, by year then code (NMC has rows only for members)."""
    out = [["stateabb", "ccode", "year", *NMC_COLUMNS]]
    rows = [r for r in nmc if integer(r, "ccode") in codes and integer(r, "year") in years]
    for r in sorted(rows, key=lambda r: (num(r, "year"), num(r, "ccode"))):
        c = integer(r, "ccode")
        out.append([abbs[c], str(c), str(integer(r, "year")), *(decimal(r[k]) for k in NMC_COLUMNS)])
    return out


def contiguity(contdir: Table, states: Table, snapshots: Iterable[tuple[date, Collection[int]]]) -> Out:
    """Bordering pairs (ccode1 < ccode2) of each snapshot's states, both system members then.

    COW dates are months, stored as the month's first day, so a record ending and another
    beginning in the same month both cover that day: the earlier-begun one is kept.
    Records of type 0 (no contiguity) are skipped.
    """
    abbs, spell_list = abbreviations(states), spells(states)
    out = [["asof", "ccode1", "abb1", "ccode2", "abb2", "conttype"]]
    for day, codes in snapshots:
        found: dict[tuple[int, int], tuple[float, int]] = {}
        for r in contdir:
            a, b, kind = integer(r, "ccode1"), integer(r, "ccode2"), integer(r, "conttype")
            if kind == 0 or not (a < b and a in codes and b in codes):
                continue
            if not r_date(num(r, "stdate")) <= day <= r_date(num(r, "enddate")):
                continue
            if not (member(spell_list, a, day) and member(spell_list, b, day)):
                continue
            if (a, b) not in found or num(r, "stdate") < found[(a, b)][0]:
                found[(a, b)] = (num(r, "stdate"), kind)
        for (a, b), (_, kind) in sorted(found.items()):
            out.append([day.isoformat(), str(a), abbs[a], str(b), abbs[b], str(kind)])
    return out


def atop_dyads(atop: Table, abbs: Mapping[int, str], codes_of_year: Mapping[int, Collection[int]]) -> Out:
    """ATOP dyad-years (ccode1 < ccode2) of each year's states; the data are directed."""
    out = [["year", "ccode1", "abb1", "ccode2", "abb2", *ATOP_FLAGS]]
    rows = []
    for r in atop:
        y, a, b = integer(r, "year"), integer(r, "ccode1"), integer(r, "ccode2")
        if a < b and y in codes_of_year and a in codes_of_year[y] and b in codes_of_year[y]:
            rows.append((y, a, b, [str(integer(r, "atop_" + k)) for k in ATOP_FLAGS]))
    for y, a, b, flags in sorted(rows, key=lambda t: t[:3]):
        out.append([str(y), str(a), abbs[a], str(b), abbs[b], *flags])
    return out


def formations(atop: Table, abbs: Mapping[int, str], codes: Collection[int], first: int, last: int) -> Out:
    """Each pair and year in first..last where the pair gains an obligation it lacked the
    year before (no row counts as none), with how long the gained ones all last.

    peacesciencer has ATOP only as dyad-years (no atopid, no months), so alliances are
    seen through their pairs: `new_military` marks the first year with a defense or
    offense obligation after a year without one, `new_pair` the first year with any.
    """
    held: dict[tuple[int, int], dict[int, frozenset[str]]] = defaultdict(dict)
    for r in atop:
        a, b = integer(r, "ccode1"), integer(r, "ccode2")
        if a < b and a in codes and b in codes:
            held[(a, b)][integer(r, "year")] = frozenset(k for k in ATOP_FLAGS if num(r, "atop_" + k))
    rows = []
    for (a, b), by_year in held.items():
        for y in range(first, last + 1):
            now, before = by_year.get(y, frozenset()), by_year.get(y - 1, frozenset())
            gained = now - before
            if not gained:
                continue
            end = y
            while gained <= by_year.get(end + 1, frozenset()):
                end += 1
            military = frozenset({"defense", "offense"})
            rows.append((y, a, b, [" ".join(k for k in ATOP_FLAGS if k in gained), str(end),
                                   str(int(not before)), str(int(bool(now & military) and not before & military)),
                                   *(str(int(k in now)) for k in ATOP_FLAGS)]))
    out = [["year", "ccode1", "abb1", "ccode2", "abb2", "gained", "end_year", "new_pair", "new_military",
            *ATOP_FLAGS]]
    for y, a, b, cells in sorted(rows, key=lambda t: t[:3]):
        out.append([str(y), str(a), abbs[a], str(b), abbs[b], *cells])
    return out


def membership(states: Table, codes: Collection[int]) -> Out:
    columns = ["stateabb", "ccode", "statenme", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"]
    rows = sorted((s for s in states if integer(s, "ccode") in codes),
                  key=lambda s: (num(s, "ccode"), num(s, "styear")))
    return [columns] + [[v if isinstance(v, str) else str(int(num(s, c)))
                         for c in columns for v in [s[c]]] for s in rows]


def war_sides(wars: Table, abbs: Mapping[int, str], codes: Collection[int], first: int, last: int,
              names: Mapping[int, str]) -> Out:
    """Every participant of each COW inter-state war with a state of `codes` in it that
    begins in first..last. The data are directed dyad-years; a war resumed after a truce
    repeats its rows with `resume` 1 and no outcome, so outcomes come from the others.
    A state that changed sides (France in 1940, Italy in 1943) gets the side it entered
    the war on: its side in its first year."""
    parts: dict[tuple[int, int], dict[str, int]] = {}
    for r in wars:
        key = (integer(r, "warnum"), integer(r, "ccode1"))
        y = integer(r, "year")
        p = parts.setdefault(key, {"side": integer(r, "sidea1"), "first": y, "last": y, "initiator": 0,
                                   "outcome": -9, "batdeath": integer(r, "batdeath1")})
        if y < p["first"]:
            p["side"] = integer(r, "sidea1")
        p["first"], p["last"] = min(p["first"], y), max(p["last"], y)
        p["initiator"] = max(p["initiator"], integer(r, "initiator1"))
        if r["outcome1"] is not None:
            p["outcome"] = integer(r, "outcome1")
    start = {w: min(p["first"] for (v, _), p in parts.items() if v == w) for w, _ in parts}
    chosen = {w for (w, c) in parts if c in codes and first <= start[w] <= last}
    out = [["warnum", "ccode", "abb", "side", "first_year", "last_year", "initiator", "outcome",
            "batdeath", "in_study_set", "warname"]]
    for (w, c), p in sorted(parts.items(), key=lambda kv: (kv[0][0], kv[1]["side"], kv[0][1])):
        if w in chosen:
            out.append([str(w), str(c), abbs[c], str(p["side"]), str(p["first"]), str(p["last"]),
                        str(p["initiator"]), str(p["outcome"]), str(p["batdeath"]),
                        str(int(c in codes)), names.get(w, "")])
    return out


GML_COLUMNS = ("year ccode1 abb1 ccode2 abb2 dispnum dyadonset disp_styear disp_stmon styear1 endyear1 "
               "styear2 endyear2 sidea1 sidea2 orig1 orig2 revstate1 revstate2 revtype11 revtype21 "
               "revtype12 revtype22 hiact1 hiact2 hostlev1 hostlev2 fatality1 fatality2 fatalpre1 "
               "fatalpre2 hiact hostlev fatality fatalpre outcome settle recip numa numb mindur maxdur").split()
COW_COLUMNS = ("year ccode1 abb1 ccode2 abb2 dispnum dyadonset disp_styear disp_stmon sidea1 sidea2 orig1 "
               "orig2 hiact1 hiact2 hostlev1 hostlev2 fatality1 fatality2 fatalpre1 fatalpre2 hiact "
               "hostlev fatality outcome settle recip mindur maxdur").split()
SUMMARY_COLUMNS = ("source period A B disputes_total A_sideA A_init A_init_dispnums A_init_max_hostlevA "
                   "A_init_vs_original_B A_init_bilateral A_init_bilateral_max_hostlevA "
                   "max_hostlevA_any_side max_dispute_hostlev A_revisionist A_revisionist_dispnums").split()


def directed_disputes(dirdisps: Table, disputes: Table, abbs: Mapping[int, str], codes: Collection[int],
                      first: int, last: int, participants: Table | None = None) -> Out:
    """Directed dispute-years with both states in `codes`, in the source's order. With
    `participants` (GML) the rows are GML's, else COW-MID 5.0's; dispute-level fields the
    directed table lacks come from `disputes`."""
    by_dispute = {integer(d, "dispnum"): d for d in disputes}
    years: dict[tuple[int, int], tuple[int, int]] = {}
    for p in participants or []:
        key, span = (integer(p, "dispnum"), integer(p, "ccode")), (integer(p, "styear"), integer(p, "endyear"))
        old = years.get(key, span)
        years[key] = (min(old[0], span[0]), max(old[1], span[1]))
    columns = GML_COLUMNS if participants is not None else COW_COLUMNS
    out = [list(columns)]
    for r in dirdisps:
        a, b, y, n = integer(r, "ccode1"), integer(r, "ccode2"), integer(r, "year"), integer(r, "dispnum")
        if not (a in codes and b in codes and first <= y <= last):
            continue
        d = by_dispute[n]
        row = {"abb1": abbs[a], "abb2": abbs[b], "disp_styear": str(integer(d, "styear")),
               "disp_stmon": str(integer(d, "stmon")),
               "dyadonset": str(integer(r, "midonset" if participants is not None else "disponset"))}
        if participants is not None:
            row |= {"styear1": str(years[(n, a)][0]), "endyear1": str(years[(n, a)][1]),
                    "styear2": str(years[(n, b)][0]), "endyear2": str(years[(n, b)][1])}
        out.append([row[c] if c in row else str(integer(r if c in r else d, c)) for c in columns])
    return out


def side_sizes(dirdisps: Table) -> dict[int, tuple[int, int]]:
    """Number of states on Side A and Side B of each dispute, from all its directed rows."""
    sides: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for r in dirdisps:
        sides[integer(r, "dispnum")][0 if num(r, "sidea1") == 1 else 1].add(integer(r, "ccode1"))
    return {n: (len(a), len(b)) for n, (a, b) in sides.items()}


def pair_summary(directed: Out, source: str, periods: Sequence[tuple[int, int]], order: Sequence[str],
                 sizes: Mapping[int, tuple[int, int]] | None = None) -> Out:
    """Body rows (no header): per period and ordered pair (A, B), the disputes whose pair
    onset (dyadonset 1) falls in the period: who was on Side A, who initiated, how hostile.
    A dispute is bilateral with one state a side: by GML's numa/numb, else by `sizes`
    (COW-MID 5.0 has no such columns; count over all its states, not only those shipped).
    Revisionism is GML's only."""
    header, body = directed[0], [dict(zip(directed[0], r)) for r in directed[1:]]
    gml = "revstate1" in header
    out: Out = []
    for lo, hi in periods:
        met: dict[tuple[str, str], dict[int, dict[str, str]]] = defaultdict(dict)
        for r in body:
            if r["dyadonset"] == "1" and lo <= int(r["year"]) <= hi and r["abb1"] in order and r["abb2"] in order:
                met[(r["abb1"], r["abb2"])].setdefault(int(r["dispnum"]), r)
        for a in order:
            for b in order:
                ds = met.get((a, b))
                if not ds:
                    continue
                every = sorted(ds)
                init = [n for n in every if ds[n]["sidea1"] == "1" and ds[n]["orig1"] == "1"]
                bilateral = [n for n in init if (sizes.get(n) if sizes is not None else
                                                 (int(ds[n]["numa"]), int(ds[n]["numb"]))) == (1, 1)]
                revision = [n for n in every if ds[n].get("revstate1") == "1"]

                def top(ns: list[int], column: str = "hostlev1") -> int | None:
                    return max((int(ds[n][column]) for n in ns), default=None)
                out.append([source, f"{lo}-{hi}", a, b, str(len(every)),
                            str(sum(ds[n]["sidea1"] == "1" for n in every)), str(len(init)),
                            " ".join(map(str, init)), decimal(top(init)),
                            str(sum(ds[n]["orig2"] == "1" for n in init)), str(len(bilateral)),
                            decimal(top(bilateral)), str(top(every)), str(top(every, "hostlev")),
                            decimal(len(revision)) if gml else "",
                            " ".join(map(str, revision)) if gml else ""])
    return out
