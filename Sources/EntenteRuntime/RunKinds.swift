/// Which engine runs the states, and over what (logged, not part of the outcome). A
/// cluster's processes talk over a transport; the reference engine's states are in one
/// process, so "reference over tcp" cannot be said.
public enum Engine: Equatable, Sendable, CustomStringConvertible {
    /// One OS process per state, over ZeroMQ.
    case cluster(Transport)
    /// Every state in one process, in memory: the test oracle and the fast path for sweeps.
    case reference

    /// The log's and summary's `engine`.
    public var name: String {
        switch self {
        case .cluster: "cluster"
        case .reference: "reference"
        }
    }

    /// The log's and summary's `transport`: the cluster's, or `memory`.
    public var transportName: String {
        switch self {
        case .cluster(let t): t.rawValue
        case .reference: "memory"
        }
    }

    public var description: String { "\(name) engine, \(transportName)" }

    /// The names engines go by on the command line and in sweep.json.
    public static let names = ["cluster", "reference"]

    /// From its name and, for a cluster, its transport (default ipc).
    /// - Throws: `RunError` for an unknown name, or a transport given to the reference engine.
    public init(name: String, transport: Transport?) throws {
        switch (name, transport) {
        case ("cluster", let t): self = .cluster(t ?? .ipc)
        case ("reference", nil): self = .reference
        case ("reference", _?): throw RunError("--transport applies to the cluster engine: the reference engine runs its states in one process")
        default: throw RunError("unknown engine '\(name)': expected \(Engine.names.joined(separator: " or "))")
        }
    }
}

/// How much of a run events.jsonl holds. Both levels hold the whole outcome, so they give
/// the same digest; `full` adds what every state observed each round (N² values a round).
public enum LogLevel: String, Codable, CaseIterable, Sendable {
    /// Every decision, belief, letter (assessments one line per sender and phase) and event of the world.
    case compact
    /// The same and every observation.
    case full
}

/// How a cluster's coordinator and states reach each other.
public enum Transport: String, Codable, CaseIterable, Sendable {
    /// Unix domain sockets in a private folder.
    case ipc
    /// TCP, with CURVE unless told otherwise (docs/SECURITY.md).
    case tcp
}
