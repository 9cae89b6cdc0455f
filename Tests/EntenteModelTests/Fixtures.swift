@testable import EntenteModel

/// Small worlds built in code, so each test shows exactly what it depends on.
enum Fixture {
    /// A five-state line map: WEK - AGG - MDA - MDB - FAR (land borders).
    static func scenario(_ states: [StateSpec], borders: [Border], alliances: [[StateID]] = []) -> Scenario {
        var s = Scenario(name: "fixture", states: states)
        s.borders = borders
        s.alliances = alliances
        s.normalisePower()
        return s
    }

    static func state(_ id: StateID, power: Double, offense: Double = 0.5, aggressiveness: Double = 0.5,
                      policy: PolicyKind = .walt) -> StateSpec {
        StateSpec(id: id, name: id, power: power, offense: offense, aggressiveness: aggressiveness, policy: policy)
    }

    static func geography(_ ids: [StateID], _ borders: [Border]) -> Geography {
        Geography(ids: ids, borders: borders, weights: ProximityWeights())
    }

    /// The policy context of `me` seeing exactly `beliefs`, with `allies` public and `sharers` reported.
    static func context(me: StateID, power: Double, beliefs: [StateID: Attributes], geography: Geography,
                        allies: [StateID: Set<StateID>] = [:], sharers: [StateID: [StateID]] = [:],
                        wars: [PublicWar] = [], kind: PolicyKind = .walt, params: PolicyParameters = .init()) -> PolicyContext {
        let threats = ThreatLens(observer: me, record: HostilityRecord(), allies: [], geography: geography, weights: ThreatWeights()).ranked(beliefs)
        return PolicyContext(me: me, kind: kind, params: params, ownPower: power, threats: threats, beliefs: Beliefs(index: geography.index, attributes: beliefs),
                             allies: PublicAllies(Set(allies.flatMap { a, bs in bs.map { [a, $0].sorted() } }).map { PublicAlliance($0) }), wars: wars, sharers: sharers, geography: geography, warDecisiveness: 2,
                             random: SeededRandom(seed: 1, purpose: "test"))
    }

    /// Observation settings: `noise` on every attribute, and sight limited to `range` hops if given.
    static func sight(noise: Double, range: Int? = nil) -> ObservationParameters {
        var o = ObservationParameters()
        o.noise = noise
        if let range {
            o.visibility = .hops
            o.range = range
        }
        return o
    }

    static func attributes(_ power: Double, offense: Double = 0.5, aggressiveness: Double = 0.5) -> Attributes {
        Attributes(power: power, offense: offense, aggressiveness: aggressiveness)
    }
}
