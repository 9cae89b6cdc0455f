import EntenteModel

/// What a transport refused, counted: the same refusal many times (one line per sender and
/// kind of fault) is one line with its count, and at most `limit` distinct lines, so a
/// flood costs a count, not memory, log lines or an oversized report. The coordinator
/// keeps one per round; a state one per report.
struct RefusalTally {
    static let limit = 32
    private var counts: [String: Int] = [:]
    private var order: [String] = []
    private var more = 0

    mutating func add(_ problem: String) {
        if counts[problem] != nil {
            counts[problem]! += 1
        } else if order.count < Self.limit {
            counts[problem] = 1
            order.append(problem)
        } else {
            more += 1
        }
    }

    /// The lines to log, in order of first appearance, and an empty tally.
    mutating func take() -> [String] {
        defer { counts = [:]; order = []; more = 0 }
        let lines = order.map { counts[$0]! == 1 ? $0 : "\($0) (\(counts[$0]!) times)" }
        return more == 0 ? lines : lines + ["and \(more) more refused message(s)"]
    }
}
