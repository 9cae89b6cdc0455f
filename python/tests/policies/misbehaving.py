"""Policies that break the rules, for the tests: each must end up `absent` with its
reason in the log while the run finishes (tests/test_misbehaving.py)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from entente_agent import Choice, Policy, ReportedThreat, RoundView
from entente_agent.view import AssessView


class Raises(Policy):
    """Raises in its first decision."""

    def decide(self, view: RoundView) -> Choice:
        raise ValueError("this policy cannot decide")


class Sleeps(Policy):
    """Overruns the phase deadline in its second round's decision."""

    def decide(self, view: RoundView) -> Choice:
        if view.round >= 2:
            time.sleep(30)
        return super().decide(view)


class Malformed(Policy):
    """Reports a threat whose target is not a state id: its message cannot be encoded."""

    def assessment(self, view: AssessView) -> Sequence[ReportedThreat]:
        said = list(super().assessment(view))
        if said:
            said[0] = ReportedThreat("not an id!", said[0].score, said[0].estimate)
        return said


def garbage_state() -> None:
    """A state that corrupts every letter it sends (the wire bytes, after encoding): its
    peers must refuse them as malformed, count them, and the run go on."""
    import zmq

    from entente_agent import main
    from entente_agent.process import StateProcess

    class Corrupting(StateProcess):
        def send_letter(self, socket: zmq.Socket[bytes], data: bytes) -> None:
            socket.send(data[: len(data) // 2])

    main(process=Corrupting)


if __name__ == "__main__":
    garbage_state()
