/// Aggressive intent aimed at someone (docs/MODEL.md §3.3). A state's aggressiveness is
/// its general disposition; what threatens *me* is its intent toward me, which I learn from
/// what it does to me and mine, and which an alliance with it reassures.
public struct HostilityRecord: Equatable, Sendable {
    /// actor → wars it started against this observer, an ally of the observer at the
    /// time, or a neighbour of the observer; coalitions it formed against the observer; and
    /// its disputes of the same reach before round 1, each a weighted share of an act (§3.4).
    public private(set) var acts: [StateID: Double] = [:]

    public init() {}

    /// A record that starts from `acts` (a state's prior, as its Welcome carries it).
    public init(acts: [StateID: Double]) { self.acts = acts.filter { $0.value > 0 } }

    /// Counts a war `attacker` started against `defender` if it was aimed at `observer`,
    /// one of its `allies` or one of its neighbours: aggression next door is aggression
    /// that can reach me (Walt's "aggressive intentions", learned from behaviour). A past
    /// dispute counts by the same rule, as `weight` of one act.
    public mutating func record(attacker: StateID, defender: StateID, observer: StateID,
                                allies: Set<StateID>, geography: Geography, weight: Double = 1) {
        guard attacker != observer else { return }
        if defender == observer || allies.contains(defender) || geography.hops(observer, defender) == 1 {
            acts[attacker, default: 0] += weight
        }
    }

    /// Counts a balancing coalition formed against `observer`: each member has shown its
    /// intent toward it (Walt: alliances formed against a state reveal intent, too).
    public mutating func record(coalition members: [StateID], against target: StateID, observer: StateID) {
        guard target == observer else { return }
        for m in members where m != observer { acts[m, default: 0] += 1 }
    }

    public func count(_ actor: StateID) -> Double { acts[actor] ?? 0 }
}

extension ThreatWeights {
    /// The intent of `actor` toward the observer: its general aggressiveness, raised by
    /// `hostility_step` for each hostile act, and discounted by `ally_discount` while the
    /// two are allied (an alliance is a commitment that reassures, not a guarantee).
    public func directedIntent(_ aggressiveness: Double, acts: Double, allied: Bool) -> Double {
        let raised = min(1, aggressiveness + hostilityStep * acts)
        return allied ? raised * allyDiscount : raised
    }
}
