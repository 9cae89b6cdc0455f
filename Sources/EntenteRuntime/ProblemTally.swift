import EntenteModel
import EntenteWire

/// What a transport refused, counted: the same code from the same sender is one problem
/// with its count (and the first occurrence's detail), and at most `limit` distinct ones,
/// then one `overflow` with how many more, so a flood costs a count, not memory, log lines
/// or an oversized report. The coordinator keeps one per round; a state one per report.
struct ProblemTally {
    static let limit = 32
    private struct Key: Hashable {
        var code: Problem.Code
        var sender: StateID?
    }
    private var index: [Key: Int] = [:]
    private var problems: [Problem] = []
    private var more: UInt32 = 0

    mutating func add(_ problem: Problem) {
        let key = Key(code: problem.code, sender: problem.sender)
        if let k = index[key] {
            problems[k].count &+= problem.count
        } else if problems.count < Self.limit {
            index[key] = problems.count
            problems.append(problem)
        } else {
            more &+= problem.count
        }
    }

    /// The problems counted, in order of first appearance, and an empty tally.
    mutating func take() -> [Problem] {
        defer { index = [:]; problems = []; more = 0 }
        return more == 0 ? problems : problems + [Problem(.overflow, count: more)]
    }
}
