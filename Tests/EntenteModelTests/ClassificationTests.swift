import Testing
@testable import EntenteModel

/// A classification as "alignment: reason", to check both in one expectation.
func rule(_ threat: StateID?, side: Set<StateID>, aimedAt: StateID?, partner: [StateID]) -> String {
    let (a, why) = classify(mainThreat: threat, side: side, aimedAt: aimedAt, partnerThreats: partner)
    return "\(a): \(why.text(threat: threat))"
}

@Suite("Classification rules, first match wins (MODEL.md §8)")
struct ClassifyRuleTests {
    @Test("no main threat: other")
    func noThreat() { #expect(rule(nil, side: ["B"], aimedAt: "T", partner: ["T"]) == "other: no threat above the floor") }

    @Test("the side joined contains the main threat (the partner itself): bandwagon, even if the offer is aimed at it")
    func threatIsPartner() { #expect(rule("B", side: ["B"], aimedAt: "B", partner: ["B"]) == "bandwagon: the side joined contains B") }

    @Test("the side joined contains the main threat (the partner's ally): bandwagon")
    func threatIsPartnersAlly() { #expect(rule("T", side: ["B", "T"], aimedAt: nil, partner: []) == "bandwagon: the side joined contains T") }

    @Test("the offer is aimed at the main threat: balance")
    func aimedAtThreat() { #expect(rule("T", side: ["B"], aimedAt: "T", partner: []) == "balance: the offer is aimed at T") }

    @Test("the main threat is among the partner's main threats: balance")
    func sharedThreat() { #expect(rule("T", side: ["B"], aimedAt: "X", partner: ["X", "T"]) == "balance: T is among the partner's main threats") }

    @Test("otherwise: other")
    func elsewhere() { #expect(rule("T", side: ["B"], aimedAt: "X", partner: ["X"]) == "other: the alliance is aimed elsewhere than T") }
}
