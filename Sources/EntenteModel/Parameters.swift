// The model's settings blocks. Each field's initial value is its default; each block's
// `parameters` describe its numbers once (docs/MODEL.md §11 gives the reasons).

/// Weights of Walt's four sources of threat in
/// `T(i,j) = P(j)^a · g(i,j) · (1 + wO·O(j)) · (w0 + wA·A(j))` (docs/MODEL.md §3.2).
public struct ThreatWeights: ParameterBlock, Codable {
    public var powerExponent = 1.0
    public var offenseWeight = 1.0
    public var intentBase = 0.5
    public var intentWeight = 1.0
    public var allyDiscount = 0.5
    public var hostilityStep = 0.25

    public init() {}

    public static let parameters: [Parameter<Self>] = [
        .real("power_exponent", \.powerExponent, 0...10, "a: how steeply aggregate power counts (1: proportionally)"),
        .real("offense_weight", \.offenseWeight, 0...100, "wO: how much offensive power multiplies the threat"),
        .real("intent_base", \.intentBase, 0...100, "w0: the threat a state with no aggressive intent still poses"),
        .real("intent_weight", \.intentWeight, 0...100, "wA: how much perceived aggressiveness adds to it"),
        .real("ally_discount", \.allyDiscount, 0...1, "an ally's intent toward me counts this much of what it would otherwise"),
        .real("hostility_step", \.hostilityStep, 0...1, "intent toward me gained for each war started against me, an ally or a neighbour, and each coalition formed against me"),
    ]
}

/// How proximity falls with distance: `g` is 1 for a land border, lower across water,
/// decays per hop on the contiguity graph, and never falls below a floor.
public struct ProximityWeights: ParameterBlock, Codable {
    public var land = 1.0
    public var sea12 = 0.9
    public var sea24 = 0.8
    public var sea150 = 0.6
    public var sea400 = 0.4
    public var hopDecay = 0.5
    public var floor = 0.05

    public init() {}

    public static let parameters: [Parameter<Self>] = [
        .real("land", \.land, 0...1, "g of a land border"),
        .real("sea12", \.sea12, 0...1, "g across at most 12 miles of water"),
        .real("sea24", \.sea24, 0...1, "g across at most 24 miles of water"),
        .real("sea150", \.sea150, 0...1, "g across at most 150 miles of water"),
        .real("sea400", \.sea400, 0...1, "g across at most 400 miles of water"),
        .real("hop_decay", \.hopDecay, 0...1, "factor per hop between states that do not border"),
        .real("floor", \.floor, 0...1, "g of states with no path at all (power projects a little everywhere)"),
    ]
}

/// The thresholds of Walt's policy and of the comparison policies. Every state uses the
/// scenario's values unless it overrides some under `params`.
public struct PolicyParameters: ParameterBlock, Codable {
    public var weakRatio = 0.5
    public var allyMargin = 1.0
    public var nearProximity = 0.75
    public var certainVictory = 0.8
    public var warBandwagon = 1.0
    public var threatFloor = 0.01
    public var maxOffers = 2
    public var maxAllies = 4
    public var trust = 0.5
    public var sharedThreatRank = 1
    public var assessmentSize = 3
    public var randomBandwagon = 0.5

    public init() {}

    /// In this order on the wire (docs/PROTOCOL.md, Welcome).
    public static let parameters: [Parameter<Self>] = [
        .real("weak_ratio", \.weakRatio, nonNegative, "weak against T when own power / T's side's power is below this"),
        .real("ally_margin", \.allyMargin, nonNegative, "allies available when own + allies' + willing partners' power ≥ this × T's side"),
        .real("near_proximity", \.nearProximity, 0...1, "T is near when g(i,T) is at least this"),
        .real("certain_victory", \.certainVictory, 0...1, "in war, a side whose win probability reaches this looks certain to win"),
        .real("war_bandwagon", \.warBandwagon, 0...1, "≥ 0.5: bandwagon with a certain victor in war (Walt's reading)"),
        .real("threat_floor", \.threatFloor, nonNegative, "a threat below this is no threat: the state takes no side"),
        .whole("max_offers", \.maxOffers, 0...1000, unit: "offers", "offers a state may have awaiting an answer at once"),
        .whole("max_allies", \.maxAllies, 0...1000, unit: "alliances", "alliances a state holds at most"),
        .real("trust", \.trust, 0...1, "weight of a peer's report against one's own observation"),
        .whole("shared_threat_rank", \.sharedThreatRank, 0...1000, unit: "threats", "a state's main threats: its top this many above the floor"),
        .whole("assessment_size", \.assessmentSize, 0...1000, unit: "threats", "threats each assessment reports"),
        .real("random_bandwagon", \.randomBandwagon, 0...1, "chance the random policy bandwagons rather than balances"),
    ]
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

/// What a state's intelligence tells it of the others (docs/MODEL.md §4). Set for the
/// whole scenario under `observation:`, and per state under the state's own `observation:`.
public struct ObservationParameters: ParameterBlock, Codable {
    public var noise = 0.1
    public var noisePower: Double?
    public var noiseOffense: Double?
    public var noiseIntent: Double?
    public var distanceNoise = 0.0
    public var intelligence = 1.0
    public var visibility = Visibility.all
    /// Hops seen with `visibility: hops` (unset: 1).
    public var range: Int?
    /// States seen with `visibility: list`.
    public var visible: [StateID] = []
    public var lag = 0

    public init() {}

    public static let parameters: [Parameter<Self>] = [
        .real("noise", \.noise, 0...10, "σ of the noise on every observed attribute (log-normal on power, additive on the rest)"),
        .optionalReal("noise_power", \.noisePower, 0...10, "σ on power (unset: noise)"),
        .optionalReal("noise_offense", \.noiseOffense, 0...10, "σ on offensive power (unset: noise)"),
        .optionalReal("noise_intent", \.noiseIntent, 0...10, "σ on aggressiveness (unset: noise)"),
        .real("distance_noise", \.distanceNoise, 0...100, "σ × (1 + distance_noise · (hops − 1))"),
        .real("intelligence", \.intelligence, 0.01...100, "σ ÷ intelligence: the observer's capability"),
        .optionalWhole("range", \.range, 0...1000, unit: "hops", "hops seen with visibility: hops (alone it implies hops)"),
        .whole("lag", \.lag, 0...1000, unit: "rounds", "estimates are this many rounds old"),
    ]

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

/// How the world moves in the resolve phase (docs/MODEL.md §9).
public struct WorldParameters: ParameterBlock, Codable {
    public var growthSD = 0.03
    public var warAggression = 0.6
    public var warOdds = 1.2
    public var warReach = 0.75
    public var warChance = 0.5
    public var warDecisiveness = 2.0
    public var warCost = 0.3
    public var eliminationPower = 0.002
    public var aggressionStep = 0.1
    public var dissolveAfter = 2
    public var betrayalRatio = 1.5

    public init() {}

    public static let parameters: [Parameter<Self>] = [
        .real("growth_sd", \.growthSD, 0...5, "s.d. of each state's log-power change per round"),
        .real("war_aggression", \.warAggression, 0...1, "only states at least this aggressive start wars"),
        .real("war_odds", \.warOdds, nonNegative, "an aggressor attacks only when its side's power is this many times the target's"),
        .real("war_reach", \.warReach, 0...1, "an aggressor attacks only states at least this close (g)"),
        .real("war_chance", \.warChance, 0...1, "per round, an able aggressor attacks with probability war_chance · aggressiveness"),
        .real("war_decisiveness", \.warDecisiveness, 0...100, "k in P(attacker wins) = Pa^k / (Pa^k + Pd^k)"),
        .real("war_cost", \.warCost, 0...1, "share of power each loser loses to the winners"),
        .real("elimination_power", \.eliminationPower, 0...1, "a defeated state left below this power share is eliminated"),
        .real("aggression_step", \.aggressionStep, 0...1, "aggressiveness an attacker gains by starting or winning a war"),
        .whole("dissolve_after", \.dissolveAfter, 1...1000, unit: "rounds",
               "a balancing coalition ends after this many rounds in a row in which its target is neither member's main threat"),
        .real("betrayal_ratio", \.betrayalRatio, nonNegative, "a bandwagon ends when the senior's threat exceeds this × formation"),
    ]
}

/// Deadlines of the cluster engine. They bound how long a run waits, and are not part of the outcome.
public struct Timeouts: ParameterBlock, Codable {
    public var joinSeconds = 60.0
    public var phaseSeconds = 20.0

    public init() {}

    /// What any wait of the cluster engine may be set to, in seconds.
    public static let seconds: ClosedRange<Double> = 0.1...86400

    public static let parameters: [Parameter<Self>] = [
        .real("join_seconds", \.joinSeconds, seconds, unit: "s", "how long the coordinator waits for every state to join, and again for every state to say its peers have connected (PROTOCOL.md §2.1)"),
        .real("phase_seconds", \.phaseSeconds, seconds, unit: "s", "how long a phase may last before the missing states are named"),
    ]
}

/// How the coordinator classifies a decision to join a side (docs/MODEL.md §8). It reads
/// the run; it changes nothing in it.
public struct ClassificationParameters: ParameterBlock, Codable {
    public var partnerRank = 1

    public init() {}

    public static let parameters: [Parameter<Self>] = [
        .whole("partner_rank", \.partnerRank, 1...1000, unit: "threats",
               "joining a partner counts as balancing against T when T is among its top this many threats (1: its main threat)"),
    ]
}
