import ArgumentParser
import EntenteModel
import EntenteRuntime
import EntenteScenario
import EntenteWire
import Foundation

/// Real messages and events of a short reference run of `scenario`.
func recordedRun(_ scenario: String, rounds: Int, folder: String?) throws -> RecordingChannel {
    let s = try Scenario.load(path: scenario)
    let settings = RunSettings(scenario: s, scenarioPath: scenario, rounds: rounds, runID: "bench", engine: .reference)
    var recorder: RecordingChannel!
    _ = try ReferenceEngine.run(settings, outDirectory: folder, channel: { recorder = RecordingChannel($0); return recorder })
    return recorder
}

struct Codec: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time the wire codec alone: encode + decode pairs per second of an assessment and of an offer.")

    @Argument(help: "A scenario whose reference run gives the messages.") var scenario: String
    @Option(help: "Seconds to time each message.") var seconds = 2.0

    func run() throws {
        let letters = try recordedRun(scenario, rounds: 3, folder: nil).peer.compactMap { try? PeerMessage(decoding: $0) }
        var result: [String: Double] = [:]
        for (name, pick) in [("assessment", { (m: PeerMessage) -> Bool in if case .assessment = m.letter.body { true } else { false } }),
                             ("offer", { (m: PeerMessage) -> Bool in if case .offer = m.letter.body { true } else { false } })] {
            guard let message = letters.first(where: pick) else { continue }
            var pairs = 0, sink = 0
            let start = monotonic()
            while monotonic() - start < seconds {
                for _ in 0..<1000 {
                    let decoded = try PeerMessage(decoding: message.encoded())
                    sink &+= Int(decoded.letter.seq)
                }
                pairs += 1000
            }
            result["\(name)_pairs_per_second"] = Double(pairs) / (monotonic() - start)
            result["\(name)_bytes"] = Double(message.encoded().count)
            if sink == -1 { print("") }
        }
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
    }
}

struct LogWriter: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Time the event log alone: events per second written to events.jsonl and hashed.")

    @Argument(help: "A scenario whose reference run gives the events.") var scenario: String
    @Option(help: "Rounds of that run.") var rounds = 20
    @Option(help: "Times to write its events.") var repeats = 5

    func run() throws {
        let folder = NSTemporaryDirectory() + "entente-bench-log-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try recordedRun(scenario, rounds: rounds, folder: folder)
        let events = try RunEvent.read(folder: folder)
        let start = monotonic()
        for _ in 0..<repeats {
            let log = try EventLog(path: folder + "/again.jsonl")
            for event in events { log.record(event) }
            _ = log.finish()
        }
        let seconds = monotonic() - start
        let bytes = (try FileManager.default.attributesOfItem(atPath: folder + "/again.jsonl")[.size] as? NSNumber)?.doubleValue ?? 0
        let result = ["events_per_second": Double(events.count * repeats) / seconds, "mb_per_second": bytes * Double(repeats) / seconds / 1e6,
                      "events": Double(events.count)]
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
    }
}
