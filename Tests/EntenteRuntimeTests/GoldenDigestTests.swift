import EntenteModel
import Testing
@testable import EntenteRuntime

/// Runs recorded once stay reproducible: the shipped scenarios, at their defaults, must
/// keep these digests. A change here is a change to every published result, so it is
/// made only on purpose, with the reason in the commit and the issue note.
@Suite("Golden digests: existing runs stay reproducible")
struct GoldenDigestTests {
    static let golden: [(String, String)] = [
        ("small", "53aba15371b56700d6085f09d6677fd00d97035413ac5ef0524afcff003d4e90"),
        ("europe-1914", "c4daad204460cde5c32abc66f343b7ce71da3fc39fbf7e2fab9940bafcd90d81"),
        ("europe-1936", "36d5d44b0ca644ad95f1f9206d163f067b0dbf7ca5795845e298b56f556fc389"),
        ("large", "06ff91c03d8b245df39ab28e0066354ee5d995fd46dc8c3eb9a3059b6d08aa86"),
    ]

    @Test("each shipped scenario at its defaults gives its recorded digest", arguments: golden)
    func recordedDigest(scenario: String, digest: String) throws {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/\(scenario).yaml")
        let settings = RunSettings(scenario: s, scenarioPath: scenario, runID: "golden", engine: "reference", transport: "memory")
        let outcome = try Coordinator(settings, outDirectory: nil).run(over: ReferenceChannel(ids: s.ids))
        #expect(outcome.digest == digest)
    }
}
