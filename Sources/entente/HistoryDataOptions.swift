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

    @Option(help: "Dispute initiations: by, against, year, level, mid, last_year (scripts/scenario_disputes.py --csv; none: no dispute history).")
    var disputes: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Change a scenario field (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    func load() throws -> RealAlliances {
        let base = try loadScenario(scenario, overrides: overrides)
        let table = try PowerTable(path: power)
        let missing = table.missing(base.ids)
        if missing.count == base.ids.count {
            throw ValidationError("\(power) has no row for any state of \(scenario): is it the table of another region?")
        }
        if !missing.isEmpty {
            printError("warning: \(power) has no row for \(missing.joined(separator: ", ")): left out of every year")
        }
        return RealAlliances(base: base, power: table, alliances: try AllianceTable(path: alliances, obligations: obligations.set),
                             disputes: try disputes.map { try readDisputes(path: $0) } ?? [])
    }
}
