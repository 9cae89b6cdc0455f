"""The public map (MODEL.md §4): proximity g(i,j) and hops, from the Welcome's borders."""

from __future__ import annotations

from collections.abc import Sequence

from .numerics import smax
from .records import Border

_NO_PATH = -1


class Geography:
    """g is the best path on the contiguity graph: the product of its borders' weights,
    times `hop_decay` per hop beyond the first, never below `floor`."""

    def __init__(self, ids: Sequence[str], borders: Sequence[Border], hop_decay: float, floor: float) -> None:
        self.ids = tuple(ids)
        n = len(self.ids)
        self._index = {state: k for k, state in enumerate(self.ids)}
        direct: list[list[tuple[int, float]]] = [[] for _ in range(n)]
        for b in borders:
            i, j = self._index.get(b.a), self._index.get(b.b)
            if i is None or j is None or i == j:
                continue
            direct[i].append((j, b.proximity))
            direct[j].append((i, b.proximity))
        self._proximity = [floor] * (n * n)
        self._hops = [_NO_PATH] * (n * n)
        for s in range(n):
            best = [0.0] * n
            best[s] = 1.0
            frontier = [s]
            # Best-product paths by a label-correcting search, as the reference does.
            while frontier:
                following: list[int] = []
                for u in frontier:
                    for v, w in direct[u]:
                        candidate = best[u] * w * (1.0 if u == s else hop_decay)
                        if candidate > best[v] + 1e-15:
                            best[v] = candidate
                            following.append(v)
                frontier = following
            # Hops by breadth-first search: a zero weight must not hide a path.
            depth = [_NO_PATH] * n
            depth[s] = 0
            queue = [s]
            for u in queue:
                for v, _ in direct[u]:
                    if depth[v] == _NO_PATH:
                        depth[v] = depth[u] + 1
                        queue.append(v)
            for t in range(n):
                self._proximity[s * n + t] = 1.0 if t == s else smax(floor, best[t])
                self._hops[s * n + t] = depth[t]

    def proximity(self, i: str, j: str) -> float:
        """g(i,j) in [floor, 1]; 1 for i itself; 0 for an id not on the map."""
        a, b = self._index.get(i), self._index.get(j)
        if a is None or b is None:
            return 0.0
        return self._proximity[a * len(self.ids) + b]

    def hops(self, i: str, j: str) -> int | None:
        """Borders crossed on the shortest path, or None when no path joins them."""
        a, b = self._index.get(i), self._index.get(j)
        if a is None or b is None:
            return None
        h = self._hops[a * len(self.ids) + b]
        return None if h == _NO_PATH else h
