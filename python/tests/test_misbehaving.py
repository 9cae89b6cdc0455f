"""A Python policy that raises, sleeps past its deadline or gives what cannot be sent is
recorded `absent` with its reason; a state that sends malformed bytes has them refused
and counted by its peers. In every case the run finishes."""

from __future__ import annotations

from pathlib import Path

import pytest

from runs import python_state, run, scenario, state_ids

MISBEHAVING = "policies.misbehaving"


@pytest.mark.parametrize(("policy", "reason", "words"), [
    ("Raises", "failed", "the policy raised ValueError: this policy cannot decide (at misbehaving.py:"),
    ("Sleeps", "deadline", "no report within 2.0 s"),
    ("Malformed", "failed", "the policy's answer cannot be sent: peerMessage.letter.threats[0].target"),
])
def test_absent_with_the_reason(policy: str, reason: str, words: str, tmp_path: Path) -> None:
    r = run([str(scenario("small")), "--set", "timeouts.phase_seconds=2"], tmp_path / "run",
            {"MDA": python_state(f"{MISBEHAVING}:{policy}")}, timeout=120)
    assert r.status == 0, r.stderr
    absent = r.events("absent")
    assert [(e["state"], e["reason"]) for e in absent] == [("MDA", reason)]
    assert words in str(absent[0]["text"])
    # The others went on to the last round, and MDA decided nothing after it was gone.
    rounds = int(str(r.summary["rounds_completed"]))
    assert len(r.events("round_end")) == rounds
    gone = int(str(absent[0]["round"]))
    assert not [e for e in r.events("decision") if e["state"] == "MDA" and int(str(e["round"])) > gone]
    assert {e["state"] for e in r.events("decision") if int(str(e["round"])) == rounds} == set(state_ids("small")) - {"MDA"}


@pytest.mark.parametrize("transport", ("ipc", "tcp"))
def test_malformed_bytes_are_refused_and_counted(transport: str, tmp_path: Path) -> None:
    r = run([str(scenario("small")), "--transport", transport, "--set", "timeouts.phase_seconds=2"], tmp_path / "run",
            {"MDA": f"{python_state().split(' -m ')[0]} -m {MISBEHAVING}"}, timeout=120)
    assert r.status == 0, r.stderr
    refused = [e for e in r.events("rejected") if e["code"] == "malformed"]
    assert refused, "no peer refused MDA's corrupted letters"
    # Over tcp, CURVE names the sender of the bytes that do not decode.
    assert {e["sender"] for e in refused} == ({"MDA"} if transport == "tcp" else {None})
    assert len(r.events("round_end")) == int(str(r.summary["rounds_completed"]))
