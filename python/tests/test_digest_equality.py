"""The Python state is the Swift state, byte for byte: with one state at a time in Python,
and with every state in Python, each run gives the reference engine's digest, over ipc
and over tcp with CURVE (issue: States in Python)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reference import REPO_ROOT
from runs import python_state, reference_digest, run, scenario, state_ids

SCENARIOS = ("small", "europe-1914", "europe-1936")
TRANSPORTS = ("ipc", "tcp")
ONE_AT_A_TIME = [(s, k) for s in SCENARIOS for k in state_ids(s)]


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(("name", "state"), ONE_AT_A_TIME, ids=[f"{s}-{k}" for s, k in ONE_AT_A_TIME])
def test_one_state_in_python(name: str, state: str, transport: str, tmp_path: Path) -> None:
    expected = reference_digest(name, tmp_path / "reference")
    r = run([str(scenario(name)), "--transport", transport], tmp_path / "run", {state: python_state()})
    assert r.status == 0, r.stderr
    assert r.digest == expected
    assert (tmp_path / "run" / "programs" / f"{state}.json").is_file()


SHIPPED = tuple(sorted(p.stem for p in (REPO_ROOT / "scenarios").glob("*.yaml")))


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("name", (*SHIPPED, "every-rule"))
def test_every_state_in_python(name: str, transport: str, tmp_path: Path) -> None:
    """Every shipped scenario; every-rule adds what they lack: the comparison policies, a
    deceiver, lossy and delayed channels."""
    expected = reference_digest(name, tmp_path / "reference")
    ids = state_ids(name)
    r = run([str(scenario(name)), "--transport", transport], tmp_path / "run", {"*": python_state()})
    assert r.status == 0, r.stderr
    assert r.digest == expected
    assert sorted(p.name for p in (tmp_path / "run" / "programs").glob("*.json")) == sorted(f"{k}.json" for k in ids)


def test_full_log_rankings_match(tmp_path: Path) -> None:
    """With --log full every commit report carries the state's whole ranking: threats.csv
    is the same file whether the states are Swift or Python."""
    ref = run([str(scenario("europe-1914")), "--engine", "reference", "--log", "full"], tmp_path / "reference")
    assert ref.status == 0, ref.stderr
    r = run([str(scenario("europe-1914")), "--log", "full"], tmp_path / "run",
            {k: python_state() for k in ("GMY", "RUS", "UKG", "FRN", "AUH")})
    assert r.status == 0, r.stderr
    assert r.digest == ref.digest
    assert (r.folder / "threats.csv").read_bytes() == (ref.folder / "threats.csv").read_bytes()
