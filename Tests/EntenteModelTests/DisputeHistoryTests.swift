import Testing
@testable import EntenteModel

/// Dispute history as the prior of aimed intent (MODEL.md §3.4).
@Suite("Dispute history")
struct DisputeHistoryTests {
    // A line V - N - O - F, and X far off; V and F allied at the start.
    static func scenario(_ disputes: [Dispute], year: Int? = 1914, alliances: [[StateID]] = [["V", "F"]]) -> Scenario {
        var s = Fixture.scenario(["V", "N", "O", "F", "X"].map { Fixture.state($0, power: 0.2) },
                                 borders: [Border("V", "N"), Border("N", "O"), Border("O", "F")], alliances: alliances)
        s.year = year
        s.disputes = disputes
        return s
    }

    static func prior(_ s: Scenario, _ observer: StateID) -> HostilityRecord {
        s.priorHostility(of: observer, geography: Geography(s))
    }

    @Test("levels weigh (hostlev − 1) / 4: a war is one act, a bare threat a quarter")
    func levelWeights() {
        #expect(Dispute.Level.allCases.map(\.weight) == [0.25, 0.5, 0.75, 1])
    }

    @Test("the weight halves every half-life and is 0 outside the window and in the scenario's year")
    func decay() {
        let h = HistoryParameters()
        #expect(h.decay(age: 10) == 0.5 && h.decay(age: 20) == 0.25)
        #expect(h.decay(age: 25) > 0 && h.decay(age: 26) == 0 && h.decay(age: 0) == 0)
        var off = h
        off.window = 0
        #expect(off.decay(age: 1) == 0)
    }

    @Test("a dispute counts for its target, the target's allies and neighbours, by the run's rule")
    func reach() {
        let s = Self.scenario([Dispute(by: "X", against: "F", year: 1904, level: .force, mid: 1)])
        // 10 years old, force: 0.75 · 0.5.
        #expect(Self.prior(s, "F").count("X") == 0.375)
        #expect(Self.prior(s, "V").count("X") == 0.375)   // F is V's ally
        #expect(Self.prior(s, "O").count("X") == 0.375)   // F is O's neighbour
        #expect(Self.prior(s, "N").count("X") == 0)       // two hops, not allied
        #expect(Self.prior(s, "X").acts.isEmpty)          // its own dispute is no threat to itself
        // Without the alliance, V no longer counts it.
        #expect(Self.prior(Self.scenario(s.disputes, alliances: []), "V").count("X") == 0)
    }

    @Test("disputes add up; switched off or without a year, the record is empty")
    func switchedOff() {
        let d = [Dispute(by: "N", against: "V", year: 1913, level: .war, mid: 1),
                 Dispute(by: "N", against: "V", year: 1904, level: .threat, mid: 2),
                 Dispute(by: "N", against: "V", year: 1870, level: .war, mid: 3)]   // 44 years: outside the window
        let on = Self.prior(Self.scenario(d), "V").count("N")
        #expect(abs(on - (_pow(0.5, 0.1) + 0.25 * 0.5)) < 1e-15)
        var off = Self.scenario(d)
        off.history.window = 0
        #expect(Self.prior(off, "V").acts.isEmpty)
        #expect(Self.prior(Self.scenario(d, year: nil), "V").acts.isEmpty)
    }

    @Test("the truth starts from each state's prior, and a state's agent scores threats with it")
    func worldAndAgentStartFromIt() {
        let s = Self.scenario([Dispute(by: "N", against: "V", year: 1913, level: .war, mid: 1)])
        let world = World(s)
        let acts = world.hostility["V"]?.count("N") ?? 0
        #expect(acts > 0.9 && world.hostility["N"] == nil)
        let plain = World(Self.scenario([]))
        let before = plain.trueThreats(to: "V").first { $0.target == "N" }!.score
        let after = world.trueThreats(to: "V").first { $0.target == "N" }!.score
        #expect(after > before)
        let agent = Agent(me: "V", kind: .walt, params: PolicyParameters(), weights: s.threat, geography: world.geography,
                          warDecisiveness: 2, seed: 1, peers: [], history: HostilityRecord(acts: ["N": acts]))
        #expect(agent.lens.threat(of: "N", world.states["N"]!.attributes).score == after)
    }

    @Test("one true threat, and the top of the true ranking, are the whole ranking's: with a record, an ally and an eliminated state")
    func trueThreatIsTheRankings() {
        var world = World(Self.scenario([Dispute(by: "N", against: "V", year: 1913, level: .war, mid: 1)]))
        world.form(Alliance(world.order[0], world.order[1], round: 1, label: .initial))
        world.states[world.order.last!]!.eliminated = true
        for id in world.order {
            let all = world.trueThreats(to: id)
            for actor in world.order {
                #expect(world.trueThreat(of: actor, to: id) == all.first { $0.target == actor })
            }
            for top in 0...3 { #expect(world.trueThreats(to: id, top: top) == Array(all.prefix(top))) }
        }
    }
}
