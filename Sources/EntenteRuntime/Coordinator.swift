import EntenteModel
import EntenteWire
import Foundation
import Logging

/// The coordinator: holds the ground truth and schedules the timeline, a round at a time
/// (Coordinator+Round.swift: observe, assess, negotiate × k, commit, resolve), forming
/// alliances on mutual consent. It decides nothing for the states, and records nothing
/// itself: every event goes to its `RunRecorder`.
public final class Coordinator {
    public let settings: RunSettings
    public internal(set) var world: World
    let recorder: RunRecorder
    /// Who takes part: joined, absent, coming back.
    var membership = Membership()
    /// The true attributes at the start of recent rounds, for intelligence lag.
    var truths: TruthHistory
    /// The scenario's states by id (lookups happen per letter on the hot path).
    let specs: [StateID: StateSpec]
    /// Who may send letters to whom (the communication topology).
    let peers: [StateID: Set<StateID>]
    /// The round under way (0 before the first), and the last one finished.
    var currentRound = 0
    var roundsCompleted = 0
    /// Forms alliances on mutual consent and classifies them.
    let formation: AllianceFormation
    /// States that misreport their assessments in this run.
    let deceivers: Set<StateID>
    /// Checks the letters states report and carries them over their channels.
    var post: LetterPost
    /// Called after each round with (round, rounds).
    public var progress: ((Int, Int) -> Void)?
    /// Asked before each round; a reason stops the run (e.g. the sweep that started it is gone).
    public var stopRequested: (() -> String?)?
    /// Where a resumed run's replay ends (nil: a new run).
    let resume: ResumePoint?

    var scenario: Scenario { settings.scenario }

    /// - Parameters:
    ///   - outDirectory: where events.jsonl, summary.json and alliances.csv go (nil: nowhere).
    ///   - resume: to resume the run in `outDirectory`: its completed rounds are replayed and checked.
    public init(_ settings: RunSettings, outDirectory: String?, resume: ResumePoint? = nil) throws {
        self.settings = settings
        self.resume = resume
        world = World(settings.scenario)
        specs = Dictionary(uniqueKeysWithValues: settings.scenario.states.map { ($0.id, $0) })
        truths = TruthHistory(depth: settings.scenario.states.map(\.observation.lag).max() ?? 0)
        peers = settings.scenario.communication.peers(ids: settings.scenario.ids, geography: world.geography).mapValues(Set.init)
        formation = AllianceFormation(params: specs.mapValues(\.params), peers: peers,
                                      classification: settings.scenario.classification)
        post = LetterPost(peers: peers, channels: settings.scenario.channels, seed: settings.seed,
                          negotiationSteps: settings.scenario.negotiationSteps)
        // With inflation 1 a "deceiver" would say what it believes: nobody deceives.
        deceivers = settings.scenario.deception.inflation == 1 ? [] : Set(settings.scenario.states.filter {
            settings.scenario.deception.deceives($0.id, seed: settings.seed, own: $0.deceive)
        }.map(\.id))
        recorder = try RunRecorder(settings, outDirectory: outDirectory, resume: resume)
    }

    /// Counts something the coordinator's transport refused (logged, counted, at the round's end).
    public func transportProblem(_ problem: Problem) { recorder.transportProblem(problem) }

    // MARK: Welcome

    func welcome(for id: StateID, endpoints: [StateID: String]) -> Welcome {
        let spec = specs[id]!
        let weights = scenario.proximity
        return Welcome(
            runID: settings.runID, state: id, seed: settings.seed, rounds: UInt16(settings.rounds),
            negotiationSteps: UInt8(scenario.negotiationSteps),
            phaseTimeoutMs: UInt32(scenario.timeouts.phaseSeconds * 1000), policy: spec.policy, params: spec.params,
            threat: scenario.threat, warDecisiveness: scenario.world.warDecisiveness, hopDecay: weights.hopDecay,
            proximityFloor: weights.floor, states: scenario.ids,
            borders: scenario.borders.map { Border($0.a, $0.b, $0.contact, proximity: $0.proximity ?? $0.contact.proximity(weights)) },
            peers: scenario.ids.filter { peers[id]!.contains($0) }.map {
                let channel = scenario.channels.quality(from: id, to: $0)
                return PeerInfo(id: $0, endpoint: endpoints[$0] ?? "", loss: channel.loss, delay: UInt16(clamping: channel.delay))
            },
            inflation: deceivers.contains(id) ? scenario.deception.inflation : 1,
            reportRanking: settings.logLevel == .full,
            history: priorActs(of: id))
    }

    /// The state's dispute history as the Welcome carries it: the scenario's prior, never
    /// what the run has added since (a state that rejoins starts from the same record).
    func priorActs(of id: StateID) -> [PriorActs] {
        let prior = scenario.priorHostility(of: id, geography: world.geography)
        return scenario.ids.compactMap { actor in prior.count(actor) > 0 ? PriorActs(actor: actor, acts: prior.count(actor)) : nil }
    }

    // MARK: Timeline

    /// Runs every round over `channel` and writes the run's files.
    /// - Throws: `RunError` when a state fails, misses a deadline or the run is cut short;
    ///   the states are told to abort and what was logged so far is kept.
    public func run(over channel: StateChannel) throws -> RunOutcome {
        recorder.start(world: world, deceivers: scenario.ids.filter(deceivers.contains))
        do {
            let started = monotonicNanos()
            membership.joined = try channel.start { id, endpoints in welcome(for: id, endpoints: endpoints) }
            recorder.joinNanos = monotonicNanos() - started
            Diagnostics.coordinator.info("\(membership.joined.count) states joined in \(Double(recorder.joinNanos / 1_000_000) / 1000) s")
            recorder.processes(scenario.ids, membership.joined, round: 0)
            recorder.flushTransportProblems(round: 0)
            for round in 1...max(settings.rounds, 1) {
                currentRound = round
                if let reason = stopRequested?() { throw RunError(reason) }
                try runRound(round, channel)
                roundsCompleted = round
                if round == resume?.rounds { try endReplay() }
                progress?(round, settings.rounds)
            }
        } catch {
            channel.abort(reason: "\(error)")
            recorder.fail(error, round: currentRound, world: world, membership: membership, roundsCompleted: roundsCompleted)
            throw error
        }
        let outcome = recorder.finish(world: world, membership: membership, roundsCompleted: roundsCompleted)
        channel.finish(digest: outcome.digest)
        return outcome
    }
}

/// The true attributes at the start of the last `depth + 1` rounds: what a state with an
/// intelligence lag of L observes is the truth of L rounds ago (docs/MODEL.md §2).
struct TruthHistory {
    let depth: Int
    private var snapshots: [StateTable<Attributes>] = []

    init(depth: Int) { self.depth = depth }

    /// Keeps this round's truth (only as many old ones as the longest lag needs).
    mutating func push(_ truth: @autoclosure () -> StateTable<Attributes>) {
        guard depth > 0 else { return }
        snapshots.append(truth())
        if snapshots.count > depth + 1 { snapshots.removeFirst(snapshots.count - depth - 1) }
    }

    /// The truth `lag` rounds ago (nil: no lag, the current truth).
    func truth(lag: Int) -> StateTable<Attributes>? {
        lag > 0 ? snapshots[max(0, snapshots.count - 1 - lag)] : nil
    }
}
