/// One state's decision to join a side, classified twice: by the threat it perceived and
/// by the true one (docs/MODEL.md §8). One row of alliances.csv.
public struct AlignmentRecord: Equatable, Sendable {
    public var round: Int
    public var state: StateID
    public var partner: StateID
    public var offeredBy: StateID
    /// The offer's kind: balance or bandwagon.
    public var kind: OfferKind
    public var aimedAt: StateID?
    /// The side joined: the partner and its allies before the alliance.
    public var side: [StateID]
    public var perceivedThreat: StateID?
    public var perceived: Alignment
    public var perceivedReason: ClassificationReason
    public var trueThreat: StateID?
    public var truth: Alignment
    public var trueReason: ClassificationReason
    public var allianceLabel: AllianceLabel?
    /// The policy rule that fired (nil: the state reported no decision).
    public var rule: Rule?
    /// The rule in words.
    public var ruleText: String
    /// The perceived threats behind the decision, with their four components.
    public var threats: [ThreatScore]

    /// The perceived main threat was not the true one.
    public var misperceived: Bool { perceivedThreat != trueThreat }
}

/// What one state committed to at the end of a round's negotiation.
public struct CommitReport: Equatable, Sendable {
    public var decision: Decision?
    public var commitments: [Commitment]

    public init(decision: Decision?, commitments: [Commitment]) {
        self.decision = decision
        self.commitments = commitments
    }
}

/// What forming the round's alliances did.
public enum FormationEvent: Equatable, Sendable {
    /// Both consented, but `state` already holds its `max_allies`.
    case refused(state: StateID, a: StateID, b: StateID)
    /// Both consented, but the alliance would put `state` on one side with `enemy`, a
    /// threat it balances against: sides are exclusive (docs/MODEL.md §7).
    case hostileSides(a: StateID, b: StateID, state: StateID, enemy: StateID)
    /// The alliance formed; the records classify each member's decision, lower id first.
    case formed(Alliance, offer: Commitment, records: [AlignmentRecord])
}

/// Forms the round's alliances on mutual consent and classifies both members' decisions
/// (docs/MODEL.md §7 "Mutual consent", §8). Pure: the same inputs give the same world and events.
public struct AllianceFormation {
    /// Each state's own policy parameters (`max_allies`, `threat_floor`, `shared_threat_rank`).
    public var params: [StateID: PolicyParameters]
    /// Who may talk to whom: only peers can have agreed.
    public var peers: [StateID: Set<StateID>]
    /// How a partner's threats count in the classification.
    public var classification: ClassificationParameters

    public init(params: [StateID: PolicyParameters], peers: [StateID: Set<StateID>],
                classification: ClassificationParameters = .init()) {
        self.params = params
        self.peers = peers
        self.classification = classification
    }

    /// - Parameters:
    ///   - world: the world at commit time; alliances are added to it.
    ///   - commits: each state's decision and commitments.
    ///   - beliefs: each state's assess-phase belief (its partner's main threats come from it).
    public func form(in world: inout World, round: Int, commits: [StateID: CommitReport],
                     beliefs: [StateID: [ReportedThreat]]) -> [FormationEvent] {
        let before = world
        var events: [FormationEvent] = []
        for a in before.order {
            guard let mine = commits[a]?.commitments, before.isLive(a) else { continue }
            for c in mine where a < c.partner {
                let b = c.partner
                guard before.isLive(b), peers[a]?.contains(b) == true, !world.allied(a, b),
                      let theirs = commits[b]?.commitments.first(where: { $0.partner == a }) else { continue }
                // The coordinator holds states to their max_allies whatever they commit to.
                if let full = [a, b].first(where: { world.allies(of: $0).count >= params[$0, default: .init()].maxAllies }) {
                    events.append(.refused(state: full, a: a, b: b))
                    continue
                }
                let offer = c.offeredBy == a ? c : theirs
                var ra = record(a, partner: b, offer: offer, round: round, before: before, commits: commits, beliefs: beliefs)
                var rb = record(b, partner: a, offer: offer, round: round, before: before, commits: commits, beliefs: beliefs)
                let label = AllianceLabel.of((a, ra.perceived, ra.perceivedThreat), (b, rb.perceived, rb.perceivedThreat), aimedAt: offer.aimedAt)
                var alliance = Alliance(a, b, round: round, label: label)
                if let (state, enemy) = world.hostilePair(joining: alliance) {
                    events.append(.hostileSides(a: a, b: b, state: state, enemy: enemy))
                    continue
                }
                if case .bandwagon(let x, let junior) = label {
                    // Measured once allied, as it will be measured for dissolution (the ally discount applies).
                    var allied = world
                    allied.form(alliance)
                    alliance.seniorThreatAtFormation = allied.trueThreat(of: x, to: junior)?.score ?? 0
                }
                world.form(alliance)
                ra.allianceLabel = label
                rb.allianceLabel = label
                events.append(.formed(alliance, offer: offer, records: [ra, rb]))
            }
        }
        return events
    }

    /// Classifies `id`'s decision to ally with `partner`, by perceived and by true threat.
    func record(_ id: StateID, partner: StateID, offer: Commitment, round: Int, before: World,
                commits: [StateID: CommitReport], beliefs: [StateID: [ReportedThreat]]) -> AlignmentRecord {
        let mine = params[id, default: .init()]
        let theirs = params[partner, default: .init()]
        let side = before.allies(of: partner).union([partner]).sorted()
        let decision = commits[id]?.decision
        let perceivedThreat = decision?.threat
        let (perceived, perceivedReason) = classify(mainThreat: perceivedThreat, side: Set(side), aimedAt: offer.aimedAt,
                                                    partnerThreats: theirs.mainThreats(beliefs[partner] ?? [], rank: classification.partnerRank))
        let (trueThreat, truth, trueReason) = before.trueAlignment(of: id, joining: partner, aimedAt: offer.aimedAt, floor: mine.threatFloor,
                                                                   partner: theirs, partnerRank: classification.partnerRank)
        return AlignmentRecord(
            round: round, state: id, partner: partner, offeredBy: offer.offeredBy, kind: offer.kind, aimedAt: offer.aimedAt,
            side: side, perceivedThreat: perceivedThreat, perceived: perceived, perceivedReason: perceivedReason,
            trueThreat: trueThreat, truth: truth, trueReason: trueReason, allianceLabel: nil,
            rule: decision?.rule, ruleText: decision?.ruleText ?? "", threats: decision?.threats ?? [])
    }
}

extension World {
    /// The states joined to `id` by alliances, directly or not: its side (itself included).
    public func bloc(of id: StateID) -> Set<StateID> {
        var seen: Set<StateID> = [id]
        var frontier = [id]
        while let x = frontier.popLast() {
            for a in alliances where a.contains(x) {
                for m in a.members where seen.insert(m).inserted { frontier.append(m) }
            }
        }
        return seen
    }

    /// A member of a balancing coalition and the threat it balances against that would stand
    /// on one side if `alliance` formed; nil when the sides stay apart. Checked in id order.
    public func hostilePair(joining alliance: Alliance) -> (StateID, StateID)? {
        let merged = bloc(of: alliance.members[0]).union(bloc(of: alliance.members[1]))
        for a in alliances + [alliance] where a.members.allSatisfy(merged.contains) {
            if case .balancing(let enemy) = a.label, merged.contains(enemy) { return (a.members[0], enemy) }
        }
        return nil
    }
}
