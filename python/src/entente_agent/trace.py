"""What a state has been given so far, as one running SHA-256 (the `inputs` of each
recorded policy call, replay.py): the Welcome's facts, then every phase start and inbox
in order. A policy's view is a function of these, so two runs whose traces agree asked
the policy the same questions; the first phase they differ in shows where a replay
left the recorded run. Cheap: the frames as received, hashed once each."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from .messages import Welcome


class InputTrace:
    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def welcome(self, w: Welcome) -> None:
        """The run's facts as this state has them; not the run id or the peers' endpoints,
        which differ from run to run without changing a decision."""
        facts = replace(w, run_id="", peers=tuple(replace(p, endpoint="") for p in w.peers))
        self._hash.update(repr(facts).encode())

    def phase(self, start: bytes, inbox: list[bytes]) -> None:
        """A phase start and the letters it announced, as the frames that carried them
        (inbox in canonical order): exact, and no second encoding."""
        self._hash.update(len(start).to_bytes(4, "little") + start)
        for frame in inbox:
            self._hash.update(len(frame).to_bytes(4, "little") + frame)

    def digest(self, *call: object) -> str:
        """The trace so far with the call's own arguments (the choice, the offer)."""
        h = self._hash.copy()
        h.update(repr(call).encode())
        return h.hexdigest()
