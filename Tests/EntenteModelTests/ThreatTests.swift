import Testing
@testable import EntenteModel

@Suite("Threat: Walt's four sources")
struct ThreatTests {
    let weights = ThreatWeights()

    func score(_ a: Attributes, proximity: Double) -> Double {
        ThreatComponents(a, proximity: proximity, weights: weights).score
    }

    @Test("raising any source of threat never lowers the threat score")
    func monotoneInEverySource() {
        var rng = SeededRandom(seed: 42)
        for _ in 0..<2000 {
            let a = Attributes(power: rng.uniform(), offense: rng.uniform(), aggressiveness: rng.uniform())
            let g = rng.uniform()
            let base = score(a, proximity: g)
            let bump = rng.uniform() * 0.5
            var more = a
            more.power += bump
            #expect(score(more, proximity: g) >= base)
            more = a
            more.offense = min(1, a.offense + bump)
            #expect(score(more, proximity: g) >= base)
            more = a
            more.aggressiveness = min(1, a.aggressiveness + bump)
            #expect(score(more, proximity: g) >= base)
            #expect(score(a, proximity: min(1, g + bump)) >= base)
        }
    }

    @Test("each source raises the threat strictly when the others are present")
    func everySourceCounts() {
        let a = Attributes(power: 0.2, offense: 0.3, aggressiveness: 0.3)
        let base = score(a, proximity: 0.5)
        #expect(score(Attributes(power: 0.3, offense: 0.3, aggressiveness: 0.3), proximity: 0.5) > base)
        #expect(score(Attributes(power: 0.2, offense: 0.6, aggressiveness: 0.3), proximity: 0.5) > base)
        #expect(score(Attributes(power: 0.2, offense: 0.3, aggressiveness: 0.6), proximity: 0.5) > base)
        #expect(score(a, proximity: 1) > base)
    }

    @Test("a far, weak state is no threat however aggressive")
    func farAndWeakIsNoThreat() {
        let aggressiveDwarf = Attributes(power: 0.001, offense: 1, aggressiveness: 1)
        #expect(score(aggressiveDwarf, proximity: ProximityWeights().floor) < PolicyParameters().threatFloor)
    }

    @Test("proximity: 1 across a land border, decaying by hop, never below the floor")
    func proximityFallsWithDistance() {
        let g = Fixture.geography(["A", "B", "C", "D", "E"], [Border("A", "B"), Border("B", "C"), Border("C", "D", .sea150)])
        #expect(g.proximity("A", "B") == 1)
        #expect(g.proximity("A", "C") == 0.5)
        #expect(g.proximity("B", "D") == 0.6 * 0.5)
        #expect(g.proximity("A", "E") == ProximityWeights().floor)
        #expect(g.hops("A", "D") == 3)
        #expect(g.hops("A", "E") == nil)
        // A zero weight hides no path from the hop count.
        let zero = Geography(ids: ["A", "B", "C"], borders: [Border("A", "B"), Border("B", "C")],
                             weights: { var w = ProximityWeights(); w.hopDecay = 0; return w }())
        #expect(zero.hops("A", "C") == 2)
        #expect(g.proximity("A", "B") == g.proximity("B", "A"))
    }

    @Test("threats are ranked highest first, ties broken by id")
    func ranking() {
        let g = Fixture.geography(["ME", "X", "Y", "Z"], [Border("ME", "X"), Border("ME", "Y"), Border("ME", "Z")])
        let same = Fixture.attributes(0.2)
        let lens = ThreatLens(observer: "ME", record: HostilityRecord(), allies: [], geography: g, weights: weights)
        let ranked = lens.ranked(["Z": same, "Y": Fixture.attributes(0.4), "X": same])
        #expect(ranked.map(\.target) == ["Y", "X", "Z"])
    }

    @Test("the top of a ranking is the first of the whole ranking, ties and all", arguments: [0, 1, 3, 7, 40])
    func topOfRanking(top: Int) {
        // 30 states in a ring, scores repeating so that many tie; ids out of position order.
        let ids = (0..<30).map { "S\((7 * $0) % 30)" }
        let g = Fixture.geography(ids, ids.indices.map { Border(ids[$0], ids[($0 + 1) % ids.count]) })
        let lens = ThreatLens(observer: ids[0], record: HostilityRecord(), allies: [], geography: g, weights: weights)
        let attributes: [Attributes?] = ids.indices.map { $0 % 5 == 4 ? nil : Fixture.attributes(Double($0 % 4) / 10) }
        let all = lens.ranked(byPosition: attributes)
        #expect(all.count == 23)
        #expect(lens.ranked(byPosition: attributes, top: top) == Array(all.prefix(top)))
    }
}
