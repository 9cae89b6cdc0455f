import ArgumentParser
import EntenteScenario

struct ParametersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parameters",
        abstract: "List every numeric scenario parameter: its key, default, accepted values and meaning.",
        discussion: """
            Each key can be set in a scenario file (see docs/SCENARIOS.md), changed for one run with \
            `--set KEY=VALUE` and swept with `entente sweep --vary KEY=V1,V2`. Policy and observation \
            parameters can also be set per state (`--set states.GMY.params.trust=0.2`). The reasons \
            for the defaults are in docs/MODEL.md §11.
            """
    )

    func run() throws {
        print(ParameterCatalog.text)
    }
}
