import EntenteModel
import EntenteWire

/// Passes everything to a channel and keeps the encodings of what went through: the
/// first messages of each phase (a round's are much like the next's) and a few letters
/// of each kind. Real messages to start fuzzing from, and to time the codec on.
public final class RecordingChannel: StateChannel {
    let inner: StateChannel
    /// Encoded Welcomes, PhaseStarts and reports.
    public private(set) var control: [[UInt8]] = []
    /// Encoded letters, a few of each kind.
    public private(set) var peer: [[UInt8]] = []
    var seenPhases: [String: Int] = [:]
    var seenLetters: [String: Int] = [:]

    public init(_ inner: StateChannel) { self.inner = inner }

    public func start(makeWelcome: (StateID, [StateID: String]) -> Welcome) throws -> [StateID: JoinedState] {
        try inner.start { id, endpoints in
            let welcome = makeWelcome(id, endpoints)
            if control.count < 3 { control.append(ControlMessage.welcome(welcome).encoded()) }
            return welcome
        }
    }

    public func exchange(_ starts: [(StateID, PhaseStart)]) throws -> PhaseResult {
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

    public func answerReturn(_ id: StateID, _ answer: Result<Welcome, RunError>) throws { try inner.answerReturn(id, answer) }
    public func finish(digest: String) { inner.finish(digest: digest) }
    public func abort(reason: String) { inner.abort(reason: reason) }
}
