import Testing
import EntenteModel
@testable import EntenteScenario

@Suite("Command-line overrides of scenario fields")
struct OverrideTests {
    let yaml = """
        name: tiny
        states:
          - {id: AAA, power: 3, offense: 0.5, aggressiveness: 0.2}
          - {id: BBB, power: 1, offense: 0.1, aggressiveness: 0.9}
        """

    func load(_ overrides: String...) throws -> Scenario {
        try Scenario.parse(yaml: yaml, overrides: overrides.map(ScenarioOverride.init(parsing:)))
    }

    @Test("an override sets a field, creating the blocks on its way")
    func setsFields() throws {
        let s = try load("observation.noise=0.3", "rounds=9", "policy.trust=0")
        // What every state uses, since the scenario keeps only the resolved settings.
        #expect(s.states.allSatisfy { $0.observation.noise == 0.3 && $0.params.trust == 0 })
        #expect(s.rounds == 9)
    }

    @Test("states.<ID> picks a state by id")
    func pickStateByID() throws {
        let s = try load("states.BBB.aggressiveness=0.1", "states.AAA.params.weak_ratio=0.9")
        #expect(s.state("BBB")?.aggressiveness == 0.1)
        #expect(s.state("AAA")?.params.weakRatio == 0.9)
        #expect(s.state("BBB")?.params.weakRatio == PolicyParameters().weakRatio)
    }

    @Test("an overridden value is validated like the file, and the problem names the override")
    func validated() {
        #expect {
            try load("observation.noise=-2")
        } throws: { error in
            let p = (error as? ScenarioError)?.problems ?? []
            return p.count == 1 && p[0].field == "observation.noise" && p[0].message.contains("--set") == false
                && p[0].message.contains("set on the command line: observation.noise=-2")
        }
    }

    @Test("malformed overrides and unknown ids are refused")
    func malformed() {
        #expect(throws: ScenarioError.self) { try ScenarioOverride(parsing: "noequals") }
        #expect(throws: ScenarioError.self) { try ScenarioOverride(parsing: "=1") }
        #expect(throws: ScenarioError.self) { try load("states.ZZZ.power=1") }
    }
}
