import ArgumentParser
import EntenteRuntime
import Foundation

@main
struct Entente: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entente",
        abstract: "Simulate Walt's balance of threat: states as processes negotiating alliances over ZeroMQ.",
        discussion: """
            A run starts one coordinator (the clock and the ground truth) and one process per state. \
            States see each other only through noisy observations, trade threat assessments and \
            alliance offers directly, and the coordinator logs whether each alliance balances or bandwagons.

            Start with:  entente run scenarios/small.yaml

            Exit status: 0 done; 1 a run failed, or a sweep finished with failed runs; 64 the \
            command line is wrong; 130 interrupted (Ctrl-C or SIGTERM; what was done is kept).
            """,
        version: RunOutcome.version,
        subcommands: [Run.self, Sweep.self, Report.self, Serve.self, Validate.self, Classify.self, Forecast.self, ParametersCommand.self, KeysCommand.self, CoordinatorCommand.self, StateCommand.self]
    )

    /// Parses and runs, with two things ArgumentParser does not do: an unknown command is a
    /// usage error (not the main help with status 0), and an interruption exits 130.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let commands = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) {
            printError("error: unknown command '\(first)'; the commands are: \(commands.dropLast().joined(separator: ", ")) (entente --help)")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        Diagnostics.bootstrap(VerbosityOptions.level(arguments))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let interrupted as Interrupted {
            printError("error: \(interrupted)")
            Foundation.exit(130)
        } catch {
            exit(withError: error)
        }
    }
}
