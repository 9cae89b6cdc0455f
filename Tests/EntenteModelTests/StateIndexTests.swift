import Testing
@testable import EntenteModel

@Suite("State index: every id found at its position, every other id missed")
struct StateIndexTests {
    @Test("positions agree with a dictionary for a 500-state grid, near misses included")
    func positionsMatchDictionary() {
        let ids = (0..<25).flatMap { r in (0..<20).map { c in "S\(r)_\(c)" } }
        let index = StateIndex(ids)
        for (k, id) in ids.enumerated() { #expect(index.position(of: id) == k, "\(id)") }
        // Ids that share prefixes, lengths and bytes with the real ones, and the empty id.
        for miss in ["S25_0", "S0_20", "S_0", "s0_0", "S0_0 ", "", "S00_0", String(repeating: "S", count: 32)] {
            #expect(index.position(of: miss) == nil, "\(miss)")
        }
    }

    @Test("a repeated id keeps its first position; tables of any size, even empty, answer")
    func repeatsAndSizes() {
        #expect(StateIndex(["A", "B", "A"]).position(of: "A") == 0)
        #expect(StateIndex([]).position(of: "A") == nil)
        for n in [1, 4, 5, 8, 9, 100] {
            let ids = (0..<n).map { "X\($0)" }
            let index = StateIndex(ids)
            #expect(ids.indices.allSatisfy { index.position(of: ids[$0]) == $0 } && index.position(of: "X\(n)") == nil)
        }
    }
}
