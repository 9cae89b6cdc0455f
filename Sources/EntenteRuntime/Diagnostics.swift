import Logging

/// The processes' diagnostics on standard error, leveled with swift-log: what a run does
/// beyond its results (starts, joins, absences, each round with --verbose). The results
/// themselves go to the run folder and standard output; `--quiet` keeps errors only.
public enum Diagnostics {
    /// Sends every logger to standard error at `level` (once, before any logging).
    public static func bootstrap(_ level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static let launcher = Logger(label: "entente.run")
    static let coordinator = Logger(label: "entente.coordinator")
    static let state = Logger(label: "entente.state")
}
