import Testing
@testable import EntenteModel

/// Baselines from the scenario alone (MODEL.md §8.2).
@Suite("Baselines")
struct BaselineTests {
    @Test("the starting alliances alone: their blocs, every other state by itself")
    func initialAlliances() {
        let s = Fixture.scenario(["A", "B", "C", "D"].map { Fixture.state($0, power: 1) }, borders: [], alliances: [["A", "B"], ["B", "C"]])
        #expect(Baseline.initialAlliances(s) == [["A", "B", "C"], ["D"]])
    }

    @Test("landscape propensities: allies attract, aggressive neighbours repel, distant states are indifferent")
    func landscapePropensity() {
        let s = Fixture.scenario([Fixture.state("A", power: 1, aggressiveness: 0.8), Fixture.state("B", power: 1, aggressiveness: 0.2),
                                  Fixture.state("C", power: 2, aggressiveness: 0.4)],
                                 borders: [Border("A", "B")], alliances: [["A", "C"]])
        let l = Baseline.landscape(s)
        #expect(l.ids == ["A", "B", "C"] && l.sizes == [0.25, 0.25, 0.5])
        // A–B: neighbours, no alliance: −1 · 0.8. A–C: allied, unconnected (g = floor 0.05): 1 − 0.05 · 0.8.
        #expect(l.propensity[0][1] == -0.8 && l.propensity[1][0] == -0.8)
        #expect(abs(l.propensity[0][2] - 0.96) < 1e-12)
        #expect(Baseline.landscapeSides(s) == [["A", "C"], ["B"]])
    }
}
