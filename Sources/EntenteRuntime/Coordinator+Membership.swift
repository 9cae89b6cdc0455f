import EntenteModel
import EntenteWire
import Foundation
import Logging

/// Who takes part: the processes logged as they join, absent states welcomed back, and
/// the end of a resumed run's replay.
extension Coordinator {
    func logProcesses(_ ids: [StateID]? = nil, round: Int = 0) {
        for id in ids ?? scenario.ids {
            if let j = joined[id] { log.record(RunEvent(round: round, .process(ProcessJoined(state: id, pid: j.pid, endpoint: j.endpoint)))) }
        }
    }

    /// An absent state's process said hello again: it is welcomed to take part from the next
    /// round if it listens where its peers' sockets still point, and the run is not replaying.
    func admit(_ id: StateID, _ process: JoinedState) -> Result<Welcome, RunError> {
        guard absent[id] != nil else { return .failure(RunError("state \(id) is in the run: a second process cannot join as it")) }
        if let resume, currentRound <= resume.rounds {
            return .failure(RunError("the run is replaying its first \(resume.rounds) rounds: come back after them"))
        }
        let before = joined[id]?.endpoint ?? ""
        guard process.endpoint == before else {
            return .failure(RunError("it listens on \(process.endpoint): restart it with --listen \(before), where its peers' sockets still point"))
        }
        returning[id] = process
        return .success(welcome(for: id, endpoints: joined.mapValues(\.endpoint)))
    }

    /// The states welcomed back since the last round take part again from this one. A
    /// replay welcomes again, with a fresh memory, the states the log has coming back here.
    func readmitReturning(round: Int, _ channel: StateChannel) throws {
        for id in resume?.returns[round] ?? [] where absent[id] != nil {
            try channel.answerReturn(id, .success(welcome(for: id, endpoints: joined.mapValues(\.endpoint))))
            returning[id] = joined[id]
        }
        for (id, process) in returning.sorted(by: { $0.key < $1.key }) {
            absent[id] = nil
            joined[id] = process
            log.record(RunEvent(round: round, .returned(Returned(state: id))))
            logProcesses([id], round: round)
        }
        returning = [:]
    }

    /// The replay of a resumed run has reached the log's last round: it must have matched
    /// it line for line; from here the run is new, and its processes are logged again.
    func endReplay() throws {
        if let round = log.replayMismatch {
            throw RunError("round \(round) replayed differently from the log: the scenario, the build or a state's program changed "
                           + "since the run started. Start the run again in a new folder")
        }
        log.record(RunEvent(round: currentRound + 1, .resumed(Resumed(replayedRounds: currentRound, coordinatorPID: Int(getpid())))))
        logProcesses()
    }
}
