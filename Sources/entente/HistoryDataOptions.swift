import ArgumentParser
import EntenteHistory
import EntenteModel

/// The base scenario and the data tables `classify` and `forecast` read.
struct HistoryDataOptions: ParsableArguments {
    @Argument(help: "The scenario whose map and hand-set attributes are used.")
    var scenario: String

    @Option(help: "COW NMC table: stateabb, year, cinc.")
    var power: String

    @Option(help: "ATOP dyad-year table: year, abb1, abb2, defense, offense, neutral, nonagg, consul.")
    var alliances: String

    @Option(help: ArgumentHelp("Which ATOP obligations make an alliance: military (defense or offense, as in the scenarios) or any (also neutrality, non-aggression, consultation: alignments).", valueName: "military|any"))
    var obligations: Obligations = .military

    enum Obligations: String, ExpressibleByArgument, CaseIterable {
        case military, any
        var set: Set<Obligation> { self == .any ? Set(Obligation.allCases) : Obligation.military }
    }

    @Option(help: "Dispute initiations: by, against, year, level, mid (scripts/scenario_disputes.py --csv; none: no dispute history).")
    var disputes: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Change a scenario field (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    func load() throws -> RealAlliances {
        RealAlliances(base: try loadScenario(scenario, overrides: overrides), power: try PowerTable(path: power),
                      alliances: try AllianceTable(path: alliances, obligations: obligations.set),
                      disputes: try disputes.map { try readDisputes(path: $0) } ?? [])
    }
}
