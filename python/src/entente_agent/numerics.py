"""The few numeric rules that must match the reference state bit for bit (MODEL.md §13).

Python's `max` keeps the first of two equal values where Swift's keeps the second, which
tells 0.0 from -0.0 on the wire; and `sum` of floats is compensated from Python 3.12 on.
The model therefore uses these two helpers and explicit left-to-right sums, never the
builtins, wherever a value reaches a message.
"""

from __future__ import annotations

from collections.abc import Iterable


def smax(x: float, y: float) -> float:
    """Swift's `max(x, y)`: `y` when `y >= x`, else `x`."""
    return y if y >= x else x


def smin(x: float, y: float) -> float:
    """Swift's `min(x, y)`: `y` when `y < x`, else `x`."""
    return y if y < x else x


def fold_sum(values: Iterable[float]) -> float:
    """A plain left-to-right sum from 0.0, as `reduce(0, +)` does."""
    total = 0.0
    for v in values:
        total += v
    return total
