"""What a policy may look at (the reference's `PolicyContext`): the state's own view of
the round, never the ground truth. Every field is the state's perception."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .codes import PolicyKind
from .geography import Geography
from .params import PolicyParameters
from .records import Attributes, Estimate, ReportedThreat, ThreatScore, War
from .rng import SeededRandom


@dataclass(frozen=True, slots=True)
class AssessView:
    """The assess phase: what the state believes, before its peers have spoken."""

    me: str
    round: int
    params: PolicyParameters
    threats: tuple[ThreatScore, ...]
    """Perceived threats, highest first."""
    estimates: Mapping[str, Estimate]
    """What the state believes of each other state, and how surely."""
    inflation: float
    """1: honest; otherwise the scenario makes this state a deceiver that inflates its
    main threat's power by this factor (MODEL.md §5.4)."""
    rescore: Callable[[str, Attributes], ThreatScore]
    """The state's own threat function, for attributes it chooses to report."""

    def reported(self, threat: ThreatScore) -> ReportedThreat:
        """A perceived threat as an assessment entry: its score and the state's estimate."""
        none = Estimate(Attributes(0.0, 0.0, 0.0), 0.0)
        return ReportedThreat(threat.target, threat.score, self.estimates.get(threat.target, none))

    def belief(self) -> tuple[ReportedThreat, ...]:
        """The honest assessment: the top `assessment_size` perceived threats (logged as
        the state's belief, beside what it said)."""
        return tuple(self.reported(t) for t in self.threats[: int(self.params.assessment_size)])


@dataclass(frozen=True, slots=True)
class RoundView:
    """The negotiation: the state's beliefs once its peers' assessments are fused in."""

    me: str
    round: int
    kind: PolicyKind
    """The policy the scenario gives this state (Welcome.policy)."""
    params: PolicyParameters
    own: Attributes
    """Own true attributes: a state knows itself."""
    threats: tuple[ThreatScore, ...]
    """Perceived threats, highest first (ties by id)."""
    beliefs: Mapping[str, Attributes]
    allies: Mapping[str, frozenset[str]]
    """Public alliances: each state's allies."""
    wars: tuple[War, ...]
    sharers: Mapping[str, tuple[str, ...]]
    """Target → peers whose assessments name it among their main threats, in inbox order."""
    geography: Geography
    war_decisiveness: float
    random: SeededRandom
    """The stream of this state and round (seed, "policy", [me, round]): draw from it, never
    from an unseeded source, or record the draws (docs/AGENTS.md)."""
    reachable: frozenset[str]
    """The peers this state may write to."""

    @property
    def own_power(self) -> float:
        return self.own.power

    def can_reach(self, state: str) -> bool:
        return state in self.reachable

    def power(self, state: str) -> float:
        """Own true power, or the believed power of another (0 when unknown)."""
        if state == self.me:
            return self.own_power
        seen = self.beliefs.get(state)
        return seen.power if seen is not None else 0.0

    def side(self, state: str) -> frozenset[str]:
        """A state and its allies: the side one joins by allying with it."""
        return self.allies.get(state, frozenset()) | {state}

    def willing_partners(self, threat: str) -> list[str]:
        """Peers that would balance with me against `threat`: they share it and are neither
        on its side nor my allies already; strongest first, ties by id."""
        theirs = self.side(threat)
        mine = self.allies.get(self.me, frozenset())
        found = [k for k in self.sharers.get(threat, ())
                 if k != self.me and k not in theirs and k not in mine and self.can_reach(k)]
        return sorted(found, key=lambda k: (-self.power(k), k))
