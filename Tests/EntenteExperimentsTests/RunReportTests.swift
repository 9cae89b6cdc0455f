import EntenteExperiments
import EntenteModel
import EntenteRuntime
import EntenteScenario
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("The run report: timeline with wars and eliminations, alliance networks, power and threats")
struct RunReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test("europe-1914's report is well-formed, self-contained and has every figure")
    func figures() throws {
        let s = try Scenario.load(path: Self.root + "/scenarios/europe-1914.yaml")
        let dir = NSTemporaryDirectory() + "entente-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let settings = RunSettings(scenario: s, scenarioPath: "europe-1914", runID: "report", engine: .reference)
        _ = try ReferenceEngine.run(settings, outDirectory: dir)
        let html = try RunReport.html(folder: dir)
        #expect(XMLParser(data: Data(html.utf8)).parse(), "not well-formed")
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        // Networks at the first, middle and last rounds, with the final sides ringed.
        #expect(html.components(separatedBy: "class=\"chart network\"").count - 1 == 3)
        #expect(html.contains("data-round=\"1\"") && html.contains("data-round=\"\(s.rounds)\""))
        #expect(html.contains("data-figure=\"power\"") && html.contains("data-figure=\"threats\""))
        // The timeline labels each war and marks each elimination (europe-1914 at its defaults has both).
        let events = try RunEvent.read(folder: dir)
        let wars = events.compactMap { if let w = $0.body as? WarStarted { w } else { nil } }
        let gone = events.compactMap { if let e = $0.body as? Eliminated { e.state } else { nil } }
        #expect(!wars.isEmpty && !gone.isEmpty)
        for w in wars { #expect(html.contains("\(w.attacker)→\(w.defender)")) }
        for state in gone { #expect(html.contains("\(state) eliminated")) }
        // Networks at rounds of one's choosing; a round the run did not reach is left out.
        let chosen = try RunReport.html(folder: dir, networkRounds: [2, 5, 99])
        #expect(chosen.components(separatedBy: "class=\"chart network\"").count - 1 == 2)
        #expect(chosen.contains("data-round=\"2\"") && chosen.contains("data-round=\"5\"") && !chosen.contains("data-round=\"99\""))
    }
}
