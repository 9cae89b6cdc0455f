// The ground truth's threats: what the log classifies alignments and dissolves alliances by.
extension World {
    /// Threats to `id` computed on the ground truth with the same formula states use: no noise.
    /// - Parameter top: only the first `top` (nil: all), found without ranking every state.
    public func trueThreats(to id: StateID, top: Int? = nil) -> [ThreatScore] {
        trueLens(of: id).ranked(byPosition: liveAttributes, top: top)
    }

    /// The true threat `actor` poses to `id`, as `trueThreats(to:)` lists it (nil where it
    /// lists none: `actor` is `id` itself or eliminated), without ranking the others.
    public func trueThreat(of actor: StateID, to id: StateID) -> ThreatScore? {
        guard actor != id, let a = states[actor], !a.eliminated else { return nil }
        return trueLens(of: id).threat(of: actor, a.attributes)
    }

    func trueLens(of id: StateID) -> ThreatLens {
        ThreatLens(observer: id, record: hostility[id] ?? HostilityRecord(), allies: allies(of: id),
                   geography: geography, weights: weights)
    }

    /// The true attributes by position, nil for an eliminated state.
    var liveAttributes: [Attributes?] { states.values.map { $0.eliminated ? nil : $0.attributes } }
}
