import Foundation

/// Notices that the process that started this one has exited, so a child started by
/// `entente run` or `entente sweep` never outlives it: the one way every child (a run, a
/// coordinator, a state) asks whether to stop. The parent is remembered when the watch is
/// made; an orphan is re-parented, so its parent id changes.
/// (Linux's PR_SET_PDEATHSIG would signal at once, but `prctl` is variadic and Swift cannot
/// call it; and it fires when the spawning *thread* ends, which Foundation does not promise.)
public struct ParentWatch: Sendable {
    public let parent: pid_t

    /// Watches the current parent.
    public init() { parent = getppid() }

    /// A watch when `requested` (`--exit-with-parent`), else nil.
    public init?(if requested: Bool) {
        guard requested else { return nil }
        self.init()
    }

    /// Why to stop: the parent exited (nil while it lives).
    public var stopReason: String? { getppid() != parent ? "the parent process (pid \(parent)) exited; stopping" : nil }
}
