import Dispatch
import EntenteModel
import Foundation

/// `entente run --engine cluster`: starts one coordinator process and one process per
/// state on this machine, watches them, and leaves none behind, whether the run ends,
/// fails or is interrupted.
public final class ClusterLauncher {
    public struct Options: Sendable {
        public var scenarioPath: String
        public var scenario: Scenario
        public var seed: UInt64?
        public var rounds: Int?
        public var outDirectory: String
        /// "ipc" or "tcp".
        public var transport: String
        /// `path=value` scenario overrides, passed on to the coordinator.
        public var overrides: [String]
        /// The `entente` executable to start (this one by default).
        public var executable: String

        public init(scenarioPath: String, scenario: Scenario, seed: UInt64?, rounds: Int?, outDirectory: String,
                    transport: String, overrides: [String] = [], executable: String) {
            self.scenarioPath = scenarioPath
            self.scenario = scenario
            self.seed = seed
            self.rounds = rounds
            self.outDirectory = outDirectory
            self.transport = transport
            self.overrides = overrides
            self.executable = executable
        }
    }

    let options: Options
    var children: [(name: String, process: Process)] = []
    let interrupted = AtomicFlag()
    var signalSources: [DispatchSourceSignal] = []

    public init(_ options: Options) { self.options = options }

    /// Runs the cluster to the end.
    /// - Returns: the coordinator's exit status (0 on success).
    /// - Throws: `RunError` naming the process that failed.
    public func run() throws -> Int32 {
        let scratch = try makeScratchDirectory()
        defer {
            stopAll()
            try? FileManager.default.removeItem(atPath: scratch)
        }
        trapSignals()
        let endpoint: String
        let endpointFile = scratch + "/endpoint"
        var coordinatorArgs = ["coordinator", "--scenario", options.scenarioPath, "--out", options.outDirectory,
                               "--transport", options.transport, "--exit-with-parent"]
        if let seed = options.seed { coordinatorArgs += ["--seed", String(seed)] }
        if let rounds = options.rounds { coordinatorArgs += ["--rounds", String(rounds)] }
        for override in options.overrides { coordinatorArgs += ["--set", override] }
        // The scenario as loaded carries any timeouts given on the command line.
        coordinatorArgs += ["--join-timeout", String(options.scenario.timeouts.joinSeconds),
                            "--phase-timeout", String(options.scenario.timeouts.phaseSeconds)]
        switch options.transport {
        case "ipc": coordinatorArgs += ["--endpoint", "ipc://\(scratch)/coordinator"]
        default: coordinatorArgs += ["--endpoint", "tcp://127.0.0.1:*"]
        }
        coordinatorArgs += ["--endpoint-file", endpointFile]
        let coordinator = try spawn("coordinator", coordinatorArgs)
        endpoint = try waitForEndpoint(file: endpointFile, coordinator: coordinator)

        for state in options.scenario.states {
            let listen = options.transport == "ipc" ? "ipc://\(scratch)/\(state.id)" : "tcp://127.0.0.1:*"
            _ = try spawn("state \(state.id)", ["state", "--id", state.id, "--coordinator", endpoint, "--listen", listen, "--exit-with-parent"])
        }
        log("started 1 coordinator and \(options.scenario.states.count) state processes (\(options.transport))")

        while coordinator.isRunning {
            if interrupted.value { throw RunError("interrupted: stopped the coordinator and \(children.count - 1) state processes") }
            for (name, process) in children.dropFirst() where !process.isRunning {
                if process.terminationReason == .uncaughtSignal || process.terminationStatus != 0 {
                    throw RunError("\(name) (pid \(process.processIdentifier)) exited early: \(describe(process)); the run is stopped")
                }
            }
            usleep(20_000)
        }
        coordinator.waitUntilExit()
        waitForStates(seconds: 5)
        if coordinator.terminationReason == .uncaughtSignal {
            throw RunError("the coordinator (pid \(coordinator.processIdentifier)) was killed: \(describe(coordinator))")
        }
        return coordinator.terminationStatus
    }

    func makeScratchDirectory() throws -> String {
        // ipc paths must stay under 108 bytes: a short folder in /tmp.
        var template = Array("/tmp/entente-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { throw RunError("cannot create a folder in /tmp for the run's sockets") }
        return String(cString: dir)
    }

    func spawn(_ name: String, _ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: options.executable)
        p.arguments = arguments
        if name != "coordinator" { p.standardOutput = FileHandle.nullDevice }
        do { try p.run() } catch {
            throw RunError("cannot start \(name) (\(options.executable)): \(error)")
        }
        children.append((name, p))
        return p
    }

    func waitForEndpoint(file: String, coordinator: Process) throws -> String {
        let deadline = Deadline(secondsFromNow: 30)
        while !deadline.passed {
            if let text = try? String(contentsOfFile: file, encoding: .utf8), text.hasSuffix("\n") {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if !coordinator.isRunning {
                coordinator.waitUntilExit()
                throw RunError("the coordinator exited before it was ready (\(describe(coordinator)))")
            }
            if interrupted.value { throw RunError("interrupted") }
            usleep(10_000)
        }
        throw RunError("the coordinator did not bind its endpoint within 30 s")
    }

    func waitForStates(seconds: Double) {
        let deadline = Deadline(secondsFromNow: seconds)
        while children.contains(where: { $0.process.isRunning }) && !deadline.passed { usleep(10_000) }
    }

    /// SIGTERM, a moment's grace, then SIGKILL for whatever is left.
    func stopAll() {
        let running = children.filter { $0.process.isRunning }
        guard !running.isEmpty else { return }
        for c in running { kill(c.process.processIdentifier, SIGTERM) }
        let deadline = Deadline(secondsFromNow: 2)
        while running.contains(where: { $0.process.isRunning }) && !deadline.passed { usleep(10_000) }
        for c in running where c.process.isRunning { kill(c.process.processIdentifier, SIGKILL) }
        for c in running { c.process.waitUntilExit() }
    }

    func trapSignals() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [interrupted] in interrupted.set() }
            source.resume()
            signalSources.append(source)
        }
    }

    func describe(_ p: Process) -> String {
        p.terminationReason == .uncaughtSignal ? "killed by signal \(p.terminationStatus)" : "exit status \(p.terminationStatus)"
    }

    func log(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A flag a signal handler sets and the launcher's loop reads.
final class AtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false

    var value: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}
