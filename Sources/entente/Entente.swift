import ArgumentParser

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
            """,
        version: "0.1.0",
        subcommands: [Run.self, Sweep.self, Report.self, Validate.self, ParametersCommand.self, KeysCommand.self, CoordinatorCommand.self, StateCommand.self]
    )
}
