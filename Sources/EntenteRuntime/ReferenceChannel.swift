import Foundation
import EntenteModel
import EntenteWire

/// The reference engine's transport: every state's `StateHost` in this process, letters
/// delivered in memory. It is the test oracle for the cluster engine and the fast path
/// for sweeps.
///
/// Messages pass as values: the cluster passes the same messages as bytes, so when the two
/// engines give the same digest (the tests compare them) the codec has been shown lossless
/// on real traffic, which a reference engine encoding through the same codec could not
/// show. `throughWire` encodes and decodes every message anyway, as the cluster does, for
/// the test that checks the codec in-process.
public final class ReferenceChannel: StateChannel {
    let index: StateIndex
    let throughWire: Bool
    /// Each state's host and mailbox by its position in `index`: a letter is routed with one
    /// look-up of its receiver, and a mailbox changed in place (a dictionary's would be
    /// moved out and back for every letter).
    var hosts: [StateHost] = []
    var mailboxes: [Mailbox] = []

    public init(ids: [StateID], throughWire: Bool = false) {
        index = StateIndex(ids)
        self.throughWire = throughWire
    }

    var ids: [StateID] { index.ids }

    public func start(makeWelcome: (StateID, [StateID: String]) -> Welcome) throws -> [StateID: JoinedState] {
        let endpoints = Dictionary(uniqueKeysWithValues: ids.map { ($0, "memory://\($0)") })
        var joined: [StateID: JoinedState] = [:]
        var map: (welcome: Welcome, geography: Geography)?
        var template: (states: [StateID], mailbox: Mailbox)?
        for id in ids {
            guard case .welcome(let welcome) = try carried(.welcome(makeWelcome(id, endpoints))) else { throw RunError("welcome did not round-trip") }
            if map == nil || !StateHost.sameMap(map!.welcome, welcome) { map = (welcome, StateHost.geography(of: welcome)) }
            hosts.append(StateHost(welcome: welcome, map: map!.geography))
            if template?.states != welcome.states {
                var mailbox = Mailbox(owner: id)
                mailbox.senders = Set(welcome.states)
                template = (welcome.states, mailbox)
            }
            mailboxes.append(template!.mailbox.copy(for: id))
            joined[id] = JoinedState(pid: Int(getpid()), endpoint: endpoints[id]!)
        }
        return joined
    }

    public func exchange(_ starts: [(StateID, PhaseStart)]) throws -> PhaseResult {
        var reports: [StateID: PhaseReport] = [:]
        reports.reserveCapacity(starts.count)
        var outgoing: [[PeerMessage]] = []
        outgoing.reserveCapacity(starts.count)
        for (id, start) in starts {
            guard let p = index.position(of: id), p < hosts.count else { throw RunError("no state \(id) in this run") }
            guard case .phaseStart(let arrived) = try carried(.phaseStart(start)) else { throw RunError("phase start did not round-trip") }
            let (inbox, problems) = mailboxes[p].take(for: arrived)
            let (out, report) = hosts[p].handle(arrived, inbox: inbox, problems: problems)
            outgoing.append(throughWire ? try out.map { try PeerMessage(decoding: $0.encoded()) } : out)
            guard case .report(let r) = try carried(.report(report)) else { throw RunError("report did not round-trip") }
            reports[id] = r
        }
        // Delivered after every state has acted, as the barrier would.
        for message in outgoing.joined() {
            if let p = index.position(of: message.letter.receiver) { _ = mailboxes[p].add(message) }
        }
        return PhaseResult(reports: reports)
    }

    /// A control message as the other side gets it: itself, or its bytes decoded.
    private func carried(_ message: ControlMessage) throws -> ControlMessage {
        throughWire ? try ControlMessage(decoding: message.encoded()) : message
    }

    /// Agents in this process never leave, so never come back.
    public func answerReturn(_ id: StateID, _ answer: Result<Welcome, RunError>) throws {}

    public func finish(digest: String) {}
    public func abort(reason: String) {}
}
