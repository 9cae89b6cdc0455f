import ArgumentParser
import EntenteHistory
import EntenteModel
import Foundation

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classify the alliances that really formed as balancing or bandwagoning by the true threat at their date.",
        discussion: """
            For every pair of the scenario's states that gained an obligation in ATOP \
            (--obligations) in a year of --from…--to, each member's main threat is computed as \
            the coordinator computes true threats (docs/MODEL.md §8.3): the scenario gives the \
            map and the hand-set offense and aggressiveness; the data give, for that year, who \
            was a state and its power (COW NMC), the alliances standing (ATOP) and the disputes \
            before it. Writes a table like alliances.csv and prints the tally.

            Example: entente classify scenarios/europe-1914.yaml --from 1890 --to 1914 \
            --power data/cow/cinc_europe_1870_1939_NMCv7.csv \
            --alliances data/cow/atop51_dyads_europe_1870_1939.csv \
            --disputes data/mid/initiations_europe_1870_1939.csv --out europe-1890-1914.csv
            """
    )

    @OptionGroup var data: HistoryDataOptions

    @Option(help: "First year of formations to classify.")
    var from: Int

    @Option(help: "Last year of formations to classify.")
    var to: Int

    @Option(help: "Write the table here (default: standard output).")
    var out: String?

    func validate() throws {
        if from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() throws {
        let real = try data.load()
        if let years = real.alliances.years, !years.contains(from - 1) || !years.contains(to) {
            printError("warning: \(data.alliances) holds \(years.lowerBound)-\(years.upperBound); formations need the year before, so only \(max(from, years.lowerBound + 1))-\(min(to, years.upperBound)) are classified")
        }
        let rows = real.classify(from...to)
        try write([RealAlignment.csvHeader] + rows.map(\.csvRow), to: out)
        let counts = Dictionary(grouping: rows, by: \.alignment).mapValues(\.count)
        let shares = Alignment.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        printError("\(rows.count / 2) alliances formed in \(from)-\(to) among \(real.base.name)'s states; members' alignments: \(shares)")
    }
}
