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
                                   engine: .reference, transport: .memory)
        let recorder = RecordingChannel(ReferenceChannel(ids: scenario.ids))
        _ = try Coordinator(settings, outDirectory: nil).run(over: recorder)
        let short: [ControlMessage] = [
            .hello(Hello(state: scenario.ids[0], pid: 4242, endpoint: "tcp://127.0.0.1:5555")),
            .finish(digest: String(repeating: "ab", count: 32)), .abort(reason: "a reason"),
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

/// Passes everything to a channel and keeps the encodings of what went through: the
/// first messages of each phase (a round's are much like the next's) and every letter kind.
final class RecordingChannel: StateChannel {
    let inner: StateChannel
    var control: [[UInt8]] = []
    var peer: [[UInt8]] = []
    var seenPhases: [String: Int] = [:]
    var seenLetters: [String: Int] = [:]

    init(_ inner: StateChannel) { self.inner = inner }

    func start(makeWelcome: (StateID, [StateID: String]) -> Welcome) throws -> [StateID: JoinedState] {
        try inner.start { id, endpoints in
            let welcome = makeWelcome(id, endpoints)
            if control.count < 3 { control.append(ControlMessage.welcome(welcome).encoded()) }
            return welcome
        }
    }

    func exchange(_ starts: [(StateID, PhaseStart)]) throws -> PhaseResult {
        let result = try inner.exchange(starts)
        for (id, start) in starts {
            let key = "\(start.phase.name)-\(start.step)"
            guard seenPhases[key, default: 0] < 4 else { continue }
            seenPhases[key, default: 0] += 1
            control.append(ControlMessage.phaseStart(start).encoded())
            guard let report = result.reports[id] else { continue }
            control.append(ControlMessage.report(report).encoded())
            for letter in report.letters {
                let kind = "\(letter.body)".prefix { $0 != "(" }
                guard seenLetters[String(kind), default: 0] < 8 else { continue }
                seenLetters[String(kind), default: 0] += 1
                peer.append(PeerMessage(round: start.round, phase: start.phase, step: start.step, letter: letter).encoded())
            }
        }
        return result
    }

    func answerReturn(_ id: StateID, _ answer: Result<Welcome, RunError>) throws { try inner.answerReturn(id, answer) }
    func finish(digest: String) { inner.finish(digest: digest) }
    func abort(reason: String) { inner.abort(reason: reason) }
}
