import EntenteRuntime
import Foundation

/// The server-sent event stream of one run folder: the lines of events.jsonl as `log`
/// messages and the rows of states.csv as `states` messages, as the coordinator writes
/// them (it flushes both at the end of every round), then `end` once summary.json says
/// the run is over. A line still incomplete when the writer has stopped is sent once as
/// `torn`, so the page can say so and go on.
struct RunStream {
    let folder: String
    /// Where to start: the page's `Last-Event-ID` when it reconnects.
    let resume: Position

    /// How often the files are looked at: the page lags the log by at most this much.
    static let pollInterval: Duration = .milliseconds(20)
    /// How long an incomplete last line must stay unchanged before it is called torn.
    static let tornAfter: Duration = .seconds(2)

    /// The event id: byte offsets and line counts of both files, `e.l.s.m`.
    struct Position: Equatable {
        var eventsOffset: UInt64 = 0, eventsLines = 0, statesOffset: UInt64 = 0, statesLines = 0

        init() {}

        init?(_ text: String) {
            let parts = text.split(separator: ".").map { UInt64($0) }
            guard parts.count == 4, parts.allSatisfy({ $0 != nil }) else { return nil }
            eventsOffset = parts[0]!; eventsLines = Int(parts[1]!); statesOffset = parts[2]!; statesLines = Int(parts[3]!)
        }

        var text: String { "\(eventsOffset).\(eventsLines).\(statesOffset).\(statesLines)" }
    }

    /// Writes the stream until the run is over or `write` throws (the page went away).
    func run(write: (String) async throws -> Void) async throws {
        var events = FileTail(path: folder + "/" + EventLog.fileName, offset: resume.eventsOffset, lines: resume.eventsLines)
        var states = FileTail(path: folder + "/states.csv", offset: resume.statesOffset, lines: resume.statesLines)
        var tornSent: UInt64?
        var restSeen: (offset: UInt64, size: Int, since: ContinuousClock.Instant)?
        // A comment line first: proxies and the browser see the stream open at once.
        try await write(": entente live\n\n")
        while true {
            let finished = FileManager.default.fileExists(atPath: folder + "/summary.json")
            let logRead = events.read(), statesRead = states.read()
            var position = Position()
            position.eventsOffset = events.offset; position.eventsLines = events.lines
            position.statesOffset = states.offset; position.statesLines = states.lines
            if !statesRead.lines.isEmpty { try await write(Self.message("states", id: position.text, statesRead.lines)) }
            if !logRead.lines.isEmpty { try await write(Self.message("log", id: position.text, logRead.lines)) }
            // Lines read: there may be more behind them, so read on at once.
            let more = !logRead.lines.isEmpty || !statesRead.lines.isEmpty
            if !logRead.rest.isEmpty {
                // The rest is torn when it stops changing (or the run is over) and was not sent yet.
                let now = ContinuousClock.now
                if restSeen?.offset != events.offset || restSeen?.size != logRead.rest.count {
                    restSeen = (events.offset, logRead.rest.count, now)
                }
                if tornSent != events.offset, finished || now - restSeen!.since >= Self.tornAfter {
                    tornSent = events.offset
                    let text = String(decoding: logRead.rest.prefix(200), as: UTF8.self)
                    try await write(Self.message("torn", id: position.text, [Data(text.replacingOccurrences(of: "\n", with: " ").utf8)]))
                }
            }
            if finished && !more && (logRead.rest.isEmpty || tornSent == events.offset) {
                try await write("event: end\ndata: \n\n")
                return
            }
            if !more { try await Task.sleep(for: Self.pollInterval) }
        }
    }

    /// One SSE message: a `data:` field per line, which the page joins with `\n` again.
    static func message(_ event: String, id: String, _ lines: [Data]) -> String {
        var out = "event: \(event)\nid: \(id)\n"
        out.reserveCapacity(lines.reduce(out.utf8.count) { $0 + $1.count + 7 })
        for line in lines {
            out += "data: "
            // A stray carriage return would end the field early: the page sees it as malformed anyway.
            out += String(decoding: line, as: UTF8.self).replacingOccurrences(of: "\r", with: "\\r")
            out += "\n"
        }
        return out + "\n"
    }
}
