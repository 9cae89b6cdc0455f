import EntenteModel

/// The reference engine: the coordinator and every state in this process, over a
/// `ReferenceChannel`. The one way the command line, sweeps, benchmarks and tests run it.
public enum ReferenceEngine {
    /// Runs `settings` to the end.
    /// - Parameters:
    ///   - outDirectory: the run folder (nil: nothing written, only the outcome).
    ///   - resume: to resume the run in `outDirectory` (replayed and checked first).
    ///   - progress: called after each round with (round, rounds).
    ///   - parent: stop if this watch sees the parent exit.
    ///   - throughWire: every message encoded and decoded, as the cluster carries it (tests).
    ///   - channel: wraps the channel, e.g. to record what crosses it (benchmarks, fuzz seeds).
    public static func run(_ settings: RunSettings, outDirectory: String? = nil, resume: ResumePoint? = nil,
                           progress: ((Int, Int) -> Void)? = nil, parent: ParentWatch? = nil, throughWire: Bool = false,
                           channel: (ReferenceChannel) -> StateChannel = { $0 }) throws -> RunOutcome {
        precondition(settings.engine == .reference, "ReferenceEngine runs reference settings, not \(settings.engine)")
        let coordinator = try Coordinator(settings, outDirectory: outDirectory, resume: resume)
        coordinator.progress = progress
        if let parent { coordinator.stopRequested = { parent.stopReason } }
        return try coordinator.run(over: channel(ReferenceChannel(ids: settings.scenario.ids, throughWire: throughWire)))
    }
}
