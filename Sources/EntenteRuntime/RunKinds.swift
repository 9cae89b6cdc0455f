/// Which engine runs the states (logged, not part of the outcome).
public enum Engine: String, Codable, CaseIterable, Sendable {
    /// One OS process per state, over ZeroMQ.
    case cluster
    /// Every state in one process, in memory: the test oracle and the fast path for sweeps.
    case reference
}

/// How much of a run events.jsonl holds. Both levels hold the whole outcome, so they give
/// the same digest; `full` adds what every state observed each round (N² values a round).
public enum LogLevel: String, Codable, CaseIterable, Sendable {
    /// Every decision, belief, letter (assessments one line per sender and phase) and event of the world.
    case compact
    /// The same and every observation.
    case full
}

/// How the coordinator and the states reach each other (logged, not part of the outcome).
public enum Transport: String, Codable, CaseIterable, Sendable {
    /// Unix domain sockets in a private folder.
    case ipc
    case tcp
    /// The reference engine's in-memory delivery.
    case memory
}
