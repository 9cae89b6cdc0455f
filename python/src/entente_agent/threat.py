"""Walt's threat function (MODEL.md §3): the four sources as factors, the intent a state
aims at the observer (§3.3), and the ranking of threats. One function, as in the
reference: a state's perception and a deceiver's inflation both call `ThreatLens.threat`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from .geography import Geography
from .numerics import smax, smin
from .params import PolicyParameters, ThreatWeights
from .records import Attributes, ThreatScore


class Ranked(Protocol):
    """A threat in a ranking: a perceived ThreatScore or a peer's ReportedThreat."""

    @property
    def target(self) -> str: ...

    @property
    def score(self) -> float: ...


@dataclass(slots=True)
class HostilityRecord:
    """actor → hostile acts toward this observer: wars it started against the observer,
    an ally or a neighbour; coalitions it formed against the observer; and its disputes
    before round 1, each a weighted share of an act (§3.4)."""

    acts: dict[str, float] = field(default_factory=dict)

    def record_war(self, attacker: str, defender: str, observer: str, allies: set[str],
                   geography: Geography, weight: float = 1.0) -> None:
        """Counts a war aimed at the observer, one of its allies or one of its neighbours."""
        if attacker == observer:
            return
        if defender == observer or defender in allies or geography.hops(observer, defender) == 1:
            self.acts[attacker] = self.acts.get(attacker, 0.0) + weight

    def record_coalition(self, members: Iterable[str], target: str, observer: str) -> None:
        """Counts a balancing coalition formed against the observer: each member's intent."""
        if target != observer:
            return
        for m in members:
            if m != observer:
                self.acts[m] = self.acts.get(m, 0.0) + 1.0

    def count(self, actor: str) -> float:
        return self.acts.get(actor, 0.0)


def directed_intent(weights: ThreatWeights, aggressiveness: float, acts: float, allied: bool) -> float:
    """General aggressiveness, raised by `hostility_step` per act, discounted while allied."""
    raised = smin(1.0, aggressiveness + weights.hostility_step * acts)
    return raised * weights.ally_discount if allied else raised


def components(target: str, a: Attributes, proximity: float, w: ThreatWeights) -> ThreatScore:
    """The four factors; their product, in this order, is the score."""
    return ThreatScore(target=target,
                       power=math.pow(smax(a.power, 0.0), w.power_exponent),
                       proximity=proximity,
                       offense=1 + w.offense_weight * a.offense,
                       intent=w.intent_base + w.intent_weight * a.aggressiveness)


@dataclass(frozen=True, slots=True)
class ThreatLens:
    """What an observer brings to scoring threats: its record, its allies and the map."""

    observer: str
    record: HostilityRecord
    allies: frozenset[str]
    geography: Geography
    weights: ThreatWeights

    def threat(self, actor: str, a: Attributes) -> ThreatScore:
        """The threat `actor`, with attributes `a`, poses to the observer (§3)."""
        aimed = Attributes(a.power, a.offense, directed_intent(
            self.weights, a.aggressiveness, self.record.count(actor), actor in self.allies))
        return components(actor, aimed, self.geography.proximity(self.observer, actor), self.weights)

    def ranked(self, attributes: Mapping[str, Attributes]) -> list[ThreatScore]:
        """Every other state by its threat, highest first, ties by id."""
        scores = [self.threat(k, a) for k, a in attributes.items() if k != self.observer]
        return sorted(scores, key=lambda t: (-t.score, t.target))


def win_probability(a: float, b: float, decisiveness: float) -> float:
    """`a^k / (a^k + b^k)`: the chance the side with power a beats the side with b."""
    if a <= 0 and b <= 0:
        return 0.5
    x, y = math.pow(smax(a, 0.0), decisiveness), math.pow(smax(b, 0.0), decisiveness)
    return x / (x + y)


def main_threats(params: PolicyParameters, ranked: Iterable[Ranked], rank: int | None = None) -> list[str]:
    """The first `shared_threat_rank` (or `rank`) threats whose score reaches the floor (§5.5)."""
    limit = int(params.shared_threat_rank) if rank is None else rank
    out: list[str] = []
    for k, t in enumerate(ranked):
        if k >= limit:
            break
        if t.score >= params.threat_floor:
            out.append(t.target)
    return out
