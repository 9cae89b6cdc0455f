import EntenteModel
import Foundation

/// One line of events.jsonl (docs/LOGS.md): its round and what happened. Written through
/// `Encodable` into an ordered `JSON` value (`type`, `round`, then the fields in a fixed
/// order), so the bytes, and the digest, never depend on anything but the event; read back
/// through `Decodable` by reports, sweeps and tests.
public struct RunEvent: Sendable {
    public var round: Int
    public var body: Body

    public init(round: Int, _ body: Body) {
        self.round = round
        self.body = body
    }

    public enum Body: Sendable {
        case run(RunStarted)
        case scenario(ScenarioStarted)
        case deceivers(Deceivers)
        case process(ProcessJoined)
        case observation(ObservationEvent)
        case belief(BeliefEvent)
        case letter(LetterEvent)
        case assessment(AssessmentEvent)
        case refused(Refusal)
        case rejected(Refusal)
        case decision(DecisionEvent)
        case alignment(AlignmentEvent)
        case allianceFormed(AllianceFormed)
        case warStarted(WarStarted)
        case warEnded(WarEnded)
        case eliminated(Eliminated)
        case allianceDissolved(AllianceDissolved)
        case roundEnd(RoundEnd)
        case final(Final)
        case runFailed(RunFailed)
        case absent(Absence)
        case resumed(Resumed)
        case returned(Returned)
    }

    /// The `type` field of each event.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case run, scenario, deceivers, process, observation, belief, letter, assessment, refused, rejected, decision, alignment
        case allianceFormed = "alliance_formed", warStarted = "war_started", warEnded = "war_ended", eliminated
        case allianceDissolved = "alliance_dissolved", roundEnd = "round_end", final, runFailed = "run_failed", absent, resumed, returned

        /// Whether events of this kind are part of the outcome (hashed into the digest): not
        /// process ids, endpoints, engine, transport, why a run failed, an interruption,
        /// messages the transport rejected (what arrives from outside must not change the
        /// outcome), or observations (written only at the full log level; what states
        /// concluded from them, their beliefs and decisions, is in the outcome).
        public var inDigest: Bool { ![.run, .process, .runFailed, .rejected, .resumed, .observation].contains(self) }
    }

    public var kind: Kind {
        switch body {
        case .run: .run
        case .scenario: .scenario
        case .deceivers: .deceivers
        case .process: .process
        case .observation: .observation
        case .belief: .belief
        case .letter: .letter
        case .assessment: .assessment
        case .refused: .refused
        case .rejected: .rejected
        case .decision: .decision
        case .alignment: .alignment
        case .allianceFormed: .allianceFormed
        case .warStarted: .warStarted
        case .warEnded: .warEnded
        case .eliminated: .eliminated
        case .allianceDissolved: .allianceDissolved
        case .roundEnd: .roundEnd
        case .final: .final
        case .runFailed: .runFailed
        case .absent: .absent
        case .resumed: .resumed
        case .returned: .returned
        }
    }

    var payload: any Codable & Sendable {
        switch body {
        case .run(let p): p
        case .scenario(let p): p
        case .deceivers(let p): p
        case .process(let p): p
        case .observation(let p): p
        case .belief(let p): p
        case .letter(let p): p
        case .assessment(let p): p
        case .refused(let p): p
        case .rejected(let p): p
        case .decision(let p): p
        case .alignment(let p): p
        case .allianceFormed(let p): p
        case .warStarted(let p): p
        case .warEnded(let p): p
        case .eliminated(let p): p
        case .allianceDissolved(let p): p
        case .roundEnd(let p): p
        case .final(let p): p
        case .runFailed(let p): p
        case .absent(let p): p
        case .resumed(let p): p
        case .returned(let p): p
        }
    }

    /// The line as written to events.jsonl, without its newline.
    public var line: String { String(decoding: lineBytes, as: UTF8.self) }

    /// The line's bytes, without its newline.
    public var lineBytes: [UInt8] {
        var bytes: [UInt8] = []
        JSONLineEncoder.encode(self, into: &bytes)
        return bytes
    }

    /// Every event of a run folder's events.jsonl; a torn last line is skipped.
    /// - Throws: when the file cannot be read or a line before the last does not decode.
    public static func read(folder: String) throws -> [RunEvent] { try readLog(folder: folder).events }

    /// Every event of a run folder's events.jsonl, and whether its last line was torn (a
    /// process killed mid-write: the coordinator writes whole lines, but SIGKILL can cut one).
    public static func readLog(folder: String) throws -> (events: [RunEvent], tornLastLine: Bool) {
        let text = try String(contentsOfFile: folder + "/events.jsonl", encoding: .utf8)
        let lines = text.split(separator: "\n")
        let decoder = JSONDecoder()
        var events: [RunEvent] = []
        for (k, line) in lines.enumerated() {
            do {
                events.append(try decoder.decode(RunEvent.self, from: Data(line.utf8)))
            } catch where k == lines.count - 1 && !text.hasSuffix("\n") {
                return (events, true)
            }
        }
        return (events, false)
    }
}

extension RunEvent: Codable {
    enum EnvelopeKeys: String, CodingKey { case type, round }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: EnvelopeKeys.self)
        try c.encode(kind, forKey: .type)
        try c.encode(round, forKey: .round)
        try payload.encode(to: encoder)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: EnvelopeKeys.self)
        round = try c.decode(Int.self, forKey: .round)
        switch try c.decode(Kind.self, forKey: .type) {
        case .run: body = .run(try RunStarted(from: decoder))
        case .scenario: body = .scenario(try ScenarioStarted(from: decoder))
        case .deceivers: body = .deceivers(try Deceivers(from: decoder))
        case .process: body = .process(try ProcessJoined(from: decoder))
        case .observation: body = .observation(try ObservationEvent(from: decoder))
        case .belief: body = .belief(try BeliefEvent(from: decoder))
        case .letter: body = .letter(try LetterEvent(from: decoder))
        case .assessment: body = .assessment(try AssessmentEvent(from: decoder))
        case .refused: body = .refused(try Refusal(from: decoder))
        case .rejected: body = .rejected(try Refusal(from: decoder))
        case .decision: body = .decision(try DecisionEvent(from: decoder))
        case .alignment: body = .alignment(try AlignmentEvent(from: decoder))
        case .allianceFormed: body = .allianceFormed(try AllianceFormed(from: decoder))
        case .warStarted: body = .warStarted(try WarStarted(from: decoder))
        case .warEnded: body = .warEnded(try WarEnded(from: decoder))
        case .eliminated: body = .eliminated(try Eliminated(from: decoder))
        case .allianceDissolved: body = .allianceDissolved(try AllianceDissolved(from: decoder))
        case .roundEnd: body = .roundEnd(try RoundEnd(from: decoder))
        case .final: body = .final(try Final(from: decoder))
        case .runFailed: body = .runFailed(try RunFailed(from: decoder))
        case .absent: body = .absent(try Absence(from: decoder))
        case .resumed: body = .resumed(try Resumed(from: decoder))
        case .returned: body = .returned(try Returned(from: decoder))
        }
    }
}
