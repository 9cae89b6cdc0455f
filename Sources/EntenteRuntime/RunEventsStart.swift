import EntenteModel

// The events of a run's start and end, and those of the world (docs/LOGS.md, "Event types").

extension Alignment: Codable {}
extension Stance: Codable {}

public struct RunStarted: Codable, Sendable {
    public var runID: String
    public var engine: Engine
    public var transport: Transport
    public var coordinatorPID: Int
    public var scenarioFile: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", engine, transport, coordinatorPID = "coordinator_pid", scenarioFile = "scenario_file"
    }
}

public struct ScenarioStarted: Codable, Sendable {
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

public struct Deceivers: Codable, Sendable {
    public var states: [StateID]
    public var inflation: Double
}

public struct ProcessJoined: Codable, Sendable {
    public var state: StateID
    public var pid: Int
    public var endpoint: String
}

public struct WarStarted: Codable, Sendable {
    public var attacker: StateID
    public var defender: StateID
    public var attackers: [StateID]
    public var defenders: [StateID]
    public var odds: Double
}

public struct WarEnded: Codable, Sendable {
    public var attacker: StateID
    public var defender: StateID
    public var winners: [StateID]
    public var losers: [StateID]
    public var attackerWinProbability: Double

    enum CodingKeys: String, CodingKey { case attacker, defender, winners, losers, attackerWinProbability = "attacker_win_probability" }
}

public struct Eliminated: Codable, Sendable {
    public var state: StateID
}

public struct AllianceDissolved: Codable, Sendable {
    public var members: [StateID]
    public var label: String
    public var reason: String
}

/// An alliance standing: its members and label (and, in `final`, the round it formed).
public struct StandingAlliance: Codable, Sendable {
    public var members: [StateID]
    public var label: String
    public var formedRound: Int?

    enum CodingKeys: String, CodingKey { case members, label, formedRound = "formed_round" }
}

public struct RoundEnd: Codable, Sendable {
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

public struct Final: Codable, Sendable {
    public var alliances: [StandingAlliance]
    public var eliminated: [StateID]
}

/// A state found gone (its process exited, failed or went silent past a deadline): it
/// takes no part from this phase on; its alliances stand (docs/MODEL.md §1).
public struct Absence: Codable, Sendable {
    public var state: StateID
    public var phase: String
    /// The negotiation step (negotiate phases only).
    public var step: Int?
    public var reason: String
}

/// An absent state's restarted process takes part again from this round, with a fresh
/// memory (docs/MODEL.md §1); its pid is in the `process` event that follows.
public struct Returned: Codable, Sendable {
    public var state: StateID
}

/// The run was resumed (`entente run --resume`): the rounds before this line were replayed
/// and checked against the log; the process events that follow are the new processes'.
public struct Resumed: Codable, Sendable {
    public var replayedRounds: Int
    public var coordinatorPID: Int

    enum CodingKeys: String, CodingKey {
        case replayedRounds = "replayed_rounds", coordinatorPID = "coordinator_pid"
    }
}

public struct RunFailed: Codable, Sendable {
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
