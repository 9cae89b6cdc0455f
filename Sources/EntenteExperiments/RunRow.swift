import EntenteModel
import EntenteRuntime
import Foundation

/// One run of a sweep as a row: its point and seed, and the metrics read from its summary.json.
public struct RunRow: Sendable {
    public var run: PlannedRun
    public var folder: String
    /// "ok" or "failed".
    public var status: String
    /// Metric name → value (nil: not defined for this run, e.g. a share with no decision).
    public var metrics: [String: Double?]
    public var digest: String

    /// The metrics of results.csv, in column order; `points.csv` averages them.
    public static let metricNames = [
        "decisions", "balance", "bandwagon", "other", "share_balance", "share_bandwagon", "share_other",
        "true_balance", "true_bandwagon", "true_other", "true_share_balance", "true_share_bandwagon", "true_share_other",
        "misperceived", "misperception_rate", "sides", "wars", "eliminated", "misplaced", "mutual_information",
        "initial_misplaced", "initial_mutual_information", "landscape_misplaced", "landscape_mutual_information",
    ]

    /// Reads a finished run's summary.json. - Returns: nil when the run has not finished.
    public static func read(_ run: PlannedRun, folder: String) -> RunRow? {
        guard let data = FileManager.default.contents(atPath: folder + "/summary.json"),
              let s = try? JSONDecoder().decode(RunSummary.self, from: data), s.complete else { return nil }
        var m: [String: Double?] = [:]
        m["decisions"] = Double(s.decisions)
        for (prefix, counts, shares) in [("", s.counts.perceived, s.shares.perceived), ("true_", s.counts.truth, s.shares.truth)] {
            for a in Alignment.allCases {
                m[prefix + a.rawValue] = Double(counts[a])
                m[prefix + "share_" + a.rawValue] = shares[a]
            }
        }
        m["misperceived"] = Double(s.misperceived)
        m["misperception_rate"] = s.misperceptionRate
        m["sides"] = Double(s.sideCount)
        m["wars"] = Double(s.warsStarted)
        m["eliminated"] = Double(s.eliminated.count)
        m["misplaced"] = s.agreement.map { Double($0.misplaced) }
        m["mutual_information"] = s.agreement?.mutualInformationBits
        m["initial_misplaced"] = s.baselines.map { Double($0.initialAlliances.misplaced) }
        m["initial_mutual_information"] = s.baselines?.initialAlliances.mutualInformationBits
        m["landscape_misplaced"] = s.baselines.map { Double($0.landscape.misplaced) }
        m["landscape_mutual_information"] = s.baselines?.landscape.mutualInformationBits
        return RunRow(run: run, folder: folder, status: "ok", metrics: m, digest: s.digest)
    }

    public static func failed(_ run: PlannedRun, folder: String) -> RunRow {
        RunRow(run: run, folder: folder, status: "failed", metrics: [:], digest: "")
    }

    public func value(_ name: String) -> Double? { metrics[name] ?? nil }
}

/// Writes results.csv (one row per run) and points.csv (one row per grid point: means with 95% CIs).
public enum SweepTables {
    public static func results(_ rows: [RunRow], plan: SweepPlan) -> String {
        let header = ["point", "seed"] + plan.dimensions.map(\.key) + ["status"] + RunRow.metricNames + ["digest", "run_folder"]
        var lines = [header.map(csvField).joined(separator: ",")]
        for r in rows.sorted(by: { ($0.run.point.index, $0.run.seed) < ($1.run.point.index, $1.run.seed) }) {
            let fields = [r.run.point.name, String(r.run.seed)] + r.run.point.values + [r.status]
                + RunRow.metricNames.map { r.value($0).map(format) ?? "" } + [r.digest, r.folder]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// decisions.csv: every alignment decision of every finished run (its alliances.csv
    /// rows, as written), after the run's point, seed and varied values.
    public static func decisions(_ rows: [RunRow], plan: SweepPlan) -> String {
        let prefix = ["point", "seed"] + plan.dimensions.map(\.key)
        var lines = [(prefix.map(csvField) + [AlignmentRecord.csvHeader]).joined(separator: ",")]
        for r in rows.sorted(by: { ($0.run.point.index, $0.run.seed) < ($1.run.point.index, $1.run.seed) }) where r.status == "ok" {
            guard let text = try? String(contentsOfFile: r.folder + "/alliances.csv", encoding: .utf8) else { continue }
            let lead = ([r.run.point.name, String(r.run.seed)] + r.run.point.values).map(csvField).joined(separator: ",")
            // Records never hold a newline inside a field: one line is one record.
            for record in text.split(separator: "\n").dropFirst() { lines.append(lead + "," + record) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The metrics points.csv summarises.
    public static let summarised = ["share_balance", "share_bandwagon", "share_other", "true_share_balance",
                                    "true_share_bandwagon", "true_share_other", "misperception_rate", "sides", "wars",
                                    "eliminated", "misplaced", "mutual_information"]

    public static func points(_ rows: [RunRow], plan: SweepPlan) -> String {
        let header = ["point"] + plan.dimensions.map(\.key) + ["runs", "failed"]
            + summarised.flatMap { [$0 + "_mean", $0 + "_ci95_low", $0 + "_ci95_high"] }
        var lines = [header.map(csvField).joined(separator: ",")]
        for point in plan.points {
            let mine = rows.filter { $0.run.point.index == point.index }
            let ok = mine.filter { $0.status == "ok" }
            var fields = [point.name] + point.values + [String(ok.count), String(mine.count - ok.count)]
            for metric in summarised {
                let e = Estimate95(ok.compactMap { $0.value(metric) })
                fields += [e.map { format($0.mean) } ?? "", e?.low.map(format) ?? "", e?.high.map(format) ?? ""]
            }
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
