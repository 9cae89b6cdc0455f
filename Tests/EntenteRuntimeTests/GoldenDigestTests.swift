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
/// states it concerns, dissolution by perceived threat). No information knob has changed them.
@Suite("Golden digests: existing runs stay reproducible")
struct GoldenDigestTests {
    static let golden: [(String, String)] = [
        ("small", "e23087eebb08185931dc333947100163067af13cd9768b68e369d50f63ac469a"),
        ("europe-1914", "a146b1bc3c04b3e64ad5eb8299a20e94a3120768900376ab9f494005a32b1d4f"),
        ("europe-1936", "3f2b6dfc66151311aca44aecc0281246a999a2f487aba567dee0b75343f649db"),
        ("large", "1f37269f945d2e36d7d3c3115e01c50772284cec619192aaebbe7d8662d356de"),
    ]

    @Test("each shipped scenario at its defaults gives its recorded digest", arguments: golden)
    func recordedDigest(scenario: String, digest: String) throws {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/\(scenario).yaml")
        let settings = RunSettings(scenario: s, scenarioPath: scenario, runID: "golden", engine: .reference, transport: .memory)
        let outcome = try Coordinator(settings, outDirectory: nil).run(over: ReferenceChannel(ids: s.ids))
        #expect(outcome.digest == digest)
    }
}
