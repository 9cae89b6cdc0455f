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
/// states it concerns, dissolution by perceived threat, intent aimed at each state, decisions logged with their rule code). No information knob has changed them.
@Suite("Golden digests: existing runs stay reproducible")
struct GoldenDigestTests {
    static let golden: [(String, String)] = [
        ("small", "ffa02010c9874c0af542d075e88311aaa1a68e9b89daf67866f84425b26c41f8"),
        ("europe-1914", "5601417326077ecfe9ba7b3c9864d70cbc1a3333656b91c935be71d000f22122"),
        ("europe-1936", "062bef715351fb7764e152a8183442a122bb52deb3208e7030a8356be189680c"),
        ("large", "137d84b9492404137388cbc6ded43fe7c8a9fa70fd0ff98fdb22b87c8c7b0d53"),
    ]

    @Test("each shipped scenario at its defaults gives its recorded digest", arguments: golden)
    func recordedDigest(scenario: String, digest: String) throws {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/\(scenario).yaml")
        let settings = RunSettings(scenario: s, scenarioPath: scenario, runID: "golden", engine: .reference, transport: .memory)
        let outcome = try Coordinator(settings, outDirectory: nil).run(over: ReferenceChannel(ids: s.ids))
        #expect(outcome.digest == digest)
    }
}
