/// Why a state ends a run on a side of its own (docs/MODEL.md §8.4). In Walt's theory a
/// state stays out for a reason: nothing threatens it enough to pay for allies, or the
/// allies it would need do not share its threat; this names which, from its last decision.
public enum StayingOut: String, Sendable, CaseIterable, Codable {
    /// No threat reached `threat_floor`: nothing to balance against or to appease.
    case noThreat = "no-threat"
    /// It chose to balance, and no state it could reach took its offers or made one it could
    /// accept: balancing needs partners who share the threat (rule 6 of §7).
    case noPartner = "no-partner"
    /// It chose to bandwagon, and its threat's side did not take it.
    case notTaken = "not-taken"
    /// It made no decision in the last round (absent, or the run stopped before).
    case noDecision = "no-decision"

    public init(lastDecision d: Decision?) {
        switch d?.stance {
        case .none?: self = .noThreat
        case .balance?: self = .noPartner
        case .bandwagon?: self = .notTaken
        case nil: self = .noDecision
        }
    }
}
