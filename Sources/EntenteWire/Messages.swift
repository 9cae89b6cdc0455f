import EntenteModel

/// state → coordinator, first: who I am and where my peers reach me.
public struct Hello: Equatable, Sendable {
    public var state: StateID
    public var pid: UInt32
    /// The endpoint this state's peer socket is bound to.
    public var endpoint: String

    public init(state: StateID, pid: UInt32, endpoint: String) {
        self.state = state
        self.pid = pid
        self.endpoint = endpoint
    }
}

public struct PeerInfo: Equatable, Sendable {
    public var id: StateID
    public var endpoint: String
    /// Probability that a letter to this peer is lost (the sender draws it; docs/MODEL.md).
    public var loss: Double
    /// Phases a letter to this peer arrives late (the sender does not send what would arrive after commit).
    public var delay: UInt16

    public init(id: StateID, endpoint: String, loss: Double = 0, delay: UInt16 = 0) {
        self.id = id
        self.endpoint = endpoint
        self.loss = loss
        self.delay = delay
    }
}

/// coordinator → state, once all have joined: the run's public facts and this state's own parameters.
public struct Welcome: Equatable, Sendable {
    public var runID: String
    public var state: StateID
    public var seed: UInt64
    public var rounds: UInt16
    public var negotiationSteps: UInt8
    /// How long a phase may last: a state waits at most half of it for its expected letters.
    public var phaseTimeoutMs: UInt32
    public var policy: PolicyKind
    public var params: PolicyParameters
    public var threat: ThreatWeights
    public var warDecisiveness: Double
    public var hopDecay: Double
    public var proximityFloor: Double
    /// Every state of the scenario, in scenario order (the public map's nodes).
    public var states: [StateID]
    /// The public map: borders with their proximity weight.
    public var borders: [Border]
    /// Only the peers this state may reach.
    public var peers: [PeerInfo]
    /// 1 for an honest state; a deceiver multiplies the power it reports for its main threat by this.
    public var inflation: Double
    /// Report the whole perceived threat ranking at commit (the run writes threats.csv).
    public var reportRanking: Bool
    /// The hostile acts this state has on record before round 1, by actor: its dispute
    /// history (docs/MODEL.md §3.4), in state order; empty when the scenario has none.
    public var history: [PriorActs]

    public init(runID: String, state: StateID, seed: UInt64, rounds: UInt16, negotiationSteps: UInt8,
                phaseTimeoutMs: UInt32, policy: PolicyKind,
                params: PolicyParameters, threat: ThreatWeights, warDecisiveness: Double, hopDecay: Double,
                proximityFloor: Double, states: [StateID], borders: [Border], peers: [PeerInfo], inflation: Double = 1,
                reportRanking: Bool = false, history: [PriorActs] = []) {
        self.runID = runID
        self.state = state
        self.seed = seed
        self.rounds = rounds
        self.negotiationSteps = negotiationSteps
        self.phaseTimeoutMs = phaseTimeoutMs
        self.policy = policy
        self.params = params
        self.threat = threat
        self.warDecisiveness = warDecisiveness
        self.hopDecay = hopDecay
        self.proximityFloor = proximityFloor
        self.states = states
        self.borders = borders
        self.peers = peers
        self.inflation = inflation
        self.reportRanking = reportRanking
        self.history = history
    }
}

/// One actor's weighted hostile acts in a state's record before round 1.
public struct PriorActs: Equatable, Sendable {
    public var actor: StateID
    public var acts: Double

    public init(actor: StateID, acts: Double) { (self.actor, self.acts) = (actor, acts) }
}

/// coordinator → state: a phase begins.
public struct PhaseStart: Equatable, Sendable {
    public var round: UInt16
    public var phase: Phase
    public var step: UInt8
    /// The letters each peer reported sending this state in the previous phase: the state
    /// waits for exactly these before acting, then reads them in canonical order.
    public var expected: [ExpectedLetters]
    /// In the observe phase only.
    public var observation: Observation?

    /// The phase's place in the round (`Phase.index`).
    public func index(negotiationSteps steps: Int) -> Int { phase.index(step: Int(step), negotiationSteps: steps) }

    public init(round: UInt16, phase: Phase, step: UInt8, expected: [ExpectedLetters] = [], observation: Observation? = nil) {
        self.round = round
        self.phase = phase
        self.step = step
        self.expected = expected
        self.observation = observation
    }
}

/// The sequence numbers of the letters one sender addressed to the receiver.
public struct ExpectedLetters: Equatable, Sendable {
    public var sender: StateID
    public var seqs: [UInt32]

    public init(sender: StateID, seqs: [UInt32]) {
        self.sender = sender
        self.seqs = seqs
    }
}

/// state → coordinator: a phase is done. Carries every letter the state sent (the
/// coordinator logs them and tells the receivers how many to expect).
public struct PhaseReport: Equatable, Sendable {
    public var round: UInt16
    public var phase: Phase
    public var step: UInt8
    public var letters: [Letter]
    /// assess: the state's own belief (what it said is in `letters`).
    public var belief: [ReportedThreat]
    /// commit: the stance and its reasons.
    public var decision: Decision?
    /// commit, when the Welcome asks: every threat the state perceives, ranked, with its components.
    public var ranking: [ThreatScore]
    /// commit: the alliances the state consents to.
    public var commitments: [Commitment]
    /// Messages the state refused since its last report, counted by code and sender.
    public var problems: [Problem]

    public init(round: UInt16, phase: Phase, step: UInt8, letters: [Letter] = [], belief: [ReportedThreat] = [],
                decision: Decision? = nil, ranking: [ThreatScore] = [], commitments: [Commitment] = [], problems: [Problem] = []) {
        self.round = round
        self.phase = phase
        self.step = step
        self.letters = letters
        self.belief = belief
        self.decision = decision
        self.ranking = ranking
        self.commitments = commitments
        self.problems = problems
    }
}

/// Everything on the control channel (coordinator ROUTER ↔ state DEALER).
public enum ControlMessage: Equatable, Sendable {
    case hello(Hello)
    case welcome(Welcome)
    case phaseStart(PhaseStart)
    case report(PhaseReport)
    /// The run is over; the state may exit.
    case finish(digest: String)
    /// The run failed; the state exits with an error.
    case abort(reason: String)
    /// state → coordinator, after the Welcome: every peer's connection to this state has
    /// completed its handshake, so round 1 pays for none of them (PROTOCOL.md §2).
    case ready
}

/// state → state, over the peers' PUSH/PULL sockets.
public struct PeerMessage: Equatable, Sendable {
    public var round: UInt16
    public var phase: Phase
    public var step: UInt8
    public var letter: Letter

    public init(round: UInt16, phase: Phase, step: UInt8, letter: Letter) {
        self.round = round
        self.phase = phase
        self.step = step
        self.letter = letter
    }
}
