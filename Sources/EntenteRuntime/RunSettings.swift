import EntenteModel

/// What a run is: the scenario and everything that decides its outcome.
public struct RunSettings: Sendable {
    public var scenario: Scenario
    public var scenarioPath: String
    public var seed: UInt64
    public var rounds: Int
    public var runID: String
    public var engine: Engine
    public var transport: Transport
    /// The `path=value` overrides applied to the scenario file (already in `scenario`).
    public var overrides: [String]

    public init(scenario: Scenario, scenarioPath: String, seed: UInt64? = nil, rounds: Int? = nil,
                runID: String, engine: Engine, transport: Transport, overrides: [String] = []) {
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        self.seed = seed ?? scenario.seed
        self.rounds = rounds ?? scenario.rounds
        self.runID = runID
        self.engine = engine
        self.transport = transport
        self.overrides = overrides
    }
}
