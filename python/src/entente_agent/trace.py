"""What a state has been given so far, as one running SHA-256 (the `inputs` of each
recorded policy call, replay.py): the Welcome's facts, then every phase start and inbox
in order. A policy's view is a function of these, so two runs whose traces agree asked
the policy the same questions; the first phase they differ in shows where a replay
left the recorded run. Cheap: one hash update per phase, of the messages' exact reprs."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from .letters import Letter
from .messages import PhaseStart, Welcome


class InputTrace:
    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def welcome(self, w: Welcome) -> None:
        """The run's facts as this state has them; not the run id or the peers' endpoints,
        which differ from run to run without changing a decision."""
        self._feed(replace(w, run_id="", peers=tuple(replace(p, endpoint="") for p in w.peers)))

    def phase(self, start: PhaseStart, inbox: list[Letter]) -> None:
        self._feed(start, inbox)

    def _feed(self, *parts: object) -> None:
        self._hash.update(repr(parts).encode())

    def digest(self, *call: object) -> str:
        """The trace so far with the call's own arguments (the choice, the offer)."""
        h = self._hash.copy()
        h.update(repr(call).encode())
        return h.hexdigest()
