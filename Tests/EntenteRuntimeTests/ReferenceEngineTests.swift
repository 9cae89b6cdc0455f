import EntenteModel
import EntenteScenario
import EntenteWire
import Foundation
import Testing
@testable import EntenteRuntime

@Suite("Reference engine: deterministic outcome, complete logs")
struct ReferenceEngineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    func run(_ scenario: String = "small", seed: UInt64? = nil, out: String? = nil) throws -> RunOutcome {
        let s = try Scenario.load(path: Self.root + "/scenarios/\(scenario).yaml")
        let settings = RunSettings(scenario: s, scenarioPath: scenario, seed: seed, runID: "test", engine: .reference, transport: .memory)
        return try Coordinator(settings, outDirectory: out).run(over: ReferenceChannel(ids: s.ids))
    }

    @Test("same scenario and seed, same digest; another seed, another digest")
    func determinism() throws {
        let a = try run(seed: 11), b = try run(seed: 11), c = try run(seed: 12)
        #expect(a.digest == b.digest)
        #expect(a.digest != c.digest)
        #expect(a.digest.count == 64)
    }

    @Test("the digest ignores where the logs go and what the run is called")
    func digestIgnoresPlacement() throws {
        let dir = NSTemporaryDirectory() + "entente-ref-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        #expect(try run(out: dir).digest == run().digest)
    }

    @Test("events.jsonl: one valid JSON object a line; letters in canonical order within each phase")
    func eventsAreCanonical() throws {
        let dir = NSTemporaryDirectory() + "entente-ref-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let outcome = try run("europe-1914", out: dir)
        let lines = try String(contentsOfFile: dir + "/events.jsonl", encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        var last: [String: (String, Int)] = [:]
        for o in objects where o["type"] as? String == "letter" {
            let phase = "\(o["round"]!)-\(o["phase"]!)-\(o["step"]!)"
            let key = (o["from"] as! String, o["seq"] as! Int)
            if let prev = last[phase] { #expect(prev.0 < key.0 || (prev.0 == key.0 && prev.1 < key.1)) }
            last[phase] = key
        }
        #expect(objects.filter { $0["type"] as? String == "alignment" }.count == outcome.records.count)
        #expect(objects.filter { $0["type"] as? String == "round_end" }.count == 12)
        // Every alignment decision is explained: the rule that fired and the threats with their components.
        for o in objects where o["type"] as? String == "alignment" {
            #expect(!(o["rule"] as? String ?? "").isEmpty)
            let threats = try #require(o["threats"] as? [[String: Any]])
            #expect(threats.allSatisfy { $0["power"] != nil && $0["proximity"] != nil && $0["offense"] != nil && $0["intent"] != nil })
        }
    }

    @Test("noise set on the resolved scenario reaches every state's observations; with none, nothing is misperceived")
    func noNoiseNoMisperception() throws {
        /// The run, and whether every round-1 estimate of power equals the truth.
        func run(noise: Double?) throws -> (RunOutcome, exact: Bool) {
            var s = try Scenario.load(path: Self.root + "/scenarios/europe-1936.yaml")
            if let noise { s.setObservation { $0.noise = noise } }
            let dir = NSTemporaryDirectory() + "entente-ref-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let settings = RunSettings(scenario: s, scenarioPath: "", runID: "t", engine: .reference, transport: .memory)
            let outcome = try Coordinator(settings, outDirectory: dir).run(over: ReferenceChannel(ids: s.ids))
            let lines = try String(contentsOfFile: dir + "/events.jsonl", encoding: .utf8).split(separator: "\n")
            var estimates = 0, exact = true
            for line in lines {
                let o = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                guard o["type"] as? String == "observation", o["round"] as? Int == 1 else { continue }
                for seen in o["seen"] as? [[String: Any]] ?? [] {
                    let truth = try #require(s.state(seen["state"] as? String ?? "")).power
                    estimates += 1
                    exact = exact && abs((seen["power"] as? Double ?? -1) - truth) <= 1e-9 * truth
                }
            }
            #expect(estimates > 0)
            return (outcome, exact)
        }
        // At the scenario's own noise the estimates are off, so the check below can fail.
        #expect(try !run(noise: nil).exact)
        let (clean, exact) = try run(noise: 0)
        #expect(exact)
        #expect(!clean.records.isEmpty)
        #expect(clean.misperceived == 0)
    }

    @Test("the scale scenario runs, with balancing and bandwagoning both present")
    func largeScenario() throws {
        let outcome = try run("large")
        #expect(outcome.perceivedCounts[.balance]! > 0)
        #expect(outcome.perceivedCounts[.bandwagon]! > 0)
    }
}
