import ArgumentParser
import EntenteModel
import EntenteRuntime
import EntenteScenario

/// Options shared by `entente run` and `entente coordinator`: what decides the outcome
/// (seed, rounds), where the logs go, and how long to wait.
struct RunOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Seed of every random draw (default: the scenario's seed).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Number of rounds (default: the scenario's rounds).")
    var rounds: Int?

    @Option(help: "Run folder for the log and tables (events.jsonl, summary.json, alliances.csv, states.csv...; default: runs/<scenario>-<seed>-<timestamp>).")
    var out: String?

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Change a scenario field for this run (repeatable), e.g. --set observation.noise=0.2 --set states.GMY.aggressiveness=0.9.",
                               valueName: "path=value"))
    var overrides: [String] = []

    @Option(help: "What events.jsonl holds: compact (the whole outcome) or full (also every observation; same digest).")
    var log: LogLevel = .compact

    @Option(parsing: .unconditional, help: ArgumentHelp(timeoutHelp(\.joinSeconds)))
    var joinTimeout: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp(timeoutHelp(\.phaseSeconds)))
    var phaseTimeout: Double?

    func validate() throws {
        if let rounds, !(1...Scenario.maxRounds).contains(rounds) {
            throw ValidationError("--rounds must be from 1 to \(Scenario.maxRounds)")
        }
        for (name, value) in [("--join-timeout", joinTimeout), ("--phase-timeout", phaseTimeout)] {
            if let value, !Timeouts.seconds.contains(value) {
                throw ValidationError("\(name) must be from \(Timeouts.seconds.lowerBound) to \(Timeouts.seconds.upperBound) seconds")
            }
        }
    }

    /// The scenario at `path` with the overrides (and `extra` ones) and timeouts given on the command line.
    func scenario(_ path: String, extra: [String] = []) throws -> Scenario {
        applyTimeouts(try loadScenario(path, overrides: overrides + extra))
    }

    /// The scenario with the timeouts given on the command line.
    func applyTimeouts(_ scenario: Scenario) -> Scenario {
        var s = scenario
        if let joinTimeout { s.timeouts.joinSeconds = joinTimeout }
        if let phaseTimeout { s.timeouts.phaseSeconds = phaseTimeout }
        return s
    }

    func folder(for scenario: Scenario) -> String {
        out ?? defaultRunFolder(scenario.name, seed: seed ?? scenario.seed)
    }
}

/// The help of a timeout option, from its scenario parameter's descriptor.
func timeoutHelp(_ path: PartialKeyPath<Timeouts>) -> String {
    let key = Timeouts.key(path)
    let doc = Timeouts.parameter(key)?.doc ?? ""
    let d = Timeouts.defaultValue(key).map { String(Int($0)) } ?? "?"
    return "Seconds: \(doc) (default: the scenario's timeouts.\(key), \(d))."
}

extension LogLevel: ExpressibleByArgument {}
