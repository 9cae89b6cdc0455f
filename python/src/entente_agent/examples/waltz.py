"""A pure balance-of-power state (Waltz 1979, *Theory of International Politics*, ch. 6):
it balances against aggregate power alone, whatever the proximity, offensive power or
intentions behind it, and never bandwagons. "Secondary states, if they are free to
choose, flock to the weaker side; for it is the stronger side that threatens them."

    python -m entente_agent.examples.waltz ARGS-OF-ENTENTE-STATE
"""

from __future__ import annotations

from collections.abc import Sequence

from entente_agent import ACCEPT, Choice, OfferKind, OfferSeen, Policy, RejectReason, Reply, RoundView, RuleCode
from entente_agent import Stance, main, refuse


class Waltz(Policy):
    def strongest(self, view: RoundView) -> str | None:
        """The most powerful other state as this one believes (ties by id)."""
        others = sorted((k for k in view.beliefs if k != view.me), key=lambda k: (-view.power(k), k))
        return others[0] if others else None

    def decide(self, view: RoundView) -> Choice:
        """Balance against the strongest; no side when no state's power reaches the floor.
        Numbers: the strongest's believed power, then this state's own."""
        s = self.strongest(view)
        if s is None or not view.power(s) >= view.params.threat_floor:
            return Choice(Stance.NONE, None, RuleCode.OWN_RULE, ())
        return Choice(Stance.BALANCE, s, RuleCode.OWN_RULE, (view.power(s), view.own_power))

    def partners(self, view: RoundView, choice: Choice) -> Sequence[str]:
        """Anyone not on the strongest's side, strongest first: the weaker side gathers."""
        assert choice.threat is not None
        theirs = view.side(choice.threat) | view.allies.get(view.me, frozenset())
        return sorted((k for k in view.reachable if k not in theirs), key=lambda k: (-view.power(k), k))

    def answer(self, view: RoundView, choice: Choice, offer: OfferSeen) -> Reply:
        """Join anyone against the strongest; never the strongest or its side."""
        s = choice.threat
        if s is None:
            return ACCEPT if offer.kind is OfferKind.BANDWAGON else refuse(RejectReason.NOT_A_MAIN_THREAT, offer.aimed_at or "")
        if offer.sender == s:
            return refuse(RejectReason.MAIN_THREAT)
        if offer.sender in view.side(s):
            return refuse(RejectReason.ON_SIDE_OF, s)
        if offer.kind is OfferKind.BANDWAGON or offer.aimed_at == s:
            return ACCEPT
        if offer.aimed_at is None or offer.aimed_at == view.me:
            return refuse(RejectReason.AIMED_AT_ME)
        return refuse(RejectReason.NOT_A_MAIN_THREAT, offer.aimed_at)


if __name__ == "__main__":
    main(Waltz(), prog="python -m entente_agent.examples.waltz")
