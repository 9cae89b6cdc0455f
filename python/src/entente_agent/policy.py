"""The policy API: the decisions a state makes in a round. Subclass `Policy` and override
any of its four methods; the framework does the messaging, the timing and the bookkeeping
of offers (docs/AGENTS.md). The base class is the reference state's policy exactly (Walt,
or the scenario's comparison policy: MODEL.md §6), so what is not overridden stays the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .codes import OfferKind, PolicyKind, RejectReason, RuleCode, Stance
from .numerics import fold_sum, smax
from .records import Attributes, ReportedThreat, ThreatScore
from .threat import main_threats, win_probability
from .view import AssessView, RoundView

RATIO_FLOOR = 1e-12
"""The lower bound of a ratio's denominator, so that a ratio is always finite."""


@dataclass(frozen=True, slots=True)
class Choice:
    """The round's stance, the threat it is about, and the rule that fired with its numbers
    (PROTOCOL.md §3.6 gives each code's numbers; the coordinator renders the words)."""

    stance: Stance
    threat: str | None
    rule: RuleCode
    numbers: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class OfferSeen:
    """An offer another state made to this one."""

    sender: str
    kind: OfferKind
    aimed_at: str | None


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer to an offer: accept, or refuse for a coded reason (naming `state` where
    the reason names one)."""

    accept: bool
    reason: RejectReason | None = None
    state: str = ""


ACCEPT = Reply(True)


def refuse(reason: RejectReason, state: str = "") -> Reply:
    return Reply(False, reason, state)


class Policy:
    """The reference policy; each method is one decision of the round."""

    def assessment(self, view: AssessView) -> Sequence[ReportedThreat]:
        """assess: what to tell every peer. The top `assessment_size` perceived threats;
        a deceiver inflates its main threat's power, so the threat it wants balanced
        looks bigger (MODEL.md §5.4)."""
        said = list(view.belief())
        if view.inflation == 1 or not said:
            return said
        main = said[0]
        e = main.estimate.attributes
        inflated = Attributes(e.power * view.inflation, e.offense, e.aggressiveness)
        score = view.rescore(main.target, inflated).score
        estimate = type(main.estimate)(inflated, main.estimate.confidence)
        return [ReportedThreat(main.target, score, estimate), *said[1:]]

    def decide(self, view: RoundView) -> Choice:
        """negotiate, first step: the stance of the round (MODEL.md §6)."""
        p = view.params
        if not view.threats or not view.threats[0].score >= p.threat_floor:
            return Choice(Stance.NONE, None, RuleCode.NO_THREAT,
                          (p.threat_floor, *(t.score for t in view.threats[:1])))
        t = view.threats[0].target
        if view.kind is PolicyKind.ALWAYS_BALANCE:
            return Choice(Stance.BALANCE, t, RuleCode.ALWAYS_BALANCE)
        if view.kind is PolicyKind.ALWAYS_BANDWAGON:
            return Choice(Stance.BANDWAGON, t, RuleCode.ALWAYS_BANDWAGON)
        if view.kind is PolicyKind.RANDOM:
            draw = view.random.uniform()
            stance = Stance.BANDWAGON if draw < p.random_bandwagon else Stance.BALANCE
            return Choice(stance, t, RuleCode.RANDOM, (draw, p.random_bandwagon))
        return walt(view, view.threats[0])

    def partners(self, view: RoundView, choice: Choice) -> Sequence[str]:
        """Whom to offer a balancing alliance, best first (the framework skips those offered
        already and stops at `max_offers` and `max_allies`)."""
        return view.willing_partners(choice.threat) if choice.threat is not None else []

    def answer(self, view: RoundView, choice: Choice, offer: OfferSeen) -> Reply:
        """Whether to accept an offer (the framework has refused it already when the two are
        allied or this state has no room: MODEL.md §7)."""
        if choice.threat == offer.sender:
            return ACCEPT if choice.stance is Stance.BANDWAGON else refuse(RejectReason.MAIN_THREAT)
        # A balancing state never joins the side of the threat it balances against.
        if choice.stance is Stance.BALANCE and choice.threat is not None and choice.threat in view.side(offer.sender):
            return refuse(RejectReason.ON_SIDE_OF, choice.threat)
        if offer.kind is OfferKind.BANDWAGON:
            return ACCEPT
        target = offer.aimed_at
        if target is None or target == view.me:
            return refuse(RejectReason.AIMED_AT_ME)
        if choice.stance is Stance.BANDWAGON and choice.threat == target:
            return refuse(RejectReason.ALIGN_WITH, target)
        if offer.sender in view.side(target):
            return refuse(RejectReason.ON_SIDE_OF, target)
        if target in main_threats(view.params, view.threats):
            return ACCEPT
        return refuse(RejectReason.NOT_A_MAIN_THREAT, target)


def walt(view: RoundView, main: ThreatScore) -> Choice:
    """Walt: balance is the rule; bandwagon when weak, isolated and next to an overwhelming
    threat, or in war once the threat's side looks certain to win (MODEL.md §6.1)."""
    p = view.params
    t = main.target
    theirs = view.side(t)
    # Power counts as far as it reaches; sums run in id order, as the reference's do.
    their_power = fold_sum(view.power(k) * view.geography.proximity(k, view.me) for k in sorted(theirs))
    g = view.geography.proximity(view.me, t)
    near = g >= p.near_proximity
    ratio = view.own_power / smax(their_power, RATIO_FLOOR)
    weak = ratio < p.weak_ratio
    at_war = any(view.me in w.attackers or view.me in w.defenders for w in view.wars)
    if p.war_bandwagon >= 0.5 and weak and view.me not in theirs and (at_war or near):
        war = next((w for w in view.wars if t in w.attackers or t in w.defenders), None)
        if war is not None:
            t_side, other = (war.attackers, war.defenders) if t in war.attackers else (war.defenders, war.attackers)
            win = win_probability(fold_sum(view.power(k) for k in t_side), fold_sum(view.power(k) for k in other),
                                  view.war_decisiveness)
            if win >= p.certain_victory:
                return Choice(Stance.BANDWAGON, t, RuleCode.WAR_VICTOR, (win, p.certain_victory))
    mine = view.allies.get(view.me, frozenset()) - theirs

    def help_(k: str) -> float:
        return view.power(k) * view.geography.proximity(k, t)

    available = (view.own_power + fold_sum(help_(k) for k in sorted(mine))
                 + fold_sum(help_(k) for k in view.willing_partners(t)))
    allies_ratio = available / smax(p.ally_margin * their_power, RATIO_FLOOR)
    numbers = (ratio, p.weak_ratio, allies_ratio, g, p.near_proximity)
    if weak and near and allies_ratio < 1:
        return Choice(Stance.BANDWAGON, t, RuleCode.WEAK_NEAR_ALONE, numbers)
    return Choice(Stance.BALANCE, t, RuleCode.WALT_BALANCE, numbers)
