/// How an alignment decision relates to the deciding state's main threat.
public enum Alignment: String, Sendable, CaseIterable {
    /// Joined a side that excludes the main threat and is aimed against it.
    case balance
    /// Joined a side that contains the main threat (the threat itself or an ally of it).
    case bandwagon
    /// No threat above the floor, or the alliance is aimed elsewhere.
    case other
}

/// Why a decision was classified as it was: a code in the log, words rendered from it.
public enum ClassificationReason: String, Sendable, CaseIterable {
    case noThreat = "no-threat"
    case sideHasThreat = "side-has-threat"
    case offerAimed = "offer-aimed"
    case partnerShares = "partner-shares"
    case aimedElsewhere = "aimed-elsewhere"

    /// The reason in words, about the main threat `t`.
    public func text(threat t: StateID?) -> String {
        let t = t ?? "?"
        switch self {
        case .noThreat: return "no threat above the floor"
        case .sideHasThreat: return "the side joined contains \(t)"
        case .offerAimed: return "the offer is aimed at \(t)"
        case .partnerShares: return "\(t) is among the partner's main threats"
        case .aimedElsewhere: return "the alliance is aimed elsewhere than \(t)"
        }
    }
}

/// Classifies one state's decision to join a side (docs/MODEL.md, "Classification").
/// - Parameters:
///   - mainThreat: the deciding state's main threat, nil when none is above the floor.
///   - side: the side joined: the partner and the partner's allies before the alliance.
///   - aimedAt: the threat the offer named, if any.
///   - partnerThreats: the partner's main threats (its top reported ones).
public func classify(mainThreat: StateID?, side: Set<StateID>, aimedAt: StateID?,
                     partnerThreats: [StateID]) -> (Alignment, ClassificationReason) {
    guard let t = mainThreat else { return (.other, .noThreat) }
    if side.contains(t) { return (.bandwagon, .sideHasThreat) }
    if aimedAt == t { return (.balance, .offerAimed) }
    if partnerThreats.contains(t) { return (.balance, .partnerShares) }
    return (.other, .aimedElsewhere)
}

extension World {
    /// How `id` allying with `partner` relates to its true main threat, the top true threat
    /// if it reaches `floor` (shared_threat_rank plays no part here): the log's second
    /// classification (§8) and `entente classify` of real alliances use this one rule.
    public func trueAlignment(of id: StateID, joining partner: StateID, aimedAt: StateID?, floor: Double,
                              partner theirs: PolicyParameters, partnerRank: Int)
        -> (threat: StateID?, alignment: Alignment, reason: ClassificationReason) {
        let threat = trueThreats(to: id, top: 1).first.flatMap { $0.score >= floor ? $0.target : nil }
        let (alignment, reason) = classify(mainThreat: threat, side: allies(of: partner).union([partner]), aimedAt: aimedAt,
                                           partnerThreats: theirs.mainThreats(trueThreats(to: partner, top: partnerRank), rank: partnerRank))
        return (threat, alignment, reason)
    }
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

    /// The label's code in the log (`label`); `target` names its state.
    public var code: String {
        switch self {
        case .initial: "initial"
        case .balancing: "balancing"
        case .bandwagon: "bandwagon"
        case .mixed: "mixed"
        }
    }

    /// The threat a coalition balances against, or the senior a bandwagon aligns with.
    public var target: StateID? {
        switch self {
        case .balancing(let x), .bandwagon(let x, _): x
        case .initial, .mixed: nil
        }
    }

    /// The label in words (reports; never the log's digest).
    public var description: String { Self.words(code: code, target: target) }

    /// A label in words from its code and target, as the log gives them.
    public static func words(code: String, target: StateID?) -> String {
        switch code {
        case "balancing": "balancing coalition against \(target ?? "?")"
        case "bandwagon": "bandwagon with \(target ?? "?")"
        default: code
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
