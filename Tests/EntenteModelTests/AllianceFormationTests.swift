import Testing
@testable import EntenteModel

/// One commit phase built by hand: each state's perceived main threat (its decision),
/// assess-phase belief, parameters, and who commits to whom.
struct CommitPhase {
    var threats: [StateID: StateID] = [:]
    var beliefs: [StateID: [ReportedThreat]] = [:]
    var params: [StateID: PolicyParameters] = [:]
    var peers: [StateID: Set<StateID>]?
    var commitments: [StateID: [Commitment]] = [:]
    var classification = ClassificationParameters()

    /// `a` and `b` each list the other, on the terms of `offerer`'s offer.
    func agreeing(_ a: StateID, _ b: StateID, by offerer: StateID, _ kind: OfferKind = .balance, aimedAt: StateID? = nil) -> Self {
        var c = self
        c.commitments[a, default: []].append(Commitment(partner: b, kind: kind, aimedAt: aimedAt, offeredBy: offerer))
        c.commitments[b, default: []].append(Commitment(partner: a, kind: kind, aimedAt: aimedAt, offeredBy: offerer))
        return c
    }

    /// Runs the formation on `world`, every state a peer of every other unless `peers` says otherwise.
    func run(_ world: World, round: Int = 1) -> (world: World, events: [FormationEvent]) {
        var world = world
        let ids = Set(world.order)
        let everyone = Dictionary(uniqueKeysWithValues: ids.map { ($0, ids.subtracting([$0])) })
        let commits = Dictionary(uniqueKeysWithValues: ids.map { id in
            (id, CommitReport(decision: threats[id].map { Decision(stance: .balance, threat: $0, rule: Rule(.alwaysBalance), threats: []) },
                              commitments: commitments[id] ?? []))
        })
        let events = AllianceFormation(params: params, peers: peers ?? everyone, classification: classification).form(in: &world, round: round, commits: commits, beliefs: beliefs)
        return (world, events)
    }
}

/// A 0.25, B 0.25, T 0.5, borders A–T and B–T. Offense and intent at 0.5 make a threat
/// 1.5 · P · g, exact in binary: T's true threat to A or B is 0.75, A's and B's to each
/// other 0.1875 (g = 0.5). So B's true main threats are [T, A], and A's [T, B].
func triangle(alliances: [[StateID]] = []) -> World {
    World(Fixture.scenario([Fixture.state("A", power: 0.25), Fixture.state("B", power: 0.25), Fixture.state("T", power: 0.5)],
                           borders: [Border("A", "T"), Border("B", "T")], alliances: alliances))
}

/// Four states of equal power in `order`, unconnected: threats play no part.
func quartet(_ order: [StateID] = ["A", "B", "C", "D"], alliances: [[StateID]] = []) -> World {
    World(Fixture.scenario(order.map { Fixture.state($0, power: 1) }, borders: [], alliances: alliances))
}

func params(maxAllies: Int? = nil, floor: Double? = nil, rank: Int? = nil) -> PolicyParameters {
    var p = PolicyParameters()
    if let maxAllies { p.maxAllies = maxAllies }
    if let floor { p.threatFloor = floor }
    if let rank { p.sharedThreatRank = rank }
    return p
}

func reported(_ target: StateID, _ score: Double) -> ReportedThreat {
    ReportedThreat(target: target, score: score, estimate: Estimate(attributes: Fixture.attributes(0.1), confidence: 1))
}

/// Thrown (and so reported) when the formation did not form exactly one alliance.
struct NotOneFormed: Error { var events: [FormationEvent] }

/// Runs `c` on `world` and returns the one alliance formed (the test fails otherwise).
func formOne(_ world: World, _ c: CommitPhase, round: Int = 1) throws
    -> (world: World, alliance: Alliance, offer: Commitment, records: [AlignmentRecord]) {
    let (w, events) = c.run(world, round: round)
    guard events.count == 1, case let .formed(alliance, offer, records) = events[0] else { throw NotOneFormed(events: events) }
    return (w, alliance, offer, records)
}

@Suite("Alliance formation: mutual consent (MODEL.md §7)")
struct MutualConsentTests {
    @Test("an alliance forms when both list each other, with one record per member, lower id first")
    func bothConsent() throws {
        let f = try formOne(quartet(), CommitPhase().agreeing("A", "B", by: "A"), round: 3)
        #expect(f.alliance.members == ["A", "B"] && f.alliance.formedRound == 3 && f.world.alliances.map(\.members) == [["A", "B"]])
        #expect(f.records.map(\.state) == ["A", "B"] && f.records.map(\.partner) == ["B", "A"] && f.records.map(\.round) == [3, 3])
    }

    @Test("a one-sided commitment forms nothing")
    func oneSided() {
        let (w, events) = CommitPhase(commitments: ["A": [Commitment(partner: "B", kind: .balance, aimedAt: "D", offeredBy: "A")],
                                                    "B": [Commitment(partner: "C", kind: .balance, aimedAt: "D", offeredBy: "B")]]).run(quartet())
        #expect(events.isEmpty && w.alliances.isEmpty)
    }

    @Test("a pair already allied forms nothing new")
    func alreadyAllied() {
        let (w, events) = CommitPhase().agreeing("A", "B", by: "A").run(quartet(alliances: [["A", "B"]]))
        #expect(events.isEmpty && w.alliances == [Alliance("A", "B", round: 0, label: .initial)])
    }

    @Test("an eliminated member forms nothing, whichever of the two it is", arguments: ["A", "B"])
    func eliminatedMember(dead: StateID) {
        var world = quartet()
        world.states[dead]!.eliminated = true
        let (w, events) = CommitPhase().agreeing("A", "B", by: "A").run(world)
        #expect(events.isEmpty && !w.allied("A", "B"))
    }

    @Test("two states that are not peers form nothing, whatever they commit to")
    func nonPeers() {
        let (w, events) = CommitPhase(peers: ["A": ["C"], "B": ["C"], "C": ["A", "B"], "D": []]).agreeing("A", "B", by: "A").run(quartet())
        #expect(events.isEmpty && w.alliances.isEmpty)
    }

    @Test("each pair is considered once, from its lower id, whatever the scenario order")
    func eachPairOnce() throws {
        let f = try formOne(quartet(["D", "B", "C", "A"]), CommitPhase().agreeing("A", "B", by: "B"))
        #expect(f.world.alliances.count == 1 && f.records.map(\.state) == ["A", "B"])
    }

    /// The two copies disagree on purpose, to see which one is recorded.
    @Test("the terms recorded are the offerer's commitment: a's if a offered, else b's")
    func offerTerms() throws {
        let byA = Commitment(partner: "B", kind: .balance, aimedAt: "D", offeredBy: "A")
        var f = try formOne(quartet(), CommitPhase(commitments: ["A": [byA], "B": [Commitment(partner: "A", kind: .bandwagon, aimedAt: nil, offeredBy: "A")]]))
        #expect(f.offer == byA && f.records.map(\.kind) == [.balance, .balance] && f.records.map(\.aimedAt) == ["D", "D"])
        let byB = Commitment(partner: "A", kind: .bandwagon, aimedAt: nil, offeredBy: "B")
        f = try formOne(quartet(), CommitPhase(commitments: ["A": [Commitment(partner: "B", kind: .balance, aimedAt: "D", offeredBy: "B")], "B": [byB]]))
        #expect(f.offer == byB && f.records.map(\.offeredBy) == ["B", "B"] && f.records.map(\.kind) == [.bandwagon, .bandwagon])
        #expect(f.records.allSatisfy { $0.aimedAt == nil })
    }
}

@Suite("Alliance formation: the coordinator holds max_allies (MODEL.md §7)")
struct MaxAlliesTests {
    /// Each full member holds two initial alliances against a limit of 1.
    @Test("a member already at its max_allies is refused (the lower id named when both are); initial alliances stand",
          arguments: [["A"], ["B"], ["A", "B"]])
    func fullMemberRefused(full: [StateID]) {
        let c = CommitPhase(params: Dictionary(uniqueKeysWithValues: full.map { ($0, params(maxAllies: 1)) })).agreeing("A", "B", by: "B")
        let (w, events) = c.run(quartet(alliances: full.flatMap { [[$0, "C"], [$0, "D"]] }))
        #expect(events == [.refused(state: full[0], a: "A", b: "B")])
        #expect(!w.allied("A", "B") && w.alliances.count == 2 * full.count)
    }

    /// A holds one ally under its own limit of 2; B's limit of 1 would refuse A.
    @Test("each member is held to its own max_allies")
    func ownLimit() throws {
        let c = CommitPhase(params: ["A": params(maxAllies: 2), "B": params(maxAllies: 1)]).agreeing("A", "B", by: "A")
        #expect(try formOne(quartet(alliances: [["A", "C"]]), c).world.allied("A", "B"))
    }

    @Test("alliances formed earlier in the same pass count")
    func earlierInPassCounts() {
        let c = CommitPhase(params: ["B": params(maxAllies: 1)]).agreeing("A", "B", by: "A").agreeing("B", "C", by: "B")
        let (w, events) = c.run(quartet())
        #expect(events.count == 2 && events.last == .refused(state: "B", a: "B", b: "C"))
        #expect(w.allied("A", "B") && !w.allied("B", "C"))
    }

    @Test("without mutual consent nothing is refused")
    func refusalNeedsConsent() {
        let c = CommitPhase(params: ["A": params(maxAllies: 0)],
                            commitments: ["A": [Commitment(partner: "B", kind: .bandwagon, aimedAt: nil, offeredBy: "A")]])
        #expect(c.run(quartet()).events.isEmpty)
    }
}

@Suite("Classification at formation: side, perceived and true threats (MODEL.md §8)")
struct FormationClassificationTests {
    @Test("the side is the partner and its allies before the round, not this pass's alliances")
    func sideBeforeRound() throws {
        let c = CommitPhase(threats: ["A": "T"]).agreeing("A", "B", by: "A", .bandwagon)
        let a = try formOne(triangle(alliances: [["B", "T"]]), c).records[0]
        #expect(a.side == ["B", "T"] && a.perceived == .bandwagon && a.truth == .bandwagon)
        let events = CommitPhase().agreeing("A", "B", by: "A").agreeing("B", "C", by: "B").run(quartet()).events
        guard events.count == 2, case let .formed(_, _, records) = events[1] else { Issue.record("\(events)"); return }
        #expect(records.map(\.side) == [["C"], ["B"]], "A, allied to B in this pass, is not on B's side")
    }

    @Test("perceived threat from the decision, true from the ground truth; misperceived when they differ")
    func perceivedAndTrue() throws {
        let r = try formOne(triangle(), CommitPhase(threats: ["A": "B", "B": "T"]).agreeing("A", "B", by: "A", .bandwagon)).records
        #expect(r[0].perceivedThreat == "B" && r[0].perceived == .bandwagon && r[0].misperceived)
        #expect(r[0].trueThreat == "T" && r[0].truth == .balance && r[0].trueReason == .partnerShares)
        #expect(r[1].perceivedThreat == "T" && r[1].trueThreat == "T" && !r[1].misperceived)
        #expect(r[1].perceived == .other && r[1].truth == .balance, "A reported no belief; T tops A's true threats")
    }

    @Test("the true main threat counts only when its score reaches the state's own threat_floor")
    func trueThreatFloor() throws {
        for (floor, expected) in [(0.75, "T" as StateID?), (0.8, nil)] {
            let c = CommitPhase(params: ["A": params(floor: floor)]).agreeing("A", "B", by: "A", aimedAt: "T")
            let a = try formOne(triangle(), c).records[0]
            #expect(a.trueThreat == expected && a.truth == (expected == nil ? .other : .balance), "floor \(floor)")
        }
    }

    /// B believes A 0.9, T 0.5: T is second, so the strict reading (partner_rank 1) cuts it
    /// out. Both states' own shared_threat_rank is set the other way round, so using it
    /// instead would flip both results.
    @Test("the partner's perceived main threats stop at classification.partner_rank (1: strict)")
    func partnerRankCuts() throws {
        for (rank, expected) in [(2, Alignment.balance), (1, .other)] {
            var c = CommitPhase(threats: ["A": "T"], beliefs: ["B": [reported("A", 0.9), reported("T", 0.5)]],
                                params: ["A": params(rank: 3 - rank), "B": params(rank: 3 - rank)]).agreeing("A", "B", by: "B")
            c.classification.partnerRank = rank
            let a = try formOne(triangle(), c).records[0]
            #expect(a.perceived == expected, "rank \(rank)")
            #expect(a.truth == .balance, "T tops B's true threats whatever B believes")
        }
    }

    /// B believes T at 0.5; T's true threat to B is 0.75. A's own floor (0.7) would cut
    /// the belief at 0.5: the floor applied must be the partner's.
    @Test("the partner's main threats need a score of at least the partner's threat_floor, believed or true")
    func partnerFloorCuts() throws {
        for (floor, perceived, truth) in [(0.5, Alignment.balance, Alignment.balance), (0.6, .other, .balance), (0.8, .other, .other)] {
            let c = CommitPhase(threats: ["A": "T"], beliefs: ["B": [reported("T", 0.5)]],
                                params: ["A": params(floor: 0.7), "B": params(floor: floor)]).agreeing("A", "B", by: "B")
            let a = try formOne(triangle(), c).records[0]
            #expect(a.perceived == perceived && a.truth == truth, "floor \(floor)")
        }
    }
}
