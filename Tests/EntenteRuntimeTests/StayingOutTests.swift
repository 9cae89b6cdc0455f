import EntenteModel
import EntenteScenario
import Testing
@testable import EntenteRuntime

/// Every state alone at the end of a run has a reason from the theory (MODEL.md §8.4).
@Suite("Staying out")
struct StayingOutTests {
    @Test("a reason follows from the last decision's stance")
    func reasons() {
        let rule = Rule(.noThreat, [0.01])
        #expect(StayingOut(lastDecision: Decision(stance: .none, threat: nil, rule: rule, threats: [])) == .noThreat)
        #expect(StayingOut(lastDecision: Decision(stance: .balance, threat: "X", rule: rule, threats: [])) == .noPartner)
        #expect(StayingOut(lastDecision: Decision(stance: .bandwagon, threat: "X", rule: rule, threats: [])) == .notTaken)
        #expect(StayingOut(lastDecision: nil) == .noDecision)
    }

    @Test("summary.json names each state alone at the end, exactly the sides of one, with its last stance's reason")
    func summaryNamesThem() throws {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/europe-1936.yaml")
        let outcome = try ReferenceEngine.run(RunSettings(scenario: s, scenarioPath: "europe-1936", runID: "alone", engine: .reference),
                                              outDirectory: nil)
        let singles = outcome.sides.filter { $0.count == 1 }.map { $0[0] }
        #expect(!singles.isEmpty)
        #expect(outcome.summary.alone?.map(\.state) == singles)
        for (state, reason) in outcome.alone {
            #expect(reason == StayingOut(lastDecision: outcome.lastDecisions[state]))
            #expect(reason != .noDecision)
        }
    }
}
