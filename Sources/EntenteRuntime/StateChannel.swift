import EntenteModel
import EntenteWire

/// How the coordinator reaches the states: real processes over ZeroMQ, or agents in this
/// process. The timeline is the same either way; only this differs.
public protocol StateChannel: AnyObject {
    /// Waits for every state to join, then sends each the welcome `makeWelcome` builds
    /// from the peers' endpoints.
    /// - Returns: each state's process id and peer endpoint.
    func start(makeWelcome: (StateID, [StateID: String]) -> Welcome) throws -> [StateID: JoinedState]

    /// Sends each state its phase start and returns the reports of the phase, and the states
    /// that are gone (their process no longer connected, failed, or silent past the deadline)
    /// with the reason: the run goes on without them.
    /// - Throws: `RunError` when the run itself must stop (a signal, the launcher gone).
    func exchange(_ starts: [(StateID, PhaseStart)]) throws -> PhaseResult

    /// Answers a state that came back (see `PhaseResult.returning`): its Welcome, or why not.
    func answerReturn(_ id: StateID, _ answer: Result<Welcome, RunError>) throws

    /// Tells every state the run is over.
    func finish(digest: String)

    /// Tells every state the run failed.
    func abort(reason: String)
}

public struct JoinedState: Sendable, Equatable {
    public var pid: Int
    public var endpoint: String

    public init(pid: Int, endpoint: String) {
        self.pid = pid
        self.endpoint = endpoint
    }
}

/// What one phase brought back.
public struct PhaseResult: Sendable {
    public var reports: [StateID: PhaseReport]
    /// States found gone in this phase, with why.
    public var absent: [StateID: AbsenceCause]
    /// States that said hello again during the phase: a restarted process (or an old one).
    public var returning: [StateID: JoinedState]

    public init(reports: [StateID: PhaseReport], absent: [StateID: AbsenceCause] = [:], returning: [StateID: JoinedState] = [:]) {
        self.reports = reports
        self.absent = absent
        self.returning = returning
    }
}
