import EntenteModel

// The events of a run's start and end, its processes, and those of the world (docs/LOGS.md, "Event types").

extension Alignment: Codable {}
extension Stance: Codable {}
extension OfferKind: Codable {}

public struct RunStarted: EventBody {
    public static let type = "run"
    public static let inDigest = false
    public var runID: String
    /// `Engine.name` and `Engine.transportName`.
    public var engine: String
    public var transport: String
    public var coordinatorPID: Int
    public var scenarioFile: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", engine, transport, coordinatorPID = "coordinator_pid", scenarioFile = "scenario_file"
    }
}

public struct ScenarioStarted: EventBody {
    public static let type = "scenario"
    public var name: String
    /// A string: 64-bit seeds survive readers that use doubles.
    public var seed: String
    public var rounds: Int
    public var negotiationSteps: Int
    public var states: [StateID]
    /// Initial alliances, each pair in id order.
    public var alliances: [[StateID]]

    enum CodingKeys: String, CodingKey { case name, seed, rounds, negotiationSteps = "negotiation_steps", states, alliances }
}

public struct Deceivers: EventBody {
    public static let type = "deceivers"
    public var states: [StateID]
    public var inflation: Double
}

public struct ProcessJoined: EventBody {
    public static let type = "process"
    public static let inDigest = false
    public var state: StateID
    public var pid: Int
    public var endpoint: String
}

public struct WarStarted: EventBody {
    public static let type = "war_started"
    public var attacker: StateID
    public var defender: StateID
    public var attackers: [StateID]
    public var defenders: [StateID]
    public var odds: Double
}

public struct WarEnded: EventBody {
    public static let type = "war_ended"
    public var attacker: StateID
    public var defender: StateID
    public var winners: [StateID]
    public var losers: [StateID]
    public var attackerWinProbability: Double

    enum CodingKeys: String, CodingKey { case attacker, defender, winners, losers, attackerWinProbability = "attacker_win_probability" }
}

public struct Eliminated: EventBody {
    public static let type = "eliminated"
    public var state: StateID
}

public struct AllianceDissolved: EventBody {
    public static let type = "alliance_dissolved"
    public var members: [StateID]
    public var label: String
    public var target: StateID?
    /// The reason's code (`DissolutionReason.code`), the state it names and, for a grown threat, the ratio.
    public var reason: String
    public var about: StateID
    public var ratio: Double?
    public var words: String
    public var text: String? { words }

    enum CodingKeys: String, CodingKey { case members, label, target, reason, about, ratio }

    init(members: [StateID], label: AllianceLabel, reason: DissolutionReason) {
        (self.members, self.label, target) = (members, label.code, label.target)
        (self.reason, about, words) = (reason.code, reason.state, reason.text(members: members))
        if case .seniorThreatGrew(_, _, let r) = reason { ratio = r }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(members, forKey: .members); try c.encode(label, forKey: .label); try c.encodeIfPresent(target, forKey: .target)
        try c.encode(reason, forKey: .reason); try c.encode(about, forKey: .about); try c.encodeIfPresent(ratio, forKey: .ratio)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        members = try c.decode([StateID].self, forKey: .members); label = try c.decode(String.self, forKey: .label)
        target = try c.decodeIfPresent(StateID.self, forKey: .target); reason = try c.decode(String.self, forKey: .reason)
        about = try c.decode(StateID.self, forKey: .about); ratio = try c.decodeIfPresent(Double.self, forKey: .ratio)
        words = try decoder.eventText()
    }
}

/// An alliance standing: its members and label (and, in `final`, the round it formed).
public struct StandingAlliance: Codable, Sendable {
    public var members: [StateID]
    /// `AllianceLabel.code`, and the state it names.
    public var label: String
    public var target: StateID?
    public var formedRound: Int?

    enum CodingKeys: String, CodingKey { case members, label, target, formedRound = "formed_round" }

    init(_ a: Alliance, withRound: Bool = false) {
        (members, label, target) = (a.members, a.label.code, a.label.target)
        formedRound = withRound ? a.formedRound : nil
    }

    /// The label in words, e.g. "balancing coalition against GMY".
    public var labelWords: String { AllianceLabel.words(code: label, target: target) }
}

public struct RoundEnd: EventBody {
    public static let type = "round_end"
    public var alliances: [StandingAlliance]
    /// Each live state's true power share, in scenario order.
    public var power: [(state: StateID, power: Double)]

    enum CodingKeys: String, CodingKey { case alliances, power }

    init(alliances: [StandingAlliance], power: [(state: StateID, power: Double)]) {
        self.alliances = alliances
        self.power = power
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(alliances, forKey: .alliances)
        var p = c.nestedContainer(keyedBy: StateKey.self, forKey: .power)
        for (state, power) in self.power { try p.encode(power, forKey: StateKey(state)) }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        alliances = try c.decode([StandingAlliance].self, forKey: .alliances)
        // JSON objects have no order a decoder keeps: read back in id order.
        let p = try c.decode([String: Double].self, forKey: .power)
        power = p.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

public struct Final: EventBody {
    public static let type = "final"
    public var alliances: [StandingAlliance]
    public var eliminated: [StateID]
}

/// An absent state's restarted process takes part again from this round, with a fresh
/// memory (docs/MODEL.md §1); its pid is in the `process` event that follows.
public struct Returned: EventBody {
    public static let type = "returned"
    public var state: StateID
}

/// The run was resumed (`entente run --resume`): the rounds before this line were replayed
/// and checked against the log; the process events that follow are the new processes'.
public struct Resumed: EventBody {
    public static let type = "resumed"
    public static let inDigest = false
    public var replayedRounds: Int
    public var coordinatorPID: Int

    enum CodingKeys: String, CodingKey {
        case replayedRounds = "replayed_rounds", coordinatorPID = "coordinator_pid"
    }
}

public struct RunFailed: EventBody {
    public static let type = "run_failed"
    public static let inDigest = false
    public var error: String
}

/// A state id used as a JSON key.
struct StateKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
