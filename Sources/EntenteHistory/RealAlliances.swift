import EntenteModel

/// The alliances that really formed, classified by the true threat at their date (MODEL.md
/// §8.3): the base scenario gives the map and the hand-set offense and aggressiveness; the
/// data give, for each year, who was a state, its power, the alliances standing and the
/// dispute history before it.
public struct RealAlliances: Sendable {
    public var base: Scenario
    public var power: PowerTable
    public var alliances: AllianceTable
    public var disputes: [PastDispute]

    public init(base: Scenario, power: PowerTable, alliances: AllianceTable, disputes: [PastDispute]) {
        (self.base, self.power, self.alliances, self.disputes) = (base, power, alliances, disputes)
    }

    /// The base scenario as it stood in `year`: its states that were in the system (with a
    /// capability row), their power that year, `standing` alliances among them, the
    /// disputes over before the year, and the base's map between them.
    public func scenario(in year: Int, standing: Set<StatePair>) -> Scenario {
        var s = base
        s.states = base.states.compactMap { spec in
            power.power(spec.id, year: year).map { var out = spec; out.power = $0; return out }
        }
        let ids = Set(s.ids)
        s.borders = base.borders.filter { ids.contains($0.a) && ids.contains($0.b) }
        s.alliances = standing.sorted().filter { ids.contains($0.a) && ids.contains($0.b) }.map { [$0.a, $0.b] }
        s.year = year
        s.disputes = disputes.filter { ids.contains($0.dispute.by) && ids.contains($0.dispute.against) && $0.lastYear < year }.map(\.dispute)
        s.normalisePower()
        return s
    }

    /// Every alliance among the base's states that formed in `years`, each member classified
    /// against the world of that year without the alliances formed in it.
    public func classify(_ years: ClosedRange<Int>) -> [RealAlignment] {
        let ids = Set(base.ids)
        var out: [RealAlignment] = []
        for year in years {
            let formed = alliances.formed(in: year).filter { ids.contains($0.a) && ids.contains($0.b) }
            guard !formed.isEmpty else { continue }
            let kept = alliances.standing(in: year).intersection(alliances.standing(in: year - 1))
            let scenario = scenario(in: year, standing: kept)
            let world = World(scenario)
            for pair in formed where world.isLive(pair.a) && world.isLive(pair.b) {
                let a = member(pair.a, partner: pair.b, world: world, scenario: scenario, year: year)
                let b = member(pair.b, partner: pair.a, world: world, scenario: scenario, year: year)
                let label = AllianceLabel.of((a.state, a.alignment, a.threat), (b.state, b.alignment, b.threat), aimedAt: nil)
                out += [a, b].map { var m = $0; m.label = label; return m }
            }
        }
        return out
    }

    func member(_ id: StateID, partner: StateID, world: World, scenario: Scenario, year: Int) -> RealAlignment {
        let mine = scenario.state(id)?.params ?? PolicyParameters()
        let theirs = scenario.state(partner)?.params ?? PolicyParameters()
        let (threat, alignment, reason) = world.trueAlignment(of: id, joining: partner, aimedAt: nil, floor: mine.threatFloor,
                                                              partner: theirs, partnerRank: scenario.classification.partnerRank)
        let score = threat.flatMap { t in world.trueThreats(to: id).first { $0.target == t } }
        return RealAlignment(year: year, state: id, partner: partner, side: world.allies(of: partner).union([partner]).sorted(),
                             threat: threat, alignment: alignment, reason: reason, label: .mixed, components: score?.components)
    }
}

/// One member's side of a real alliance's formation, classified by the true threat.
public struct RealAlignment: Equatable, Sendable {
    public var year: Int
    public var state: StateID
    public var partner: StateID
    /// The side joined: the partner and its allies standing that year.
    public var side: [StateID]
    public var threat: StateID?
    public var alignment: Alignment
    public var reason: ClassificationReason
    public var label: AllianceLabel
    /// The four sources of the main threat, nil without one.
    public var components: ThreatComponents?

    public static let csvHeader = "year,state,partner,side,true_threat,true_alignment,true_reason,alliance_label,alliance_target,threat_power,threat_proximity,threat_offense,threat_intent,threat_score"

    public var csvRow: String {
        let c = components
        return [String(year), state, partner, side.joined(separator: " "), threat ?? "", alignment.rawValue, reason.rawValue,
                label.code, label.target ?? "",
                c.map { String($0.power) } ?? "", c.map { String($0.proximity) } ?? "", c.map { String($0.offense) } ?? "",
                c.map { String($0.intent) } ?? "", c.map { String($0.score) } ?? ""].joined(separator: ",")
    }
}
