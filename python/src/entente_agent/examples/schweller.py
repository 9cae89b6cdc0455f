"""Bandwagoning for profit (Schweller 1994, "Bandwagoning for Profit: Bringing the
Revisionist State Back In", *International Security* 19(1): 72-107): alignment follows
the compatibility of goals, not only the imbalance of threat. Status-quo states balance
for security, as Walt has them; a revisionist state joins the stronger revisionist (the
"jackal" following the "wolf") to share in its gains.

Revisionism in the model is a state's own aggressiveness (its general disposition to
expand, MODEL.md §3.1): at least one half, the middle of its range, makes a state
revisionist, in itself and in the others as it believes them.

    python -m entente_agent.examples.schweller ARGS-OF-ENTENTE-STATE
"""

from __future__ import annotations

from entente_agent import Choice, Policy, RoundView, RuleCode, Stance, main
from entente_agent.policy import RATIO_FLOOR

REVISIONIST = 0.5
"""The middle of aggressiveness's range [0, 1]: above it a state wants more than it has."""


class Schweller(Policy):
    def wolf(self, view: RoundView) -> str | None:
        """The strongest revisionist stronger than this state (ties by id), if any."""
        found = [k for k, a in view.beliefs.items()
                 if k != view.me and a.aggressiveness >= REVISIONIST and a.power > view.own_power and view.can_reach(k)]
        return min(found, key=lambda k: (-view.power(k), k)) if found else None

    def decide(self, view: RoundView) -> Choice:
        """A revisionist bandwagons with the wolf; everyone else follows Walt. Numbers: own
        aggressiveness, the wolf's believed aggressiveness, its power over own."""
        if view.own.aggressiveness >= REVISIONIST:
            w = self.wolf(view)
            if w is not None:
                return Choice(Stance.BANDWAGON, w, RuleCode.OWN_RULE,
                              (view.own.aggressiveness, view.beliefs[w].aggressiveness, view.power(w) / max(view.own_power, RATIO_FLOOR)))
        return super().decide(view)


if __name__ == "__main__":
    main(Schweller(), prog="python -m entente_agent.examples.schweller")
