import Foundation
import EntenteModel
import EntenteWire

/// The reference engine's transport: every state's `StateHost` in this process, letters
/// delivered in memory. Messages still go through the wire encoding, so the agents see
/// exactly the bytes they would see over ZeroMQ. It is the test oracle for the cluster
/// engine and the fast path for sweeps.
public final class ReferenceChannel: StateChannel {
    let ids: [StateID]
    var hosts: [StateID: StateHost] = [:]
    var mailboxes: [StateID: Mailbox] = [:]

    public init(ids: [StateID]) { self.ids = ids }

    public func start(makeWelcome: (StateID, [StateID: String]) -> Welcome) throws -> [StateID: JoinedState] {
        let endpoints = Dictionary(uniqueKeysWithValues: ids.map { ($0, "memory://\($0)") })
        var joined: [StateID: JoinedState] = [:]
        var map: (welcome: Welcome, geography: Geography)?
        for id in ids {
            let wire = ControlMessage.welcome(makeWelcome(id, endpoints)).encoded()
            guard case .welcome(let welcome) = try ControlMessage(decoding: wire) else { throw RunError("welcome did not round-trip") }
            if map == nil || !StateHost.sameMap(map!.welcome, welcome) { map = (welcome, StateHost.geography(of: welcome)) }
            hosts[id] = StateHost(welcome: welcome, map: map!.geography)
            var mailbox = Mailbox(owner: id)
            mailbox.senders = Set(welcome.states)
            mailboxes[id] = mailbox
            joined[id] = JoinedState(pid: Int(getpid()), endpoint: endpoints[id]!)
        }
        return joined
    }

    public func exchange(_ starts: [(StateID, PhaseStart)]) throws -> PhaseResult {
        var reports: [StateID: PhaseReport] = [:]
        var outgoing: [[UInt8]] = []
        for (id, start) in starts {
            guard let host = hosts[id] else { throw RunError("no state \(id) in this run") }
            let wire = ControlMessage.phaseStart(start).encoded()
            guard case .phaseStart(let decoded) = try ControlMessage(decoding: wire) else { throw RunError("phase start did not round-trip") }
            let (inbox, problems) = mailboxes[id]!.take(for: decoded)
            let (out, report) = host.handle(decoded, inbox: inbox, problems: problems)
            outgoing += out.map { $0.encoded() }
            guard case .report(let r) = try ControlMessage(decoding: ControlMessage.report(report).encoded()) else {
                throw RunError("report did not round-trip")
            }
            reports[id] = r
        }
        // Delivered after every state has acted, as the barrier would.
        for bytes in outgoing {
            let message = try PeerMessage(decoding: bytes)
            _ = mailboxes[message.letter.receiver]?.add(message)
        }
        return PhaseResult(reports: reports)
    }

    /// Agents in this process never leave, so never come back.
    public func answerReturn(_ id: StateID, _ answer: Result<Welcome, RunError>) throws {}

    public func finish(digest: String) {}
    public func abort(reason: String) {}
}
