import EntenteModel
import Foundation

/// What one kind of line of events.jsonl holds (docs/LOGS.md). A new event type is a
/// struct conforming to this and one entry in `RunEvent.bodies`; nothing else switches
/// over the kinds.
public protocol EventBody: Codable, Sendable {
    /// The line's `type` field.
    static var type: String { get }
    /// Whether lines of this type are part of the outcome (hashed into the digest).
    static var inDigest: Bool { get }
    /// The event in words, for readers of the log: written last, as `text`, and left out of
    /// the digest, so rewording a message never moves a digest (the codes and numbers do).
    var text: String? { get }
}

extension EventBody {
    public static var inDigest: Bool { true }
    public var text: String? { nil }
}

/// One line of events.jsonl: its round and what happened. Written through `Encodable`
/// (`type`, `round`, the body's fields in a fixed order, then `text`), so the bytes, and
/// the digest, never depend on anything but the event; read back through `Decodable`.
public struct RunEvent: Sendable {
    public var round: Int
    public var body: any EventBody

    public init(round: Int, _ body: any EventBody) {
        self.round = round
        self.body = body
    }

    /// Every event type, in the order docs/LOGS.md lists them. Outside the digest: process
    /// ids, endpoints, engine, why a run failed, an interruption, messages the transport
    /// rejected (what arrives from outside must not change the outcome), and observations
    /// (written only at the full log level; what states concluded from them is in the outcome).
    public static let bodies: [any EventBody.Type] = [
        RunStarted.self, ScenarioStarted.self, Deceivers.self, ProcessJoined.self, ObservationEvent.self,
        BeliefEvent.self, LetterEvent.self, AssessmentEvent.self, Refusal.self, Rejection.self, DecisionEvent.self,
        AlignmentEvent.self, AllianceFormed.self, WarStarted.self, WarEnded.self, Eliminated.self,
        AllianceDissolved.self, RoundEnd.self, Final.self, RunFailed.self, Absence.self, Resumed.self, Returned.self,
    ]
    static let bodiesByType: [String: any EventBody.Type] = Dictionary(uniqueKeysWithValues: bodies.map { ($0.type, $0) })

    /// The `type` field.
    public var type: String { Swift.type(of: body).type }
    public var inDigest: Bool { Swift.type(of: body).inDigest }

    /// Whether lines of `type` are hashed into the digest (an unknown type: they are).
    public static func inDigest(type: String) -> Bool { bodiesByType[type]?.inDigest ?? true }

    /// The line as written to events.jsonl, without its newline.
    public var line: String { String(decoding: lineBytes, as: UTF8.self) }

    /// The line's bytes, without its newline.
    public var lineBytes: [UInt8] {
        var bytes: [UInt8] = []
        encodeLine(into: &bytes)
        return bytes
    }

    /// Appends the line (without newline) to `bytes`. - Returns: where its words start
    /// (nil: it has none): the digest covers the bytes before, closed with `}`.
    @discardableResult
    func encodeLine(into bytes: inout [UInt8]) -> Int? {
        if let writing = body as? any JSONLineWriting {
            JSONObjectWriter.event(type: type, round: round, writing, into: &bytes)
        } else {
            JSONLineEncoder.encode(self, into: &bytes)
        }
        guard let text = body.text else { return nil }
        bytes.removeLast()
        let wordsAt = bytes.count
        bytes.append(contentsOf: Array(",\"text\":".utf8))
        JSONLineEncoder.encode(text, into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return wordsAt
    }

    /// The bytes of a written line the digest covers: the line without its trailing `text`
    /// (and with its newline, if it has one). `text` is always last, and a quote inside a
    /// string is always escaped, so the last `,"text":"` of a line is where the words start.
    static func digestPart(of line: ArraySlice<UInt8>) -> [UInt8] {
        let marker = Array(",\"text\":\"".utf8)
        let newline = line.last == UInt8(ascii: "\n")
        let end = newline ? line.endIndex - 1 : line.endIndex
        var i = end - marker.count
        while i >= line.startIndex {
            if line[i..<(i + marker.count)].elementsEqual(marker) {
                return Array(line[..<i]) + [UInt8(ascii: "}")] + (newline ? [UInt8(ascii: "\n")] : [])
            }
            i -= 1
        }
        return Array(line)
    }

    /// Every event of a run folder's events.jsonl; a torn last line is skipped.
    /// - Throws: when the file cannot be read or a line before the last does not decode.
    public static func read(folder: String) throws -> [RunEvent] { try readLog(folder: folder).events }

    /// Every event of a run folder's events.jsonl, and whether its last line was torn (a
    /// process killed mid-write: the coordinator writes whole lines, but SIGKILL can cut one).
    public static func readLog(folder: String) throws -> (events: [RunEvent], tornLastLine: Bool) {
        let text = try String(contentsOfFile: folder + "/" + EventLog.fileName, encoding: .utf8)
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

    /// The envelope and the body; `text` is appended by `encodeLine`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: EnvelopeKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(round, forKey: .round)
        try body.encode(to: encoder)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: EnvelopeKeys.self)
        round = try c.decode(Int.self, forKey: .round)
        let type = try c.decode(String.self, forKey: .type)
        guard let bodyType = Self.bodiesByType[type] else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown event type '\(type)'")
        }
        body = try bodyType.init(from: decoder)
    }
}

/// A body's `text`, read back when a log is decoded (it is written by `encodeLine`).
enum TextKey: String, CodingKey { case text }

extension Decoder {
    /// The line's `text` (empty when absent).
    func eventText() throws -> String { try container(keyedBy: TextKey.self).decodeIfPresent(String.self, forKey: .text) ?? "" }
}
