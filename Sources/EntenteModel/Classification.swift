/// How an alignment decision relates to the deciding state's main threat.
public enum Alignment: String, Sendable, CaseIterable {
    /// Joined a side that excludes the main threat and is aimed against it.
    case balance
    /// Joined a side that contains the main threat (the threat itself or an ally of it).
    case bandwagon
    /// No threat above the floor, or the alliance is aimed elsewhere.
    case other
}

/// Classifies one state's decision to join a side (docs/MODEL.md, "Classification").
/// - Parameters:
///   - mainThreat: the deciding state's main threat, nil when none is above the floor.
///   - side: the side joined: the partner and the partner's allies before the alliance.
///   - aimedAt: the threat the offer named, if any.
///   - partnerThreats: the partner's main threats (its top reported ones).
public func classify(mainThreat: StateID?, side: Set<StateID>, aimedAt: StateID?,
                     partnerThreats: [StateID]) -> (Alignment, String) {
    guard let t = mainThreat else { return (.other, "no threat above the floor") }
    if side.contains(t) { return (.bandwagon, "the side joined contains \(t)") }
    if aimedAt == t { return (.balance, "the offer is aimed at \(t)") }
    if partnerThreats.contains(t) { return (.balance, "\(t) is among the partner's main threats") }
    return (.other, "the alliance is aimed elsewhere than \(t)")
}

/// What an alliance is, from its two members' decisions.
public enum AllianceLabel: Equatable, Sendable, CustomStringConvertible {
    /// Standing when the scenario starts.
    case initial
    /// Both members balanced against the same threat.
    case balancing(against: StateID)
    /// A member bandwagoned with this state (its main threat, on the partner's side).
    case bandwagon(with: StateID, junior: StateID)
    case mixed

    public var description: String {
        switch self {
        case .initial: "initial"
        case .balancing(let x): "balancing coalition against \(x)"
        case .bandwagon(let x, _): "bandwagon with \(x)"
        case .mixed: "mixed"
        }
    }

    /// Labels an alliance from each member's (id, alignment, main threat) and the threat the offer named.
    /// A bandwagoning member makes it a bandwagon; otherwise any balancing member makes it
    /// a balancing coalition against the named threat (or that member's threat).
    public static func of(_ a: (StateID, Alignment, StateID?), _ b: (StateID, Alignment, StateID?),
                          aimedAt: StateID?) -> AllianceLabel {
        for m in [a, b] where m.1 == .bandwagon {
            if let x = m.2 { return .bandwagon(with: x, junior: m.0) }
        }
        for m in [a, b] where m.1 == .balance {
            if let x = aimedAt ?? m.2 { return .balancing(against: x) }
        }
        return .mixed
    }
}
