import Dispatch
import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP into a flag a loop reads, so the process can finish
/// what it is doing cleanly (stop its children, close its log on a whole line) instead of
/// dying mid-write. Children started by `ChildProcesses` reset these signals. A process
/// may hold several traps (`entente run --serve`: the server's and the engine's); each
/// sees every signal that arrives after it was made.
public final class SignalTrap: @unchecked Sendable {
    private let lock = NSLock()
    private var caught: Int32?

    public init() { Self.sources.add(self) }

    fileprivate func set(_ sig: Int32) { lock.withLock { if caught == nil { caught = sig } } }

    /// The first signal caught, if any.
    public var caughtSignal: Int32? { lock.withLock { caught } }

    /// The process's one set of signal sources. Why one: libdispatch delivers a signal
    /// through the handler it installs with the first source, and the `SIG_IGN` a second
    /// set would need first replaces that handler, silencing every trap.
    private static let sources = Sources()

    private final class Sources: @unchecked Sendable {
        private let lock = NSLock()
        private var traps: [() -> SignalTrap?] = []
        private var sources: [DispatchSourceSignal] = []

        func add(_ trap: SignalTrap) {
            lock.withLock {
                traps = traps.filter { $0() != nil } + [{ [weak trap] in trap }]
                guard sources.isEmpty else { return }
                for sig in [SIGINT, SIGTERM, SIGHUP] {
                    signal(sig, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                    source.setEventHandler { [unowned self] in self.deliver(sig) }
                    source.resume()
                    sources.append(source)
                }
            }
        }

        private func deliver(_ sig: Int32) {
            for trap in lock.withLock({ traps.compactMap { $0() } }) { trap.set(sig) }
        }
    }
}
