import EntenteRuntime
import Foundation

/// What the sweep page lists: every run folder of a sweep with its status and, once it is
/// over, its results from summary.json; a running one with the last round it ended.
struct SweepListing: Encodable {
    /// The sweep's own folder of runs (`entente sweep` writes `runs/p0-s1`, ...).
    static let runsFolder = "runs"

    struct Entry: Encodable {
        enum Status: String, Encodable { case waiting, running, finished, stopped }

        var name: String
        var status: Status
        /// The `--set` changes of the run's grid point, from its scenario.json.
        var overrides: [String]
        var seed: String?
        var round: Int
        var rounds: Int?
        var decisions: Int?
        var balanceShare: Double?
        var misperceptionRate: Double?
        var misplaced: Int?
        var compared: Int?
        var sideCount: Int?
        var wars: Int?
        var digest: String?
        var stopped: String?

        enum CodingKeys: String, CodingKey {
            case name, status, overrides, seed, round, rounds, decisions, digest, stopped, wars, misplaced, compared
            case balanceShare = "balance_share", misperceptionRate = "misperception_rate", sideCount = "side_count"
        }
    }

    /// From sweep.json: the scenario and how many runs the grid holds.
    var scenario: String
    var planned: Int?
    var runs: [Entry]

    static func read(root: String) -> SweepListing {
        let definition = (FileManager.default.contents(atPath: root + "/sweep.json"))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        let vary = (definition["vary"] as? [[String: Any]]) ?? []
        let seeds = (definition["seeds"] as? [Any])?.count
        let points = vary.reduce(1) { $0 * (($1["values"] as? [Any])?.count ?? 1) }
        let folder = root + "/" + runsFolder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
        return SweepListing(scenario: definition["scenario"] as? String ?? "", planned: seeds.map { $0 * points },
                            runs: names.sorted(by: Self.runOrder).map { entry(folder + "/" + $0, name: $0) })
    }

    /// `p2-s10` after `p10-s1`? No: by seed, then point, numerically, as the sweep runs them.
    static func runOrder(_ a: String, _ b: String) -> Bool {
        func key(_ name: String) -> [Int] { name.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reversed() }
        let (ka, kb) = (key(a), key(b))
        return ka == kb ? a < b : ka.lexicographicallyPrecedes(kb)
    }

    static func entry(_ path: String, name: String) -> Entry {
        let resolved = (FileManager.default.contents(atPath: path + "/" + ResolvedScenario.fileName))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        let scenario = resolved?["scenario"] as? [String: Any]
        var entry = Entry(name: name, status: .waiting, overrides: resolved?["overrides"] as? [String] ?? [],
                          seed: (scenario?["seed"]).map { "\($0)" }, round: 0, rounds: scenario?["rounds"] as? Int)
        if let data = FileManager.default.contents(atPath: path + "/summary.json"),
           let summary = try? JSONDecoder().decode(RunSummary.self, from: data) {
            entry.status = summary.complete ? .finished : .stopped
            entry.round = summary.roundsCompleted
            entry.rounds = summary.configuration.rounds
            entry.seed = summary.seed
            entry.decisions = summary.decisions
            entry.balanceShare = summary.shares.perceived.balance
            entry.misperceptionRate = summary.misperceptionRate
            entry.misplaced = summary.agreement?.misplaced
            entry.compared = summary.agreement?.compared
            entry.sideCount = summary.sideCount
            entry.wars = summary.warsStarted
            entry.digest = summary.digest
            entry.stopped = summary.stopped
        } else if let round = lastRoundEnded(path + "/" + EventLog.fileName) {
            entry.status = .running
            entry.round = round
        }
        return entry
    }

    /// The last `round_end` in a log, from its tail (a round's lines are far fewer than 256 KiB
    /// but at the largest sizes; then the round shown is one behind, never wrong).
    static func lastRoundEnded(_ log: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: log) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 262_144 ? size - 262_144 : 0)
        let tail = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
        let marker = "{\"type\":\"round_end\",\"round\":"
        guard let found = tail.range(of: marker, options: .backwards) else { return 0 }
        return Int(tail[found.upperBound...].prefix(while: \.isNumber))
    }
}
