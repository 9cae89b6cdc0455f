import EntenteModel
import EntenteScenario
import Testing
@testable import EntenteRuntime

/// Runs recorded once stay reproducible: the shipped scenarios, at their defaults, must
/// keep these digests. A change here is a change to every published result, so it is
/// made only on purpose, with the reason in the commit and the issue note.
/// History: re-recorded when crossed offers stopped being refused for "no room" (a
/// negotiation bug fix); and for "Alignments that mean something" (exclusive sides,
/// strict main threats, power that counts as far as it reaches, the war rule for the
/// states it concerns, dissolution by perceived threat, intent aimed at each state by wars and coalitions, decisions logged with their rule code, the war rule for the weak). No information knob has changed them.
@Suite("Golden digests: existing runs stay reproducible")
struct GoldenDigestTests {
    static let golden: [(String, String)] = [
        ("small", "4121183a611959f0eb0df2f83d3685903ab2176bf6b916088521502f885c9516"),
        ("europe-1914", "97fdaea90e8ba7c4ad67979c8faf19bade6ee3a765bca770211c6e99daf77906"),
        ("europe-1936", "9afc508164465f7abdffd351e4916492bfdc4ed459c093d30b3326de030329f6"),
        ("large", "882cd04f3c512ffaa9898139050f83bd3102c24948138d742b5eeb8feebfbcb3"),
    ]

    @Test("each shipped scenario at its defaults gives its recorded digest", arguments: golden)
    func recordedDigest(scenario: String, digest: String) throws {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/\(scenario).yaml")
        let settings = RunSettings(scenario: s, scenarioPath: scenario, runID: "golden", engine: .reference, transport: .memory)
        let outcome = try Coordinator(settings, outDirectory: nil).run(over: ReferenceChannel(ids: s.ids))
        #expect(outcome.digest == digest)
    }
}
