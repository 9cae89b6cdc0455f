import EntenteModel
import EntenteRuntime
import Foundation

/// A sweep's folder: sweep.json (what makes the sweep this one), the tables written from
/// the runs found finished, and collecting the shares of a sweep run on several machines.
extension SweepRunner {
    /// sweep.json: what makes a sweep this one. Resuming into a folder checks it.
    struct Definition: Codable, Equatable {
        struct Varied: Codable, Equatable {
            var key: String
            var values: [String]
        }

        var scenario: String
        /// `Engine.name`: the transport is how runs talk, not what they find.
        var engine: String
        var overrides: [String]
        var rounds: Int?
        var vary: [Varied]
        /// Absent from the sweep.json of older versions (their resume skips the check of seeds).
        var seeds: [UInt64]?
        /// The SHA-256 of the scenario file when the sweep started (absent from older versions).
        var scenarioSHA256: String?

        enum CodingKeys: String, CodingKey {
            case scenario, engine, overrides, rounds, vary, seeds, scenarioSHA256 = "scenario_sha256"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(scenario, forKey: .scenario); try c.encode(engine, forKey: .engine)
            try c.encode(overrides, forKey: .overrides); try c.encode(rounds, forKey: .rounds); try c.encode(vary, forKey: .vary)
            try c.encodeIfPresent(seeds, forKey: .seeds); try c.encodeIfPresent(scenarioSHA256, forKey: .scenarioSHA256)
        }
    }

    /// The grid of a folder must be this sweep's, and its scenario file the same bytes, or
    /// resuming would mix two experiments (`force` accepts a changed file, knowingly).
    /// The seeds may change (more seeds extend a sweep): sweep.json then records the
    /// command's, which `collect` uses.
    func checkSameSweep() throws {
        let path = options.outDirectory + "/sweep.json"
        var definition = Definition(scenario: options.scenarioPath, engine: options.engine.name, overrides: options.baseOverrides,
                                    rounds: options.rounds, vary: options.plan.dimensions.map { .init(key: $0.key, values: $0.values) },
                                    seeds: options.plan.seeds, scenarioSHA256: ScenarioCopy.sha256(path: options.scenarioPath))
        if let existing = FileManager.default.contents(atPath: path) {
            let found = try? JSONDecoder().decode(Definition.self, from: existing)
            if let was = found?.scenarioSHA256, was != definition.scenarioSHA256 {
                guard options.force else {
                    throw SweepError("\(options.scenarioPath) changed since the sweep in \(options.outDirectory) started (its SHA-256 was "
                                     + "\(was.prefix(12))…, it is \(definition.scenarioSHA256?.prefix(12) ?? "unreadable")…): its runs would "
                                     + "mix two scenarios. Start a new --out, or give --force to go on with the file as it is now")
                }
                // The folder's record keeps the hash it started with: the mix stays visible.
                definition.scenarioSHA256 = was
            }
            var comparable = definition
            comparable.seeds = found?.seeds
            if found?.scenarioSHA256 == nil { comparable.scenarioSHA256 = nil }
            guard found == comparable else {
                throw SweepError("\(options.outDirectory) holds another sweep (see its sweep.json); choose another --out")
            }
            if found?.seeds == definition.seeds && found?.scenarioSHA256 == definition.scenarioSHA256 { return }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Atomic: the shares of a sweep may start at the same moment and write the same file.
        try encoder.encode(definition).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    func write(_ rows: [RunRow]) throws {
        let dir = options.outDirectory
        try SweepTables.decisions(rows, plan: options.plan).write(toFile: dir + "/decisions.csv", atomically: true, encoding: .utf8)
        try SweepTables.results(rows, plan: options.plan).write(toFile: dir + "/results.csv", atomically: true, encoding: .utf8)
        try SweepTables.points(rows, plan: options.plan).write(toFile: dir + "/points.csv", atomically: true, encoding: .utf8)
        let title = "\(URL(fileURLWithPath: options.scenarioPath).deletingPathExtension().lastPathComponent): "
            + "\(options.plan.points.count) points × \(options.plan.seeds.count) seeds (\(options.engine.name))"
        try SweepReport.html(rows, plan: options.plan, title: title).write(toFile: dir + "/report.html", atomically: true, encoding: .utf8)
    }

    /// Writes the tables (results, points, decisions) and report.html of the sweep in `folder` from the runs
    /// finished there (by any share, on any machine).
    /// - Returns: the runs found, and those not finished yet.
    public static func collect(folder: String) throws -> (rows: [RunRow], missing: [PlannedRun]) {
        guard let data = FileManager.default.contents(atPath: folder + "/sweep.json") else {
            throw SweepError("\(folder) has no sweep.json: give the --out folder of a sweep")
        }
        guard let d = try? JSONDecoder().decode(Definition.self, from: data), let seeds = d.seeds else {
            throw SweepError("\(folder)/sweep.json is not one this version can collect (no seeds): run the sweep again without --shard")
        }
        let plan = SweepPlan(dimensions: d.vary.map { Dimension(key: $0.key, values: $0.values) }, seeds: seeds)
        // Collecting runs nothing: any transport names the engine.
        let engine = try Engine(name: d.engine, transport: d.engine == "cluster" ? .ipc : nil)
        let runner = SweepRunner(Options(scenarioPath: d.scenario, plan: plan, engine: engine, jobs: 1,
                                         outDirectory: folder, baseOverrides: d.overrides, rounds: d.rounds, executable: ""),
                                 progress: nil)
        var rows: [RunRow] = []
        var missing: [PlannedRun] = []
        for run in plan.runs {
            if let row = RunRow.read(run, folder: runner.folder(run)) { rows.append(row) } else { missing.append(run) }
        }
        try runner.write(rows)
        return (rows, missing)
    }
}
