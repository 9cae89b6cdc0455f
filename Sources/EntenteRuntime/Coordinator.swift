import EntenteModel
import EntenteWire
import Foundation
import Logging

/// The coordinator: holds the ground truth, runs the timeline (observe, assess, negotiate
/// × k, commit, resolve), forms alliances on mutual consent, classifies every alignment
/// decision, and logs it all. It decides nothing for the states.
public final class Coordinator {
    public let settings: RunSettings
    public internal(set) var world: World
    let log: EventLog
    let outDirectory: String?
    var records: [AlignmentRecord] = []
    var warsStarted = 0
    var eliminated: [StateID] = []
    var joined: [StateID: JoinedState] = [:]
    /// The true attributes at the start of recent rounds, for intelligence lag.
    var history: [[StateID: Attributes]] = []
    /// The longest intelligence lag of any state.
    let maxLag: Int
    /// The scenario's states by id (lookups happen per letter on the hot path).
    let specs: [StateID: StateSpec]
    /// Who may send letters to whom (the communication topology).
    let peers: [StateID: Set<StateID>]
    /// The round under way (0 before the first), and the last one finished.
    var currentRound = 0
    var roundsCompleted = 0
    /// What the transport refused this round, counted.
    var transportProblems = RefusalTally()
    /// States whose process is gone, with why: they take no part until they come back.
    var absent: [StateID: String] = [:]
    /// Absent states whose new process was welcomed: they take part from the next round.
    var returning: [StateID: JoinedState] = [:]
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
    /// states.csv (and threats.csv at the full log level), a round at a time.
    let panels: PanelTables
    /// The SHA-256 of the run folder's scenario.yaml (nil without a run folder).
    var scenarioSHA256: String?
    /// How long the states took to join, and each round (for summary.json's timing).
    var joinNanos: UInt64 = 0
    var roundNanos: [UInt64] = []

    var scenario: Scenario { settings.scenario }

    /// - Parameters:
    ///   - outDirectory: where events.jsonl, summary.json and alliances.csv go (nil: nowhere).
    ///   - resume: to resume the run in `outDirectory`: its completed rounds are replayed and checked.
    public init(_ settings: RunSettings, outDirectory: String?, resume: ResumePoint? = nil) throws {
        self.settings = settings
        self.outDirectory = outDirectory
        self.resume = resume
        world = World(settings.scenario)
        specs = Dictionary(uniqueKeysWithValues: settings.scenario.states.map { ($0.id, $0) })
        maxLag = settings.scenario.states.map(\.observation.lag).max() ?? 0
        peers = settings.scenario.communication.peers(ids: settings.scenario.ids, geography: world.geography).mapValues(Set.init)
        formation = AllianceFormation(params: specs.mapValues(\.params), peers: peers,
                                      classification: settings.scenario.classification)
        post = LetterPost(peers: peers, channels: settings.scenario.channels, seed: settings.seed,
                          negotiationSteps: settings.scenario.negotiationSteps)
        // With inflation 1 a "deceiver" would say what it believes: nobody deceives.
        deceivers = settings.scenario.deception.inflation == 1 ? [] : Set(settings.scenario.states.filter {
            settings.scenario.deception.deceives($0.id, seed: settings.seed, own: $0.deceive)
        }.map(\.id))
        if let outDirectory {
            try ResolvedScenario(settings).write(toFolder: outDirectory)
            scenarioSHA256 = ScenarioCopy.record(source: settings.scenarioPath, folder: outDirectory)
        }
        log = try EventLog(path: outDirectory.map { $0 + "/events.jsonl" }, resume: resume)
        panels = PanelTables(folder: outDirectory, full: settings.logLevel == .full)
    }

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
            reportRanking: settings.logLevel == .full)
    }

    // MARK: Timeline

    /// Runs every round over `channel` and writes the run's files.
    /// - Throws: `RunError` when a state fails, misses a deadline or the run is cut short;
    ///   the states are told to abort and what was logged so far is kept.
    public func run(over channel: StateChannel) throws -> RunOutcome {
        logStart()
        do {
            let started = monotonicNanos()
            joined = try channel.start { id, endpoints in welcome(for: id, endpoints: endpoints) }
            joinNanos = monotonicNanos() - started
            Diagnostics.coordinator.info("\(joined.count) states joined in \(Double(joinNanos / 1_000_000) / 1000) s")
            logProcesses()
            logTransportProblems(round: 0)
            for round in 1...max(settings.rounds, 1) {
                currentRound = round
                if let reason = stopRequested?() { throw RunError(reason) }
                let roundStart = monotonicNanos()
                try runRound(round, channel)
                roundNanos.append(monotonicNanos() - roundStart)
                Diagnostics.coordinator.debug("round \(round) done in \(Double(roundNanos.last! / 1000) / 1000) ms")
                roundsCompleted = round
                if round == resume?.rounds { try endReplay() }
                progress?(round, settings.rounds)
            }
        } catch {
            channel.abort(reason: "\(error)")
            logTransportProblems(round: currentRound)
            log.record(RunEvent(round: 0, .runFailed(RunFailed(error: "\(error)"))))
            // What was done is kept: a summary marked incomplete, with why and how far it got.
            var partial = outcome(digest: log.finish())
            partial.stopped = "\(error)"
            if let outDirectory { partial.write(to: outDirectory) }
            throw error
        }
        let outcome = finishRun()
        channel.finish(digest: outcome.digest)
        return outcome
    }

    func runRound(_ round: Int, _ channel: StateChannel) throws {
        let r = UInt16(round)
        let ids = scenario.ids
        try readmitReturning(round: round, channel)
        // observe (only as many old truths are kept as the longest lag needs)
        if maxLag > 0 {
            history.append(world.snapshot)
            if history.count > maxLag + 1 { history.removeFirst(history.count - maxLag - 1) }
        }
        let common = world.publicView
        let observations = ids.map { id in
            let o = specs[id]!.observation
            return (id, world.observation(for: id, round: round, seed: settings.seed, params: o,
                                          truth: o.lag > 0 ? history[max(0, history.count - 1 - o.lag)] : nil, common: common))
        }
        if settings.logLevel == .full {
            for (id, o) in observations where world.isLive(id) { log.record(RunEvent(round: round, .observation(ObservationEvent(id, o)))) }
        }
        _ = try exchange(channel, observations.map { ($0.0, PhaseStart(round: r, phase: .observe, step: 0, observation: $0.1)) })

        // assess
        post.newRound()
        let steps = scenario.negotiationSteps
        let assessStart = PhaseStart(round: r, phase: .assess, step: 0)
        let assess = try exchange(channel, ids.map { ($0, assessStart) })
        var beliefs: [StateID: [ReportedThreat]] = [:]
        for id in ids {
            guard let report = assess[id], !report.belief.isEmpty else { continue }
            beliefs[id] = report.belief
            let belief = BeliefEvent(state: id, threats: report.belief.map(ReportedEntry.init), deceiving: deceivers.contains(id) ? true : nil)
            log.record(RunEvent(round: round, .belief(belief)))
        }
        deliver(assess, round: round, phaseIndex: assessStart.index(negotiationSteps: steps))

        // negotiate × k
        for step in 1...steps {
            let index = PhaseStart(round: r, phase: .negotiate, step: UInt8(step)).index(negotiationSteps: steps)
            let reports = try exchange(channel, ids.map { ($0, PhaseStart(round: r, phase: .negotiate, step: UInt8(step), expected: post.expected(for: $0, at: index))) })
            deliver(reports, round: round, phaseIndex: index)
        }

        // commit
        let commitIndex = PhaseStart(round: r, phase: .commit, step: 0).index(negotiationSteps: steps)
        let commits = try exchange(channel, ids.map { ($0, PhaseStart(round: r, phase: .commit, step: 0, expected: post.expected(for: $0, at: commitIndex))) })
        for id in ids {
            guard let d = commits[id]?.decision else { continue }
            let decision = DecisionEvent(state: id, stance: d.stance, threat: d.threat, ruleCode: d.rule.code.name, rule: d.ruleText, threats: d.threats.map(ThreatEntry.init))
            log.record(RunEvent(round: round, .decision(decision)))
        }
        formAlliances(round: round, commits: commits, beliefs: beliefs)

        // resolve
        let mainThreats = commits.compactMapValues { $0.decision?.threat }
        for event in world.resolve(round: round, seed: settings.seed, mainThreats: mainThreats) { logWorld(event, round: round) }
        logTransportProblems(round: round)
        panels.record(round: round, ids: ids, world: world, decisions: commits.compactMapValues(\.decision),
                      rankings: commits.compactMapValues { $0.ranking.isEmpty ? nil : $0.ranking })
        let standing = world.alliances.map { StandingAlliance(members: $0.members, label: $0.label.description) }
        log.record(RunEvent(round: round, .roundEnd(RoundEnd(alliances: standing, power: world.live.map { ($0, world.power($0)) }))))
        log.flush()
    }

    /// Sends a phase to the states still present and checks every report. A state found
    /// gone is marked absent from here on (logged); the run goes on without it. A resumed
    /// run's replay marks absent, at the same point, the states the log has absent.
    func exchange(_ channel: StateChannel, _ starts: [(StateID, PhaseStart)]) throws -> [StateID: PhaseReport] {
        func step(_ start: PhaseStart) -> Int? { start.phase == .negotiate ? Int(start.step) : nil }
        var imposed: [StateID: String] = [:]
        if let resume, currentRound <= resume.rounds {
            for (id, start) in starts {
                imposed[id] = resume.absence(of: id, round: Int(start.round), phase: start.phase.name, step: step(start))
            }
        }
        let result = try channel.exchange(starts.filter { absent[$0.0] == nil && imposed[$0.0] == nil })
        for (id, process) in result.returning.sorted(by: { $0.key < $1.key }) { try channel.answerReturn(id, admit(id, process)) }
        for (id, start) in starts where absent[id] == nil {
            if let reason = imposed[id] ?? result.absent[id] {
                absent[id] = reason
                Diagnostics.coordinator.warning("state \(id) is absent from round \(start.round) \(start.phase.name): \(reason)")
                let absence = Absence(state: id, phase: start.phase.name, step: step(start), reason: reason)
                log.record(RunEvent(round: Int(start.round), .absent(absence)))
                continue
            }
            guard let report = result.reports[id] else { throw RunError("state \(id) sent no report for round \(start.round) \(start.phase.name)") }
            if !report.letters.isEmpty && (start.phase == .observe || start.phase == .commit) {
                let problem = "\(report.letters.count) letter(s) reported in the \(start.phase.name) phase, when none may be sent"
                log.record(RunEvent(round: Int(start.round), .refused(Refusal(state: id, phase: start.phase.name, problem: problem))))
            }
            for problem in report.problems {
                log.record(RunEvent(round: Int(start.round), .rejected(Refusal(state: id, phase: start.phase.name, problem: problem))))
            }
        }
        return result.reports
    }

    /// Checks a phase's letters and puts those a state may send on their channels, logging each.
    func deliver(_ reports: [StateID: PhaseReport], round: Int, phaseIndex: Int) {
        let (letters, refusals) = post.check(reports)
        for (r, refusal) in refusals { log.record(RunEvent(round: r, .refused(refusal))) }
        let (assessments, others) = AssessmentEvent.grouping(post.send(letters, round: round, phaseIndex: phaseIndex))
        for group in assessments { log.record(RunEvent(round: round, .assessment(group))) }
        for letter in others { log.record(RunEvent(round: round, .letter(letter))) }
    }

    func finishRun() -> RunOutcome {
        let alliances = world.alliances
        let standing = alliances.map { StandingAlliance(members: $0.members, label: $0.label.description, formedRound: $0.formedRound) }
        log.record(RunEvent(round: settings.rounds, .final(Final(alliances: standing, eliminated: eliminated))))
        let finished = outcome(digest: log.finish())
        if let outDirectory { finished.write(to: outDirectory) }
        return finished
    }

    /// The run's outcome as it stands.
    func outcome(digest: String) -> RunOutcome {
        var outcome = RunOutcome(settings: settings, digest: digest, records: records, alliances: world.alliances,
                                 warsStarted: warsStarted, eliminated: eliminated, processes: joined)
        outcome.deceivers = scenario.ids.filter(deceivers.contains)
        outcome.absent = absent.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        outcome.roundsCompleted = roundsCompleted
        outcome.timing = RunTiming(joinNanos: joinNanos, roundNanos: roundNanos)
        outcome.scenarioSHA256 = scenarioSHA256
        return outcome
    }
}
