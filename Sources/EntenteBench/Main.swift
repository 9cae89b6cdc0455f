import ArgumentParser

/// The pieces scripts/bench.sh times: the messaging floor, the codec and the log writer.
@main
struct EntenteBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entente-bench",
        abstract: "Benchmarks of Entente's parts (scripts/bench.sh runs them with real runs and prints the table).",
        subcommands: [Floor.self, FloorCoordinator.self, FloorState.self, Codec.self, LogWriter.self]
    )
}
