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
        ("small", "a194b449be7185c1552b43a73af4b7c6019a48d9ca60da0733f3960abb38e365"),
        ("europe-1914", "c74e7889d4f3e41e80204f3f63b39a7b2f89b97aa5c27217187b23e75be29d57"),
        ("europe-1936", "daa04acff97915ed2d200d04f4e1f3bf758db1eb71aa765ee293951fc5e174a1"),
        ("large", "e1ecf582f7f132bfe05b37417de2cca0a1f6eba30b9932c8094c9a40db926066"),
    ]

    @Test("each shipped scenario at its defaults gives its recorded digest", arguments: golden)
    func recordedDigest(scenario: String, digest: String) throws {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/\(scenario).yaml")
        let settings = RunSettings(scenario: s, scenarioPath: scenario, runID: "golden", engine: .reference, transport: .memory)
        let outcome = try Coordinator(settings, outDirectory: nil).run(over: ReferenceChannel(ids: s.ids))
        #expect(outcome.digest == digest)
    }
}
