import ArgumentParser
import EntenteHistory
import EntenteModel
import Foundation

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classify the alliances that really formed as balancing or bandwagoning by the true threat at their date.",
        discussion: """
            For every pair of the scenario's states that gained a defense or offense obligation \
            in ATOP (--obligations) in a year of --from…--to, each member's main threat is computed as the \
            coordinator computes true threats (docs/MODEL.md §8.3): the scenario gives the map \
            and the hand-set offense and aggressiveness; the data give, for that year, who was a \
            state and its power (COW NMC), the alliances standing (ATOP) and the disputes before \
            it (scripts/scenario_disputes.py --csv). Writes a table like alliances.csv and prints \
            the tally.

            Example: entente classify scenarios/europe-1914.yaml --from 1890 --to 1914 \
            --power data/cow/cinc_europe_1870_1939_NMCv7.csv \
            --alliances data/cow/atop51_dyads_europe_1870_1939.csv \
            --disputes data/mid/initiations_europe_1870_1939.csv --out europe-1890-1914.csv
            """
    )

    @Argument(help: "The scenario whose map and hand-set attributes are used.")
    var scenario: String

    @Option(help: "First year of formations to classify.")
    var from: Int

    @Option(help: "Last year of formations to classify.")
    var to: Int

    @Option(help: "COW NMC table: stateabb, year, cinc.")
    var power: String

    @Option(help: "ATOP dyad-year table: year, abb1, abb2, defense, offense.")
    var alliances: String

    @Option(help: ArgumentHelp("Which ATOP obligations make an alliance: military (defense or offense, as in the scenarios) or any (also neutrality, non-aggression, consultation: alignments).", valueName: "military|any"))
    var obligations: Obligations = .military

    enum Obligations: String, ExpressibleByArgument, CaseIterable {
        case military, any
        var set: Set<Obligation> { self == .any ? Set(Obligation.allCases) : Obligation.military }
    }

    @Option(help: "Dispute initiations: by, against, year, level, mid (none: no dispute history).")
    var disputes: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Change a scenario field (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    @Option(help: "Write the table here (default: standard output).")
    var out: String?

    func validate() throws {
        if from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() throws {
        let base = try loadScenario(scenario, overrides: overrides)
        let real = RealAlliances(base: base, power: try PowerTable(path: power), alliances: try AllianceTable(path: alliances, obligations: obligations.set),
                                 disputes: try disputes.map { try readDisputes(path: $0) } ?? [])
        if let years = real.alliances.years, !years.contains(from - 1) || !years.contains(to) {
            printError("warning: \(alliances) holds \(years.lowerBound)-\(years.upperBound); formations need the year before, so only \(max(from, years.lowerBound + 1))-\(min(to, years.upperBound)) are classified")
        }
        let rows = real.classify(from...to)
        let table = ([RealAlignment.csvHeader] + rows.map(\.csvRow)).joined(separator: "\n") + "\n"
        if let out {
            try table.write(toFile: out, atomically: true, encoding: .utf8)
        } else {
            print(table, terminator: "")
        }
        let formations = rows.count / 2
        let counts = Dictionary(grouping: rows, by: \.alignment).mapValues(\.count)
        let shares = Alignment.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        printError("\(formations) alliances formed in \(from)-\(to) among \(base.name)'s states; members' alignments: \(shares)")
    }
}
