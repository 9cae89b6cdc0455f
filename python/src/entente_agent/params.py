"""The Welcome's two arrays of f64 with named places: the 12 policy parameters and
the 6 threat weights (PROTOCOL.md §3.3, §3.6), and the ranges §4 checks them
against before a state may run with them.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields

from .wire import InvalidValue

_COUNTS = frozenset({"max_offers", "max_allies", "shared_threat_rank", "assessment_size"})
_UNIT = frozenset({"near_proximity", "certain_victory", "war_bandwagon", "trust",
                   "random_bandwagon"})
MAX_COUNT = 1000


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
    def names(cls) -> tuple[str, ...]:
        return tuple(field.name for field in fields(cls))

    @classmethod
    def from_values(cls, values: tuple[float, ...], field: str) -> PolicyParameters:
        """Refuses another count than 12 or a value out of its range (§4)."""
        names = cls.names()
        if len(values) != len(names):
            raise InvalidValue(field, f"{len(values)} values, expected {len(names)}")
        for name, value in zip(names, values, strict=True):
            _check_parameter(name, value, field)
        return cls(*values)

    def values(self) -> tuple[float, ...]:
        return tuple(float(value) for value in astuple(self))


def _check_parameter(name: str, value: float, field: str) -> None:
    if name in _COUNTS:
        if not (value.is_integer() and 0 <= value <= MAX_COUNT):
            raise InvalidValue(field, f"{name} must be an integer from 0 to {MAX_COUNT}")
    elif name in _UNIT:
        if not 0 <= value <= 1:
            raise InvalidValue(field, f"{name} must be in [0, 1]")
    elif value < 0:
        raise InvalidValue(field, f"{name} must not be negative")


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
    def names(cls) -> tuple[str, ...]:
        return tuple(field.name for field in fields(cls))

    @classmethod
    def from_values(cls, values: tuple[float, ...], field: str) -> ThreatWeights:
        """Refuses another count than 6 (§4)."""
        names = cls.names()
        if len(values) != len(names):
            raise InvalidValue(field, f"{len(values)} values, expected {len(names)}")
        return cls(*values)

    def values(self) -> tuple[float, ...]:
        return tuple(float(value) for value in astuple(self))
