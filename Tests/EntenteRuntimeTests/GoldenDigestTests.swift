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
/// states it concerns, dissolution by perceived threat, intent aimed at each state). No information knob has changed them.
@Suite("Golden digests: existing runs stay reproducible")
struct GoldenDigestTests {
    static let golden: [(String, String)] = [
        ("small", "ec1c145c377e43309e97ca04e2b9e78620bbd7d8d793a773a486049093d41c29"),
        ("europe-1914", "ab399d01b97315a0bff378493a5054ae05a281579651db1ef446877adb08d569"),
        ("europe-1936", "5eec296991467b612524827ae2f12f089fcbfd37278e2325149aedbf62409308"),
        ("large", "dbfd3f390bc54663af225532c5adbea8b23cabf7743fb3a2dada2faae0ad794b"),
    ]

    @Test("each shipped scenario at its defaults gives its recorded digest", arguments: golden)
    func recordedDigest(scenario: String, digest: String) throws {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/\(scenario).yaml")
        let settings = RunSettings(scenario: s, scenarioPath: scenario, runID: "golden", engine: .reference, transport: .memory)
        let outcome = try Coordinator(settings, outDirectory: nil).run(over: ReferenceChannel(ids: s.ids))
        #expect(outcome.digest == digest)
    }
}
