import EntenteModel

/// summary.json: a finished run's settings, versions, metrics and digest (docs/LOGS.md).
/// Written by the coordinator and read back by sweeps and reports through this one type.
public struct RunSummary: Codable, Equatable, Sendable {
    public struct ScenarioInfo: Codable, Equatable, Sendable {
        public var name: String
        public var file: String
        public var states: Int
    }

    /// The knobs as the states used them: a value every state shares, or null when they differ.
    public struct Configuration: Codable, Equatable, Sendable {
        public var rounds: Int
        public var negotiationSteps: Int
        /// `Engine.name` and `Engine.transportName`.
        public var engine: String
        public var transport: String
        public var observationNoise: Double?
        public var observationVisibility: String?
        public var observationRange: Int?
        public var observationLag: Int?
        public var overrides: [String]
        public var communicationTopology: String
        public var channelLoss: Double
        public var channelDelay: Int
        public var channelPairs: Int
        public var deceptionShare: Double
        public var deceptionInflation: Double
        public var deceivers: [String]

        enum CodingKeys: String, CodingKey {
            case rounds, negotiationSteps = "negotiation_steps", engine, transport, observationNoise = "observation_noise"
            case observationVisibility = "observation_visibility", observationRange = "observation_range"
            case observationLag = "observation_lag", overrides, communicationTopology = "communication_topology"
            case channelLoss = "channel_loss", channelDelay = "channel_delay", channelPairs = "channel_pairs"
            case deceptionShare = "deception_share", deceptionInflation = "deception_inflation", deceivers
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rounds, forKey: .rounds); try c.encode(negotiationSteps, forKey: .negotiationSteps)
            try c.encode(engine, forKey: .engine); try c.encode(transport, forKey: .transport)
            // Unshared settings are written as null, not left out.
            try c.encode(observationNoise, forKey: .observationNoise)
            try c.encode(observationVisibility, forKey: .observationVisibility)
            try c.encode(observationRange, forKey: .observationRange); try c.encode(observationLag, forKey: .observationLag)
            try c.encode(overrides, forKey: .overrides); try c.encode(communicationTopology, forKey: .communicationTopology)
            try c.encode(channelLoss, forKey: .channelLoss); try c.encode(channelDelay, forKey: .channelDelay)
            try c.encode(channelPairs, forKey: .channelPairs); try c.encode(deceptionShare, forKey: .deceptionShare)
            try c.encode(deceptionInflation, forKey: .deceptionInflation); try c.encode(deceivers, forKey: .deceivers)
        }
    }

    public struct Versions: Codable, Equatable, Sendable {
        public var entente: String
        public var `protocol`: Int
        public var libzmq: String
    }

    /// Balance, bandwagon, other: counts (Int) or shares (Double?, null with no decision).
    public struct ByAlignment<Value: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
        public var balance: Value
        public var bandwagon: Value
        public var other: Value

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(balance, forKey: .balance)
            try c.encode(bandwagon, forKey: .bandwagon)
            try c.encode(other, forKey: .other)
        }

        public subscript(_ a: Alignment) -> Value {
            switch a {
            case .balance: balance
            case .bandwagon: bandwagon
            case .other: other
            }
        }
    }

    /// By perceived and by true threat.
    public struct Classified<Value: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
        public var perceived: ByAlignment<Value>
        public var truth: ByAlignment<Value>

        enum CodingKeys: String, CodingKey { case perceived, truth = "true" }
    }

    public struct Agreement: Codable, Equatable, Sendable {
        public var compared: Int
        public var misplaced: Int
        public var mutualInformationBits: Double

        enum CodingKeys: String, CodingKey { case compared, misplaced, mutualInformationBits = "mutual_information_bits" }

        init(_ a: PartitionAgreement) {
            (compared, misplaced, mutualInformationBits) = (a.compared, a.misplaced, a.mutualInformation)
        }
    }

    /// What the baselines score against the same reference alignment.
    public struct Baselines: Codable, Equatable, Sendable {
        public var initialAlliances: Agreement
        public var landscape: Agreement
        public var landscapeSides: [[String]]

        enum CodingKeys: String, CodingKey { case initialAlliances = "initial_alliances", landscape, landscapeSides = "landscape_sides" }
    }

    public struct FinalAlliance: Codable, Equatable, Sendable {
        public var members: [String]
        public var label: String
        public var formedRound: Int

        enum CodingKeys: String, CodingKey { case members, label, formedRound = "formed_round" }
    }

    public var scenario: ScenarioInfo
    /// A string: seeds are 64-bit, more than a JSON number holds exactly in most readers.
    public var seed: String
    public var configuration: Configuration
    public var versions: Versions
    /// The SHA-256 of the scenario file as given (scenario.yaml in the run folder); null without a copy.
    public var scenarioSHA256: String?
    public var runID: String
    public var decisions: Int
    public var counts: Classified<Int>
    public var shares: Classified<Double?>
    public var misperceived: Int
    public var misperceptionRate: Double?
    public var sides: [[String]]
    public var sideCount: Int
    /// The live states alone at the end, with why each stayed out (`StayingOut`); optional
    /// only so that a summary.json written before it existed still reads.
    public var alone: [Alone]?
    public var agreement: Agreement?
    public var baselines: Baselines?
    public var warsStarted: Int
    public var eliminated: [String]
    public var finalAlliances: [FinalAlliance]
    public var processes: [String: Int]
    /// States whose process was found gone during the run, with why.
    public var absent: [Absent]
    /// false for a run stopped before its last round (by a signal, or a failure): what it
    /// did is here, but it is not a result, and its digest is that of the partial log.
    public var complete: Bool
    public var stopped: String?
    public var roundsCompleted: Int
    /// Wall-clock times: how long the states took to join, and rounds' percentiles (not part of any result).
    public var timing: RunTiming?
    public var digest: String

    public struct Alone: Codable, Equatable, Sendable {
        public var state: String
        public var reason: StayingOut
    }

    public struct Absent: Codable, Equatable, Sendable {
        public var state: String
        public var reason: String
    }

    enum CodingKeys: String, CodingKey {
        case scenario, seed, configuration, versions, scenarioSHA256 = "scenario_sha256", runID = "run_id", decisions, counts, shares, misperceived
        case misperceptionRate = "misperception_rate", sides, sideCount = "side_count", alone
        case agreement, baselines
        case warsStarted = "wars_started", eliminated, finalAlliances = "final_alliances", processes, absent, complete, stopped
        case roundsCompleted = "rounds_completed", timing, digest
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scenario, forKey: .scenario); try c.encode(seed, forKey: .seed)
        try c.encode(configuration, forKey: .configuration); try c.encode(versions, forKey: .versions)
        try c.encode(scenarioSHA256, forKey: .scenarioSHA256); try c.encode(runID, forKey: .runID); try c.encode(decisions, forKey: .decisions)
        try c.encode(counts, forKey: .counts); try c.encode(shares, forKey: .shares)
        try c.encode(misperceived, forKey: .misperceived)
        // Undefined metrics are written as null, not left out.
        try c.encode(misperceptionRate, forKey: .misperceptionRate)
        try c.encode(sides, forKey: .sides); try c.encode(sideCount, forKey: .sideCount); try c.encode(alone ?? [], forKey: .alone)
        try c.encode(agreement, forKey: .agreement); try c.encode(baselines, forKey: .baselines)
        try c.encode(warsStarted, forKey: .warsStarted)
        try c.encode(eliminated, forKey: .eliminated); try c.encode(finalAlliances, forKey: .finalAlliances)
        try c.encode(processes, forKey: .processes); try c.encode(absent, forKey: .absent)
        try c.encode(complete, forKey: .complete); try c.encode(stopped, forKey: .stopped)
        try c.encode(roundsCompleted, forKey: .roundsCompleted); try c.encodeIfPresent(timing, forKey: .timing)
        try c.encode(digest, forKey: .digest)
    }
}
