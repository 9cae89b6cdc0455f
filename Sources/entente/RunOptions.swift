import ArgumentParser
import EntenteModel
import EntenteScenario

/// Options shared by `entente run` and `entente coordinator`: what decides the outcome
/// (seed, rounds), where the logs go, and how long to wait.
struct RunOptions: ParsableArguments {
    @Option(help: "Seed of every random draw (default: the scenario's seed).")
    var seed: UInt64?

    @Option(help: "Number of rounds (default: the scenario's rounds).")
    var rounds: Int?

    @Option(help: "Run folder for events.jsonl, summary.json, alliances.csv (default: runs/<scenario>-<seed>-<timestamp>).")
    var out: String?

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Change a scenario field for this run (repeatable), e.g. --set observation.noise=0.2 --set states.GMY.aggressiveness=0.9.",
                               valueName: "path=value"))
    var overrides: [String] = []

    @Option(help: "Seconds to wait for every state to join (default: the scenario's timeouts.join_seconds, 60).")
    var joinTimeout: Double?

    @Option(help: "Seconds a phase may take before the missing states are named and the run stops (default: timeouts.phase_seconds, 20).")
    var phaseTimeout: Double?

    func validate() throws {
        if let rounds, !(1...Scenario.maxRounds).contains(rounds) {
            throw ValidationError("--rounds must be from 1 to \(Scenario.maxRounds)")
        }
        for (name, value) in [("--join-timeout", joinTimeout), ("--phase-timeout", phaseTimeout)] {
            if let value, !(0.1...86400).contains(value) { throw ValidationError("\(name) must be from 0.1 to 86400 seconds") }
        }
    }

    /// The scenario at `path` with the overrides and timeouts given on the command line.
    func scenario(_ path: String) throws -> Scenario {
        var s = try loadScenario(path, overrides: overrides)
        if let joinTimeout { s.timeouts.joinSeconds = joinTimeout }
        if let phaseTimeout { s.timeouts.phaseSeconds = phaseTimeout }
        return s
    }

    func folder(for scenario: Scenario) -> String {
        out ?? defaultRunFolder(scenario.name, seed: seed ?? scenario.seed)
    }
}
