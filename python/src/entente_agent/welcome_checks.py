"""The checks a decoder makes on a Welcome before a state may run with it
(PROTOCOL.md §4, the Welcome row): values a state could not run with are refused
as invalid values, not left for the state to trip over.

The policy parameters and the counts of `params` and `threat` are checked as they
are read (`params.py`); the rest is here.
"""

from __future__ import annotations

from .errors import InvalidValue
from .messages import Welcome

MAX_INFLATION = 100.0
MAX_PRIOR_ACTS = 1e6


def check_welcome(welcome: Welcome) -> None:
    """Refuses a Welcome §4 lists as one a state could not run with."""
    if welcome.negotiation_steps == 0:
        raise InvalidValue("welcome.negotiationSteps", "must be at least 1")
    states = set(welcome.states)
    if len(states) != len(welcome.states):
        raise InvalidValue("welcome.states", "an id twice")
    if welcome.state not in states:
        raise InvalidValue("welcome.states", f"the receiver {welcome.state} is not among them")
    _check_peers(welcome, states)
    # The reference names `welcome.peers` for this one too (one check with the losses).
    if not 0 <= welcome.inflation <= MAX_INFLATION:
        raise InvalidValue("welcome.inflation", f"{welcome.inflation} is outside [0, 100]")
    _check_history(welcome, states)


def _check_others(field: str, ids: list[str], welcome: Welcome, states: set[str]) -> None:
    """Each of `ids` once, a state of the run, and not the receiver itself."""
    seen: set[str] = set()
    for id in ids:
        if id in seen:
            raise InvalidValue(field, f"{id} twice")
        if id == welcome.state:
            raise InvalidValue(field, f"{id} is the receiver itself")
        if id not in states:
            raise InvalidValue(field, f"{id} is not a state of the run")
        seen.add(id)


def _check_peers(welcome: Welcome, states: set[str]) -> None:
    _check_others("welcome.peers", [p.id for p in welcome.peers], welcome, states)
    for peer in welcome.peers:
        if not 0 <= peer.loss <= 1:
            raise InvalidValue("welcome.peers", f"{peer.id}'s loss {peer.loss} is outside [0, 1]")


def _check_history(welcome: Welcome, states: set[str]) -> None:
    _check_others("welcome.history", [h.actor for h in welcome.history], welcome, states)
    for entry in welcome.history:
        if not 0 <= entry.acts <= MAX_PRIOR_ACTS:
            raise InvalidValue("welcome.history", f"{entry.actor}'s acts {entry.acts} are outside [0, 1e6]")
