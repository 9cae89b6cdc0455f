import ArgumentParser
import EntenteModel
import EntenteScenario

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files and report every problem with its file, line, field and state."
    )

    @Argument(help: "One or more scenario files.")
    var scenarios: [String]

    @Option(name: .customLong("set"), help: ArgumentHelp("Check with this override applied (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    @Flag(help: "Print only the state ids of the scenario, one a line (for job scripts: one process per id).")
    var listIds = false

    func validate() throws {
        if listIds && scenarios.count != 1 { throw ValidationError("--list-ids takes exactly one scenario") }
    }

    func run() throws {
        if listIds {
            for id in try loadScenario(scenarios[0], overrides: overrides).ids { print(id) }
            return
        }
        var failed = false
        for path in scenarios {
            do {
                let s = try Scenario.load(path: path, overrides: overrides.map(ScenarioOverride.init(parsing:)))
                print("ok: \(path): \(s.name), \(s.states.count) states, \(s.borders.count) borders, \(s.alliances.count) alliances, \(s.rounds) rounds")
            } catch let error as ScenarioError {
                failed = true
                printError(error.description)
            }
        }
        if failed { throw ExitCode.failure }
    }
}
