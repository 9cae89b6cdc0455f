/// Weights of Walt's four sources of threat in
/// `T(i,j) = P(j)^a · g(i,j) · (1 + wO·O(j)) · (w0 + wA·A(j))` (docs/MODEL.md).
public struct ThreatWeights: Codable, Equatable, Sendable {
    /// `a`: how steeply aggregate power counts (1: proportionally).
    public var powerExponent = 1.0
    /// `wO`: how much offensive power multiplies the threat (1: full offense doubles it).
    public var offenseWeight = 1.0
    /// `w0`: the threat a state with no aggressive intent still poses (power alone worries).
    public var intentBase = 0.5
    /// `wA`: how much perceived aggressiveness adds to it.
    public var intentWeight = 1.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case powerExponent = "power_exponent", offenseWeight = "offense_weight"
        case intentBase = "intent_base", intentWeight = "intent_weight"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ThreatWeights.defaults
        powerExponent = try c.decodeIfPresent(Double.self, forKey: .powerExponent) ?? d.powerExponent
        offenseWeight = try c.decodeIfPresent(Double.self, forKey: .offenseWeight) ?? d.offenseWeight
        intentBase = try c.decodeIfPresent(Double.self, forKey: .intentBase) ?? d.intentBase
        intentWeight = try c.decodeIfPresent(Double.self, forKey: .intentWeight) ?? d.intentWeight
    }

    public static let defaults = ThreatWeights()
}

/// How proximity falls with distance: `g` is 1 for a land border, lower across water,
/// decays per hop on the contiguity graph, and never falls below a floor.
public struct ProximityWeights: Codable, Equatable, Sendable {
    public var land = 1.0
    public var sea12 = 0.9
    public var sea24 = 0.8
    public var sea150 = 0.6
    public var sea400 = 0.4
    /// Multiplier per extra hop between states that do not border.
    public var hopDecay = 0.5
    /// Proximity of states with no path at all (power projects a little everywhere).
    public var floor = 0.05

    public init() {}

    enum CodingKeys: String, CodingKey {
        case land, sea12, sea24, sea150, sea400
        case hopDecay = "hop_decay", floor
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ProximityWeights()
        land = try c.decodeIfPresent(Double.self, forKey: .land) ?? d.land
        sea12 = try c.decodeIfPresent(Double.self, forKey: .sea12) ?? d.sea12
        sea24 = try c.decodeIfPresent(Double.self, forKey: .sea24) ?? d.sea24
        sea150 = try c.decodeIfPresent(Double.self, forKey: .sea150) ?? d.sea150
        sea400 = try c.decodeIfPresent(Double.self, forKey: .sea400) ?? d.sea400
        hopDecay = try c.decodeIfPresent(Double.self, forKey: .hopDecay) ?? d.hopDecay
        floor = try c.decodeIfPresent(Double.self, forKey: .floor) ?? d.floor
    }
}

/// The thresholds of Walt's policy and of the simpler comparison policies.
/// Every state uses the scenario's values unless it overrides some under `params`.
public struct PolicyParameters: Codable, Equatable, Sendable {
    /// Weak against T when own power / T's power is below this.
    public var weakRatio = 0.5
    /// Allies are available when own + allies' + willing partners' power ≥ margin · P(T).
    public var allyMargin = 1.0
    /// T is near when proximity g(i,T) is at least this (a land border or a 24-mile strait).
    public var nearProximity = 0.75
    /// In war, the side whose win probability reaches this looks certain to win.
    public var certainVictory = 0.8
    /// Walt's reading: bandwagon with the likely victor in war (1) or not (0).
    public var warBandwagon = 1.0
    /// A threat below this is no threat: the state takes no side.
    public var threatFloor = 0.01
    /// Offers a state may have awaiting an answer at once (so at most this many per step).
    public var maxOffers = 2.0
    /// Alliances a state holds at most.
    public var maxAllies = 4.0
    /// Weight of a peer's report against one's own observation (0: ignore peers).
    public var trust = 0.5
    /// A peer shares threat T when T is among its this many top reported threats.
    public var sharedThreatRank = 2.0
    /// Threats each assessment reports.
    public var assessmentSize = 3.0
    /// Chance the random policy bandwagons rather than balances.
    public var randomBandwagon = 0.5

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case weakRatio = "weak_ratio", allyMargin = "ally_margin", nearProximity = "near_proximity"
        case certainVictory = "certain_victory", warBandwagon = "war_bandwagon"
        case threatFloor = "threat_floor", maxOffers = "max_offers", maxAllies = "max_allies"
        case trust, sharedThreatRank = "shared_threat_rank", assessmentSize = "assessment_size"
        case randomBandwagon = "random_bandwagon"
    }

    /// Every parameter as a number, in a fixed order (the wire sends them so).
    public var values: [Double] {
        get {
            [weakRatio, allyMargin, nearProximity, certainVictory, warBandwagon, threatFloor,
             maxOffers, maxAllies, trust, sharedThreatRank, assessmentSize, randomBandwagon]
        }
        set {
            precondition(newValue.count == Self.count)
            (weakRatio, allyMargin, nearProximity, certainVictory) = (newValue[0], newValue[1], newValue[2], newValue[3])
            (warBandwagon, threatFloor, maxOffers, maxAllies) = (newValue[4], newValue[5], newValue[6], newValue[7])
            (trust, sharedThreatRank, assessmentSize, randomBandwagon) = (newValue[8], newValue[9], newValue[10], newValue[11])
        }
    }

    public static let count = 12
    public static let names = CodingKeys.allCases.map(\.rawValue)

    /// What is wrong with these values, if anything: counts are whole numbers up to 1000,
    /// probabilities and proximities lie in [0, 1], the rest are non-negative. The scenario
    /// loader checks the same with file lines; this guards values that arrive over the wire.
    public var problems: [String] {
        let counts: Set<String> = ["max_offers", "max_allies", "shared_threat_rank", "assessment_size"]
        let units: Set<String> = ["near_proximity", "certain_victory", "war_bandwagon", "trust", "random_bandwagon"]
        return zip(Self.names, values).compactMap { name, v in
            if !v.isFinite || v < 0 { return "\(name) must be a non-negative number" }
            if counts.contains(name) && (v > 1000 || v != v.rounded()) { return "\(name) must be a whole number up to 1000" }
            if units.contains(name) && v > 1 { return "\(name) must be in [0, 1]" }
            return nil
        }
    }

    public init(from decoder: Decoder) throws {
        try self.init(from: decoder, base: PolicyParameters())
    }

    /// Decodes the keys present, taking the others from `base` (how per-state overrides work).
    public init(from decoder: Decoder, base: PolicyParameters) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var v = base.values
        for (index, key) in CodingKeys.allCases.enumerated() {
            if let x = try c.decodeIfPresent(Double.self, forKey: key) { v[index] = x }
        }
        self = base
        values = v
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in zip(CodingKeys.allCases, values) { try c.encode(value, forKey: key) }
    }
}

/// Who a state can see at all.
public enum Visibility: String, Codable, CaseIterable, Sendable {
    /// Every other state.
    case all
    /// Only states it borders.
    case neighbors
    /// States within `range` hops on the contiguity graph.
    case hops
    /// Only the states named in `visible`.
    case list
}

/// What a state's intelligence tells it of the others (docs/MODEL.md, "Observation").
/// Set for the whole scenario under `observation:`, and per state under the state's own
/// `observation:` (keys it sets replace the scenario's).
public struct ObservationParameters: Codable, Equatable, Sendable {
    /// Standard deviation of the noise on every observed attribute
    /// (log-normal on power, additive on offense and aggressiveness).
    public var noise = 0.1
    /// Per-attribute noise; nil: `noise`.
    public var noisePower: Double?
    public var noiseOffense: Double?
    public var noiseIntent: Double?
    /// Noise grows with distance: × (1 + distance_noise · (hops − 1)).
    public var distanceNoise = 0.0
    /// Noise shrinks with the observer's intelligence capability: ÷ intelligence.
    public var intelligence = 1.0
    public var visibility = Visibility.all
    /// Hops seen with `visibility: hops`.
    public var range: Int? = nil
    /// States seen with `visibility: list`.
    public var visible: [StateID] = []
    /// Observations are this many rounds old.
    public var lag = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case noise, noisePower = "noise_power", noiseOffense = "noise_offense", noiseIntent = "noise_intent"
        case distanceNoise = "distance_noise", intelligence, visibility, range, visible, lag
    }

    public init(from decoder: Decoder) throws {
        try self.init(from: decoder, base: ObservationParameters())
    }

    /// Decodes the keys present, taking the others from `base` (how per-state settings work).
    /// A `range` without a `visibility` means `visibility: hops`.
    public init(from decoder: Decoder, base: ObservationParameters) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self = base
        noise = try c.decodeIfPresent(Double.self, forKey: .noise) ?? noise
        noisePower = try c.decodeIfPresent(Double.self, forKey: .noisePower) ?? noisePower
        noiseOffense = try c.decodeIfPresent(Double.self, forKey: .noiseOffense) ?? noiseOffense
        noiseIntent = try c.decodeIfPresent(Double.self, forKey: .noiseIntent) ?? noiseIntent
        distanceNoise = try c.decodeIfPresent(Double.self, forKey: .distanceNoise) ?? distanceNoise
        intelligence = try c.decodeIfPresent(Double.self, forKey: .intelligence) ?? intelligence
        // Whole numbers may be written 2 or 2.0 (validation has checked they are whole).
        range = try c.decodeIfPresent(Double.self, forKey: .range).map { Int($0) } ?? range
        visible = try c.decodeIfPresent([StateID].self, forKey: .visible) ?? visible
        lag = try c.decodeIfPresent(Double.self, forKey: .lag).map { Int($0) } ?? lag
        if let v = try c.decodeIfPresent(Visibility.self, forKey: .visibility) {
            visibility = v
        } else if c.contains(.range) {
            visibility = .hops
        }
    }

    /// Noise on (power, offense, aggressiveness) for a state `hops` away.
    public func sigmas(hops: Int) -> (Double, Double, Double) {
        let scale = (1 + distanceNoise * Double(max(0, hops - 1))) / intelligence
        return ((noisePower ?? noise) * scale, (noiseOffense ?? noise) * scale, (noiseIntent ?? noise) * scale)
    }

    /// Whether a state `hops` away (nil: unreachable) with id `id` is in sight.
    public func sees(_ id: StateID, hops: Int?) -> Bool {
        switch visibility {
        case .all: true
        case .neighbors: hops == 1
        case .hops: (hops ?? Int.max) <= (range ?? 1)
        case .list: visible.contains(id)
        }
    }
}

/// How the world moves in the resolve phase.
public struct WorldParameters: Codable, Equatable, Sendable {
    /// Standard deviation of each state's log-power change per round.
    public var growthSD = 0.03
    /// Only states at least this aggressive start wars.
    public var warAggression = 0.6
    /// An aggressor attacks only when its coalition's power is this many times the target's.
    public var warOdds = 1.2
    /// An aggressor attacks only states at least this close (0.75: a land border or a narrow strait).
    public var warReach = 0.75
    /// Per round, an able aggressor attacks with probability `warChance · aggressiveness`.
    public var warChance = 0.5
    /// `k` in P(attacker wins) = Pa^k / (Pa^k + Pd^k).
    public var warDecisiveness = 2.0
    /// Share of power each member of the losing side loses (the winners share it).
    public var warCost = 0.3
    /// A state that loses a war and is left with a power share below this is eliminated
    /// (0.002: most states of the historical scenarios survive a first defeat; the smallest do not).
    public var eliminationPower = 0.002
    /// Aggressiveness an attacker gains by starting a war (public behaviour teaches intent).
    public var aggressionStep = 0.1
    /// A balancing alliance dissolves when its target's power falls below this share of
    /// what it was when the alliance formed (the threat is neutralised).
    public var neutralisedRatio = 0.5
    /// A bandwagoning alignment breaks when the senior's true threat to the junior grows
    /// past this multiple of what it was when the junior joined.
    public var betrayalRatio = 1.5

    public init() {}

    enum CodingKeys: String, CodingKey {
        case growthSD = "growth_sd", warAggression = "war_aggression", warOdds = "war_odds", warReach = "war_reach"
        case warChance = "war_chance", warDecisiveness = "war_decisiveness", warCost = "war_cost"
        case eliminationPower = "elimination_power", aggressionStep = "aggression_step"
        case neutralisedRatio = "neutralised_ratio", betrayalRatio = "betrayal_ratio"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = WorldParameters()
        growthSD = try c.decodeIfPresent(Double.self, forKey: .growthSD) ?? d.growthSD
        warAggression = try c.decodeIfPresent(Double.self, forKey: .warAggression) ?? d.warAggression
        warOdds = try c.decodeIfPresent(Double.self, forKey: .warOdds) ?? d.warOdds
        warReach = try c.decodeIfPresent(Double.self, forKey: .warReach) ?? d.warReach
        warChance = try c.decodeIfPresent(Double.self, forKey: .warChance) ?? d.warChance
        warDecisiveness = try c.decodeIfPresent(Double.self, forKey: .warDecisiveness) ?? d.warDecisiveness
        warCost = try c.decodeIfPresent(Double.self, forKey: .warCost) ?? d.warCost
        eliminationPower = try c.decodeIfPresent(Double.self, forKey: .eliminationPower) ?? d.eliminationPower
        aggressionStep = try c.decodeIfPresent(Double.self, forKey: .aggressionStep) ?? d.aggressionStep
        neutralisedRatio = try c.decodeIfPresent(Double.self, forKey: .neutralisedRatio) ?? d.neutralisedRatio
        betrayalRatio = try c.decodeIfPresent(Double.self, forKey: .betrayalRatio) ?? d.betrayalRatio
    }
}

/// Deadlines of the cluster engine. They bound how long a run waits, and are not part of the outcome.
public struct Timeouts: Codable, Equatable, Sendable {
    /// Seconds the coordinator waits for every state to join.
    public var joinSeconds = 60.0
    /// Seconds a phase may last before the missing states are named and the run stops.
    public var phaseSeconds = 20.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case joinSeconds = "join_seconds", phaseSeconds = "phase_seconds"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        joinSeconds = try c.decodeIfPresent(Double.self, forKey: .joinSeconds) ?? 60
        phaseSeconds = try c.decodeIfPresent(Double.self, forKey: .phaseSeconds) ?? 20
    }
}
