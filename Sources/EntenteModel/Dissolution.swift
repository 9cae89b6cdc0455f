/// Why an alliance ended (docs/MODEL.md §9): a code and the numbers behind it, so the
/// log's digest holds the facts and the words can change without moving it.
public enum DissolutionReason: Equatable, Sendable {
    /// A member was eliminated.
    case memberEliminated(StateID)
    /// A balancing coalition's threat was eliminated.
    case threatGone(StateID)
    /// The coalition's threat has not been either member's main threat for `rounds` rounds.
    case threatFaded(StateID, rounds: Int)
    /// A bandwagon's senior was eliminated.
    case seniorGone(StateID)
    /// The senior's true threat to the junior grew to `ratio` times what it was at formation.
    case seniorThreatGrew(StateID, junior: StateID, ratio: Double)

    /// The code in the log (`reason`).
    public var code: String {
        switch self {
        case .memberEliminated: "member-eliminated"
        case .threatGone: "threat-gone"
        case .threatFaded: "threat-faded"
        case .seniorGone: "senior-gone"
        case .seniorThreatGrew: "senior-threat-grew"
        }
    }

    /// The state the reason is about.
    public var state: StateID {
        switch self {
        case .memberEliminated(let x), .threatGone(let x), .threatFaded(let x, _), .seniorGone(let x), .seniorThreatGrew(let x, _, _): x
        }
    }

    /// The reason in words, for an alliance of `members`.
    public func text(members: [StateID]) -> String {
        switch self {
        case .memberEliminated(let x): "\(x) was eliminated"
        case .threatGone(let x): "its threat \(x) is gone"
        case .threatFaded(let x, let n): "\(x) has not been the main threat of \(members.joined(separator: " or ")) for \(n) round(s)"
        case .seniorGone(let x): "its senior \(x) is gone"
        case .seniorThreatGrew(let x, let junior, let ratio): "\(x)'s threat to \(junior) grew to \(format2(ratio))× what it was"
        }
    }
}
