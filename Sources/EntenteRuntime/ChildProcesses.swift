import Dispatch
import Foundation

/// Processes this process started, stopped together: on a signal to this process, when
/// it is done with them, or when it fails. Used by `entente run` (coordinator and states)
/// and `entente sweep` (one `entente run` per grid point and seed).
public final class ChildProcesses {
    public private(set) var children: [(name: String, process: Process)] = []
    var trap: SignalTrap?

    public init() {}

    /// Whether SIGINT, SIGTERM or SIGHUP has arrived since `trapSignals()`.
    public var wasInterrupted: Bool { trap?.caughtSignal != nil }

    /// Turns SIGINT, SIGTERM and SIGHUP into `wasInterrupted`, so the owner can stop its
    /// children before exiting. (Children reset these signals: see `entente`'s commands.)
    public func trapSignals() {
        if trap == nil { trap = SignalTrap() }
    }

    /// Starts `executable arguments`; standard output goes to `output` (nil: inherited), and
    /// `environment` is added to this process's own.
    @discardableResult
    public func spawn(_ name: String, executable: String, _ arguments: [String], output: FileHandle? = nil,
                      errors: FileHandle? = nil, environment: [String: String] = [:]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        if let output { p.standardOutput = output }
        if let errors { p.standardError = errors }
        do { try p.run() } catch {
            throw RunError("cannot start \(name) (\(executable)): \(error)")
        }
        children.append((name, p))
        return p
    }

    /// Stops tracking a child that has exited (a long sweep starts thousands).
    public func forget(_ process: Process) {
        children.removeAll { $0.process === process }
    }

    /// Waits up to `seconds` for every child to exit by itself.
    public func waitForAll(seconds: Double) {
        let deadline = Deadline(secondsFromNow: seconds)
        while children.contains(where: { $0.process.isRunning }) && !deadline.passed { usleep(10_000) }
    }

    /// SIGTERM, a moment's grace, then SIGKILL for whatever is left.
    public func stopAll() {
        let running = children.filter { $0.process.isRunning }
        guard !running.isEmpty else { return }
        for c in running { kill(c.process.processIdentifier, SIGTERM) }
        let deadline = Deadline(secondsFromNow: 2)
        while running.contains(where: { $0.process.isRunning }) && !deadline.passed { usleep(10_000) }
        for c in running where c.process.isRunning { kill(c.process.processIdentifier, SIGKILL) }
        for c in running { c.process.waitUntilExit() }
    }

    public static func describe(_ p: Process) -> String {
        p.terminationReason == .uncaughtSignal ? "killed by signal \(p.terminationStatus)" : "exit status \(p.terminationStatus)"
    }
}
