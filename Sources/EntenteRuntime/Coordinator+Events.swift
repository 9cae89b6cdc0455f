import EntenteModel
import EntenteWire
import Foundation

// What the coordinator logs beyond the timeline itself: the run's opening, the alliances
// formed at commit, the world's events, and what the transport refused.
extension Coordinator {
    func logStart() {
        log.record(RunEvent(round: 0, .run(RunStarted(runID: settings.runID, engine: settings.engine, transport: settings.transport,
                                                      coordinatorPID: Int(getpid()), scenarioFile: settings.scenarioPath))))
        log.record(RunEvent(round: 0, .scenario(ScenarioStarted(
            name: scenario.name, seed: String(settings.seed), rounds: settings.rounds, negotiationSteps: scenario.negotiationSteps,
            states: scenario.ids, alliances: world.alliances.map(\.members)))))
        if !deceivers.isEmpty {
            log.record(RunEvent(round: 0, .deceivers(Deceivers(states: scenario.ids.filter(deceivers.contains), inflation: scenario.deception.inflation))))
        }
    }

    /// Forms the alliances both members committed to (docs/MODEL.md §7) and logs each classified decision.
    func formAlliances(round: Int, commits: [StateID: PhaseReport], beliefs: [StateID: [ReportedThreat]]) {
        let reports = commits.mapValues { CommitReport(decision: $0.decision, commitments: $0.commitments) }
        for event in formation.form(in: &world, round: round, commits: reports, beliefs: beliefs) {
            switch event {
            case .refused(let full, let a, let b):
                let problem = "alliance \(a)-\(b) refused: \(full) already has \(PolicyParameters.key(\.maxAllies)) allies"
                log.record(RunEvent(round: round, .refused(Refusal(state: full, phase: Phase.commit.name, problem: problem))))
            case .hostileSides(let a, let b, let state, let enemy):
                let problem = "alliance \(a)-\(b) refused: it would put \(state) on one side with \(enemy), which it balances against"
                log.record(RunEvent(round: round, .refused(Refusal(state: a, phase: Phase.commit.name, problem: problem))))
            case .formed(let alliance, let offer, let pair):
                for record in pair {
                    records.append(record)
                    log.record(RunEvent(round: round, .alignment(AlignmentEvent(record))))
                }
                log.record(RunEvent(round: round, .allianceFormed(AllianceFormed(
                    members: alliance.members, label: alliance.label.description, offeredBy: offer.offeredBy, aimedAt: offer.aimedAt))))
            }
        }
    }

    func logWorld(_ event: WorldEvent, round: Int) {
        let body: RunEvent.Body
        switch event {
        case .warStarted(let attacker, let defender, let attackers, let defenders, let odds):
            warsStarted += 1
            body = .warStarted(WarStarted(attacker: attacker, defender: defender, attackers: attackers, defenders: defenders, odds: odds))
        case .warEnded(let attacker, let defender, let winners, let losers, let p):
            body = .warEnded(WarEnded(attacker: attacker, defender: defender, winners: winners, losers: losers, attackerWinProbability: p))
        case .eliminated(let id):
            eliminated.append(id)
            body = .eliminated(Eliminated(state: id))
        case .allianceDissolved(let members, let label, let reason):
            body = .allianceDissolved(AllianceDissolved(members: members, label: label, reason: reason))
        }
        log.record(RunEvent(round: round, body))
    }

    /// Counts something the transport rejected (unknown state, malformed frame), logged as
    /// counted `rejected` lines at the end of the round, outside the digest.
    public func logProblem(_ text: String) {
        transportProblems.add(text)
    }

    /// Logs the round's counted transport refusals.
    func logTransportProblems(round: Int) {
        for line in transportProblems.take() { log.record(RunEvent(round: round, .rejected(Refusal(state: nil, phase: nil, problem: line)))) }
    }
}
