import ArgumentParser
import EntenteHistory
import EntenteModel
import EntenteRuntime
import Foundation

struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start from one year's data only and score the sides after a run against the alliances standing years later.",
        discussion: """
            For each start year, the base scenario is set to that year (its states then, \
            their power, the ATOP alliances standing and the disputes before it; docs/MODEL.md \
            §8.3), run on the reference engine for each seed, and its final sides compared \
            with the blocs of the ATOP alliances standing --horizon years later, as are the \
            two baselines (the starting alliances alone, and the landscape). One row per run.

            Example: entente forecast scenarios/europe-1914.yaml --years 1890,1895,1900,1905 \
            --horizon 5 --seeds 10 --power data/cow/cinc_europe_1870_1939_NMCv7.csv \
            --alliances data/cow/atop51_dyads_europe_1870_1939.csv \
            --disputes data/mid/initiations_europe_1870_1939.csv --out forecasts.csv
            """
    )

    @OptionGroup var data: HistoryDataOptions

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Start years, comma-separated or repeated.", valueName: "year,..."))
    var years: [String]

    @Option(help: "Years between the start and the alliances the sides are compared with.")
    var horizon = 5

    @Option(help: "Seeds per start year (1…N).")
    var seeds = 10

    @Option(help: "Write the table here (default: standard output).")
    var out: String?

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        if starts.isEmpty { throw ValidationError("--years needs at least one year, e.g. --years 1890,1895") }
        if horizon < 1 { throw ValidationError("--horizon must be at least 1 year") }
        if seeds < 1 { throw ValidationError("--seeds must be at least 1") }
    }

    var starts: [Int] { years.flatMap { $0.split(separator: ",") }.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let real = try data.load()
        var rows: [ForecastScore] = []
        for year in starts {
            guard let scenario = real.forecast(from: year, horizon: horizon) else {
                printError("warning: \(data.alliances) does not cover \(year) and \(year + horizon): skipped")
                continue
            }
            for seed in 1...UInt64(seeds) {
                let settings = RunSettings(scenario: scenario, scenarioPath: data.scenario, seed: seed, runID: "\(scenario.name)-\(seed)", engine: .reference)
                let outcome = try ReferenceEngine.run(settings, outDirectory: nil)
                rows.append(ForecastScore(start: year, horizon: horizon, seed: seed, sides: outcome.sides, scenario: settings.scenario))
            }
            let mine = rows.filter { $0.start == year }
            let mean = Double(mine.map(\.misplaced).reduce(0, +)) / Double(mine.count)
            if verbosity.value != .quiet { printError("\(year) → \(year + horizon): \(mine[0].compared) states compared; misplaced \(String(format: "%.2f", mean)) (mean of \(seeds)), starting alliances alone \(mine[0].initialMisplaced), landscape \(mine[0].landscapeMisplaced)") }
        }
        try write([ForecastScore.csvHeader] + rows.map(\.csvRow), to: out)
    }
}
