import EntenteModel

/// What a transport refused, counted: the same refusal many times (one line per sender and
/// kind of fault) is one line with its count, and at most `limit` distinct lines, so a
/// flood costs a count, not memory, log lines or an oversized report. The coordinator
/// keeps one per round; a state one per report.
struct RefusalTally {
    static let limit = 32
    private struct Entry {
        var first: String
        var count = 1
        var varied = false
    }
    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    private var more = 0

    /// Counts a problem. Problems are grouped by what comes before their first ": " (who
    /// and what, e.g. `refused a control message from 'X'`), so one sender's junk is one
    /// line however its details (the decoder's error) vary.
    mutating func add(_ problem: String) {
        let key = problem.range(of: ": ").map { String(problem[..<$0.lowerBound]) } ?? problem
        if entries[key] != nil {
            entries[key]!.count += 1
            if entries[key]!.first != problem { entries[key]!.varied = true }
        } else if order.count < Self.limit {
            entries[key] = Entry(first: problem)
            order.append(key)
        } else {
            more += 1
        }
    }

    /// The lines to log, in order of first appearance, and an empty tally.
    mutating func take() -> [String] {
        defer { entries = [:]; order = []; more = 0 }
        let lines = order.map { key -> String in
            let e = entries[key]!
            if e.count == 1 { return e.first }
            if !e.varied { return "\(e.first) (\(e.count) times)" }
            return "\(key) (\(e.count) times; the first: \(e.first.dropFirst(key.count + 2)))"
        }
        return more == 0 ? lines : lines + ["and \(more) more refused message(s)"]
    }
}
