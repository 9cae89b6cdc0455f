"""Runs of a policy that draws from the operating system's random source are reproduced
by `entente run --again`, which replays the recorded decisions (docs/AGENTS.md)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from runs import TESTS, python_state, run, scenario

STATES = ("GMY", "RUS", "FRN", "UKG", "AUH", "ITA")


def test_again_replays_what_the_os_drew(tmp_path: Path) -> None:
    commands = {k: python_state("policies.os_random:OsRandom") for k in STATES}
    first = run([str(scenario("europe-1914"))], tmp_path / "first", commands)
    other = run([str(scenario("europe-1914"))], tmp_path / "other", commands)
    assert first.status == 0 and other.status == 0, first.stderr + other.stderr
    # The policy is not a function of the seed: a fresh run decides otherwise...
    assert first.digest != other.digest
    # ...and the replay is the run it replays.
    again = run(["--again", str(first.folder)], tmp_path / "again")
    assert again.status == 0, again.stderr
    assert again.digest == first.digest
    record = json.loads((again.folder / "programs" / "GMY.json").read_text())
    assert record["replayed_from"] == str(first.folder)


def test_the_run_folder_names_the_policy_and_hashes_its_source(tmp_path: Path) -> None:
    r = run([str(scenario("small"))], tmp_path / "run", {"FAR": python_state("policies.os_random:OsRandom")})
    assert r.status == 0, r.stderr
    record = json.loads((r.folder / "programs" / "FAR.json").read_text())
    assert record["policy"] == "policies.os_random.OsRandom"
    source = TESTS / "policies" / "os_random.py"
    assert record["sources"][0] == {"file": str(source), "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}
    calls = [json.loads(line) for line in (r.folder / "programs" / "FAR.decisions.jsonl").read_text().splitlines()]
    decided = [c for c in calls if c["call"] == "decide"]
    assert len(decided) == int(str(r.summary["rounds_completed"]))
    assert all(c["answer"]["rule"] == 7 for c in decided if c["answer"]["threat"] is not None)


def test_a_replay_that_diverges_says_where(tmp_path: Path) -> None:
    commands = {"FAR": python_state("policies.os_random:OsRandom")}
    first = run([str(scenario("small"))], tmp_path / "first", commands)
    assert first.status == 0, first.stderr
    log = first.folder / "programs" / "FAR.decisions.jsonl"
    calls = log.read_text().splitlines()
    tampered = json.loads(calls[1])
    tampered["inputs"] = "0" * 64
    log.write_text("\n".join([calls[0], json.dumps(tampered), *calls[2:]]) + "\n")
    again = run(["--again", str(first.folder)], tmp_path / "again")
    absent = again.events("absent")
    assert [e["state"] for e in absent] == ["FAR"]
    assert "call 2: recorded decide in round 1, this run asks decide in round 1 with other inputs" in str(absent[0]["text"])


def test_a_record_that_cannot_be_read_makes_the_state_absent(tmp_path: Path) -> None:
    commands = {"FAR": python_state("policies.os_random:OsRandom")}
    first = run([str(scenario("small"))], tmp_path / "first", commands)
    assert first.status == 0, first.stderr
    (first.folder / "programs" / "FAR.decisions.jsonl").write_text('{"round": 1, "call": "assessment"\n')
    again = run(["--again", str(first.folder)], tmp_path / "again")
    # The repeat is not the run it repeats, and says so; FAR is absent with the reason.
    assert again.status != 0 and "the repeat's digest differs" in again.stderr
    absent = again.events("absent")
    assert [e["state"] for e in absent] == ["FAR"]
    assert "FAR.decisions.jsonl: line 1 is not JSON" in str(absent[0]["text"])
