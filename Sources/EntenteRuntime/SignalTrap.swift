import Dispatch
import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP into a flag a loop reads, so the process can finish
/// what it is doing cleanly (stop its children, close its log on a whole line) instead of
/// dying mid-write. Children started by `ChildProcesses` reset these signals.
public final class SignalTrap: @unchecked Sendable {
    private let lock = NSLock()
    private var caught: Int32?
    private var sources: [DispatchSourceSignal] = []

    public init() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.set(sig) }
            source.resume()
            sources.append(source)
        }
    }

    private func set(_ sig: Int32) { lock.withLock { if caught == nil { caught = sig } } }

    /// The first signal caught, if any.
    public var caughtSignal: Int32? { lock.withLock { caught } }
}
