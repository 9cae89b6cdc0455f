"""The seeded generator of the model (SplitMix64; MODEL.md §13): every draw of a run
comes from a stream derived from the run's seed and a purpose, so a Python state draws
exactly what the reference state draws."""

from __future__ import annotations

import math

from .numerics import smax

_MASK = (1 << 64) - 1
_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x00000100000001B3


class SeededRandom:
    """SplitMix64, seeded with the run's seed xor FNV-1a of the purpose and its parts."""

    __slots__ = ("_state",)

    def __init__(self, seed: int, purpose: str, parts: tuple[str, ...] = ()) -> None:
        h = _FNV_OFFSET
        data = purpose.encode()
        for part in parts:
            data += b"\x1f" + part.encode()
        for byte in data:
            h = ((h ^ byte) * _FNV_PRIME) & _MASK
        self._state = (seed ^ h) & _MASK
        self.next()

    def next(self) -> int:
        """The next 64-bit draw."""
        self._state = (self._state + 0x9E3779B97F4A7C15) & _MASK
        z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def uniform(self) -> float:
        """Uniform in [0, 1), from the top 53 bits."""
        return (self.next() >> 11) * 2.0**-53

    def normal(self) -> float:
        """Standard normal (Box–Muller), two uniforms per draw."""
        u1 = smax(self.uniform(), 2.0**-53)
        u2 = self.uniform()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
