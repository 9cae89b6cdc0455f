import Testing
@testable import EntenteModel

/// Sides are exclusive: no alliance joins a balancing coalition and its target (MODEL.md §7).
@Suite("Exclusive sides")
struct ExclusiveSidesTests {
    @Test("an alliance that would put a coalition's target on the coalition's side is refused")
    func joiningTheEnemyIsRefused() {
        // A and B balance against T; C, allied with T, and A agree: A's side would hold T.
        var w = quartet(["A", "B", "C", "T"], alliances: [["C", "T"]])
        w.form(Alliance("A", "B", round: 1, label: .balancing(against: "T")))
        let (after, events) = CommitPhase().agreeing("A", "C", by: "C", .bandwagon).run(w, round: 2)
        #expect(events == [.hostileSides(a: "A", b: "C", state: "A", enemy: "T")])
        #expect(!after.allied("A", "C"))
    }

    @Test("the new alliance's own target counts: balancing against T cannot join T's bloc")
    func ownTargetCounts() {
        let w = quartet(["A", "B", "C", "T"], alliances: [["B", "C"], ["C", "T"]])
        #expect(w.hostilePair(joining: Alliance("A", "B", round: 1, label: .balancing(against: "T"))).map { [$0.0, $0.1] } == ["A", "T"])
        #expect(w.hostilePair(joining: Alliance("A", "B", round: 1, label: .mixed)) == nil)
    }

    @Test("coalitions against different threats may merge; a bloc is the connected component")
    func unrelatedCoalitionsMerge() {
        var w = quartet(["A", "B", "C", "D"])
        w.form(Alliance("A", "B", round: 1, label: .balancing(against: "X")))
        #expect(w.bloc(of: "A") == ["A", "B"] && w.bloc(of: "C") == ["C"])
        // D stays outside the merged bloc {A, B, C}; A would be inside it.
        #expect(w.hostilePair(joining: Alliance("B", "C", round: 1, label: .balancing(against: "D"))) == nil)
        #expect(w.hostilePair(joining: Alliance("B", "C", round: 1, label: .balancing(against: "A"))).map { [$0.0, $0.1] } == ["B", "A"])
    }
}

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
