"""Reproducible science from policies that are not a function of the seed (a learned
model, a language model, a person at a prompt): every call to the policy is recorded
with a hash of its inputs (everything the state was given up to the call, trace.py)
and its answer (`programs/ID.decisions.jsonl`), and
`entente run --again RUN_DIR` replays the answers instead of calling the policy, so the
digest holds. A replay whose inputs differ from the record's stops with the first call
that differs: the run is then not the one recorded."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from .codes import RejectReason, RuleCode, Stance
from .policy import Choice, OfferSeen, Policy, Reply
from .records import Attributes, Estimate, ReportedThreat
from .trace import InputTrace
from .view import AssessView, RoundView


class ReplayDiverged(Exception):
    """The replayed run asked the policy something the recorded run did not."""


class Recording(Policy):
    """Calls the policy and appends each call and its answer to the record (flushed by the
    state after each phase, `flush`)."""

    def __init__(self, inner: Policy, out: IO[str], trace: InputTrace) -> None:
        self.inner, self.out, self.trace = inner, out, trace

    def _log(self, call: str, round_: int, inputs: str, answer: object) -> None:
        self.out.write(json.dumps({"round": round_, "call": call, "inputs": inputs, "answer": answer}) + "\n")

    def flush(self) -> None:
        self.out.flush()

    def assessment(self, view: AssessView) -> Sequence[ReportedThreat]:
        said = list(self.inner.assessment(view))
        self._log("assessment", view.round, self.trace.digest("assessment"), [_threat_out(r) for r in said])
        return said

    def decide(self, view: RoundView) -> Choice:
        choice = self.inner.decide(view)
        self._log("decide", view.round, self.trace.digest("decide"), _choice_out(choice))
        return choice

    def partners(self, view: RoundView, choice: Choice) -> Sequence[str]:
        found = list(self.inner.partners(view, choice))
        self._log("partners", view.round, self.trace.digest("partners", choice), found)
        return found

    def answer(self, view: RoundView, choice: Choice, offer: OfferSeen) -> Reply:
        reply = self.inner.answer(view, choice, offer)
        self._log("answer", view.round, self.trace.digest("answer", choice, offer),
                  [reply.accept, None if reply.reason is None else int(reply.reason), reply.state])
        return reply


class Replaying(Policy):
    """Answers each call from the record, in order, after checking its inputs are the ones
    recorded; the policy itself is never called."""

    def __init__(self, record: Path, trace: InputTrace) -> None:
        self.trace, self.source, self.next = trace, record, 0
        self.calls: list[dict[str, object]] = []
        # A record that cannot be read fails the first call, not the start: the state then
        # joins, is logged absent with the reason, and the run goes on.
        self.problem: str | None = None
        try:
            lines = record.read_text().splitlines()
        except OSError as error:
            self.problem = f"cannot replay: {error} (was the run recorded by the agent kit?)"
            return
        for number, line in enumerate(lines, 1):
            try:
                entry = json.loads(line)
            except ValueError as error:
                self.problem = f"cannot replay {record}: line {number} is not JSON ({error})"
                return
            if not isinstance(entry, dict) or not {"round", "call", "inputs", "answer"} <= entry.keys():
                self.problem = f"cannot replay {record}: line {number} is not a recorded call"
                return
            self.calls.append(entry)

    def _take(self, call: str, round_: int, inputs: str) -> object:
        if self.problem is not None:
            raise ReplayDiverged(self.problem)
        if self.next >= len(self.calls):
            raise ReplayDiverged(f"{self.source} has {len(self.calls)} calls; this run asks for more ({call} in round {round_})")
        entry = self.calls[self.next]
        if entry["call"] != call or entry["round"] != round_ or entry["inputs"] != inputs:
            raise ReplayDiverged(f"{self.source}, call {self.next + 1}: recorded {entry['call']} in round {entry['round']}, "
                                 f"this run asks {call} in round {round_}" + ("" if entry["call"] != call else " with other inputs"))
        self.next += 1
        return entry["answer"]

    def assessment(self, view: AssessView) -> Sequence[ReportedThreat]:
        answer = self._take("assessment", view.round, self.trace.digest("assessment"))
        assert isinstance(answer, list)
        return [_threat_in(r) for r in answer]

    def decide(self, view: RoundView) -> Choice:
        answer = self._take("decide", view.round, self.trace.digest("decide"))
        assert isinstance(answer, dict)
        return Choice(Stance(answer["stance"]), answer["threat"], RuleCode(answer["rule"]), tuple(_number(x) for x in answer["numbers"]))

    def partners(self, view: RoundView, choice: Choice) -> Sequence[str]:
        answer = self._take("partners", view.round, self.trace.digest("partners", choice))
        assert isinstance(answer, list)
        return [str(k) for k in answer]

    def answer(self, view: RoundView, choice: Choice, offer: OfferSeen) -> Reply:
        answer = self._take("answer", view.round, self.trace.digest("answer", choice, offer))
        assert isinstance(answer, list)
        accept, reason, state = answer
        return Reply(bool(accept), None if reason is None else RejectReason(reason), str(state))


def _threat_out(r: ReportedThreat) -> list[object]:
    a = r.estimate.attributes
    return [r.target, r.score, a.power, a.offense, a.aggressiveness, r.estimate.confidence]


def _threat_in(row: list[object]) -> ReportedThreat:
    target, score, power, offense, aggressiveness, confidence = row
    return ReportedThreat(str(target), _number(score), Estimate(
        Attributes(_number(power), _number(offense), _number(aggressiveness)), _number(confidence)))


def _number(value: object) -> float:
    if not isinstance(value, (int, float)):
        raise ReplayDiverged(f"a recorded number is {value!r}")
    return float(value)


def _choice_out(c: Choice) -> dict[str, object]:
    return {"stance": int(c.stance), "threat": c.threat, "rule": int(c.rule), "numbers": list(c.numbers)}
