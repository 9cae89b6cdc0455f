// What the coordinator tells each state at the start of a round (docs/MODEL.md §4).
extension World {
    /// What `observer` is told this round: noisy estimates of the states within its sight,
    /// drawn from the seed (log-normal noise on power, additive on offense and intent).
    /// - Parameter truth: the attributes to observe (older ones, for intelligence lag); nil: today's.
    /// - Parameter common: what every observer sees alike (`publicView`), when the caller
    ///   makes every state's observation: worked out once a round rather than once a state.
    public func observation(for observer: StateID, round: Int, seed: UInt64, params o: ObservationParameters,
                            truth: StateTable<Attributes>? = nil, common: PublicView? = nil) -> Observation {
        var seen: [Sighting] = []
        seen.reserveCapacity(states.values.count)
        let me = states.index.position(of: observer)!
        let key = StreamKey("observe").with(observer)
        // In id order, as an observation lists them (each draw is keyed by the id: the order changes no draw).
        for k in states.index.inIDOrder where k != me && !states.values[k].eliminated {
            let id = order[k]
            let hops = geography.hops(at: me, k)
            guard o.sees(id, hops: hops) else { continue }
            let t = truth?.values[k] ?? states.values[k].attributes
            let (sp, so, sa) = o.sigmas(hops: hops ?? order.count)
            var rng = SeededRandom(seed: seed, key: key.with(id).with(round))
            // The exponent is bounded so that no setting can make an estimate infinite.
            let p = t.power * _exp(min(50, max(-50, sp * rng.normal())))
            let off = clamp01(t.offense + so * rng.normal())
            let a = clamp01(t.aggressiveness + sa * rng.normal())
            // The noisiest attribute bounds how sure the observer can be.
            seen.append(Sighting(id, Estimate(attributes: Attributes(power: p, offense: off, aggressiveness: a),
                                              confidence: observationConfidence(noise: max(sp, so, sa)))))
        }
        let view = common ?? publicView
        return Observation(round: round, own: states.values[me].attributes, seen: seen,
                           alliances: view.alliances, wars: view.wars, eliminated: view.eliminated)
    }

    /// The public part of every observation: standing alliances, wars, eliminated states.
    public var publicView: PublicView {
        PublicView(alliances: alliances.map(\.public), wars: publicWars, eliminated: order.filter { !isLive($0) })
    }

    /// Every state's true attributes now (kept by the coordinator for intelligence lag).
    public var snapshot: StateTable<Attributes> { StateTable(states.index, values: states.values.map(\.attributes)) }
}

/// What every state's observation of a round shares.
public struct PublicView: Sendable {
    public var alliances: [PublicAlliance]
    public var wars: [PublicWar]
    public var eliminated: [StateID]
}
