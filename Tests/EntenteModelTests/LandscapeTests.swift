import Testing
@testable import EntenteModel

/// Knuth's MMIX linear congruential generator: random landscapes built here draw for draw as in the
/// Python prototype that computed the expected values below.
private struct LCG {
    var state: UInt64

    /// Uniform in [0, 1), from the top 53 bits.
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) * 0x1.0p-53
    }
}

/// `n` actors S00, S01, ... with sizes in [0.5, 1.5), then propensities in [-1, 1) drawn row by row above the diagonal.
private func randomLandscape(n: Int, seed: UInt64) -> Landscape {
    var g = LCG(state: seed)
    let ids = (0..<n).map { $0 < 10 ? "S0\($0)" : "S\($0)" }
    var sizes: [Double] = []
    for _ in 0..<n { sizes.append(0.5 + g.next()) }
    var p = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
        for j in (i + 1)..<n {
            let v = 2 * g.next() - 1
            p[i][j] = v
            p[j][i] = v
        }
    }
    return Landscape(ids: ids, sizes: sizes, propensity: p)
}

/// A landscape from its pairs; pairs not listed have propensity 0.
private func landscape(_ ids: [StateID], sizes: [Double], _ pairs: [(StateID, StateID, Double)]) -> Landscape {
    let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
    var p = [[Double]](repeating: [Double](repeating: 0, count: ids.count), count: ids.count)
    for (a, b, v) in pairs {
        p[index[a]!][index[b]!] = v
        p[index[b]!][index[a]!] = v
    }
    return Landscape(ids: ids, sizes: sizes, propensity: p)
}

/// True when no single actor's switch lowers the energy (beyond rounding): where the theory's actors stop.
private func isLocalMinimum(_ l: Landscape, _ sides: [[StateID]]) -> Bool {
    let side = l.ids.map { sides[1].contains($0) }
    let e = l.energy(side)
    return l.ids.indices.allSatisfy { k in
        var flipped = side
        flipped[k].toggle()
        return l.energy(flipped) >= e - 1e-9
    }
}

@Suite("Landscape theory of aggregation: energy and least-energy splits")
struct LandscapeTests {
    /// Sizes 1, 2, 3, 4; C is hostile to everyone, the rest mostly friendly. Every product is exact in binary.
    private let fourActors = landscape(["A", "B", "C", "D"], sizes: [1, 2, 3, 4], [
        ("A", "B", 1), ("A", "C", -1), ("A", "D", 0.5), ("B", "C", -0.5), ("B", "D", 2), ("C", "D", -1),
    ])

    @Test("energy sums s_i·s_j·p_ij over the pairs split across the sides")
    func handWorkedEnergy() {
        let l = fourActors
        // AB | CD: AC 1·3·(-1) + AD 1·4·0.5 + BC 2·3·(-0.5) + BD 2·4·2 = -3 + 2 - 3 + 16.
        #expect(l.energy([false, false, true, true]) == 12)
        #expect(l.energy([true, true, false, false]) == 12)
        // A | BCD: AB 2 + AC -3 + AD 2.
        #expect(l.energy([false, true, true, true]) == 1)
        // C alone: AC -3 + BC -3 + CD -12.
        #expect(l.energy([false, false, true, false]) == -18)
        #expect(l.energy([true, true, true, true]) == 0)
        // An asymmetric pair counts by its mean.
        let lopsided = Landscape(ids: ["A", "B"], sizes: [1, 1], propensity: [[0, 1], [3, 0]])
        #expect(lopsided.energy([false, true]) == 2)
    }

    @Test("the least-energy split of the four actors isolates the common enemy")
    func handWorkedSplit() {
        let exact = fourActors.bestSplit(seed: 1)
        #expect(exact.sides == [["A", "B", "D"], ["C"]])
        #expect(exact.energy == -18)
        let local = fourActors.bestSplit(seed: 1, exhaustiveLimit: 0)
        #expect(local.sides == exact.sides && local.energy == exact.energy)
    }

    @Test("two camps, friendly within and hostile across, are recovered by both searches")
    func twoCamps() {
        let ids = ["A", "B", "C", "D", "E", "F"]
        let p = ids.indices.map { i in ids.indices.map { j in i % 2 == j % 2 ? 1.0 : -1.0 } }
        let l = Landscape(ids: ids, sizes: [1, 2, 3, 4, 5, 6], propensity: p)
        for limit in [22, 0] {
            let r = l.bestSplit(seed: 3, exhaustiveLimit: limit)
            #expect(r.sides == [["A", "C", "E"], ["B", "D", "F"]])
            // -(1 + 3 + 5)·(2 + 4 + 6)
            #expect(r.energy == -108)
        }
    }

    @Test("ties go to the lexicographically smallest assignment, in id order")
    func ties() {
        // Three mutual enemies: every two-against-one split has energy -2; A and B together comes first.
        let hostile: [[Double]] = [[0, -1, -1], [-1, 0, -1], [-1, -1, 0]]
        for ids in [["A", "B", "C"], ["C", "B", "A"]] {
            let l = Landscape(ids: ids, sizes: [1, 1, 1], propensity: hostile)
            for limit in [22, 0] {
                let r = l.bestSplit(seed: 5, exhaustiveLimit: limit)
                #expect(r.sides == [["A", "B"], ["C"]])
                #expect(r.energy == -2)
            }
        }
        // No propensities at all: everyone together, the second side empty.
        let indifferent = Landscape(ids: ["B", "A", "C"], sizes: [1, 1, 1], propensity: [[Double]](repeating: [0, 0, 0], count: 3))
        #expect(indifferent.bestSplit(seed: 5).sides == [["A", "B", "C"], []])
        #expect(indifferent.bestSplit(seed: 5, exhaustiveLimit: 0).sides == [["A", "B", "C"], []])
        #expect(Landscape(ids: ["A"], sizes: [1], propensity: [[0]]).bestSplit(seed: 5).sides == [["A"], []])
        #expect(Landscape(ids: [], sizes: [], propensity: []).bestSplit(seed: 5).energy == 0)
    }

    @Test("exhaustive and local search agree on random landscapes", arguments: [10, 11, 12, 13, 14])
    func searchesAgree(n: Int) {
        for s in 0..<3 {
            let l = randomLandscape(n: n, seed: UInt64(n * 100 + s))
            let exact = l.bestSplit(seed: 42)
            let local = l.bestSplit(seed: 42, exhaustiveLimit: 0)
            #expect(exact.sides == local.sides)
            #expect(exact.energy == local.energy)
            #expect(isLocalMinimum(l, exact.sides))
        }
    }

    @Test("both searches match a Python brute force on a fixed 12-actor landscape")
    func matchesBruteForce() {
        let l = randomLandscape(n: 12, seed: 1200)
        // The generator itself, as the prototype drew it.
        #expect(l.sizes[0] == 0.5788278481815454)
        #expect(l.propensity[0][1] == -0.7981266823267517)
        let expected = [["S00", "S01", "S02", "S06", "S08"], ["S03", "S04", "S05", "S07", "S09", "S10", "S11"]]
        for limit in [22, 0] {
            let r = l.bestSplit(seed: 42, exhaustiveLimit: limit)
            #expect(r.sides == expected)
            #expect(abs(r.energy + 6.327846903299273) < 1e-9)
        }
    }

    @Test("the exhaustive search handles 22 actors (2^21 configurations)")
    func twentyTwoActors() {
        let l = randomLandscape(n: 22, seed: 2200)
        let r = l.bestSplit(seed: 11)
        // Brute force over all 2^21 configurations (numpy); the runner-up is 0.134 higher.
        #expect(r.sides == [["S00", "S01", "S04", "S09", "S10", "S13", "S14", "S16", "S17", "S18", "S19"],
                            ["S02", "S03", "S05", "S06", "S07", "S08", "S11", "S12", "S15", "S20", "S21"]])
        #expect(abs(r.energy + 20.601072247281103) < 1e-9)
    }

    @Test("the result does not depend on the order the actors are given in")
    func orderIndependent() {
        let base = randomLandscape(n: 12, seed: 1201)
        let perm = (0..<12).map { (5 * $0 + 3) % 12 }
        let permuted = Landscape(ids: perm.map { base.ids[$0] }, sizes: perm.map { base.sizes[$0] },
                                 propensity: perm.map { a in perm.map { b in base.propensity[a][b] } })
        #expect(permuted.ids != base.ids)
        for limit in [22, 0] {
            let a = base.bestSplit(seed: 9, exhaustiveLimit: limit)
            let b = permuted.bestSplit(seed: 9, exhaustiveLimit: limit)
            #expect(a.sides == [["S00", "S01", "S03", "S04", "S05"], ["S02", "S06", "S07", "S08", "S09", "S10", "S11"]])
            #expect(b.sides == a.sides)
            #expect(b.energy == a.energy)
        }
    }

    @Test("above the exhaustive limit the local search is fixed by its seed")
    func seededLocalSearch() {
        let l = randomLandscape(n: 16, seed: 1601)
        // One restart stops at a local minimum that is not the global one (as the prototype found).
        let one = l.bestSplit(seed: 2, exhaustiveLimit: 8, restarts: 1)
        let again = l.bestSplit(seed: 2, exhaustiveLimit: 8, restarts: 1)
        #expect(one.sides == again.sides && one.energy == again.energy)
        #expect(one.sides == [["S00", "S01", "S02", "S04", "S05", "S06", "S07", "S08", "S10", "S13", "S14"],
                              ["S03", "S09", "S11", "S12", "S15"]])
        #expect(abs(one.energy + 9.070968920863818) < 1e-9)
        #expect(isLocalMinimum(l, one.sides))
        // Sixty-four restarts find the global minimum, as the exhaustive search does.
        let many = l.bestSplit(seed: 2, exhaustiveLimit: 8)
        #expect(many.sides == [["S00", "S05", "S09", "S11", "S14", "S15"],
                               ["S01", "S02", "S03", "S04", "S06", "S07", "S08", "S10", "S12", "S13"]])
        #expect(abs(many.energy + 11.35320293420592) < 1e-9)
        let exact = l.bestSplit(seed: 2)
        #expect(many.sides == exact.sides && many.energy == exact.energy)
    }
}
