import EntenteModel
import EntenteWire
import Logging

/// The round, as docs/MODEL.md walks it: one method per phase, in order. The states'
/// side of each phase is `StateHost` (which runs `Agent`); the world's is `World`.
extension Coordinator {
    func runRound(_ round: Int, _ channel: StateChannel) throws {
        let started = monotonicNanos()
        try readmitReturning(round: round, channel)
        try observe(round, channel)
        let beliefs = try assess(round, channel)
        for step in 1...scenario.negotiationSteps { try negotiate(round, step: step, channel) }
        let commits = try commit(round, beliefs: beliefs, channel)
        resolve(round, commits: commits)
        let nanos = monotonicNanos() - started
        recorder.endRound(round, world: world, commits: commits, nanos: nanos)
        Diagnostics.coordinator.debug("round \(round) done in \(Double(nanos / 1000) / 1000) ms")
    }

    /// observe (§2): each state's private, noisy, possibly late view of the truth.
    func observe(_ round: Int, _ channel: StateChannel) throws {
        truths.push(world.snapshot)
        let common = world.publicView
        let starts = scenario.ids.map { id -> (StateID, PhaseStart) in
            let o = specs[id]!.observation
            let seen = world.observation(for: id, round: round, seed: settings.seed, params: o, truth: truths.truth(lag: o.lag), common: common)
            if settings.logLevel == .full && world.isLive(id) { recorder.record(ObservationEvent(id, seen), round: round) }
            return (id, PhaseStart(round: UInt16(round), phase: .observe, step: 0, observation: seen))
        }
        _ = try exchange(channel, starts)
    }

    /// assess (§3-4): every state says what it believes threatens it; its own belief is
    /// logged beside what it said. - Returns: each state's own belief.
    func assess(_ round: Int, _ channel: StateChannel) throws -> [StateID: [ReportedThreat]] {
        post.newRound()
        let start = PhaseStart(round: UInt16(round), phase: .assess, step: 0)
        let reports = try exchange(channel, scenario.ids.map { ($0, start) })
        var beliefs: [StateID: [ReportedThreat]] = [:]
        for id in scenario.ids {
            guard let report = reports[id], !report.belief.isEmpty else { continue }
            beliefs[id] = report.belief
            recorder.record(BeliefEvent(state: id, threats: report.belief.map(ReportedEntry.init),
                                        deceiving: deceivers.contains(id) ? true : nil), round: round)
        }
        deliver(reports, round: round, phaseIndex: start.index(negotiationSteps: scenario.negotiationSteps))
        return beliefs
    }

    /// negotiate, step `step` (§5-6): the states read what arrived, decide, offer and answer.
    func negotiate(_ round: Int, step: Int, _ channel: StateChannel) throws {
        let index = Phase.negotiate.index(step: step, negotiationSteps: scenario.negotiationSteps)
        let reports = try exchange(channel, scenario.ids.map {
            ($0, PhaseStart(round: UInt16(round), phase: .negotiate, step: UInt8(step), expected: post.expected(for: $0, at: index)))
        })
        deliver(reports, round: round, phaseIndex: index)
    }

    /// commit (§7-8): each state's decision and consents; alliances both members consent to
    /// form, and both decisions are classified. - Returns: the commit reports.
    func commit(_ round: Int, beliefs: [StateID: [ReportedThreat]], _ channel: StateChannel) throws -> [StateID: PhaseReport] {
        let index = Phase.commit.index(step: 0, negotiationSteps: scenario.negotiationSteps)
        let commits = try exchange(channel, scenario.ids.map {
            ($0, PhaseStart(round: UInt16(round), phase: .commit, step: 0, expected: post.expected(for: $0, at: index)))
        })
        for id in scenario.ids {
            if let d = commits[id]?.decision { recorder.record(DecisionEvent(state: id, d), round: round) }
        }
        let reports = commits.mapValues { CommitReport(decision: $0.decision, commitments: $0.commitments) }
        for event in formation.form(in: &world, round: round, commits: reports, beliefs: beliefs) { recorder.record(event, round: round) }
        return commits
    }

    /// resolve (§9): the coordinator's alone: wars decided and started, power drifts,
    /// alliances whose purpose is gone dissolve.
    func resolve(_ round: Int, commits: [StateID: PhaseReport]) {
        let mainThreats = commits.compactMapValues { $0.decision?.threat }
        for event in world.resolve(round: round, seed: settings.seed, mainThreats: mainThreats) { recorder.record(event, round: round) }
    }

    /// Sends a phase to the states still present and checks every report. A state found
    /// gone is marked absent from here on (logged); the run goes on without it. A resumed
    /// run's replay marks absent, at the same point, the states the log has absent.
    func exchange(_ channel: StateChannel, _ starts: [(StateID, PhaseStart)]) throws -> [StateID: PhaseReport] {
        func step(_ start: PhaseStart) -> Int? { start.phase == .negotiate ? Int(start.step) : nil }
        var imposed: [StateID: AbsenceCause] = [:]
        if let resume, currentRound <= resume.rounds {
            for (id, start) in starts {
                imposed[id] = resume.absence(of: id, round: Int(start.round), phase: start.phase.name, step: step(start))
            }
        }
        let result = try channel.exchange(starts.filter { membership.absent[$0.0] == nil && imposed[$0.0] == nil })
        for (id, process) in result.returning.sorted(by: { $0.key < $1.key }) { try channel.answerReturn(id, admit(id, process)) }
        for (id, start) in starts where membership.absent[id] == nil {
            let round = Int(start.round)
            if let cause = imposed[id] ?? result.absent[id] {
                membership.absent[id] = cause
                Diagnostics.coordinator.warning("state \(id) is absent from round \(start.round) \(start.phase.name): \(cause.words)")
                recorder.record(Absence(state: id, phase: start.phase.name, step: step(start), cause: cause), round: round)
                continue
            }
            guard let report = result.reports[id] else { throw RunError("state \(id) sent no report for round \(start.round) \(start.phase.name)") }
            if !report.letters.isEmpty && (start.phase == .observe || start.phase == .commit) {
                recorder.record(Refusal(state: id, phase: start.phase, .lettersInSilentPhase(count: report.letters.count)), round: round)
            }
            recorder.rejected(report.problems, by: id, phase: start.phase, round: round)
        }
        return result.reports
    }

    /// Checks a phase's letters and puts those a state may send on their channels, recording each.
    func deliver(_ reports: [StateID: PhaseReport], round: Int, phaseIndex: Int) {
        let (letters, refusals) = post.check(reports)
        for (r, refusal) in refusals { recorder.record(refusal, round: r) }
        let fates = post.send(letters, round: round, phaseIndex: phaseIndex)
        recorder.letters(letters, fates: fates, sentAt: phaseIndex, round: round)
    }
}
