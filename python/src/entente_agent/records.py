"""The nested records of the wire format (PROTOCOL.md §3.3, §3.5), one frozen
dataclass each, with fields in wire order. Arrays are tuples so that every value
is immutable and comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

from .codes import OfferKind, ProblemCode, RuleCode, Stance


@dataclass(frozen=True, slots=True)
class Attributes:
    """A state's three attributes (§3.5)."""

    power: float
    offense: float
    aggressiveness: float


@dataclass(frozen=True, slots=True)
class Estimate:
    """Attributes as seen, with how sure the observer is (§3.5)."""

    attributes: Attributes
    confidence: float


@dataclass(frozen=True, slots=True)
class ReportedThreat:
    """One entry of an assessment or a belief (§3.5)."""

    target: str
    score: float
    estimate: Estimate


@dataclass(frozen=True, slots=True)
class ThreatScore:
    """The four factors of a threat; their product, the score, is not sent (§3.5)."""

    target: str
    power: float
    proximity: float
    offense: float
    intent: float

    @property
    def score(self) -> float:
        return self.power * self.proximity * self.offense * self.intent


@dataclass(frozen=True, slots=True)
class Decision:
    """A commit report's decision: a rule code and its numbers, never words (§3.5).

    `threat` (§3.5 says `opt string`) is read as an optional id, as the reference does."""

    stance: Stance
    threat: str | None
    rule: RuleCode
    numbers: tuple[float, ...]
    threats: tuple[ThreatScore, ...]


@dataclass(frozen=True, slots=True)
class Commitment:
    """An alliance the state consents to at commit (§3.5); `aimed_at` is an optional id."""

    partner: str
    kind: OfferKind
    aimed_at: str | None
    offered_by: str


@dataclass(frozen=True, slots=True)
class SeenState:
    """One entry of `Observation.seen`: an id and its estimate (§3.5)."""

    id: str
    estimate: Estimate


@dataclass(frozen=True, slots=True)
class Alliance:
    """A standing alliance: its pair, then a balancing coalition's target (§3.5)."""

    members: tuple[str, ...]
    target: str | None


@dataclass(frozen=True, slots=True)
class War:
    """A war as it stands, each side leader first (§3.5)."""

    attackers: tuple[str, ...]
    defenders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Observation:
    """What a state sees in the observe phase (§3.5)."""

    round: int
    own: Attributes
    seen: tuple[SeenState, ...]
    alliances: tuple[Alliance, ...]
    wars: tuple[War, ...]
    eliminated: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Border:
    """An edge of the public map, contact type already applied (§3.5)."""

    a: str
    b: str
    proximity: float


@dataclass(frozen=True, slots=True)
class PeerInfo:
    """A peer this state may write to, and its channel (§3.5, §2.3)."""

    id: str
    endpoint: str
    loss: float
    delay: int


@dataclass(frozen=True, slots=True)
class PriorActs:
    """A Welcome `history` entry: hostile acts by `actor` before round 1 (§3.3)."""

    actor: str
    acts: float


@dataclass(frozen=True, slots=True)
class ExpectedLetters:
    """The letters of one sender a state must hold before it acts (§2.3, §3.5)."""

    sender: str
    seqs: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """What a state refused, counted by code and sender (§2.3, §3.5).

    `sender` is a state id or `""` for none: the reference decoder refuses anything
    else, though §4 calls it a plain string. `detail` is words (`""` for none)."""

    code: ProblemCode
    sender: str
    count: int
    detail: str
