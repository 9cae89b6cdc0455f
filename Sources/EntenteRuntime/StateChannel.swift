import EntenteModel
import EntenteWire

/// How the coordinator reaches the states: real processes over ZeroMQ, or agents in this
/// process. The timeline is the same either way; only this differs.
public protocol StateChannel: AnyObject {
    /// Waits for every state to join, then sends each the welcome `makeWelcome` builds
    /// from the peers' endpoints.
    /// - Returns: each state's process id and peer endpoint.
    func start(makeWelcome: (StateID, [StateID: String]) -> Welcome) throws -> [StateID: JoinedState]

    /// Sends each state its phase start and returns every state's report for that phase.
    /// - Throws: `RunError` naming the states that did not report before the deadline.
    func exchange(_ starts: [(StateID, PhaseStart)]) throws -> [StateID: PhaseReport]

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
