import Testing
import EntenteModel
@testable import EntenteScenario

@Suite("Scenario files: loading and every problem reported with its place")
struct ScenarioTests {
    let valid = """
        name: tiny
        seed: 3
        rounds: 4
        policy: {trust: 0.4}
        states:
          - {id: AAA, name: Aland, power: 3, offense: 0.5, aggressiveness: 0.2}
          - {id: BBB, name: Bland, power: 1, offense: 0.1, aggressiveness: 0.9, params: {weak_ratio: 0.3}}
        borders:
          - {a: AAA, b: BBB, contact: sea24}
        alliances:
          - [AAA, BBB]
        """

    @Test("a valid scenario loads, with power renormalised and overrides applied")
    func loadsValid() throws {
        let s = try Scenario.parse(yaml: valid)
        #expect(s.name == "tiny" && s.seed == 3 && s.rounds == 4)
        #expect(s.states.map(\.power) == [0.75, 0.25])
        #expect(s.states[0].params.trust == 0.4)
        #expect(s.states[1].params.trust == 0.4 && s.states[1].params.weakRatio == 0.3)
        #expect(s.borders == [Border("AAA", "BBB", .sea24)])
        #expect(s.alliances == [["AAA", "BBB"]])
    }

    @Test("a missing field is named with its state and line")
    func missingField() {
        let p = problems(valid.replacingOccurrences(of: "power: 1, ", with: ""))
        #expect(p.count == 1)
        #expect(p.first?.field == "states[1].power")
        #expect(p.first?.state == "BBB")
        #expect(p.first?.message.contains("missing") == true)
    }

    @Test("an unknown state in the map is named with its line")
    func unknownStateInMap() {
        let p = problems(valid.replacingOccurrences(of: "{a: AAA, b: BBB, contact: sea24}", with: "{a: AAA, b: ZZZ, contact: sea24}"))
        #expect(p.count == 1)
        #expect(p.first?.field == "borders[0].b")
        #expect(p.first?.line == 9)
        #expect(p.first?.message.contains("unknown state 'ZZZ'") == true)
    }

    @Test("negative power is refused")
    func negativePower() {
        let p = problems(valid.replacingOccurrences(of: "power: 3", with: "power: -3"))
        #expect(p.map(\.field) == ["states[0].power"])
        #expect(p.first?.message.contains("out of range") == true)
        #expect(p.first?.line == 6)
    }

    @Test("bad YAML is reported as such, with a line")
    func badYAML() {
        let p = problems("name: x\nstates: [\n  - {id: A")
        #expect(p.count == 1)
        #expect(p.first?.field == "(yaml)")
        #expect(p.first?.line != nil)
    }

    @Test("every problem is reported, not just the first")
    func everyProblem() {
        let broken = valid
            .replacingOccurrences(of: "power: 3", with: "power: -3")
            .replacingOccurrences(of: "contact: sea24", with: "contact: tunnel")
            .replacingOccurrences(of: "rounds: 4", with: "rounds: 4\ncolour: blue")
        let fields = problems(broken).map(\.field)
        #expect(fields.contains("states[0].power"))
        #expect(fields.contains("borders[0].contact"))
        #expect(fields.contains("colour"))
    }

    @Test("duplicate ids, unknown policies and self-alliances are refused")
    func otherProblems() {
        let p = problems(valid
            .replacingOccurrences(of: "id: BBB", with: "id: AAA")
            .replacingOccurrences(of: "aggressiveness: 0.2}", with: "aggressiveness: 0.2, policy: sometimes}"))
        let messages = p.map(\.message).joined(separator: "\n")
        #expect(messages.contains("duplicate id"))
        #expect(messages.contains("unknown policy"))
    }

    @Test("parameters out of range are refused, every one, each with its line")
    func parameterRanges() {
        let p = problems(valid.replacingOccurrences(of: "policy: {trust: 0.4}", with: """
            policy: {trust: 1.5, assessment_size: 1e300, max_offers: 2.5}
            timeouts: {phase_seconds: -1}
            world: {war_cost: lots}
            """))
        let fields = Set(p.map(\.field))
        #expect(fields == ["policy.trust", "policy.assessment_size", "policy.max_offers", "timeouts.phase_seconds", "world.war_cost"])
        #expect(p.allSatisfy { $0.line != nil })
        #expect(p.first { $0.field == "world.war_cost" }?.message.contains("not 'lots'") == true)
    }

    @Test("values that would overflow at run time are refused at load time")
    func overflowGuards() {
        let p = problems(valid.replacingOccurrences(of: "power: 3", with: "power: 1e308")
            .replacingOccurrences(of: "rounds: 4", with: "rounds: 4\nthreat: {intent_weight: 1e300}"))
        #expect(Set(p.map(\.field)) == ["states[0].power", "threat.intent_weight"])
    }

    @Test("a bad scenario-wide parameter is reported once, not again for each state that overrides others")
    func noDoubleReports() {
        let p = problems(valid.replacingOccurrences(of: "policy: {trust: 0.4}", with: "policy: {trust: 2}"))
        #expect(p.map(\.field) == ["policy.trust"])
    }

    @Test("a missing required field still gets its entry's line")
    func missingFieldLine() {
        let p = problems(valid.replacingOccurrences(of: "power: 1, ", with: ""))
        #expect(p.first?.line == 7)
    }

    @Test("ids must be short and plain: they name sockets and files")
    func badIDs() {
        let p = problems(valid.replacingOccurrences(of: "id: AAA", with: "id: \"A/../B\""))
        #expect(p.contains { $0.field == "states[0].id" && $0.message.contains("not a valid id") })
    }

    @Test("a problem's description names file, line, field and state")
    func description() {
        let p = ScenarioProblem(file: "s.yaml", line: 7, field: "states[1].power", state: "BBB", message: "missing")
        #expect(p.description == "s.yaml:7: states[1].power (state BBB): missing")
    }
}
