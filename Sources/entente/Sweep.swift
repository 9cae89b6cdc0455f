import ArgumentParser
import EntenteExperiments
import EntenteModel
import EntenteScenario
import EntenteRuntime
import Foundation

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario over a grid of parameter values and seeds; write tables and a report.",
        discussion: """
            Every combination of the --vary values is a grid point; each point runs once per seed, \
            each run a real `entente run` (a multi-process cluster, or the reference engine). Runs \
            are ordered seed by seed across the grid, so a sweep cut short still covers the grid evenly. \
            Run the same command again to resume: finished runs are kept, not redone.

            The output folder gets results.csv (one row per run, rewritten as runs finish), points.csv \
            (means with 95% confidence intervals per point), decisions.csv (every alignment decision of \
            every run), report.html (charts, no network needed), sweep.json, runs/ and logs/.

            Example: entente sweep scenarios/small.yaml --vary observation.noise=0,0.1,0.2,0.4 \
            --vary topology=complete,neighbors --seeds 20 --engine reference --jobs 2

            Across machines: give every machine the same command and --out (a shared folder) with \
            --shard I/N, I = 1…N (a Slurm array: --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT); \
            each runs its share and writes no tables. Then `entente sweep --collect DIR` writes the \
            tables from whatever finished and names what is missing.
            """
    )

    @Argument(help: "The scenario file (not with --collect).")
    var scenario: String?

    @Option(help: ArgumentHelp("A parameter and its values (repeatable): a scenario path as for --set, or one of topology, noise, visibility, lag, loss, delay, deception.",
                               valueName: "key=v1,v2,..."))
    var vary: [String] = []

    @Option(parsing: .unconditional, help: "Seeds per grid point: 1, 2, ... N (after --first-seed).")
    var seeds: Int = 5

    @Option(parsing: .unconditional, help: "The first seed.")
    var firstSeed: UInt64 = 1

    @OptionGroup var engine: EngineOptions

    @Option(parsing: .unconditional, help: "Runs at once.")
    var jobs: Int = 1

    @Option(help: "Output folder (default: sweeps/<scenario>-<timestamp>; give the same one to resume).")
    var out: String?

    @Option(parsing: .unconditional, help: "Rounds of every run (default: the scenario's).")
    var rounds: Int?

    @Option(name: .customLong("set"), help: ArgumentHelp("Change a scenario field for every run (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    @Option(name: .customLong("state-command"),
            help: ArgumentHelp("Start this program for a state in every run, as `entente run --state-command` does (repeatable; "
                               + "*=WORDS for every state).", valueName: "ID=command"))
    var stateCommands: [String] = []

    @Option(help: ArgumentHelp("Run only share I of N of the runs, into the same --out as the other shares (no tables: see --collect).",
                               valueName: "I/N"))
    var shard: String?

    @Flag(help: "Resume even though the scenario file changed since the sweep started (its runs then mix both versions).")
    var force = false

    @Option(help: ArgumentHelp("Write the tables and the report of the sweep in DIR from the runs finished there, naming what is missing.",
                               valueName: "DIR"))
    var collect: String?

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        if collect != nil {
            guard scenario == nil, vary.isEmpty, shard == nil else {
                throw ValidationError("--collect DIR reads the sweep from DIR/sweep.json: give no scenario, --vary or --shard")
            }
            return
        }
        guard scenario != nil else { throw ValidationError("give the scenario file of the sweep (or --collect DIR)") }
        if let shard {
            do { _ = try SweepRunner.Shard(parsing: shard) } catch { throw ValidationError("\(error)") }
            guard out != nil else { throw ValidationError("--shard needs --out: every share writes into the same folder") }
        }
        guard !vary.isEmpty else { throw ValidationError("give at least one --vary key=v1,v2,...") }
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
        guard firstSeed <= UInt64.max - UInt64(seeds - 1) else { throw ValidationError("--first-seed is too large for \(seeds) seeds") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let rounds, !(1...Scenario.maxRounds).contains(rounds) { throw ValidationError("--rounds must be from 1 to \(Scenario.maxRounds)") }
    }

    func run() throws {
        if let collect { return try collectTables(collect) }
        let scenario = scenario!
        let given = overrides
        let overrides = given + (try StateCommands.overrides(stateCommands) { try loadScenario(scenario, overrides: given).ids })
        let dimensions = try vary.map { try Dimension(parsing: $0) }
        // Every grid point must be a valid scenario: check them all before running anything.
        let plan = SweepPlan(dimensions: dimensions, seeds: (0..<UInt64(seeds)).map { firstSeed + $0 })
        var name = "scenario"
        for point in plan.points {
            name = try loadScenario(scenario, overrides: overrides + point.overrides(dimensions)).name
        }
        let folder = out ?? "sweeps/\(name)-\(timestamp())"
        var options = SweepRunner.Options(scenarioPath: scenario, plan: plan, engine: engine.value,
                                          jobs: jobs, outDirectory: folder, baseOverrides: overrides, rounds: rounds,
                                          executable: selfExecutable())
        options.shard = try shard.map(SweepRunner.Shard.init(parsing:))
        options.force = force
        let outcome = try SweepRunner(options, progress: verbosity.quiet ? nil : sweepProgress()).run()
        clearProgress()
        print("sweep folder: \(folder)")
        print("runs: \(outcome.rows.count) (\(outcome.skipped) already finished, \(outcome.failed) failed)")
        if let shard {
            print("share \(shard) done; when every share has run: entente sweep --collect \(folder)")
        } else {
            print("results: \(folder)/results.csv, \(folder)/points.csv, \(folder)/report.html")
        }
        if outcome.failed > 0 {
            printError("\(outcome.failed) run(s) failed: see \(folder)/logs/")
            throw ExitCode.failure
        }
    }
}

extension Sweep {
    /// `--collect DIR`: the tables of a sweep run in shares.
    func collectTables(_ folder: String) throws {
        let (rows, missing) = try SweepRunner.collect(folder: folder)
        print("runs: \(rows.count) of \(rows.count + missing.count) finished")
        if !missing.isEmpty {
            let names = missing.prefix(10).map(\.name).joined(separator: ", ")
            print("missing: \(missing.count) run(s): \(names)\(missing.count > 10 ? ", …" : ""); run their shares again, then collect again")
        }
        print("results: \(folder)/results.csv, \(folder)/points.csv, \(folder)/report.html")
    }
}

/// A progress bar on a terminal; elsewhere a line per tenth of the sweep.
func sweepProgress() -> (Int, Int, Int, Double?) -> Void {
    let tty = isatty(STDERR_FILENO) == 1
    var lastTenth = -1
    return { done, total, failed, left in
        let eta = left.map { String(format: "%d:%02d left", Int($0) / 60, Int($0) % 60) } ?? ""
        if tty {
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1b}[K[\(bar)] \(done)/\(total) runs, \(failed) failed \(eta)".utf8))
        } else if total > 0, done * 10 / total != lastTenth {
            lastTenth = done * 10 / total
            FileHandle.standardError.write(Data("\(done)/\(total) runs, \(failed) failed \(eta)\n".utf8))
        }
    }
}

func timestamp() -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.dateFormat = "yyyyMMdd-HHmmss"
    return f.string(from: Date())
}
