import EntenteModel
import EntenteScenario
import Foundation
import Testing
@testable import EntenteRuntime

/// scenario.json carries a run to the processes `entente run` starts: it must bring back
/// exactly the scenario that was resolved, every number bit for bit.
@Suite("Resolved scenario: what the coordinator of a cluster reads")
struct ResolvedScenarioTests {
    static let overrides = ["states.GMY.params.trust=0.3", "observation.noise=0.123456789", "channels.pairs=[{a: FRN, b: GMY, loss: 0.25}]",
                            "deception.share=0.4", "communication.topology=hops"]

    @Test("every shipped scenario, with and without overrides, comes back equal from scenario.json",
          arguments: ["small", "europe-1914", "europe-1936", "large"])
    func roundTrip(name: String) throws {
        let path = ReferenceEngineTests.root + "/scenarios/\(name).yaml"
        let plain = try Scenario.load(path: path)
        var cases = [(plain, [String]())]
        if plain.state("GMY") != nil && plain.state("FRN") != nil {
            cases.append((try Scenario.load(path: path, overrides: Self.overrides.map(ScenarioOverride.init(parsing:))), Self.overrides))
        }
        for (scenario, overrides) in cases {
            let settings = RunSettings(scenario: scenario, scenarioPath: path, seed: 77, rounds: 3, runID: "r", engine: .cluster(.ipc),
                                       overrides: overrides)
            let dir = NSTemporaryDirectory() + "entente-resolved-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try ResolvedScenario(settings).write(toFolder: dir)
            let back = try ResolvedScenario.read(path: dir + "/" + ResolvedScenario.fileName)
            #expect(back == ResolvedScenario(settings))
            #expect(back.scenario.seed == 77 && back.scenario.rounds == 3)
            #expect(back.scenario.states.map(\.params) == scenario.states.map(\.params))
        }
    }

    @Test("a file that is not a resolved scenario is refused with its path")
    func refusesOtherFiles() throws {
        let path = NSTemporaryDirectory() + "entente-notresolved-\(getpid()).json"
        try Data("{\"name\": \"x\"}".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try ResolvedScenario.read(path: path) } throws: { "\($0)".contains(path) }
    }
}
