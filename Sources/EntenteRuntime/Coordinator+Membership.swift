import EntenteModel
import EntenteWire
import Foundation

/// Who takes part in a run: each state's process, the states found gone (with why), and
/// those welcomed back that take part again from the next round.
struct Membership {
    var joined: [StateID: JoinedState] = [:]
    var absent: [StateID: AbsenceCause] = [:]
    var returning: [StateID: JoinedState] = [:]
}

/// Absent states welcomed back, and the end of a resumed run's replay.
extension Coordinator {
    /// An absent state's process said hello again: it is welcomed to take part from the next
    /// round if it listens where its peers' sockets still point, and the run is not replaying.
    func admit(_ id: StateID, _ process: JoinedState) -> Result<Welcome, RunError> {
        guard membership.absent[id] != nil else { return .failure(RunError("state \(id) is in the run: a second process cannot join as it")) }
        if let resume, currentRound <= resume.rounds {
            return .failure(RunError("the run is replaying its first \(resume.rounds) rounds: come back after them"))
        }
        let before = membership.joined[id]?.endpoint ?? ""
        guard process.endpoint == before else {
            return .failure(RunError("it listens on \(process.endpoint): restart it with --listen \(before), where its peers' sockets still point"))
        }
        membership.returning[id] = process
        return .success(welcome(for: id, endpoints: membership.joined.mapValues(\.endpoint)))
    }

    /// The states welcomed back since the last round take part again from this one. A
    /// replay welcomes again, with a fresh memory, the states the log has coming back here.
    func readmitReturning(round: Int, _ channel: StateChannel) throws {
        for id in resume?.returns[round] ?? [] where membership.absent[id] != nil {
            try channel.answerReturn(id, .success(welcome(for: id, endpoints: membership.joined.mapValues(\.endpoint))))
            membership.returning[id] = membership.joined[id]
        }
        for (id, process) in membership.returning.sorted(by: { $0.key < $1.key }) {
            membership.absent[id] = nil
            membership.joined[id] = process
            recorder.record(Returned(state: id), round: round)
            recorder.processes([id], membership.joined, round: round)
        }
        membership.returning = [:]
    }

    /// The replay of a resumed run has reached the log's last round: it must have matched
    /// it line for line; from here the run is new, and its processes are logged again.
    func endReplay() throws {
        if let round = recorder.replayMismatch {
            throw RunError("round \(round) replayed differently from the log: the scenario, the build or a state's program changed "
                           + "since the run started. Start the run again in a new folder")
        }
        recorder.record(Resumed(replayedRounds: currentRound, coordinatorPID: Int(getpid())), round: currentRound + 1)
        recorder.processes(scenario.ids, membership.joined, round: currentRound + 1)
    }
}
