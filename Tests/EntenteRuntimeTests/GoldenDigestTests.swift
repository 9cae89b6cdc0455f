import EntenteModel
import EntenteScenario
import Testing
@testable import EntenteRuntime

/// Runs recorded once stay reproducible: the shipped scenarios, at their defaults, must
/// keep these digests. A change here is a change to every published result, so it is
/// made only on purpose, with the reason in the commit and the issue note.
/// History: re-recorded once, when crossed offers stopped being refused for "no room"
/// (a negotiation bug fix); no information knob has changed them.
@Suite("Golden digests: existing runs stay reproducible")
struct GoldenDigestTests {
    static let golden: [(String, String)] = [
        ("small", "53aba15371b56700d6085f09d6677fd00d97035413ac5ef0524afcff003d4e90"),
        ("europe-1914", "c9228731bf0f48270ee2fc09876baa8a9d09cbdde33e6cf4674b2936b97b4745"),
        ("europe-1936", "c0f82f0461e189d6f57ed4faea920131e47adf0bbf9f156222ca7c70fd360aff"),
        ("large", "960b528b9c5280d4f914b128a9ef8a2f82b47cb7fa48f80a549944c553ba2b3e"),
    ]

    @Test("each shipped scenario at its defaults gives its recorded digest", arguments: golden)
    func recordedDigest(scenario: String, digest: String) throws {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/\(scenario).yaml")
        let settings = RunSettings(scenario: s, scenarioPath: scenario, runID: "golden", engine: .reference, transport: .memory)
        let outcome = try Coordinator(settings, outDirectory: nil).run(over: ReferenceChannel(ids: s.ids))
        #expect(outcome.digest == digest)
    }
}
