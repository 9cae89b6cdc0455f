import Testing
@testable import EntenteModel

@Suite("Alliance labels and what is stored for dissolution (MODEL.md §8)")
struct AllianceLabelTests {
    @Test("a bandwagoning member makes a bandwagon with its threat (the partner or its ally); the senior's true threat, allied, is stored")
    func bandwagonWithPartner() throws {
        let f = try formOne(triangle(), CommitPhase(threats: ["A": "B", "B": "T"]).agreeing("A", "B", by: "A", .bandwagon))
        let label = AllianceLabel.bandwagon(with: "B", junior: "A")
        // Measured once allied: B's intent toward its new ally A is discounted, 0.5 + 0.5·0.5 = 0.75 of
        // the factor 1, so 0.1875 · 0.75. Joining T's side through B leaves T's intent whole.
        #expect(f.alliance == Alliance("A", "B", round: 1, label: label, seniorThreat: 0.140625))
        #expect(f.records.map(\.allianceLabel) == [label, label])
        #expect(f.world.alliances.last == f.alliance)
        let g = try formOne(triangle(alliances: [["B", "T"]]), CommitPhase(threats: ["A": "T"]).agreeing("A", "B", by: "A", .bandwagon))
        #expect(g.alliance.label == .bandwagon(with: "T", junior: "A") && g.alliance.seniorThreatAtFormation == 0.75)
    }

    @Test("a balancing member makes a coalition against the offer's target")
    func balancingAgainstTarget() throws {
        let f = try formOne(triangle(), CommitPhase(threats: ["A": "T", "B": "T"]).agreeing("A", "B", by: "A", aimedAt: "T"))
        #expect(f.alliance == Alliance("A", "B", round: 1, label: .balancing(against: "T")))
        #expect(f.records.map(\.allianceLabel) == [.balancing(against: "T"), .balancing(against: "T")])
    }

    @Test("an offer naming no target: the coalition is against the balancing member's threat")
    func balancingAgainstMembersThreat() throws {
        let f = try formOne(triangle(), CommitPhase(threats: ["A": "T"], beliefs: ["B": [reported("T", 0.5)]]).agreeing("A", "B", by: "B"))
        #expect(f.alliance.label == .balancing(against: "T"))
    }

    /// Both are `balance` by true threat here: the label follows the perceived alignments.
    @Test("neither member balanced nor bandwagoned (perceived): mixed, nothing stored")
    func mixed() throws {
        let f = try formOne(triangle(), CommitPhase(threats: ["A": "T", "B": "T"]).agreeing("A", "B", by: "A"))
        #expect(f.records.map(\.truth) == [.balance, .balance] && f.alliance == Alliance("A", "B", round: 1, label: .mixed))
    }

    @Test("a bandwagon comes before a balance; the lower id first; the offer's target before the member's threat")
    func labelPrecedence() {
        #expect(AllianceLabel.of(("A", .balance, "T"), ("B", .bandwagon, "A"), aimedAt: "T") == .bandwagon(with: "A", junior: "B"))
        #expect(AllianceLabel.of(("A", .bandwagon, "T"), ("B", .bandwagon, "A"), aimedAt: nil) == .bandwagon(with: "T", junior: "A"))
        #expect(AllianceLabel.of(("A", .balance, "T"), ("B", .balance, "X"), aimedAt: nil) == .balancing(against: "T"))
        #expect(AllianceLabel.of(("A", .other, "T"), ("B", .balance, "X"), aimedAt: "Y") == .balancing(against: "Y"))
        #expect(AllianceLabel.of(("A", .other, "T"), ("B", .other, nil), aimedAt: "T") == .mixed)
    }
}
