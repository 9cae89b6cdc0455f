"""A state's beliefs about the others (MODEL.md §5): what it sees, what it remembers,
and what its peers told it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .numerics import smax
from .records import Attributes, Estimate, ReportedThreat

MEMORY_DECAY = 0.5
"""Remembered beliefs lose half their confidence each round they are not refreshed."""


class Beliefs:
    """Estimates by state id."""

    def __init__(self) -> None:
        self.estimates: dict[str, Estimate] = {}

    def observe(self, seen: Mapping[str, Estimate], gone: set[str]) -> None:
        """What the state sees replaces what it remembers; the rest fades."""
        following = {k: Estimate(e.attributes, e.confidence * MEMORY_DECAY)
                     for k, e in self.estimates.items() if k not in gone}
        following.update(seen)
        self.estimates = following

    def fuse(self, reports: Iterable[ReportedThreat], trust: float) -> None:
        """Per target, the mean of the own estimate (weight: its confidence) and each report
        (weight: trust × the reporter's confidence), in the inbox's canonical order; the
        confidence is the largest weight that went in."""
        if not trust > 0:
            return
        grouped: dict[str, list[ReportedThreat]] = {}
        for r in reports:
            grouped.setdefault(r.target, []).append(r)
        for target, listed in grouped.items():
            w_sum = p = o = a = best = 0.0
            own = self.estimates.get(target)
            if own is not None and own.confidence > 0:
                w = own.confidence
                w_sum += w
                p += w * own.attributes.power
                o += w * own.attributes.offense
                a += w * own.attributes.aggressiveness
                best = w
            for r in listed:
                w = trust * r.estimate.confidence
                if not w > 0:
                    continue
                e = r.estimate.attributes
                w_sum += w
                p += w * e.power
                o += w * e.offense
                a += w * e.aggressiveness
                best = smax(best, w)
            if not w_sum > 0:
                continue
            self.estimates[target] = Estimate(Attributes(p / w_sum, o / w_sum, a / w_sum), best)

    @property
    def attributes(self) -> dict[str, Attributes]:
        return {k: e.attributes for k, e in self.estimates.items()}
