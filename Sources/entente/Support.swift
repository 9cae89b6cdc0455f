import ArgumentParser
import EntenteRuntime
import Logging
import EntenteModel
import EntenteScenario
import Foundation

/// Loads a scenario or fails with every problem listed (and exit status 1).
func loadScenario(_ path: String, overrides: [String] = []) throws -> Scenario {
    do {
        return try Scenario.load(path: path, overrides: overrides.map(ScenarioOverride.init(parsing:)))
    } catch let error as ScenarioError {
        printError(error.description)
        printError("fix the scenario (see docs/SCENARIOS.md); `entente validate \(path)` checks it")
        throw ExitCode.failure
    }
}

func defaultRunFolder(_ name: String, seed: UInt64) -> String {
    "runs/\(name)-\(seed)-\(timestamp())"
}

/// The path of this executable, so `entente run` can start more of itself.
func selfExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Progress on a terminal only: "round i of n", redrawn in place on stderr.
/// On a terminal, one line rewritten each round; otherwise (a batch job's output, a pipe)
/// a line at every tenth of the run, so a job log shows progress without a flood.
func progressPrinter() -> ((Int, Int) -> Void)? {
    guard isatty(STDERR_FILENO) == 1 else {
        return { round, rounds in
            let step = max(1, (rounds + 9) / 10)
            if round % step == 0 || round == rounds { FileHandle.standardError.write(Data("round \(round) of \(rounds)\n".utf8)) }
        }
    }
    return { round, rounds in
        FileHandle.standardError.write(Data("\r\u{1b}[Kround \(round) of \(rounds)".utf8))
    }
}

func clearProgress() {
    if isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
}

/// A launcher may have left SIGINT/SIGTERM ignored; a process of ours must die on them.
func resetSignals() {
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
    signal(SIGHUP, SIG_DFL)
}

/// `--quiet` and `--verbose`: how much the processes say on standard error (their
/// results go to the run folder and standard output either way).
struct VerbosityOptions: ParsableArguments {
    @Flag(help: "Say only what went wrong on standard error (no progress, no notices).")
    var quiet = false

    @Flag(help: "Say more on standard error: each round's time, each state's welcome.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    /// The same, for the processes a command starts.
    var value: Verbosity { quiet ? .quiet : verbose ? .verbose : .normal }

    /// The diagnostics level the flags in `arguments` ask for (read before parsing, so
    /// that logging is set up once, first).
    static func level(_ arguments: [String]) -> Logger.Level {
        if arguments.contains("--quiet") { return .error }
        if arguments.contains("--verbose") { return .debug }
        // `forecast` runs many runs in this process: their notices would bury its progress lines.
        return arguments.first == "forecast" ? .warning : .info
    }
}

/// Writes CSV lines to `path`, or to standard output without one.
func write(_ lines: [String], to path: String?) throws {
    let table = lines.joined(separator: "\n") + "\n"
    if let path {
        try table.write(toFile: path, atomically: true, encoding: .utf8)
    } else {
        print(table, terminator: "")
    }
}
