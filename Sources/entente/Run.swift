import ArgumentParser
import EntenteModel
import EntenteRuntime
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario to the end and print its summary.",
        discussion: """
            The cluster engine starts the coordinator and one OS process per state on this machine
            (`entente coordinator ...`, `entente state --id X ...`). The reference engine runs the same
            policy and world code in this one process: same outcome, same digest, much faster.

            The run folder gets events.jsonl, summary.json and alliances.csv (see docs/LOGS.md).
            The last line printed is `digest: <64 hex chars>`.
            """
    )

    @Argument(help: "The scenario file (YAML; see docs/SCENARIOS.md).")
    var scenario: String

    @Option(help: "Seed of every random draw (default: the scenario's seed).")
    var seed: UInt64?

    @Option(help: "Number of rounds (default: the scenario's rounds).")
    var rounds: Int?

    @Option(help: "Run folder (default: runs/<scenario>-<seed>-<timestamp>).")
    var out: String?

    @Option(help: "Transport between processes: ipc (Unix sockets) or tcp (loopback).")
    var transport: TransportName = .ipc

    @Option(help: "cluster: one process per state; reference: one process, in-memory transport.")
    var engine: EngineName = .cluster

    func validate() throws {
        if let rounds, !(1...Scenario.maxRounds).contains(rounds) {
            throw ValidationError("--rounds must be from 1 to \(Scenario.maxRounds)")
        }
    }

    func run() throws {
        let loaded = try loadScenario(scenario)
        let seedValue = seed ?? loaded.seed
        let folder = out ?? defaultRunFolder(loaded.name, seed: seedValue)
        switch engine {
        case .reference:
            let settings = RunSettings(scenario: loaded, scenarioPath: scenario, seed: seed, rounds: rounds,
                                       runID: URL(fileURLWithPath: folder).lastPathComponent, engine: "reference", transport: "memory")
            let coordinator = try Coordinator(settings, outDirectory: folder)
            coordinator.progress = progressPrinter()
            let outcome = try coordinator.run(over: ReferenceChannel(ids: loaded.ids))
            clearProgress()
            print("run folder: \(folder)")
            print(outcome.text)
        case .cluster:
            let launcher = ClusterLauncher(.init(scenarioPath: scenario, scenario: loaded, seed: seed, rounds: rounds,
                                                 outDirectory: folder, transport: transport.rawValue, executable: selfExecutable()))
            let status = try launcher.run()
            if status != 0 { throw ExitCode(status) }
        }
    }
}

enum TransportName: String, ExpressibleByArgument, CaseIterable {
    case ipc, tcp
}

enum EngineName: String, ExpressibleByArgument, CaseIterable {
    case cluster, reference
}
