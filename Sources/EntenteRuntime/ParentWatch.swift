import Foundation

/// Notices that the process that started this one has exited, so a child started by
/// `entente run` or `entente sweep` never outlives it. The parent is remembered when the
/// watch is made; an orphan is re-parented, so its parent id changes.
/// (Linux's PR_SET_PDEATHSIG would signal at once, but `prctl` is variadic and Swift cannot
/// call it; and it fires when the spawning *thread* ends, which Foundation does not promise.)
public struct ParentWatch: Sendable {
    public let parent: pid_t

    /// Watches the current parent.
    public init() { parent = getppid() }

    /// True once the parent has exited.
    public var parentExited: Bool { getppid() != parent }
}
