import EntenteModel
import EntenteScenario
import EntenteWire
import Foundation
import Testing
@testable import EntenteRuntime

@Suite("Reference engine: deterministic outcome, complete logs")
struct ReferenceEngineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    func run(_ scenario: String = "small", seed: UInt64? = nil, out: String? = nil, log: LogLevel = .full,
             runID: String = "test") throws -> RunOutcome {
        let s = try Scenario.load(path: Self.root + "/scenarios/\(scenario).yaml")
        var settings = RunSettings(scenario: s, scenarioPath: scenario, seed: seed, runID: runID, engine: .reference)
        settings.logLevel = log
        return try ReferenceEngine.run(settings, outDirectory: out)
    }

    /// A finished run's events and the lines of its events.jsonl, each line one valid JSON
    /// object: `RunEvent.read` throws on a line that does not decode, and skips a torn last
    /// line, which the count catches.
    static func events(in dir: String) throws -> (events: [RunEvent], lines: [Substring]) {
        let lines = try String(contentsOfFile: dir + "/events.jsonl", encoding: .utf8).split(separator: "\n")
        let events = try RunEvent.read(folder: dir)
        try #require(events.count == lines.count, "\(lines.count - events.count) line(s) of events.jsonl did not decode")
        return (events, lines)
    }

    /// The first line that `events` (read from `lines`) do not re-encode to byte for byte, with
    /// its re-encoding, or nil. `round_end`'s `power` is put back in scenario order first:
    /// `RoundEnd` reads that object back in id order, since a JSON decoder keeps no key order.
    static func firstDifference(_ events: [RunEvent], _ lines: [Substring]) -> String? {
        let states: [StateID] = events.lazy.compactMap { if let s = $0.body as? ScenarioStarted { s.states } else { nil } }.first ?? []
        let rank = Dictionary(uniqueKeysWithValues: states.enumerated().map { ($1, $0) })
        for (k, (event, line)) in zip(events, lines).enumerated() {
            var written = event.line
            if var end = event.body as? RoundEnd {
                end.power.sort { rank[$0.state, default: .max] < rank[$1.state, default: .max] }
                written = RunEvent(round: event.round, end).line
            }
            if written != line { return "line \(k + 1): \(line)\n  re-encoded: \(written)" }
        }
        return events.count == lines.count ? nil : "\(events.count) events for \(lines.count) lines"
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
        let written = try run(out: dir, runID: "one")
        let kept = try run(runID: "another")
        #expect(written.digest == kept.digest)
        // The run id is in the log (outside the digest), so the two logs do differ.
        #expect(try Self.events(in: dir).events.contains { ($0.body as? RunStarted)?.runID == "one" })
    }

    @Test("the compact and the full log give the same digest; only the full one has observations, and it is the larger")
    func logLevels() throws {
        let dir = NSTemporaryDirectory() + "entente-ref-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let compact = try run("europe-1914", out: dir + "/compact", log: .compact)
        let full = try run("europe-1914", out: dir + "/full", log: .full)
        #expect(compact.digest == full.digest)
        let kinds = (try Self.events(in: dir + "/compact").events.map(\.type), try Self.events(in: dir + "/full").events.map(\.type))
        #expect(!kinds.0.contains(ObservationEvent.type) && kinds.1.contains(ObservationEvent.type))
        #expect(kinds.0.contains(AssessmentEvent.type))
        func size(_ d: String) throws -> Int { (try FileManager.default.attributesOfItem(atPath: d + "/events.jsonl")[.size] as! NSNumber).intValue }
        #expect(try size(dir + "/compact") < size(dir + "/full"))
    }

    @Test("events.jsonl: one valid JSON object a line; letters in canonical order within each phase")
    func eventsAreCanonical() throws {
        let dir = NSTemporaryDirectory() + "entente-ref-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let outcome = try run("europe-1914", out: dir)
        let events = try Self.events(in: dir).events
        var last: [String: (String, Int)] = [:]
        for event in events {
            guard let l = event.body as? LetterEvent else { continue }
            let phase = "\(event.round)-\(l.phase)-\(l.step)"
            let key = (l.from, l.seq)
            if let prev = last[phase] { #expect(prev.0 < key.0 || (prev.0 == key.0 && prev.1 < key.1)) }
            last[phase] = key
        }
        let alignments = events.compactMap { if let a = $0.body as? AlignmentEvent { a } else { nil } }
        #expect(alignments.count == outcome.records.count)
        #expect(events.filter { $0.body is RoundEnd }.count == 12)
        // Every alignment decision is explained: a known rule with the numbers its code takes, the
        // reasons of both classifications as known codes, and the perceived threats behind it, the
        // first of which is the perceived main threat.
        for a in alignments {
            let code = Rule.Code.allCases.first { $0.name == a.ruleCode }
            #expect(code != nil, "unknown rule code \(a.ruleCode)")
            if let code { #expect(code.numberCounts.contains(a.ruleNumbers.count)) }
            #expect(ClassificationReason(rawValue: a.perceivedReason) != nil && ClassificationReason(rawValue: a.trueReason) != nil)
            #expect(!a.ruleText.isEmpty && !a.threats.isEmpty)
            #expect(a.perceivedThreat == a.threats.first?.target)
        }
    }

    @Test("every line of events.jsonl decodes to an event that re-encodes to exactly that line (round_end's power in scenario order)")
    func eventsRoundTrip() throws {
        let dir = NSTemporaryDirectory() + "entente-ref-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        _ = try run("europe-1914", out: dir)
        let (events, lines) = try Self.events(in: dir)
        #expect(lines.count > 100)
        #expect(Self.firstDifference(events, lines) == nil)
        // Every kind of event a plain run writes is covered.
        let kinds = Set(events.map(\.type))
        #expect(kinds.isSuperset(of: [RunStarted.type, ScenarioStarted.type, ObservationEvent.type, BeliefEvent.type, AssessmentEvent.type, LetterEvent.type, DecisionEvent.type, AlignmentEvent.type, AllianceFormed.type, RoundEnd.type, Final.type]))
    }

    @Test("noise set on the resolved scenario reaches every state's observations; with none, nothing is misperceived")
    func noNoiseNoMisperception() throws {
        /// The run, and whether every round-1 estimate of power equals the truth.
        func run(noise: Double?) throws -> (RunOutcome, exact: Bool) {
            var s = try Scenario.load(path: Self.root + "/scenarios/europe-1936.yaml")
            if let noise { s.setObservation { $0.noise = noise } }
            let dir = NSTemporaryDirectory() + "entente-ref-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            var settings = RunSettings(scenario: s, scenarioPath: "", runID: "t", engine: .reference)
            settings.logLevel = .full
            let outcome = try ReferenceEngine.run(settings, outDirectory: dir)
            var estimates = 0, exact = true
            for event in try ReferenceEngineTests.events(in: dir).events where event.round == 1 {
                guard let o = event.body as? ObservationEvent else { continue }
                for seen in o.seen {
                    let truth = try #require(s.state(seen.state)).power
                    estimates += 1
                    exact = exact && abs(seen.power - truth) <= 1e-9 * truth
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
