import EntenteModel

/// What a state refused since its last report, bounded: the first `limit` problems in words,
/// then how many more, so a flood costs a count, not memory or an oversized report.
struct ProblemLog {
    static let limit = 32
    private var lines: [String] = []
    private var more = 0

    mutating func add(_ problem: String) {
        if lines.count < Self.limit { lines.append(problem) } else { more += 1 }
    }

    /// The problems to report, and an empty log.
    mutating func take() -> [String] {
        defer { lines = []; more = 0 }
        return more == 0 ? lines : lines + ["and \(more) more refused message(s) since the last report"]
    }
}

/// What the coordinator's transport refused in a round, counted: the same refusal many
/// times is one line with its count, and at most `limit` distinct lines a round, so a
/// flood of junk becomes a few lines with the round it happened in.
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
        return more == 0 ? lines : lines + ["and \(more) more refused message(s) this round"]
    }
}
