import EntenteModel
import EntenteWire
import Foundation

/// Records a run: the one owner of events.jsonl and its digest, the panel tables, the
/// classified decisions, the counters and the timing, and so of summary.json. The
/// coordinator feeds it typed events as the round goes; every count in the outcome is
/// taken here from the events recorded, never kept beside them.
final class RunRecorder {
    let settings: RunSettings
    let outDirectory: String?
    private let log: EventLog
    private let panels: PanelTables
    private(set) var records: [AlignmentRecord] = []
    private(set) var warsStarted = 0
    private(set) var eliminated: [StateID] = []
    /// What the coordinator's transport refused this round, counted.
    private var transport = ProblemTally()
    /// How long the states took to join, and each round (for summary.json's timing).
    var joinNanos: UInt64 = 0
    private(set) var roundNanos: [UInt64] = []
    /// Each state's decision in the last round ended: why a state alone stayed out.
    private var lastDecisions: [StateID: Decision] = [:]
    /// The SHA-256 of the run folder's scenario.yaml (nil without a run folder).
    private(set) var scenarioSHA256: String?
    /// The states that deceive, in scenario order (recorded at the start, in the summary at the end).
    private var deceivers: [StateID] = []

    /// Writes scenario.json and scenario.yaml into `outDirectory` and opens the log there.
    init(_ settings: RunSettings, outDirectory: String?, resume: ResumePoint?) throws {
        self.settings = settings
        self.outDirectory = outDirectory
        if let outDirectory {
            try ResolvedScenario(settings).write(toFolder: outDirectory)
            scenarioSHA256 = ScenarioCopy.record(source: settings.scenarioPath, folder: outDirectory)
        }
        log = try EventLog(path: outDirectory.map { $0 + "/" + EventLog.fileName }, resume: resume)
        panels = PanelTables(folder: outDirectory, full: settings.logLevel == .full)
    }

    func record(_ body: any EventBody, round: Int) { log.record(RunEvent(round: round, body)) }

    // MARK: The run's opening and its processes

    func start(world: World, deceivers: [StateID]) {
        self.deceivers = deceivers
        let s = settings.scenario
        record(RunStarted(runID: settings.runID, engine: settings.engine.name, transport: settings.engine.transportName,
                          coordinatorPID: Int(getpid()), scenarioFile: settings.scenarioPath), round: 0)
        record(ScenarioStarted(name: s.name, seed: String(settings.seed), rounds: settings.rounds, negotiationSteps: s.negotiationSteps,
                               states: s.ids, alliances: world.alliances.map(\.members)), round: 0)
        if !deceivers.isEmpty { record(Deceivers(states: deceivers, inflation: s.deception.inflation), round: 0) }
    }

    func processes(_ ids: [StateID], _ joined: [StateID: JoinedState], round: Int) {
        for id in ids { if let j = joined[id] { record(ProcessJoined(state: id, pid: j.pid, endpoint: j.endpoint), round: round) } }
    }

    // MARK: The phases

    /// A phase's letters as the post put them on their channels, with each one's fate.
    func letters(_ letters: [LetterPost.Posted], fates: [LetterFate], sentAt: Int, round: Int) {
        let (assessments, others) = AssessmentEvent.grouping(letters, fates: fates, sentAt: sentAt)
        for group in assessments { record(group, round: round) }
        for letter in others { record(letter, round: round) }
    }

    /// Problems a state reported (its transport's refusals), logged as it counted them;
    /// counted again, so a state that reports too many still costs at most 33 lines.
    func rejected(_ problems: [Problem], by state: StateID, phase: Phase, round: Int) {
        var tally = ProblemTally()
        for p in problems { tally.add(p) }
        for p in tally.take() { record(Rejection(state: state, phase: phase.name, p), round: round) }
    }

    /// Counts something the coordinator's own transport refused, logged at the round's end.
    func transportProblem(_ problem: Problem) { transport.add(problem) }

    /// Logs the coordinator's counted refusals (at each round's end, after the join, on failure).
    func flushTransportProblems(round: Int) {
        for p in transport.take() { record(Rejection(state: nil, phase: nil, p), round: round) }
    }

    /// What alliance formation did at commit (docs/MODEL.md §7): refusals, and each
    /// alliance formed with both members' classified decisions.
    func record(_ event: FormationEvent, round: Int) {
        switch event {
        case .refused(let full, let a, let b):
            record(Refusal(state: full, phase: .commit, .allianceFull(a, b)), round: round)
        case .hostileSides(let a, let b, let state, let enemy):
            record(Refusal(state: a, phase: .commit, .hostileSides(a, b, state: state, enemy: enemy)), round: round)
        case .formed(let alliance, let offer, let pair):
            for r in pair {
                records.append(r)
                record(AlignmentEvent(r), round: round)
            }
            record(AllianceFormed(alliance, offer: offer), round: round)
        }
    }

    /// What the world did in the resolve phase (docs/MODEL.md §9).
    func record(_ event: WorldEvent, round: Int) {
        switch event {
        case .warStarted(let attacker, let defender, let attackers, let defenders, let odds):
            warsStarted += 1
            record(WarStarted(attacker: attacker, defender: defender, attackers: attackers, defenders: defenders, odds: odds), round: round)
        case .warEnded(let attacker, let defender, let winners, let losers, let p):
            record(WarEnded(attacker: attacker, defender: defender, winners: winners, losers: losers, attackerWinProbability: p), round: round)
        case .eliminated(let id):
            eliminated.append(id)
            record(Eliminated(state: id), round: round)
        case .allianceDissolved(let members, let label, let reason):
            record(AllianceDissolved(members: members, label: label, reason: reason), round: round)
        }
    }

    /// The round's end: the transport's refusals, the panel rows, `round_end`, and a flush
    /// (a crash loses at most the round in progress).
    func endRound(_ round: Int, world: World, commits: [StateID: PhaseReport], nanos: UInt64) {
        flushTransportProblems(round: round)
        lastDecisions = commits.compactMapValues(\.decision)
        panels.record(round: round, ids: settings.scenario.ids, world: world, decisions: lastDecisions,
                      rankings: commits.compactMapValues { $0.ranking.isEmpty ? nil : $0.ranking })
        record(RoundEnd(alliances: world.alliances.map { StandingAlliance($0) }, power: world.live.map { ($0, world.power($0)) }), round: round)
        log.flush()
        roundNanos.append(nanos)
    }

    /// The first replayed round that differs from the log (nil: none so far).
    var replayMismatch: Int? { log.replayMismatch }

    // MARK: The end

    /// Writes `final` and the run's files. - Returns: the outcome.
    func finish(world: World, membership: Membership, roundsCompleted: Int) -> RunOutcome {
        record(Final(alliances: world.alliances.map { StandingAlliance($0, withRound: true) }, eliminated: eliminated), round: settings.rounds)
        let outcome = outcome(world: world, membership: membership, roundsCompleted: roundsCompleted)
        panels.finish()
        if let outDirectory { outcome.write(to: outDirectory) }
        return outcome
    }

    /// Logs why the run failed and writes what was done: a summary marked incomplete.
    func fail(_ error: Error, round: Int, world: World, membership: Membership, roundsCompleted: Int) {
        flushTransportProblems(round: round)
        record(RunFailed(error: "\(error)"), round: 0)
        var partial = outcome(world: world, membership: membership, roundsCompleted: roundsCompleted)
        partial.stopped = "\(error)"
        panels.finish()
        if let outDirectory { partial.write(to: outDirectory) }
    }

    private func outcome(world: World, membership: Membership, roundsCompleted: Int) -> RunOutcome {
        var outcome = RunOutcome(settings: settings, digest: log.finish(), records: records, alliances: world.alliances,
                                 warsStarted: warsStarted, eliminated: eliminated, processes: membership.joined)
        outcome.deceivers = deceivers
        outcome.absent = membership.absent.sorted { $0.key < $1.key }.map { ($0.key, $0.value.words) }
        outcome.roundsCompleted = roundsCompleted
        outcome.timing = RunTiming(joinNanos: joinNanos, roundNanos: roundNanos)
        outcome.scenarioSHA256 = scenarioSHA256
        outcome.lastDecisions = lastDecisions
        return outcome
    }
}
