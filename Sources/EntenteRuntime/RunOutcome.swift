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
    /// States whose process was found gone, with why (in id order).
    public var absent: [(state: StateID, reason: String)] = []
    /// Rounds run to their end.
    public var roundsCompleted = 0
    /// Why the run stopped before its last round (nil: it ran to the end).
    public var stopped: String?
    /// How long joining and each round took.
    public var timing: RunTiming?
    /// The SHA-256 of the scenario file the run was given (its copy in the run folder).
    public var scenarioSHA256: String?
    /// Each state's decision in the last round ended.
    public var lastDecisions: [StateID: Decision] = [:]

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

    /// The final sides: the live states partitioned by the alliances standing (connected
    /// components). Sides are exclusive (no alliance joins a state and the threat it
    /// balances against, docs/MODEL.md §7); a state alone is its own side.
    public var sides: [[StateID]] {
        let live = settings.scenario.ids.filter { !eliminated.contains($0) }
        return blocs(of: live, alliances: alliances.map(\.members))
    }

    /// Sides of two or more states.
    public var sideCount: Int { sides.filter { $0.count > 1 }.count }

    /// The live states on a side of their own at the end, each with why it stayed out (§8.4).
    public var alone: [(state: StateID, reason: StayingOut)] {
        sides.filter { $0.count == 1 }.map { ($0[0], StayingOut(lastDecision: lastDecisions[$0[0]])) }
    }

    /// Agreement of the final sides with the scenario's reference alignment, if it has one.
    public var agreementWithReference: PartitionAgreement? {
        settings.scenario.referenceAlignment.map { agreement(sides, with: $0) }
    }

    /// The baselines' agreement with the reference alignment (docs/MODEL.md §8.2), when there is one.
    public var baselines: (initial: PartitionAgreement, landscape: PartitionAgreement, landscapeSides: [[StateID]])? {
        guard let reference = settings.scenario.referenceAlignment else { return nil }
        let landscape = Baseline.landscapeSides(settings.scenario)
        return (agreement(Baseline.initialAlliances(settings.scenario), with: reference), agreement(landscape, with: reference), landscape)
    }

    /// summary.json's content: plain values, ready for pandas (`pd.read_json`) or R (jsonlite).
    public var summary: RunSummary {
        func counts(_ c: [Alignment: Int]) -> RunSummary.ByAlignment<Int> {
            .init(balance: c[.balance] ?? 0, bandwagon: c[.bandwagon] ?? 0, other: c[.other] ?? 0)
        }
        func shares(_ c: [Alignment: Int]) -> RunSummary.ByAlignment<Double?> {
            let n = Double(records.count)
            func share(_ a: Alignment) -> Double? { records.isEmpty ? nil : Double(c[a] ?? 0) / n }
            return .init(balance: share(.balance), bandwagon: share(.bandwagon), other: share(.other))
        }
        let s = settings.scenario
        /// A setting every state shares, or nil when they differ.
        func shared<T: Equatable>(_ value: (StateSpec) -> T) -> T? {
            let values = s.states.map(value)
            return values.dropFirst().allSatisfy { $0 == values.first } ? values.first : nil
        }
        let configuration = RunSummary.Configuration(
            rounds: settings.rounds, negotiationSteps: s.negotiationSteps, engine: settings.engine.name, transport: settings.engine.transportName,
            observationNoise: shared(\.observation.noise), observationVisibility: shared(\.observation.visibility.rawValue),
            observationRange: shared(\.observation.range) ?? nil, observationLag: shared(\.observation.lag),
            overrides: settings.overrides, communicationTopology: s.communication.topology.rawValue,
            channelLoss: s.channels.all.loss, channelDelay: s.channels.all.delay, channelPairs: s.channels.pairs.count,
            deceptionShare: s.deception.share, deceptionInflation: s.deception.inflation, deceivers: deceivers)
        return RunSummary(
            scenario: .init(name: s.name, file: settings.scenarioPath, states: s.ids.count), seed: String(settings.seed),
            configuration: configuration,
            versions: .init(entente: Self.version, protocol: Int(Wire.version), libzmq: zmqVersionText()),
            scenarioSHA256: scenarioSHA256, runID: settings.runID, decisions: records.count,
            counts: .init(perceived: counts(perceivedCounts), truth: counts(trueCounts)),
            shares: .init(perceived: shares(perceivedCounts), truth: shares(trueCounts)),
            misperceived: misperceived, misperceptionRate: misperceptionRate,
            sides: sides, sideCount: sideCount, alone: alone.map { .init(state: $0.state, reason: $0.reason) },
            agreement: agreementWithReference.map(RunSummary.Agreement.init),
            baselines: baselines.map { .init(initialAlliances: .init($0.initial), landscape: .init($0.landscape), landscapeSides: $0.landscapeSides) },
            warsStarted: warsStarted, eliminated: eliminated,
            finalAlliances: alliances.map { .init(members: $0.members, label: $0.label.description, formedRound: $0.formedRound) },
            processes: processes.mapValues(\.pid), absent: absent.map { .init(state: $0.state, reason: $0.reason) },
            complete: stopped == nil, stopped: stopped, roundsCompleted: roundsCompleted, timing: timing, digest: digest)
    }

    /// Writes alliances.csv, then summary.json last and atomically: a run folder with a
    /// summary.json is a finished run (sweeps rely on it to resume).
    func write(to directory: String) {
        let csv = ([AlignmentRecord.csvHeader] + records.map(\.csvRow)).joined(separator: "\n") + "\n"
        _ = FileManager.default.createFile(atPath: directory + "/alliances.csv", contents: Data(csv.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if let data = try? encoder.encode(summary) {
            try? (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: directory + "/summary.json"), options: .atomic)
        }
    }

    /// The human summary printed at the end of a run; its last line is `digest: <hex>`.
    public var text: String {
        let p = perceivedCounts, t = trueCounts
        var lines = [
            "scenario \(settings.scenario.name), seed \(settings.seed), \(settings.rounds) rounds, \(settings.scenario.ids.count) states (\(settings.engine))",
            "alignment decisions: \(records.count)",
            "  by perceived threat: \(p[.balance]!) balanced, \(p[.bandwagon]!) bandwagoned, \(p[.other]!) neither",
            "  by true threat:      \(t[.balance]!) balanced, \(t[.bandwagon]!) bandwagoned, \(t[.other]!) neither",
            "  misperceived main threat: \(misperceived)",
            "wars started: \(warsStarted); eliminated: \(eliminated.isEmpty ? "none" : eliminated.joined(separator: ", "))"
                + (absent.isEmpty ? "" : "; absent: " + absent.map(\.state).joined(separator: ", ")),
            "sides at the end: \(sideCount) (\(sides.filter { $0.count > 1 }.map { $0.joined(separator: " ") }.joined(separator: " | ")))",
            "alliances standing at the end: \(alliances.count)",
        ]
        for a in alliances { lines.append("  \(a.members.joined(separator: "-")): \(a.label) (since round \(a.formedRound))") }
        if let a = agreementWithReference {
            lines.append("against the reference alignment: \(a.misplaced) of \(a.compared) states misplaced, mutual information \(String(format: "%.2f", a.mutualInformation)) bits")
            if let b = baselines {
                lines.append("  baselines: starting alliances alone \(b.initial.misplaced) of \(b.initial.compared) misplaced (\(String(format: "%.2f", b.initial.mutualInformation)) bits); "
                             + "landscape \(b.landscape.misplaced) of \(b.landscape.compared) misplaced (\(String(format: "%.2f", b.landscape.mutualInformation)) bits)")
            }
        }
        lines.append("digest: \(digest)")
        return lines.joined(separator: "\n")
    }
}
