/// A threat in a ranking, highest first: a state's own perceived ones, what a peer
/// reported, or the ground truth.
public protocol RankedThreat {
    var target: StateID { get }
    var score: Double { get }
}

extension ThreatScore: RankedThreat {}
extension ReportedThreat: RankedThreat {}

extension PolicyParameters {
    /// A state's main threats: the first `shared_threat_rank` of a ranking whose score
    /// reaches `threat_floor`. One rule for who shares a threat (§5.5), which balancing
    /// offers a state accepts (§7, rule 6) and the partner's main threats in the
    /// classification (§8).
    public func mainThreats(_ ranked: some Sequence<some RankedThreat>) -> [StateID] {
        mainThreats(ranked, rank: sharedThreatRank)
    }

    /// The first `rank` threats of a ranking whose score reaches `threat_floor`.
    public func mainThreats(_ ranked: some Sequence<some RankedThreat>, rank: Int) -> [StateID] {
        var out: [StateID] = []
        forEachMainThreat(ranked, rank: rank) { out.append($0) }
        return out
    }

    /// The same threats, each handed to `body` in rank order: no list made (the agent reads
    /// the main threats of every assessment it receives, hundreds a round).
    public func forEachMainThreat(_ ranked: some Sequence<some RankedThreat>, rank: Int? = nil, _ body: (StateID) -> Void) {
        for threat in ranked.prefix(rank ?? sharedThreatRank) where threat.score >= threatFloor { body(threat.target) }
    }
}
