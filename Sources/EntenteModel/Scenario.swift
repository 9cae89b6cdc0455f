/// A state's identifier: a short code such as `GMY` (COW's abbreviations for real states).
public typealias StateID = String

/// Ids name sockets, files and CSV fields, and travel in every message: 1 to 32 ASCII
/// letters, digits, `_` or `-`. The scenario loader and the wire decoder both check it.
public func isValidStateID(_ id: String) -> Bool { isValidStateID(utf8: id.utf8) }

/// The same check on UTF-8 bytes (the wire decoder's, before it makes a `String`);
/// inlinable, so it is specialised for the decoder's byte slices.
@inlinable
public func isValidStateID<C: Collection<UInt8>>(utf8: C) -> Bool {
    (1...32).contains(utf8.count) && utf8.allSatisfy { b in
        (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b == 0x5f || b == 0x2d
    }
}

/// The policy a state runs.
public enum PolicyKind: String, Codable, CaseIterable, Sendable {
    /// Walt: balance by default; bandwagon when weak, isolated and next to an
    /// overwhelming threat, or in war once the winner looks certain.
    case walt
    case alwaysBalance = "always-balance"
    case alwaysBandwagon = "always-bandwagon"
    /// Balance or bandwagon by a seeded coin (`random_bandwagon`).
    case random
}

/// One state's true attributes, as the scenario gives them.
public struct StateSpec: Equatable, Codable, Sendable {
    public var id: StateID
    public var name: String
    /// Share of the scenario's total power (raw values are renormalised to sum to 1).
    public var power: Double
    /// Offensive power in [0, 1].
    public var offense: Double
    /// Aggressive intentions in [0, 1].
    public var aggressiveness: Double
    public var policy: PolicyKind
    /// Its effective observation settings: the scenario's, with its own applied.
    public var observation: ObservationParameters
    /// This state's own `deceive:` setting (nil: the scenario's `deception` block decides).
    public var deceive: Bool? = nil
    /// The program the cluster starts for this state, with the arguments of `entente state`
    /// after it (nil: `entente state` itself). Never part of the outcome.
    public var command: [String]? = nil
    /// Its effective policy parameters: the scenario's, with its own applied.
    public var params: PolicyParameters

    public init(id: StateID, name: String, power: Double, offense: Double, aggressiveness: Double,
                policy: PolicyKind = .walt, observation: ObservationParameters = .init(), params: PolicyParameters = .init()) {
        self.id = id
        self.name = name
        self.power = power
        self.offense = offense
        self.aggressiveness = aggressiveness
        self.policy = policy
        self.observation = observation
        self.params = params
    }
}

/// How two bordering states touch, after COW's contiguity types 1–5.
public enum Contact: String, Codable, CaseIterable, Sendable {
    case land, sea12, sea24, sea150, sea400

    public func proximity(_ w: ProximityWeights) -> Double {
        switch self {
        case .land: w.land
        case .sea12: w.sea12
        case .sea24: w.sea24
        case .sea150: w.sea150
        case .sea400: w.sea400
        }
    }
}

/// A pair of states that border each other; `proximity` overrides the contact's weight.
public struct Border: Equatable, Codable, Sendable {
    public var a: StateID
    public var b: StateID
    public var contact: Contact
    public var proximity: Double?

    public init(_ a: StateID, _ b: StateID, _ contact: Contact = .land, proximity: Double? = nil) {
        self.a = a
        self.b = b
        self.contact = contact
        self.proximity = proximity
    }
}

/// Everything a run starts from, resolved: each state carries its effective settings, so
/// every engine reads one value per state and nothing is copied again. A scenario file
/// resolves to one (`ScenarioDocument`, in EntenteScenario; the format is in docs/SCENARIOS.md).
public struct Scenario: Equatable, Codable, Sendable {
    public var name: String
    public var description: String = ""
    public var seed: UInt64 = 1
    public var rounds: Int = 10
    public var negotiationSteps: Int = 2
    public var timeouts = Timeouts()
    public var threat = ThreatWeights()
    public var proximity = ProximityWeights()
    public var world = WorldParameters()
    /// States in file order; ids are unique.
    public var states: [StateSpec]
    public var borders: [Border] = []
    /// Alliances standing at the start, as pairs.
    public var alliances: [[StateID]] = []
    public var communication = CommunicationParameters()
    public var channels = ChannelParameters()
    public var deception = DeceptionParameters()
    public var classification = ClassificationParameters()
    /// A known alignment to compare the final blocs with (e.g. the historical one), as blocs.
    public var referenceAlignment: [[StateID]]? = nil
    /// The year of the scenario's date; disputes that started before it are its history.
    public var year: Int? = nil
    /// Disputes states initiated against each other before `year` (MID data, §3.4).
    public var disputes: [Dispute] = []
    public var history = HistoryParameters()

    public init(name: String, states: [StateSpec]) {
        self.name = name
        self.states = states
    }

    public var ids: [StateID] { states.map(\.id) }

    /// Rounds are numbered in 16 bits on the wire.
    public static let maxRounds = Int(UInt16.max)

    /// The run's numbers at the top level of a scenario.
    public static let runParameters: [Parameter<Scenario>] = [
        .whole("rounds", \.rounds, 1...Double(maxRounds), unit: "rounds", "rounds to run"),
        .whole("negotiation_steps", \.negotiationSteps, 1...255, unit: "steps", "negotiate steps per round"),
    ]

    /// Changes every state's observation settings (a state's own included).
    public mutating func setObservation(_ change: (inout ObservationParameters) -> Void) {
        for k in states.indices { change(&states[k].observation) }
    }

    public func state(_ id: StateID) -> StateSpec? { states.first { $0.id == id } }

    /// Powers rescaled to shares summing to 1 (scenarios may give raw CINC values).
    public mutating func normalisePower() {
        let total = states.reduce(0) { $0 + $1.power }
        guard total > 0 else { return }
        for i in states.indices { states[i].power /= total }
    }
}
