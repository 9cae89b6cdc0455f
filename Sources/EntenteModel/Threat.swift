/// What one state knows (or believes) of another: the three attributes threat is made of.
public struct Attributes: Equatable, Sendable {
    /// Share of the system's power.
    public var power: Double
    /// Offensive power in [0, 1].
    public var offense: Double
    /// Aggressive intentions in [0, 1].
    public var aggressiveness: Double

    public init(power: Double, offense: Double, aggressiveness: Double) {
        self.power = power
        self.offense = offense
        self.aggressiveness = aggressiveness
    }
}

/// Walt's four sources of threat, as factors whose product is the threat score.
public struct ThreatComponents: Equatable, Sendable {
    /// `P(j)^a`: aggregate power.
    public var power: Double
    /// `g(i,j)`: geographic proximity.
    public var proximity: Double
    /// `1 + wO·O(j)`: offensive power.
    public var offense: Double
    /// `w0 + wA·A(j)`: aggressive intentions.
    public var intent: Double

    public init(power: Double, proximity: Double, offense: Double, intent: Double) {
        self.power = power
        self.proximity = proximity
        self.offense = offense
        self.intent = intent
    }

    /// A product keeps every source monotone and makes a far, weak state no threat however aggressive.
    public var score: Double { power * proximity * offense * intent }

    public init(_ a: Attributes, proximity: Double, weights w: ThreatWeights) {
        // x¹ is x exactly (what `pow` returns too): the default exponent skips the call,
        // made for every pair of states every round.
        let power = max(a.power, 0)
        self.init(power: w.powerExponent == 1 ? power : _pow(power, w.powerExponent),
                  proximity: proximity,
                  offense: 1 + w.offenseWeight * a.offense,
                  intent: w.intentBase + w.intentWeight * a.aggressiveness)
    }
}

/// The threat one state poses to an observer.
public struct ThreatScore: Equatable, Sendable {
    public var target: StateID
    public var components: ThreatComponents
    public var score: Double { components.score }

    public init(target: StateID, components: ThreatComponents) {
        self.target = target
        self.components = components
    }
}

/// What an observer brings to scoring threats besides the actors' attributes: the hostile
/// acts it has seen, its allies, and the map. The world's truth and a state's perception
/// differ only in the attributes and the record they pass in.
public struct ThreatLens: Sendable {
    public var observer: StateID
    public var record: HostilityRecord
    public var allies: Set<StateID>
    public var geography: Geography
    public var weights: ThreatWeights

    public init(observer: StateID, record: HostilityRecord, allies: Set<StateID>, geography: Geography, weights: ThreatWeights) {
        (self.observer, self.record, self.allies, self.geography, self.weights) = (observer, record, allies, geography, weights)
    }

    /// The threat `actor`, with attributes `a`, poses to the observer (docs/MODEL.md §3):
    /// its intent aimed by the hostile record and alliances (§3.3), then the four sources.
    /// The one threat function: the truth, the perception and a deceiver's inflation call it.
    public func threat(of actor: StateID, _ a: Attributes) -> ThreatScore {
        threat(of: actor, a, proximity: geography.proximity(observer, actor))
    }

    @inline(__always)
    func threat(of actor: StateID, _ a: Attributes, proximity: Double) -> ThreatScore {
        // Most observers have no record of most actors and few allies: no look-up then.
        threat(of: actor, a, proximity: proximity, acts: record.acts.isEmpty ? 0 : record.count(actor),
               allied: !allies.isEmpty && allies.contains(actor))
    }

    @inline(__always)
    func threat(of actor: StateID, _ a: Attributes, proximity: Double, acts: Double, allied: Bool) -> ThreatScore {
        var aimed = a
        aimed.aggressiveness = weights.directedIntent(a.aggressiveness, acts: acts, allied: allied)
        return ThreatScore(target: actor, components: ThreatComponents(aimed, proximity: proximity, weights: weights))
    }

    /// Every other state ranked by its threat, highest first (ties by id, so the order never
    /// depends on dictionary order).
    public func ranked(_ attributes: [StateID: Attributes]) -> [ThreatScore] {
        sorted(attributes.compactMap { id, a in id == observer ? nil : threat(of: id, a) })
    }

    /// The same ranking of attributes given by position of `geography.index` (nil: not a
    /// candidate, e.g. eliminated or unseen): the observer's row of the map is read once.
    /// - Parameter top: keep only the first `top` of the ranking (nil: all of it); the same
    ///   first `top` as the whole ranking's, found without sorting every state.
    public func ranked(byPosition attributes: [Attributes?], top: Int? = nil) -> [ThreatScore] {
        let index = geography.index
        let me = index.position(of: observer)
        typealias Scored = (score: Double, rank: Int, threat: ThreatScore)
        // The order of `sorted(_:)`, with each score worked out once and ids compared by rank
        // (ranks are distinct: the order is total, so any way of sorting gives the same list).
        func before(_ a: Scored, _ b: Scored) -> Bool { a.score != b.score ? a.score > b.score : a.rank < b.rank }
        let top = top.map { max($0, 0) }
        let keep = top.flatMap { $0 < Self.selectionLimit ? $0 : nil }
        var scored: [Scored] = []
        scored.reserveCapacity(keep.map { $0 + 1 } ?? attributes.count)
        // The record and the allies by position: one look-up for each act and ally, none for each state.
        var acts = [Double](repeating: 0, count: record.acts.isEmpty ? 0 : index.count)
        for (id, n) in record.acts { if let p = index.position(of: id) { acts[p] = n } }
        var allied = [Bool](repeating: false, count: allies.isEmpty ? 0 : index.count)
        for id in allies { if let p = index.position(of: id) { allied[p] = true } }
        for (p, a) in attributes.enumerated() where p != me {
            guard let a else { continue }
            let t = threat(of: index.ids[p], a, proximity: me.map { geography.proximity(at: $0, p) } ?? 0,
                           acts: acts.isEmpty ? 0 : acts[p], allied: !allied.isEmpty && allied[p])
            let entry: Scored = (t.score, index.ranks[p], t)
            guard let keep else { scored.append(entry); continue }
            // Selection: the best `keep` so far, in order; a new entry goes in at its place.
            if scored.count == keep, let last = scored.last, !before(entry, last) { continue }
            var at = scored.count
            while at > 0 && before(entry, scored[at - 1]) { at -= 1 }
            scored.insert(entry, at: at)
            if scored.count > keep { scored.removeLast() }
        }
        if keep == nil { scored.sort(by: before) }
        return top.map { scored.prefix($0).map(\.threat) } ?? scored.map(\.threat)
    }

    /// Up to this many of the top, selection beats sorting the whole ranking.
    static let selectionLimit = 32

    private func sorted(_ scores: [ThreatScore]) -> [ThreatScore] {
        scores.sorted { $0.score != $1.score ? $0.score > $1.score : $0.target < $1.target }
    }
}

/// Probability that the side with power `a` beats the side with power `b`: `a^k / (a^k + b^k)`,
/// a logistic in the log ratio of their powers.
public func winProbability(_ a: Double, against b: Double, decisiveness k: Double) -> Double {
    if a <= 0 && b <= 0 { return 0.5 }
    let x = _pow(max(a, 0), k), y = _pow(max(b, 0), k)
    return x / (x + y)
}
