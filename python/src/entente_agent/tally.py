"""What a state refused, counted (the reference's `ProblemTally`): one entry per code and
sender with its count and the first detail, at most 32, then one `overflow` with the rest."""

from __future__ import annotations

from dataclasses import replace

from .codes import ProblemCode
from .records import Problem

LIMIT = 32
_U32 = (1 << 32) - 1


class ProblemTally:
    def __init__(self) -> None:
        self._index: dict[tuple[ProblemCode, str], int] = {}
        self._problems: list[Problem] = []
        self._more = 0

    def add(self, problem: Problem) -> None:
        key = (problem.code, problem.sender)
        k = self._index.get(key)
        if k is not None:
            old = self._problems[k]
            self._problems[k] = replace(old, count=(old.count + problem.count) & _U32)
        elif len(self._problems) < LIMIT:
            self._index[key] = len(self._problems)
            self._problems.append(problem)
        else:
            self._more = (self._more + problem.count) & _U32

    def take(self) -> tuple[Problem, ...]:
        """The problems counted, in order of first appearance; the tally starts again."""
        out = tuple(self._problems)
        if self._more:
            out += (Problem(ProblemCode.OVERFLOW, "", self._more, ""),)
        self._index, self._problems, self._more = {}, [], 0
        return out
