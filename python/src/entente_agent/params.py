"""The Welcome's two arrays of f64 with named places: the 12 policy parameters and
the 6 threat weights (PROTOCOL.md §3.3, §3.6), and the ranges each is checked
against before a state may run with it (§4; the threat weights' ranges are those of
`ThreatWeights.parameters` in Sources/EntenteModel/Parameters.swift, which §4 omits).
"""

from __future__ import annotations

import math
from dataclasses import astuple, dataclass, fields

from .errors import InvalidValue

MAX_COUNT = 1000.0


@dataclass(frozen=True, slots=True)
class Range:
    """The values one parameter accepts: [low, high], and whole numbers only for counts."""

    low: float
    high: float
    whole: bool = False

    def problem(self, value: float) -> str | None:
        if math.isfinite(value) and self.low <= value <= self.high and (
            not self.whole or value.is_integer()
        ):
            return None
        kind = "an integer" if self.whole else "a number"
        if self.high == math.inf:
            return f"must be {kind} ≥ {self.low:g}"
        return f"must be {kind} from {self.low:g} to {self.high:g}"


_NON_NEGATIVE = Range(0.0, math.inf)
_UNIT = Range(0.0, 1.0)
_COUNT = Range(0.0, MAX_COUNT, whole=True)
_WEIGHT = Range(0.0, 100.0)


@dataclass(frozen=True, slots=True)
class PolicyParameters:
    """`Welcome.params`, in the order of `PolicyParameters.parameters` (§3.6).

    Counts travel as f64 holding a whole number, so every field is a float."""

    weak_ratio: float
    ally_margin: float
    near_proximity: float
    certain_victory: float
    war_bandwagon: float
    threat_floor: float
    max_offers: float
    max_allies: float
    trust: float
    shared_threat_rank: float
    assessment_size: float
    random_bandwagon: float

    @classmethod
    def ranges(cls) -> tuple[Range, ...]:
        return (_NON_NEGATIVE, _NON_NEGATIVE, _UNIT, _UNIT, _UNIT, _NON_NEGATIVE,
                _COUNT, _COUNT, _UNIT, _COUNT, _COUNT, _UNIT)

    @classmethod
    def from_values(cls, values: tuple[float, ...], field: str) -> PolicyParameters:
        """Refuses another count than 12 or a value out of its range (§4)."""
        return cls(*_checked(cls, values, cls.ranges(), field))

    def values(self) -> tuple[float, ...]:
        return tuple(float(value) for value in astuple(self))


@dataclass(frozen=True, slots=True)
class ThreatWeights:
    """`Welcome.threat`, in the order of `ThreatWeights.parameters` (§3.3)."""

    power_exponent: float
    offense_weight: float
    intent_base: float
    intent_weight: float
    ally_discount: float
    hostility_step: float

    @classmethod
    def ranges(cls) -> tuple[Range, ...]:
        return (Range(0.0, 10.0), _WEIGHT, _WEIGHT, _WEIGHT, _UNIT, _UNIT)

    @classmethod
    def from_values(cls, values: tuple[float, ...], field: str) -> ThreatWeights:
        """Refuses another count than 6 or a value out of its range (§4)."""
        return cls(*_checked(cls, values, cls.ranges(), field))

    def values(self) -> tuple[float, ...]:
        return tuple(float(value) for value in astuple(self))


def _checked(
    block: type[PolicyParameters] | type[ThreatWeights],
    values: tuple[float, ...],
    ranges: tuple[Range, ...],
    field: str,
) -> tuple[float, ...]:
    names = tuple(item.name for item in fields(block))
    if len(values) != len(names):
        raise InvalidValue(field, f"expected {len(names)} values, got {len(values)}")
    for name, value, accepted in zip(names, values, ranges, strict=True):
        problem = accepted.problem(value)
        if problem is not None:
            raise InvalidValue(field, f"{name} {problem}")
    return values
