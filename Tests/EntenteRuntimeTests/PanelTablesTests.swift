import EntenteModel
import EntenteScenario
import Foundation
import Testing
@testable import EntenteRuntime

@Suite("Panel tables: states.csv and threats.csv hold what the log holds, with the documented types")
struct PanelTablesTests {
    func rows(_ path: String) throws -> (header: [String], rows: [[String: String]]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (header, lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        })
    }

    @Test("every state every round, agreeing with the decision events; threats.csv at the full level only")
    func tables() throws {
        let s = try Scenario.load(path: ReferenceEngineTests.root + "/scenarios/europe-1914.yaml")
        let dir = NSTemporaryDirectory() + "entente-panel-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var settings = RunSettings(scenario: s, scenarioPath: "europe-1914", rounds: 6, runID: "panel", engine: .reference)
        settings.logLevel = .full
        _ = try ReferenceEngine.run(settings, outDirectory: dir)

        let (header, states) = try rows(dir + "/states.csv")
        #expect(header == PanelTables.statesHeader.split(separator: ",").map(String.init))
        #expect(states.count == s.ids.count * 6)
        let decisions = try RunEvent.read(folder: dir).compactMap { e -> (Int, DecisionEvent)? in
            if let d = e.body as? DecisionEvent { (e.round, d) } else { nil }
        }
        for row in states {
            #expect(["TRUE", "FALSE"].contains(row["alive"]!))
            #expect(Double(row["power"]!) != nil && Int(row["round"]!) != nil)
            #expect(row["side"]!.split(separator: " ").map(String.init).contains(row["state"]!) || row["alive"] == "FALSE")
            if !row["perceived_score"]!.isEmpty { #expect(Double(row["perceived_score"]!) != nil) }
        }
        for (round, d) in decisions {
            let row = try #require(states.first { $0["state"] == d.state && $0["round"] == String(round) })
            #expect(row["stance"] == d.stance.rawValue && row["rule_code"] == d.ruleCode && row["perceived_threat"] == (d.threat ?? ""))
        }

        let (threatHeader, threats) = try rows(dir + "/threats.csv")
        #expect(threatHeader.count == 13 && threatHeader[0...2] == ["state", "round", "target"])
        #expect(!threats.isEmpty && threats.allSatisfy { Double($0["true_score"]!) != nil })
        // The whole perceived ranking, not only the top threats a state decides on.
        let decided = states.filter { !$0["perceived_threat"]!.isEmpty }.count
        let perceivedRows = threats.filter { !$0["perceived_score"]!.isEmpty }.count
        #expect(perceivedRows > decided * s.states[0].params.assessmentSize, "\(perceivedRows) perceived rows for \(decided) decisions")
        // Each state's perceived main threat is among its perceived rows.
        for row in states where !row["perceived_threat"]!.isEmpty {
            #expect(threats.contains { $0["state"] == row["state"] && $0["round"] == row["round"] && $0["target"] == row["perceived_threat"]
                                       && !$0["perceived_score"]!.isEmpty })
        }

        settings.logLevel = .compact
        let compact = dir + "-compact"
        _ = try ReferenceEngine.run(settings, outDirectory: compact)
        #expect(FileManager.default.fileExists(atPath: compact + "/states.csv"))
        #expect(!FileManager.default.fileExists(atPath: compact + "/threats.csv"))
        // The same states table, though without threats.csv only each top true threat is worked out.
        #expect(try String(contentsOfFile: compact + "/states.csv", encoding: .utf8) == String(contentsOfFile: dir + "/states.csv", encoding: .utf8))
    }
}
