import Dispatch
import EntenteModel
import Foundation
import Logging

/// `entente run --engine cluster`: starts one coordinator process and one process per
/// state on this machine, watches them, and leaves none behind, whether the run ends,
/// fails or is interrupted.
public final class ClusterLauncher {
    public struct Options: Sendable {
        /// The run, resolved once here: the coordinator reads it from the run folder.
        public var resolved: ResolvedScenario
        public var outDirectory: String
        /// ipc or tcp.
        public var transport: Transport
        /// The `entente` executable to start (this one by default).
        public var executable: String
        /// Stop when this process's parent exits (set when a sweep starts the run).
        public var exitWithParent = false
        /// tcp in the clear, for debugging (tcp uses CURVE otherwise; ipc never needs it).
        public var insecure = false
        /// Continue the run in `outDirectory` (its coordinator replays the completed rounds).
        public var resume = false
        /// What events.jsonl holds.
        public var logLevel = LogLevel.compact
        /// What the processes say on standard error.
        public var verbosity = Verbosity.normal
        /// `--again`: the run whose recorded decisions a state program replays (`StateProgramEnvironment`).
        public var replayFrom: String?

        public init(resolved: ResolvedScenario, outDirectory: String, transport: Transport, executable: String) {
            self.resolved = resolved
            self.outDirectory = outDirectory
            self.transport = transport
            self.executable = executable
        }
    }

    let options: Options
    let children = ChildProcesses()

    public init(_ options: Options) { self.options = options }

    /// Runs the cluster to the end.
    /// - Returns: the coordinator's exit status (0 on success).
    /// - Throws: `RunError` naming the process that failed.
    public func run() throws -> Int32 {
        let scratch = try makeScratchDirectory()
        defer {
            children.stopAll()
            try? FileManager.default.removeItem(atPath: scratch)
        }
        children.trapSignals()
        // Every state's other program is found before any process starts.
        var programs: [StateID: String] = [:]
        for s in options.resolved.scenario.states { if let c = s.command { programs[s.id] = try program(c[0], state: s.id) } }
        let endpoint: String
        let endpointFile = scratch + "/endpoint"
        try options.resolved.write(toFolder: options.outDirectory)
        let security = try security(scratch: scratch)
        var invocation = CoordinatorInvocation(
            resolvedScenario: options.outDirectory + "/" + ResolvedScenario.fileName, out: options.outDirectory,
            transport: options.transport, endpoint: options.transport == .ipc ? "ipc://\(scratch)/coordinator" : "tcp://127.0.0.1:*",
            endpointFile: endpointFile)
        (invocation.resume, invocation.logLevel, invocation.security, invocation.verbosity) = (options.resume, options.logLevel, security, options.verbosity)
        let coordinator = try spawn("coordinator", invocation.arguments)
        endpoint = try waitForEndpoint(file: endpointFile, coordinator: coordinator)

        let states = options.resolved.scenario.states
        for state in states {
            let listen = options.transport == .ipc ? "ipc://\(scratch)/\(state.id)" : "tcp://127.0.0.1:*"
            let child = StateInvocation(id: state.id, coordinator: endpoint, listen: listen, security: security, verbosity: options.verbosity)
            if let command = state.command, let executable = programs[state.id] {
                // Another program: the same arguments as `entente state`, after its own words.
                _ = try children.spawn("state \(state.id)", executable: executable,
                                       Array(command.dropFirst()) + child.arguments.dropFirst(), output: FileHandle.nullDevice,
                                       environment: StateProgramEnvironment(runFolder: options.outDirectory,
                                                                            replayFrom: options.replayFrom).variables)
            } else {
                _ = try spawn("state \(state.id)", child.arguments)
            }
        }
        let mode = if case .keys = security { ", CURVE" } else { "" }
        log("started 1 coordinator and \(states.count) state processes (\(options.transport.rawValue)\(mode))")

        let parent = ParentWatch(if: options.exitWithParent)
        var reported: Set<Int32> = []
        while coordinator.isRunning {
            if children.wasInterrupted {
                throw Interrupted("interrupted: stopped the coordinator and \(children.children.count - 1) state processes")
            }
            if let why = parent?.stopReason { throw RunError(why) }
            // A state that dies is the coordinator's to mark absent; the run goes on without it.
            // Before the run has started it cannot: nothing restarts it here, so the join would
            // wait out its timeout for nothing (a program that cannot start, a policy that does not import).
            for (name, process) in children.children.dropFirst() where !process.isRunning && !reported.contains(process.processIdentifier) {
                reported.insert(process.processIdentifier)
                if process.terminationReason == .uncaughtSignal || process.terminationStatus != 0 {
                    if !joinLogged() {
                        throw RunError("\(name) (pid \(process.processIdentifier)) exited before the run started (\(ChildProcesses.describe(process))): "
                                       + "the run cannot start without it; its own error is above")
                    }
                    log("\(name) (pid \(process.processIdentifier)) exited early: \(ChildProcesses.describe(process)); the run goes on without it")
                }
            }
            usleep(20_000)
        }
        coordinator.waitUntilExit()
        children.waitForAll(seconds: 5)
        if coordinator.terminationReason == .uncaughtSignal {
            throw RunError("the coordinator (pid \(coordinator.processIdentifier)) was killed: \(ChildProcesses.describe(coordinator))")
        }
        return coordinator.terminationStatus
    }

    /// Whether the coordinator has logged the run's processes, which it does once every state joined.
    func joinLogged() -> Bool {
        guard let log = FileManager.default.contents(atPath: options.outDirectory + "/" + EventLog.fileName) else { return false }
        return log.range(of: Data("{\"type\":\"process\"".utf8)) != nil
    }

    /// Over tcp, the run's own CURVE keys, in the scratch folder only this user can open;
    /// ipc sockets are in that folder too and need none.
    func security(scratch: String) throws -> ChildSecurity {
        guard options.transport == .tcp else { return .none }
        if options.insecure { return .insecure }
        try RunKeys.generate(ids: options.resolved.scenario.ids, folder: scratch + "/keys")
        return .keys(folder: scratch + "/keys")
    }

    func makeScratchDirectory() throws -> String {
        // ipc paths must stay under 108 bytes: a short folder in /tmp.
        var template = Array("/tmp/entente-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { throw RunError("cannot create a folder in /tmp for the run's sockets") }
        return String(cString: dir)
    }

    func spawn(_ name: String, _ arguments: [String]) throws -> Process {
        try children.spawn(name, executable: options.executable, arguments,
                           output: name == "coordinator" ? nil : FileHandle.nullDevice)
    }

    /// The executable a state's `command` names: a path as given, or the first match on PATH.
    func program(_ word: String, state: StateID) throws -> String {
        let fm = FileManager.default
        if word.contains("/") {
            guard fm.isExecutableFile(atPath: word) else { throw RunError("states.\(state).command: \(word) is not an executable file") }
            return word
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where fm.isExecutableFile(atPath: "\(dir)/\(word)") { return "\(dir)/\(word)" }
        throw RunError("states.\(state).command: no executable \(word) on PATH (\(path))")
    }

    func waitForEndpoint(file: String, coordinator: Process) throws -> String {
        let deadline = Deadline(secondsFromNow: 30)
        while !deadline.passed {
            if let text = try? String(contentsOfFile: file, encoding: .utf8), text.hasSuffix("\n") {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if !coordinator.isRunning {
                coordinator.waitUntilExit()
                throw RunError("the coordinator exited before it was ready (\(ChildProcesses.describe(coordinator)))")
            }
            if children.wasInterrupted { throw Interrupted("interrupted") }
            usleep(10_000)
        }
        throw RunError("the coordinator did not bind its endpoint within 30 s")
    }

    func log(_ text: String) {
        Diagnostics.launcher.notice("\(text)")
    }
}

