import EntenteModel
import EntenteRuntime
import EntenteScenario
import EntenteWire
import Foundation

/// Real messages to start fuzzing from: a reference run of a scenario, recorded at the
/// channel (every Welcome, PhaseStart and report, and a letter of each kind), plus the
/// short control messages a run has once.
enum Seeds {
    static func messages(scenario path: String, rounds: Int) throws -> (control: [[UInt8]], peer: [[UInt8]]) {
        let scenario = try Scenario.load(path: path)
        let settings = RunSettings(scenario: scenario, scenarioPath: path, rounds: rounds, runID: "fuzz-seeds",
                                   engine: .reference)
        var recorder: RecordingChannel!
        _ = try ReferenceEngine.run(settings, channel: { recorder = RecordingChannel($0); return recorder })
        let short: [ControlMessage] = [
            .hello(Hello(state: scenario.ids[0], pid: 4242, endpoint: "tcp://127.0.0.1:5555")),
            .finish(digest: String(repeating: "ab", count: 32)), .abort(reason: "a reason"), .ready,
        ]
        return (recorder.control + short.map { $0.encoded() }, recorder.peer)
    }

    /// Writes each message as a file of `folder` (created), named by its index.
    static func write(_ messages: [[UInt8]], to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (k, bytes) in messages.enumerated() {
            try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/seed-\(k)"))
        }
    }
}
