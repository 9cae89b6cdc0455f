"""A policy that is not a function of the seed: it draws its stance from the operating
system's random source. Only the recorded decisions make its runs reproducible."""

from __future__ import annotations

import random

from entente_agent import Choice, Policy, RoundView, RuleCode, Stance

_SYSTEM = random.SystemRandom()


class OsRandom(Policy):
    def decide(self, view: RoundView) -> Choice:
        if not view.threats:
            return super().decide(view)
        draw = _SYSTEM.random()
        stance = Stance.BANDWAGON if draw < 0.5 else Stance.BALANCE
        return Choice(stance, view.threats[0].target, RuleCode.OWN_RULE, (draw,))
