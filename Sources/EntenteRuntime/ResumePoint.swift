import Crypto
import EntenteModel
import Foundation

/// What `entente run --resume` takes from a run folder whose processes were killed: the
/// resolved scenario (scenario.json) and the log up to its last completed round.
///
/// Resume replays: the coordinator and fresh state processes run the completed rounds
/// again from the seed, the log checks each replayed round against what it holds (a hash
/// of the round's outcome lines), and the run goes on from there. Nothing but the two
/// files is needed, no snapshot of any process's memory can be stale or missing, and a
/// replay that differs (a changed build or scenario) is refused instead of mixed in.
public struct ResumePoint: Sendable {
    /// Rounds the log completed (0: start again from the beginning).
    public var rounds: Int
    /// Bytes of events.jsonl up to the end of the last completed round; the rest is cut.
    var byteCount: UInt64
    /// SHA-256 of the outcome lines of each completed round (round 1 includes the lines before it).
    var roundHashes: [[UInt8]]
    /// The absences the log records in completed rounds: imposed again during the replay.
    var absences: [AbsenceKey: AbsenceCause]
    /// The states the log has coming back, by round: welcomed again during the replay.
    var returns: [Int: [StateID]] = [:]

    struct AbsenceKey: Hashable {
        var round: Int
        var state: StateID
        var phase: String
        var step: Int?
    }

    /// The absence to impose on `state` in this phase of the replay, if the log has one.
    func absence(of state: StateID, round: Int, phase: String, step: Int?) -> AbsenceCause? {
        round <= rounds ? absences[AbsenceKey(round: round, state: state, phase: phase, step: step)] : nil
    }

    /// Reads the resume point of `folder`'s events.jsonl.
    /// - Throws: `RunError` when the run finished, or the log is not a run's log.
    public static func read(folder: String) throws -> ResumePoint {
        let path = folder + "/" + EventLog.fileName
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RunError("\(folder) has no events.jsonl: is it the folder of a run?")
        }
        defer { try? handle.close() }
        var point = ResumePoint(rounds: 0, byteCount: 0, roundHashes: [], absences: [:])
        var segment = SHA256()
        var offset: UInt64 = 0
        var carry: [UInt8] = []
        var lineNumber = 0
        let decoder = JSONDecoder()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            carry += chunk
            var start = 0
            while let end = carry[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = carry[start...end]
                lineNumber += 1
                offset += UInt64(line.count)
                start = end + 1
                guard let type = type(of: line) else {
                    throw RunError("\(path):\(lineNumber) is not an event; only a log written by entente can be resumed")
                }
                if type == Final.type { throw RunError("the run in \(folder) finished: there is nothing to resume") }
                if RunEvent.inDigest(type: type) { segment.update(data: RunEvent.digestPart(of: line)) }
                if type == Absence.type, let event = try? decoder.decode(RunEvent.self, from: Data(line)), let a = event.body as? Absence {
                    point.absences[AbsenceKey(round: event.round, state: a.state, phase: a.phase, step: a.step)] = a.cause
                }
                if type == Returned.type, let event = try? decoder.decode(RunEvent.self, from: Data(line)), let r = event.body as? Returned {
                    point.returns[event.round, default: []].append(r.state)
                }
                if type == RoundEnd.type {
                    point.roundHashes.append(Array(segment.finalize()))
                    segment = SHA256()
                    point.rounds += 1
                    point.byteCount = offset
                }
            }
            carry.removeFirst(start)
        }
        // Absences in the round that was cut are not part of the resumed run.
        point.absences = point.absences.filter { $0.key.round <= point.rounds }
        point.returns = point.returns.filter { $0.key <= point.rounds }
        return point
    }

    /// The `type` of an event line: the encoder writes it first (`{"type":"…",`).
    static func type(of line: ArraySlice<UInt8>) -> String? {
        let prefix = Array("{\"type\":\"".utf8)
        guard line.count > prefix.count, line.starts(with: prefix) else { return nil }
        let rest = line.dropFirst(prefix.count)
        guard let quote = rest.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let type = String(decoding: rest[..<quote], as: UTF8.self)
        return RunEvent.bodiesByType[type] == nil ? nil : type
    }
}
