import Testing
@testable import EntenteModel

@Suite("World: alliances end when their purpose is gone")
struct WorldTests {
    func world() -> World {
        let s = Fixture.scenario([
            Fixture.state("T", power: 0.5, offense: 0.8, aggressiveness: 0.8),
            Fixture.state("A", power: 0.25), Fixture.state("B", power: 0.25),
        ], borders: [Border("A", "T"), Border("B", "T"), Border("A", "B")])
        return World(s)
    }

    @Test("a balancing coalition ends only after its target has been neither member's main threat for dissolve_after rounds")
    func coalitionEndsWhenThreatRecedes() {
        var w = world()
        w.form(Alliance("A", "B", round: 1, label: .balancing(against: "T")))
        // One member still names T: the coalition holds, however long.
        for _ in 0..<5 { #expect(w.dissolveAlliances(mainThreats: ["A": "T", "B": "A"]).isEmpty) }
        // One round without: hysteresis keeps it (default dissolve_after 2).
        #expect(w.dissolveAlliances(mainThreats: ["A": "B", "B": "A"]).isEmpty)
        #expect(w.allied("A", "B") && w.alliances[0].roundsWithoutThreat == 1)
        // T is named again: the count starts over.
        #expect(w.dissolveAlliances(mainThreats: ["B": "T"]).isEmpty)
        #expect(w.alliances[0].roundsWithoutThreat == 0)
        #expect(w.dissolveAlliances(mainThreats: [:]).isEmpty)
        let events = w.dissolveAlliances(mainThreats: [:])
        #expect(!w.allied("A", "B"))
        guard case .allianceDissolved(let members, _, let reason) = events.first else {
            Issue.record("expected a dissolution event, got \(events)")
            return
        }
        #expect(members == ["A", "B"])
        #expect(reason == .threatFaded("T", rounds: 2))
        #expect(reason.text(members: members) == "T has not been the main threat of A or B for 2 round(s)")
    }

    @Test("dissolve_after 1 ends a coalition in the first round its target is nobody's main threat")
    func dissolveAfterOne() {
        var w = world()
        w.params.dissolveAfter = 1
        w.form(Alliance("A", "B", round: 1, label: .balancing(against: "T")))
        _ = w.dissolveAlliances(mainThreats: ["A": "B"])
        #expect(!w.allied("A", "B"))
    }

    @Test("an eliminated threat ends the balancing alliance aimed at it")
    func eliminatedThreatEndsBalancing() {
        var w = world()
        w.form(Alliance("A", "B", round: 1, label: .balancing(against: "T")))
        w.states["T"]!.eliminated = true
        _ = w.dissolveAlliances(mainThreats: [:])
        #expect(!w.allied("A", "B"))
    }

    @Test("a bandwagon breaks when the senior's threat to the junior grows too serious")
    func bandwagonBreaksOnBetrayal() {
        var w = world()
        // Measured once allied, as the formation measures it.
        var allied = w
        allied.form(Alliance("A", "T", round: 1, label: .bandwagon(with: "T", junior: "A")))
        let threat = allied.trueThreats(to: "A").first { $0.target == "T" }!.score
        w.form(Alliance("A", "T", round: 1, label: .bandwagon(with: "T", junior: "A"), seniorThreat: threat))
        #expect(w.dissolveAlliances(mainThreats: [:]).isEmpty)
        w.states["T"]!.attributes.power *= 2
        _ = w.dissolveAlliances(mainThreats: [:])
        #expect(!w.allied("A", "T"))
    }

    @Test("a bandwagon ends when its senior is eliminated")
    func bandwagonEndsWithSenior() {
        var w = world()
        w.form(Alliance("A", "T", round: 1, label: .bandwagon(with: "T", junior: "A"), seniorThreat: 1))
        w.states["T"]!.eliminated = true
        _ = w.dissolveAlliances(mainThreats: [:])
        #expect(!w.allied("A", "T"))
    }

    @Test("no state fights in two wars at once")
    func oneWarAtATime() {
        // Two aggressors next to the same pair of allies: the allies can fight only one of them.
        var s = Fixture.scenario([
            Fixture.state("X", power: 0.4, offense: 0.9, aggressiveness: 1), Fixture.state("Y", power: 0.4, offense: 0.9, aggressiveness: 1),
            Fixture.state("A", power: 0.1, aggressiveness: 0), Fixture.state("B", power: 0.1, aggressiveness: 0),
        ], borders: [Border("X", "A"), Border("Y", "B"), Border("A", "B")], alliances: [["A", "B"]])
        s.world.warChance = 1
        var w = World(s)
        _ = w.startWars(round: 1, seed: 3)
        #expect(w.wars.count == 1, "B is busy defending its ally A: Y finds no free target")
        // Even when two wars are under way, the earlier one keeps the allies.
        w.wars = [War(attacker: "X", defender: "A", startedRound: 1), War(attacker: "Y", defender: "B", startedRound: 1)]
        let sides = w.warSides()
        let everyone = sides.flatMap { $0.attackers + $0.defenders }
        #expect(Set(everyone).count == everyone.count)
        #expect(sides.count == 1)
        #expect(sides.first?.defenders == ["A", "B"])
    }

    @Test("initial alliances stand until a member is eliminated")
    func initialAlliancesStand() {
        var w = world()
        w.form(Alliance("A", "B", round: 0, label: .initial))
        w.states["T"]!.attributes.power *= 0.1
        #expect(w.dissolveAlliances(mainThreats: [:]).isEmpty)
        #expect(w.allied("A", "B"))
    }

    @Test("the stronger coalition wins more often, and only defeat eliminates")
    func warsFollowCoalitionStrength() {
        #expect(abs(winProbability(0.6, against: 0.2, decisiveness: 2) - 0.9) < 1e-12)
        #expect(winProbability(0.3, against: 0.3, decisiveness: 2) == 0.5)
        var w = world()
        w.states["A"]!.attributes.power = 0.001
        // A is tiny but has lost no war: it stays.
        #expect(w.eliminate([]).isEmpty)
        #expect(w.isLive("A"))
        #expect(w.eliminate(["A"]) == [.eliminated("A")])
        #expect(!w.isLive("A"))
    }

    @Test("an aggressive, stronger state attacks a weaker neighbour")
    func aggressorAttacks() {
        var s = Fixture.scenario([
            Fixture.state("T", power: 0.7, offense: 0.9, aggressiveness: 1),
            Fixture.state("A", power: 0.3, aggressiveness: 0),
        ], borders: [Border("A", "T")])
        s.world.warChance = 1
        var w = World(s)
        let events = w.startWars(round: 1, seed: 1)
        #expect(events.count == 1)
        #expect(w.wars.first?.attacker == "T")
        #expect(w.states["T"]!.attributes.aggressiveness == 1)
        let (ended, losers) = w.decideWars(round: 2, seed: 1)
        #expect(ended.count == 1)
        #expect(losers == ["A"] || losers == ["T"])
    }
}

@Suite("Beliefs: limited information that matters")
struct BeliefTests {
    @Test("a state that cannot see a distant threat learns of it from a peer")
    func learnsDistantThreatFromPeer() {
        // NEAR - PEER - FOE: NEAR sees only one hop, so it cannot see FOE.
        let s = Fixture.scenario([
            Fixture.state("NEAR", power: 0.2, offense: 0.2, aggressiveness: 0.1),
            Fixture.state("PEER", power: 0.2, offense: 0.2, aggressiveness: 0.1),
            Fixture.state("FOE", power: 0.6, offense: 0.9, aggressiveness: 0.9),
        ], borders: [Border("NEAR", "PEER"), Border("PEER", "FOE")])
        let world = World(s)
        let geography = Geography(s)
        func agent(_ id: StateID) -> Agent {
            Agent(me: id, kind: .walt, params: PolicyParameters(), weights: ThreatWeights(), geography: geography,
                  warDecisiveness: 2, seed: 1, peers: s.ids.filter { $0 != id })
        }
        let near = agent("NEAR"), peer = agent("PEER")
        near.observe(world.observation(for: "NEAR", round: 1, seed: 1, params: Fixture.sight(noise: 0.1, range: 1)))
        peer.observe(world.observation(for: "PEER", round: 1, seed: 1, params: Fixture.sight(noise: 0.1)))
        #expect(!near.perceivedThreats().contains { $0.target == "FOE" })

        let (letters, belief) = peer.assess()
        #expect(belief.first?.target == "FOE")
        let toNear = letters.filter { $0.receiver == "NEAR" }
        _ = near.negotiate(step: 1, inbox: toNear)
        #expect(near.perceivedThreats().first?.target == "FOE")
        // The hearsay is weighted by trust: it is less sure than the peer's own sight.
        #expect(near.beliefs.estimates["FOE"]!.confidence < peer.beliefs.estimates["FOE"]!.confidence)
    }

    @Test("with trust 0, peers' reports change nothing")
    func zeroTrustIgnoresPeers() {
        var b = Beliefs()
        b.observe(["X": Estimate(attributes: Fixture.attributes(0.1), confidence: 0.5)], gone: [])
        let before = b
        b.fuse([ReportedThreat(target: "X", score: 1, estimate: Estimate(attributes: Fixture.attributes(0.9), confidence: 1))], trust: 0)
        #expect(b == before)
    }

    @Test("fusion is a confidence-weighted mean")
    func fusionWeightedMean() {
        var b = Beliefs()
        b.observe(["X": Estimate(attributes: Fixture.attributes(0.2), confidence: 0.5)], gone: [])
        b.fuse([ReportedThreat(target: "X", score: 1, estimate: Estimate(attributes: Fixture.attributes(0.4), confidence: 1))], trust: 0.5)
        #expect(abs(b.estimates["X"]!.attributes.power - 0.3) < 1e-12)
    }

    @Test("observation noise 0 gives the truth")
    func noiseZeroIsTruth() {
        let s = Fixture.scenario([Fixture.state("A", power: 0.3, offense: 0.4, aggressiveness: 0.7),
                                  Fixture.state("B", power: 0.7, offense: 0.2, aggressiveness: 0.1)], borders: [])
        let w = World(s)
        let o = w.observation(for: "A", round: 3, seed: 9, params: Fixture.sight(noise: 0))
        #expect(o.estimate(of: "B")!.attributes == w.states["B"]!.attributes)
        #expect(o.estimate(of: "B")!.confidence == 1)
    }

    @Test("the same seed draws the same noise; another seed, other noise")
    func seededNoise() {
        let s = Fixture.scenario([Fixture.state("A", power: 0.3), Fixture.state("B", power: 0.7)], borders: [])
        let w = World(s)
        let a = w.observation(for: "A", round: 1, seed: 5, params: Fixture.sight(noise: 0.2))
        #expect(a == w.observation(for: "A", round: 1, seed: 5, params: Fixture.sight(noise: 0.2)))
        #expect(a != w.observation(for: "A", round: 1, seed: 6, params: Fixture.sight(noise: 0.2)))
    }
}
