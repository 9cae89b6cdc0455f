import EntenteModel
import EntenteWire
import Foundation
import ZeroMQ

/// The result of a run: the digest, every classified decision, the final alliances.
/// Writes summary.json and alliances.csv beside events.jsonl.
public struct RunOutcome: Sendable {
    public var settings: RunSettings
    public var digest: String
    public var records: [AlignmentRecord]
    public var alliances: [Alliance]
    public var warsStarted: Int
    public var eliminated: [StateID]
    public var processes: [StateID: JoinedState]
    /// States that misreported their assessments.
    public var deceivers: [StateID] = []

    public static let version = "0.1.0"

    func counts(_ pick: (AlignmentRecord) -> Alignment) -> [Alignment: Int] {
        var c: [Alignment: Int] = [:]
        for a in Alignment.allCases { c[a] = 0 }
        for r in records { c[pick(r), default: 0] += 1 }
        return c
    }

    public var perceivedCounts: [Alignment: Int] { counts(\.perceived) }
    public var trueCounts: [Alignment: Int] { counts(\.truth) }
    public var misperceived: Int { records.filter(\.misperceived).count }

    /// Decisions whose perceived main threat was not the true one, as a share (nil: no decision).
    public var misperceptionRate: Double? { records.isEmpty ? nil : Double(misperceived) / Double(records.count) }

    /// The final alignment: the live states partitioned into blocs by the alliances standing.
    public var finalBlocs: [[StateID]] {
        let live = settings.scenario.ids.filter { !eliminated.contains($0) }
        return blocs(of: live, alliances: alliances.map(\.members))
    }

    /// Blocs of two or more states.
    public var blocCount: Int { finalBlocs.filter { $0.count > 1 }.count }

    /// Agreement of the final blocs with the scenario's reference alignment, if it has one.
    public var agreementWithReference: PartitionAgreement? {
        settings.scenario.referenceAlignment.map { agreement(finalBlocs, with: $0) }
    }

    /// summary.json's content: plain values, ready for pandas (`pd.read_json`) or R (jsonlite).
    public var summary: [String: Any] {
        func countsObject(_ c: [Alignment: Int]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: Alignment.allCases.map { ($0.rawValue, c[$0] ?? 0) })
        }
        func sharesObject(_ c: [Alignment: Int]) -> [String: Any] {
            Dictionary(uniqueKeysWithValues: Alignment.allCases.map {
                ($0.rawValue, records.isEmpty ? NSNull() as Any : Double(c[$0] ?? 0) / Double(records.count) as Any)
            })
        }
        let s = settings.scenario
        return [
            "scenario": ["name": s.name, "file": settings.scenarioPath, "states": s.ids.count],
            "seed": String(settings.seed),
            "configuration": [
                "rounds": settings.rounds, "negotiation_steps": s.negotiationSteps, "engine": settings.engine,
                "transport": settings.transport, "observation_noise": s.observation.noise,
                "observation_visibility": s.observation.visibility.rawValue,
                "observation_range": s.observation.range.map { $0 as Any } ?? NSNull(),
                "overrides": settings.overrides,
                "communication_topology": s.communication.topology.rawValue,
                "channel_loss": s.channels.all.loss, "channel_delay": s.channels.all.delay,
                "channel_pairs": s.channels.pairs.count,
                "observation_lag": s.observation.lag,
                "deception_share": s.deception.share, "deception_inflation": s.deception.inflation,
                "deceivers": deceivers,
            ] as [String: Any],
            "versions": ["entente": Self.version, "protocol": Int(Wire.version), "libzmq": zmqVersionText()],
            "run_id": settings.runID,
            "decisions": records.count,
            "counts": ["perceived": countsObject(perceivedCounts), "true": countsObject(trueCounts)],
            "shares": ["perceived": sharesObject(perceivedCounts), "true": sharesObject(trueCounts)],
            "misperceived": misperceived,
            "misperception_rate": misperceptionRate.map { $0 as Any } ?? NSNull(),
            "blocs": finalBlocs,
            "bloc_count": blocCount,
            "agreement": agreementWithReference.map {
                ["compared": $0.compared, "misplaced": $0.misplaced, "mutual_information_bits": $0.mutualInformation] as [String: Any]
            } ?? NSNull(),
            "wars_started": warsStarted,
            "eliminated": eliminated,
            "final_alliances": alliances.map { ["members": $0.members, "label": $0.label.description, "formed_round": $0.formedRound] as [String: Any] },
            "processes": Dictionary(uniqueKeysWithValues: processes.map { ($0.key, $0.value.pid) }),
            "digest": digest,
        ]
    }

    /// Writes alliances.csv, then summary.json last and atomically: a run folder with a
    /// summary.json is a finished run (sweeps rely on it to resume).
    func write(to directory: String) {
        let csv = ([AlignmentRecord.csvHeader] + records.map(\.csvRow)).joined(separator: "\n") + "\n"
        _ = FileManager.default.createFile(atPath: directory + "/alliances.csv", contents: Data(csv.utf8))
        if let data = try? JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys]) {
            try? (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: directory + "/summary.json"), options: .atomic)
        }
    }

    /// The human summary printed at the end of a run; its last line is `digest: <hex>`.
    public var text: String {
        let p = perceivedCounts, t = trueCounts
        var lines = [
            "scenario \(settings.scenario.name), seed \(settings.seed), \(settings.rounds) rounds, \(settings.scenario.ids.count) states (\(settings.engine) engine, \(settings.transport))",
            "alignment decisions: \(records.count)",
            "  by perceived threat: \(p[.balance]!) balanced, \(p[.bandwagon]!) bandwagoned, \(p[.other]!) neither",
            "  by true threat:      \(t[.balance]!) balanced, \(t[.bandwagon]!) bandwagoned, \(t[.other]!) neither",
            "  misperceived main threat: \(misperceived)",
            "wars started: \(warsStarted); eliminated: \(eliminated.isEmpty ? "none" : eliminated.joined(separator: ", "))",
            "blocs at the end: \(blocCount) (\(finalBlocs.filter { $0.count > 1 }.map { $0.joined(separator: " ") }.joined(separator: " | ")))",
            "alliances standing at the end: \(alliances.count)",
        ]
        for a in alliances { lines.append("  \(a.members.joined(separator: "-")): \(a.label) (since round \(a.formedRound))") }
        if let a = agreementWithReference {
            lines.append("against the reference alignment: \(a.misplaced) of \(a.compared) states misplaced, mutual information \(String(format: "%.2f", a.mutualInformation)) bits")
        }
        lines.append("digest: \(digest)")
        return lines.joined(separator: "\n")
    }
}
