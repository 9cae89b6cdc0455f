import Testing
@testable import EntenteModel

/// Intent aimed at someone (MODEL.md §3.3).
@Suite("Intentions aimed at someone")
struct IntentTests {
    // A line: V - N - O - F (V, N, O, F), and X far off.
    let geography = Fixture.geography(["V", "N", "O", "F", "X"], [Border("V", "N"), Border("N", "O"), Border("O", "F")])

    @Test("a war counts when aimed at me, an ally or a neighbour, and not otherwise")
    func hostileActs() {
        var r = HostilityRecord()
        r.record(attacker: "X", defender: "V", observer: "V", allies: [], geography: geography)
        r.record(attacker: "X", defender: "N", observer: "V", allies: [], geography: geography)
        r.record(attacker: "X", defender: "F", observer: "V", allies: ["F"], geography: geography)
        #expect(r.count("X") == 3)
        r.record(attacker: "O", defender: "F", observer: "V", allies: [], geography: geography)
        r.record(attacker: "V", defender: "N", observer: "V", allies: [], geography: geography)
        #expect(r.count("O") == 0 && r.count("V") == 0)
    }

    @Test("a coalition formed against me counts for each member; one against another state does not")
    func coalitionsCount() {
        var r = HostilityRecord()
        r.record(coalition: ["A", "B"], against: "V", observer: "V")
        r.record(coalition: ["A", "C"], against: "X", observer: "V")
        #expect(r.count("A") == 1 && r.count("B") == 1 && r.count("C") == 0)
    }

    @Test("the truth counts a coalition the round it forms, once; its target sees it as a balancing alliance")
    func worldRecordsCoalitions() {
        var w = quartet(["A", "B", "T", "D"])
        w.form(Alliance("A", "B", round: 3, label: .balancing(against: "T")))
        _ = w.resolve(round: 3, seed: 1, mainThreats: ["A": "T"])
        _ = w.resolve(round: 4, seed: 1, mainThreats: ["A": "T"])
        #expect(w.hostility["T"]?.count("A") == 1 && w.hostility["T"]?.count("B") == 1)
        #expect(w.alliances.map(\.public) == [PublicAlliance(["A", "B"], against: "T")])
    }

    @Test("each hostile act raises intent by hostility_step up to 1; an ally's intent is discounted")
    func directedIntent() {
        let w = ThreatWeights()
        #expect(w.directedIntent(0.4, acts: 0, allied: false) == 0.4)
        #expect(w.directedIntent(0.4, acts: 2, allied: false) == 0.9)
        #expect(w.directedIntent(0.4, acts: 5, allied: false) == 1)
        #expect(w.directedIntent(0.4, acts: 0, allied: true) == 0.2)
        #expect(w.directedIntent(0.5, acts: 1, allied: true) == 0.375)
    }

    @Test("an ally's threat falls in the true ranking: the larger ally is no longer the main threat")
    func allyFallsInRanking() {
        // B is bigger than T, both border A; allied with B, A's main threat is T.
        let s = Fixture.scenario([Fixture.state("A", power: 0.2), Fixture.state("B", power: 0.45), Fixture.state("T", power: 0.35)],
                                 borders: [Border("A", "B"), Border("A", "T")])
        #expect(World(s).trueThreats(to: "A").first?.target == "B")
        var allied = s
        allied.alliances = [["A", "B"]]
        #expect(World(allied).trueThreats(to: "A").first?.target == "T")
    }

    @Test("a war started against my neighbour aims the attacker's intent at me in the truth, not at a state far away")
    func worldRecordsHostility() {
        let s = Fixture.scenario([Fixture.state("AGG", power: 0.6, offense: 1, aggressiveness: 0.7),
                                  Fixture.state("NBR", power: 0.1), Fixture.state("ME", power: 0.2), Fixture.state("FAR", power: 0.1)],
                                 borders: [Border("AGG", "NBR"), Border("NBR", "ME")])
        var w = World(s)
        w.params.warChance = 1
        w.params.warOdds = 1
        func intent(toward id: StateID) -> Double { w.trueThreats(to: id).first { $0.target == "AGG" }!.components.intent }
        #expect(intent(toward: "ME") == intent(toward: "FAR"))
        let events = w.resolve(round: 1, seed: 1)
        #expect(events.contains { if case .warStarted("AGG", "NBR", _, _, _) = $0 { true } else { false } })
        #expect(w.hostility["ME"]?.count("AGG") == 1 && w.hostility["FAR"]?.count("AGG") ?? 0 == 0)
        // AGG's aggressiveness rose to 0.8 for everyone; toward ME by 0.25 more, capped at 1.
        #expect(abs(intent(toward: "FAR") - 1.3) < 1e-12)
        #expect(intent(toward: "ME") == 0.5 + 1)
    }
}
