import Testing
import EntenteModel
@testable import EntenteScenario

/// The `year`, `disputes` and `history` fields (SCENARIOS.md): read, and every problem named.
@Suite("Scenario files: dispute history")
struct DisputeParsingTests {
    let base = """
        name: tiny
        states:
          - {id: AAA, power: 3, offense: 0.5, aggressiveness: 0.2}
          - {id: BBB, power: 1, offense: 0.1, aggressiveness: 0.9}
        borders:
          - {a: AAA, b: BBB}
        """

    @Test("a dispute list is read with its year and history block")
    func reads() throws {
        let s = try Scenario.parse(yaml: base + """

            year: 1914
            history: {window: 30, half_life: 5}
            disputes:
              - {by: AAA, against: BBB, year: 1908, level: force, mid: 1250}
              - {by: BBB, against: AAA, year: 1912, level: threat, mid: 21}
            """)
        #expect(s.year == 1914 && s.history.window == 30 && s.history.halfLife == 5)
        #expect(s.disputes == [Dispute(by: "AAA", against: "BBB", year: 1908, level: .force, mid: 1250),
                               Dispute(by: "BBB", against: "AAA", year: 1912, level: .threat, mid: 21)])
        let none = try Scenario.parse(yaml: base)
        #expect(none.year == nil && none.disputes.isEmpty && none.history == HistoryParameters())
    }

    @Test("every bad dispute is reported with its field: unknown state, level, a year not before the date, a missing year")
    func problemsNamed() {
        let p = problems(base + """

            year: 1914
            disputes:
              - {by: AAA, against: ZZZ, year: 1908, level: force, mid: 1}
              - {by: AAA, against: BBB, year: 1908, level: skirmish, mid: 2}
              - {by: AAA, against: BBB, year: 1914, level: war, mid: 3}
              - {by: AAA, against: AAA, year: 1900, level: war, mid: 4}
              - {by: AAA, against: BBB, level: war, mid: 5, when: 1900}
            """)
        let fields = p.map(\.field)
        #expect(fields.contains("disputes[0].against"))
        #expect(fields.contains("disputes[1].level") && p.contains { $0.message.contains("threat, display, force, war") })
        #expect(fields.contains("disputes[2].year") && p.contains { $0.message.contains("not before the scenario's year 1914") })
        #expect(fields.contains("disputes[3]"))
        #expect(fields.contains("disputes[4].year") && fields.contains("disputes[4].when"))
        let noYear = problems(base + "\ndisputes:\n  - {by: AAA, against: BBB, year: 1908, level: force, mid: 1}\n")
        #expect(noYear.map(\.field) == ["disputes"])
        #expect(problems(base + "\nyear: 1914\nhistory: {window: -1}\n").map(\.field) == ["history.window"])
    }

    @Test("--set switches the history off or drops the list")
    func overrides() throws {
        let yaml = base + "\nyear: 1914\ndisputes:\n  - {by: AAA, against: BBB, year: 1908, level: force, mid: 1}\n"
        let off = try Scenario.parse(yaml: yaml, overrides: [ScenarioOverride(parsing: "history.window=0")])
        #expect(off.history.window == 0 && off.disputes.count == 1)
        let dropped = try Scenario.parse(yaml: yaml, overrides: [ScenarioOverride(parsing: "disputes=[]")])
        #expect(dropped.disputes.isEmpty)
    }
}

/// A state's `command` (SCENARIOS.md, `states`).
@Suite("Scenario files: a state's program")
struct StateCommandParsingTests {
    let base = """
        name: tiny
        states:
          - {id: AAA, power: 3, offense: 0.5, aggressiveness: 0.2, command: [python3, -m, mypolicy]}
          - {id: BBB, power: 1, offense: 0.1, aggressiveness: 0.9}
        """

    @Test("a command is a non-empty list of words; anything else is refused with its field")
    func command() throws {
        let s = try Scenario.parse(yaml: base)
        #expect(s.states[0].command == ["python3", "-m", "mypolicy"] && s.states[1].command == nil)
        for bad in ["command: []", "command: python3", "command: [python3, \"\"]", "command: [[a]]"] {
            let p = problems(base.replacingOccurrences(of: "command: [python3, -m, mypolicy]", with: bad))
            #expect(p.map(\.field) == ["states[0].command"], "\(bad)")
        }
    }
}
