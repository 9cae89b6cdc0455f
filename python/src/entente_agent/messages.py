"""The messages of the wire format (PROTOCOL.md §3.3, §3.4), one frozen dataclass
each, fields in wire order. The type byte follows from the class (`message_type`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .codes import MessageType, Phase, PolicyKind
from .letters import Letter
from .params import PolicyParameters, ThreatWeights
from .records import (
    Border,
    Commitment,
    Decision,
    ExpectedLetters,
    Observation,
    PeerInfo,
    PriorActs,
    Problem,
    ReportedThreat,
    ThreatScore,
)


@dataclass(frozen=True, slots=True)
class Hello:
    """Type 1: a state joins, or returns (§2.1, §2.2)."""

    state: str
    pid: int
    endpoint: str


@dataclass(frozen=True, slots=True)
class Welcome:
    """Type 2: the run's facts and this state's peers (§2.1, §3.3)."""

    run_id: str
    state: str
    seed: int
    rounds: int
    negotiation_steps: int
    phase_timeout_ms: int
    policy: PolicyKind
    params: PolicyParameters
    threat: ThreatWeights
    war_decisiveness: float
    hop_decay: float
    proximity_floor: float
    states: tuple[str, ...]
    borders: tuple[Border, ...]
    peers: tuple[PeerInfo, ...]
    inflation: float
    report_ranking: bool
    history: tuple[PriorActs, ...]


@dataclass(frozen=True, slots=True)
class PhaseStart:
    """Type 3: a phase begins; `observation` only in the observe phase (§2.2, §3.3)."""

    round: int
    phase: Phase
    step: int
    expected: tuple[ExpectedLetters, ...]
    observation: Observation | None


@dataclass(frozen=True, slots=True)
class PhaseReport:
    """Type 4: a state's answer to a phase, even when empty (§2.2, §3.3)."""

    round: int
    phase: Phase
    step: int
    letters: tuple[Letter, ...] = ()
    belief: tuple[ReportedThreat, ...] = ()
    decision: Decision | None = None
    ranking: tuple[ThreatScore, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Finish:
    """Type 5: the run is over; `digest` is 64 lowercase hex characters (§2.4)."""

    digest: str


@dataclass(frozen=True, slots=True)
class Abort:
    """Type 6: the run failed, or the sender did (§2)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Ready:
    """Type 7, state to coordinator: every peer's connection to this state is up (§2)."""


@dataclass(frozen=True, slots=True)
class PeerMessage:
    """Type 16: a letter tagged with the phase it was sent in (§2.3, §3.4)."""

    round: int
    phase: Phase
    step: int
    letter: Letter


ControlMessage = Hello | Welcome | PhaseStart | PhaseReport | Finish | Abort | Ready
Message = ControlMessage | PeerMessage

_TYPES: dict[type[Message], MessageType] = {
    Hello: MessageType.HELLO,
    Welcome: MessageType.WELCOME,
    PhaseStart: MessageType.PHASE_START,
    PhaseReport: MessageType.PHASE_REPORT,
    Finish: MessageType.FINISH,
    Abort: MessageType.ABORT,
    Ready: MessageType.READY,
    PeerMessage: MessageType.PEER_MESSAGE,
}


def message_type(message: Message) -> MessageType:
    """The type byte of a message (§3.1)."""
    return _TYPES[type(message)]
