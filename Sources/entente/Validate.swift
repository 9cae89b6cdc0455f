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

    @Flag(help: "Print each state's id and the words of its program, tab-separated, one state a line; an id alone runs `entente state` (for job scripts).")
    var listPrograms = false

    func validate() throws {
        if (listIds || listPrograms) && scenarios.count != 1 { throw ValidationError("--list-ids and --list-programs take exactly one scenario") }
        if listIds && listPrograms { throw ValidationError("--list-ids and --list-programs exclude each other") }
    }

    func run() throws {
        if listIds || listPrograms {
            for s in try loadScenario(scenarios[0], overrides: overrides).states {
                print(([s.id] + (listPrograms ? s.command ?? [] : [])).joined(separator: "\t"))
            }
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
