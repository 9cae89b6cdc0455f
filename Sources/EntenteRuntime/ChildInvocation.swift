import EntenteModel

// The command lines `entente` starts itself with, typed: `entente run` starts a coordinator
// and the states, `entente sweep` starts runs. A flag is spelled here only, and a test
// parses each invocation under its command (InvocationTests), so a renamed flag fails a
// unit test, not an end-to-end run. Every child stops when its parent exits.

/// How much a child says on standard error.
public enum Verbosity: String, Sendable {
    case normal, quiet, verbose

    var arguments: [String] { self == .normal ? [] : ["--" + rawValue] }
}

/// How a child proves who it is over tcp.
public enum ChildSecurity: Equatable, Sendable {
    /// ipc: sockets in a folder only this user can open.
    case none
    /// CURVE with the keys in this folder (docs/SECURITY.md).
    case keys(folder: String)
    /// tcp in the clear, for debugging.
    case insecure

    var arguments: [String] {
        switch self {
        case .none: []
        case .keys(let folder): ["--keys", folder]
        case .insecure: ["--insecure"]
        }
    }
}

/// `entente coordinator`, as `entente run` starts it.
public struct CoordinatorInvocation: Equatable, Sendable {
    public var resolvedScenario: String
    public var out: String
    public var transport: Transport
    public var endpoint: String
    /// Where the coordinator writes the endpoint it bound.
    public var endpointFile: String
    public var resume = false
    public var logLevel = LogLevel.compact
    public var security = ChildSecurity.none
    public var verbosity = Verbosity.normal

    public init(resolvedScenario: String, out: String, transport: Transport, endpoint: String, endpointFile: String) {
        (self.resolvedScenario, self.out, self.transport, self.endpoint, self.endpointFile) = (resolvedScenario, out, transport, endpoint, endpointFile)
    }

    public var arguments: [String] {
        ["coordinator", "--resolved-scenario", resolvedScenario, "--out", out, "--transport", transport.rawValue, "--exit-with-parent"]
            + (resume ? ["--resume"] : []) + ["--log", logLevel.rawValue, "--endpoint", endpoint, "--endpoint-file", endpointFile]
            + security.arguments + verbosity.arguments
    }
}

/// `entente state`, as `entente run` starts it.
public struct StateInvocation: Equatable, Sendable {
    public var id: StateID
    public var coordinator: String
    public var listen: String
    public var security = ChildSecurity.none
    public var verbosity = Verbosity.normal

    public init(id: StateID, coordinator: String, listen: String, security: ChildSecurity = .none, verbosity: Verbosity = .normal) {
        (self.id, self.coordinator, self.listen, self.security, self.verbosity) = (id, coordinator, listen, security, verbosity)
    }

    public var arguments: [String] {
        ["state", "--id", id, "--coordinator", coordinator, "--listen", listen, "--exit-with-parent"] + security.arguments + verbosity.arguments
    }
}

/// `entente run`, as `entente sweep` starts it for one run of its plan.
public struct RunInvocation: Equatable, Sendable {
    public var scenario: String
    public var engine: Engine
    public var seed: UInt64
    public var out: String
    public var rounds: Int?
    /// `--set` overrides, in order.
    public var overrides: [String] = []

    public init(scenario: String, engine: Engine, seed: UInt64, out: String, rounds: Int? = nil, overrides: [String] = []) {
        (self.scenario, self.engine, self.seed, self.out, self.rounds, self.overrides) = (scenario, engine, seed, out, rounds, overrides)
    }

    public var arguments: [String] {
        var args = ["run", scenario, "--engine", engine.name]
        if case .cluster(let t) = engine { args += ["--transport", t.rawValue] }
        args += ["--seed", String(seed), "--out", out, "--exit-with-parent"]
        if let rounds { args += ["--rounds", String(rounds)] }
        for o in overrides { args += ["--set", o] }
        return args
    }
}
