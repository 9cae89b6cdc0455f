/// The public map: who borders whom, and the proximity `g(i,j)` every pair derives from it.
///
/// `g` is the best path on the contiguity graph: the product of its borders' weights,
/// times `hopDecay` per hop beyond the first, never below `floor`. A land neighbour has
/// g = 1, a neighbour's neighbour 0.5, a state across a 150-mile sea 0.6.
public struct Geography: Sendable {
    /// The states, by the positions the matrices use.
    public let index: StateIndex
    public var ids: [StateID] { index.ids }
    private let proximityMatrix: [Double]
    private let hopMatrix: [Int]

    public init(ids: [StateID], borders: [Border], weights: ProximityWeights) {
        let index = StateIndex(ids)
        self.index = index
        let n = ids.count
        var direct = [[(Int, Double)]](repeating: [], count: n)
        for b in borders {
            guard let i = index.position(of: b.a), let j = index.position(of: b.b), i != j else { continue }
            let w = b.proximity ?? b.contact.proximity(weights)
            direct[i].append((j, w))
            direct[j].append((i, w))
        }
        var prox = [Double](repeating: weights.floor, count: n * n)
        var hops = [Int](repeating: Int.max, count: n * n)
        // Best-product paths by a label-correcting search from each source; n is small (≤ a few hundred).
        for s in 0..<n {
            var best = [Double](repeating: 0, count: n)
            var depth = [Int](repeating: Int.max, count: n)
            best[s] = 1
            depth[s] = 0
            var frontier = [s]
            while !frontier.isEmpty {
                var next: [Int] = []
                for u in frontier {
                    for (v, w) in direct[u] {
                        let candidate = best[u] * w * (u == s ? 1 : weights.hopDecay)
                        if candidate > best[v] + 1e-15 {
                            best[v] = candidate
                            next.append(v)
                        }
                    }
                }
                frontier = next
            }
            // Hops by a plain breadth-first search: a zero weight must not hide a path.
            var queue = [s], head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                for (v, _) in direct[u] where depth[v] == Int.max {
                    depth[v] = depth[u] + 1
                    queue.append(v)
                }
            }
            for t in 0..<n {
                prox[s * n + t] = t == s ? 1 : max(weights.floor, best[t])
                hops[s * n + t] = depth[t]
            }
        }
        proximityMatrix = prox
        hopMatrix = hops
    }

    public init(_ scenario: Scenario) {
        self.init(ids: scenario.ids, borders: scenario.borders, weights: scenario.proximity)
    }

    /// g(i,j) in [floor, 1]; 1 for i itself; 0 for an id not on the map.
    public func proximity(_ i: StateID, _ j: StateID) -> Double {
        guard let a = index.position(of: i), let b = index.position(of: j) else { return 0 }
        return proximity(at: a, b)
    }

    /// g between the states at positions `a` and `b` of `index`.
    @inline(__always)
    public func proximity(at a: Int, _ b: Int) -> Double { proximityMatrix[a * index.count + b] }

    /// Borders crossed on the shortest path, or nil when no path joins them.
    public func hops(_ i: StateID, _ j: StateID) -> Int? {
        guard let a = index.position(of: i), let b = index.position(of: j) else { return nil }
        return hops(at: a, b)
    }

    /// Borders crossed between the states at positions `a` and `b`, or nil when no path joins them.
    @inline(__always)
    public func hops(at a: Int, _ b: Int) -> Int? {
        let h = hopMatrix[a * index.count + b]
        return h == Int.max ? nil : h
    }
}
