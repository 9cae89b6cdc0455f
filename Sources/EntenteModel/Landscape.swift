/// Axelrod and Bennett's landscape theory of aggregation (1993): actors of size `s_i` with
/// symmetric pairwise propensities `p_ij` (positive: rather together, negative: rather apart)
/// settle into two sides at a local minimum of the energy
/// `E(X) = Σ_{i<j} s_i·s_j·p_ij·d_ij(X)`, where `d_ij` is 1 across the sides and 0 within one,
/// so a friendly pair split or a hostile pair together costs energy. The global minimum is the
/// theory's headline prediction; here it is a baseline to set against the negotiated alignments.
/// (The paper sums over ordered pairs, which doubles every energy and moves no minimum.)
///
/// Where sizes and propensities come from is decided elsewhere: this is only the landscape.
public struct Landscape: Sendable {
    public let ids: [StateID]
    /// `s_i`, in the order of `ids`.
    public let sizes: [Double]
    /// `p_ij`, in the order of `ids`; the diagonal is ignored, and a pair counts by the mean of
    /// its two entries, so a matrix that is not exactly symmetric still has one energy.
    public let propensity: [[Double]]
    /// Indices into `ids` in id order. Searches run in this order, so the result never depends
    /// on the order the actors were given in, down to the last bit of the energy.
    private let order: [Int]
    /// `s_i·s_j·p_ij` in id order, row-major `n × n`, zero diagonal.
    private let weight: [Double]
    /// Energies this close count as equal (1e-9 of the total weight): running sums round
    /// differently along different paths, and a tie must be broken by the rule below, not by rounding.
    private let tolerance: Double

    public init(ids: [StateID], sizes: [Double], propensity: [[Double]]) {
        let n = ids.count
        precondition(sizes.count == n && propensity.count == n && propensity.allSatisfy { $0.count == n },
                     "Landscape: one size and one row of n propensities per actor")
        precondition(Set(ids).count == n, "Landscape: ids must be distinct")
        precondition(sizes.allSatisfy { $0.isFinite } && propensity.allSatisfy { $0.allSatisfy { $0.isFinite } },
                     "Landscape: sizes and propensities must be finite")
        self.ids = ids
        self.sizes = sizes
        self.propensity = propensity
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        var weight = [Double](repeating: 0, count: n * n)
        var total = 0.0
        for a in 0..<n {
            for b in (a + 1)..<n {
                let w = Self.pair(sizes, propensity, order[a], order[b])
                weight[a * n + b] = w
                weight[b * n + a] = w
                total += abs(w)
            }
        }
        self.order = order
        self.weight = weight
        self.tolerance = 1e-9 * total
    }

    /// `s_i·s_j·p_ij`, the same whichever of the two comes first (both products commute).
    private static func pair(_ sizes: [Double], _ propensity: [[Double]], _ i: Int, _ j: Int) -> Double {
        sizes[i] * sizes[j] * (0.5 * (propensity[i][j] + propensity[j][i]))
    }

    /// Energy of a two-side configuration: side[i] is false/true, in the order of `ids`.
    /// Summed over pairs `i < j` in that order.
    public func energy(_ side: [Bool]) -> Double {
        precondition(side.count == ids.count, "Landscape.energy: one side per actor")
        var e = 0.0
        for i in ids.indices {
            for j in (i + 1)..<ids.count where side[i] != side[j] {
                e += Self.pair(sizes, propensity, i, j)
            }
        }
        return e
    }

    /// The configuration of least energy, as two sides: each sorted by id, the side holding the
    /// smallest id first (so the answer is the same whatever order the actors were given in); the
    /// second side is empty when everyone is best together.
    ///
    /// Exact for `n <= exhaustiveLimit` (at most 62): every configuration with the smallest id on the
    /// first side, 2^(n-1) of them. Above it, the best of `restarts` seeded local searches from random
    /// starts, each flipping single actors until no flip lowers the energy: the theory's myopic
    /// actors, which may stop at a local minimum, hence the restarts.
    ///
    /// Ties (energies within the tolerance of the least) go to the lexicographically smallest
    /// assignment, actors in id order, first side before second: the same answer on every run and host.
    /// The energy returned is recomputed in id order, so both searches report the same bits for the same sides.
    public func bestSplit(seed: UInt64, exhaustiveLimit: Int = 22, restarts: Int = 64) -> (sides: [[StateID]], energy: Double) {
        let n = ids.count
        let side: [Bool]
        if n < 2 {
            side = [Bool](repeating: false, count: n)
        } else if n <= min(exhaustiveLimit, 62) {
            side = exhaustive()
        } else {
            side = localSearch(seed: seed, restarts: max(restarts, 1))
        }
        var first: [StateID] = [], second: [StateID] = []
        for (k, i) in order.enumerated() {
            if side[k] { second.append(ids[i]) } else { first.append(ids[i]) }
        }
        return (sides: [first, second], energy: sortedEnergy(side))
    }

    /// Energy of a configuration in id order, summed over pairs in that order.
    private func sortedEnergy(_ side: [Bool]) -> Double {
        let n = ids.count
        var e = 0.0
        for i in 0..<n {
            for j in (i + 1)..<n where side[i] != side[j] { e += weight[i * n + j] }
        }
        return e
    }

    /// Energy change if actor `k` (id order) switches sides, with `sign[j]` = +1 on the first side
    /// and -1 on the second: each partner on its side starts to cost, each across stops costing.
    /// O(n), summed in id order.
    private func flipCost(_ k: Int, _ sign: [Double]) -> Double {
        let n = ids.count
        var dot = 0.0
        for j in 0..<n { dot += weight[k * n + j] * sign[j] }
        return sign[k] * dot
    }

    /// Exhaustive search. Actor `k` (id order) is bit `n-1-k` of a mask, so a smaller mask is a
    /// lexicographically smaller assignment, and the first actor's bit stays 0. The masks are visited
    /// in Gray-code order, one actor flipping per step, so a step costs O(n) rather than the O(n²)
    /// of a fresh sum: two passes of 2^(n-1) steps, about 9·10⁷ multiply-adds at n = 22.
    /// The first pass finds the least energy, the second the smallest mask within the tolerance of it:
    /// two passes, because a running best would let rounding choose between tied configurations.
    private func exhaustive() -> [Bool] {
        let n = ids.count
        let count: UInt64 = 1 << UInt64(n - 1)
        var least = Double.infinity
        grayScan(count) { _, e in least = min(least, e) }
        var best = UInt64.max
        grayScan(count) { mask, e in
            if e <= least + tolerance && mask < best { best = mask }
        }
        return (0..<n).map { k in (best >> UInt64(n - 1 - k)) & 1 == 1 }
    }

    /// Visits the first `count` masks in Gray-code order with their energies, from the all-together
    /// configuration (energy 0); the same arithmetic in the same order on every call.
    private func grayScan(_ count: UInt64, _ visit: (UInt64, Double) -> Void) {
        let n = ids.count
        var sign = [Double](repeating: 1, count: n)
        var mask: UInt64 = 0
        var e = 0.0
        visit(mask, e)
        var t: UInt64 = 1
        while t < count {
            let bit = t.trailingZeroBitCount
            let k = n - 1 - bit
            e += flipCost(k, sign)
            sign[k] = -sign[k]
            mask ^= 1 << UInt64(bit)
            visit(mask, e)
            t += 1
        }
    }

    /// Local search. Restart `r` starts from a random assignment drawn in id order from the stream
    /// ("landscape", r), then repeatedly flips the actor whose switch lowers the energy most (the
    /// smallest id on a tie) until none lowers it by more than the tolerance, which also guarantees
    /// it stops. O(n²) to start, O(n) a step. Each end point is mirrored to put the smallest id on
    /// the first side, and the best is taken as in the exhaustive search: least energy, then smallest assignment.
    private func localSearch(seed: UInt64, restarts: Int) -> [Bool] {
        let n = ids.count
        var ends: [(side: [Bool], energy: Double)] = []
        for r in 0..<restarts {
            var rng = SeededRandom(seed: seed, purpose: "landscape", [String(r)])
            var sign = [Double](repeating: 1, count: n)
            for k in 0..<n {
                if rng.uniform() < 0.5 { sign[k] = -1 }
            }
            var cost = [Double](repeating: 0, count: n)
            for k in 0..<n { cost[k] = flipCost(k, sign) }
            while true {
                var k = 0
                for j in 1..<n where cost[j] < cost[k] { k = j }
                guard cost[k] < -tolerance else { break }
                sign[k] = -sign[k]
                cost[k] = -cost[k]
                for j in 0..<n where j != k {
                    cost[j] += 2 * weight[j * n + k] * sign[j] * sign[k]
                }
            }
            let mirrored = sign[0] < 0
            let side = sign.map { ($0 < 0) != mirrored }
            ends.append((side: side, energy: sortedEnergy(side)))
        }
        let least = ends.reduce(Double.infinity) { min($0, $1.energy) }
        var best: [Bool]? = nil
        for end in ends where end.energy <= least + tolerance {
            if let b = best, !end.side.lexicographicallyPrecedes(b, by: Self.before) { continue }
            best = end.side
        }
        return best ?? ends[0].side
    }

    /// The order of sides in an assignment: the first side (false) before the second (true).
    private static func before(_ x: Bool, _ y: Bool) -> Bool { !x && y }
}
