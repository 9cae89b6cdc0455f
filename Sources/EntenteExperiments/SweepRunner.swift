import Dispatch
import EntenteModel
import EntenteRuntime
import Foundation

/// Runs a sweep: every (grid point, seed) as its own `entente run` process, several at once,
/// skipping runs already finished in the output folder, then writes the tables and the report.
public final class SweepRunner {
    public struct Options: Sendable {
        public var scenarioPath: String
        public var plan: SweepPlan
        public var engine: Engine
        public var jobs: Int
        public var outDirectory: String
        /// `--set` overrides applied to every run.
        public var baseOverrides: [String]
        public var rounds: Int?
        public var executable: String
        /// Run only this share of the runs (another machine runs the others into the same folder).
        public var shard: Shard?
        /// Resume even though the scenario file changed since the sweep started.
        public var force = false

        public init(scenarioPath: String, plan: SweepPlan, engine: Engine, jobs: Int,
                    outDirectory: String, baseOverrides: [String], rounds: Int?, executable: String) {
            self.scenarioPath = scenarioPath
            self.plan = plan
            self.engine = engine
            self.jobs = jobs
            self.outDirectory = outDirectory
            self.baseOverrides = baseOverrides
            self.rounds = rounds
            self.executable = executable
        }
    }

    /// Share `index` (1…count) of a sweep split `count` ways: every count-th run, so each
    /// share covers the grid evenly as the runs are ordered seed by seed.
    public struct Shard: Sendable, Equatable {
        public var index: Int
        public var count: Int

        /// Parses `I/N`, 1 ≤ I ≤ N.
        public init(parsing text: String) throws {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
                throw SweepError("--shard \(text): expected I/N with 1 ≤ I ≤ N, e.g. --shard 2/8")
            }
            (index, count) = (i, n)
        }

        func keeps(_ position: Int) -> Bool { position % count == index - 1 }
    }

    public struct Outcome: Sendable {
        public var rows: [RunRow]
        /// Runs found finished in the folder and not run again.
        public var skipped: Int
        public var failed: Int
    }

    let options: Options
    let children = ChildProcesses()
    let progress: ((_ done: Int, _ total: Int, _ failed: Int, _ secondsLeft: Double?) -> Void)?

    public init(_ options: Options, progress: ((Int, Int, Int, Double?) -> Void)?) {
        self.options = options
        self.progress = progress
    }

    func folder(_ run: PlannedRun) -> String { options.outDirectory + "/runs/" + run.name }

    /// The arguments of `entente run` for one run.
    func arguments(_ run: PlannedRun) -> [String] {
        RunInvocation(scenario: options.scenarioPath, engine: options.engine, seed: run.seed, out: folder(run),
                      rounds: options.rounds, overrides: options.baseOverrides + run.point.overrides(options.plan.dimensions)).arguments
    }

    /// Runs what is not finished yet. - Throws: `Interrupted` when interrupted (finished runs are kept).
    public func run() throws -> Outcome {
        let fm = FileManager.default
        try fm.createDirectory(atPath: options.outDirectory + "/runs", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: options.outDirectory + "/logs", withIntermediateDirectories: true)
        try checkSameSweep()
        children.trapSignals()
        defer { children.stopAll() }

        let all = options.plan.runs.enumerated().filter { options.shard?.keeps($0.offset) ?? true }.map(\.element)
        var rows: [String: RunRow] = [:]
        var queue: [PlannedRun] = []
        for run in all {
            if let row = RunRow.read(run, folder: folder(run)) { rows[run.name] = row } else { queue.append(run) }
        }
        let skipped = rows.count
        var running: [(run: PlannedRun, process: Process)] = []
        var failed = 0
        var finished = 0
        let started = Date()
        func report() {
            let done = skipped + finished
            // Seconds per finished run, as they come out of the running jobs (parallelism included).
            let perRun = finished > 0 ? Date().timeIntervalSince(started) / Double(finished) : nil
            progress?(done, all.count, failed, perRun.map { $0 * Double(all.count - done) })
        }
        report()
        while !queue.isEmpty || !running.isEmpty {
            if children.wasInterrupted {
                throw Interrupted("interrupted: \(skipped + finished) of \(all.count) runs are finished in \(options.outDirectory); "
                                 + "run the same command again to resume")
            }
            while running.count < max(options.jobs, 1), !queue.isEmpty {
                let run = queue.removeFirst()
                let log = options.outDirectory + "/logs/\(run.name).log"
                _ = fm.createFile(atPath: log, contents: nil)
                let handle = FileHandle(forWritingAtPath: log)
                let p = try children.spawn(run.name, executable: options.executable, arguments(run), output: handle, errors: handle)
                try? handle?.close()  // the child has its own copy
                running.append((run, p))
            }
            usleep(20_000)
            for (k, entry) in running.enumerated().reversed() where !entry.process.isRunning {
                running.remove(at: k)
                children.forget(entry.process)
                finished += 1
                if entry.process.terminationStatus == 0, let row = RunRow.read(entry.run, folder: folder(entry.run)) {
                    rows[entry.run.name] = row
                } else {
                    failed += 1
                    rows[entry.run.name] = RunRow.failed(entry.run, folder: folder(entry.run))
                }
                // results.csv grows as runs finish: an interrupted sweep has the table of what is done.
                if options.shard == nil {
                    try? SweepTables.results(all.compactMap { rows[$0.name] }, plan: options.plan)
                        .write(toFile: options.outDirectory + "/results.csv", atomically: true, encoding: .utf8)
                }
                report()
            }
        }
        let ordered = all.compactMap { rows[$0.name] }
        // A share writes no tables: `collect` makes them once every share has run.
        if options.shard == nil { try write(ordered) }
        return Outcome(rows: ordered, skipped: skipped, failed: failed)
    }
}
