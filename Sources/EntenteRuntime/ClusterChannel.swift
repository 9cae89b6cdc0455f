import EntenteModel
import EntenteWire
import Foundation
import ZeroMQ

/// The cluster engine's transport, coordinator side: a ROUTER socket the states' DEALERs
/// connect to (routing id = state id). Every call blocks the calling thread, which owns
/// the socket; nothing here runs on Swift's cooperative pool.
///
/// With credentials the ROUTER is a CURVE server whose ZAP handler lets in only the run's
/// state keys, each bound to its state id: a message whose routing id is not the id of
/// the key it came with is refused, so holding A's key one cannot speak as B.
public final class ClusterChannel: StateChannel {
    let ids: [StateID]
    let context: Context
    let router: Socket
    let joinSeconds: Double
    let phaseSeconds: Double
    /// What the channel refused (unknown states, malformed frames), for the log.
    public var onProblem: ((Problem) -> Void)?
    public private(set) var endpoint: String = ""
    /// Asked while waiting: a reason stops the run (a signal, the launcher gone).
    public var stopRequested: (() -> String?)?
    /// Answers authentication requests (with credentials).
    let zap: ZapHandler?
    /// Waits on the ROUTER and the ZAP handler's socket (made once: a wait a message).
    let poller: Poller

    /// Binds the coordinator's endpoint (`tcp://127.0.0.1:*` picks a free port; see `endpoint`).
    /// - Parameter credentials: the coordinator's keys and the run's; nil speaks in the clear.
    public init(ids: [StateID], bind: String, joinSeconds: Double, phaseSeconds: Double, credentials: RunCredentials? = nil) throws {
        self.ids = ids
        self.joinSeconds = joinSeconds
        self.phaseSeconds = phaseSeconds
        context = try Context()
        router = try Socket(context, .router)
        try router.setRouterMandatory(true)
        try router.setMaxMessageSize(Int64(Wire.maxMessageBytes))
        try router.setHighWaterMarks(send: 0, receive: Int32(Wire.receiveQueueLimit))
        if let credentials {
            zap = try ZapHandler(context, allowed: credentials.known.owners(of: ids))
            try router.makeCurveServer(secretKey: credentials.own.secretKey, domain: RunCredentials.domain)
        } else {
            zap = nil
        }
        poller = try Poller([router] + (zap.map { [$0.socket] } ?? []))
        try router.bind(bind)
        endpoint = try router.lastEndpoint
    }

    deinit { router.close() }

    /// Receives one (routing id, control message) pair, or nil at the deadline. A frame that
    /// does not decode is refused; when it comes from one of `critical` the run stops at once,
    /// naming the state (waiting out the deadline would only hide the cause).
    func receive(until deadline: Deadline, critical: Set<StateID> = []) throws -> (StateID, ControlMessage)? {
        while true {
            if let reason = stopRequested?() { throw RunError(reason) }
            try poller.wait(timeoutMs: min(deadline.remainingMs, 500))
            if zap != nil && poller.isReadable(1) { try answerAuthentication() }
            guard poller.isReadable(0) else {
                if deadline.passed { return nil }
                continue
            }
            guard let received = try router.receiveWithUserID(dontWait: true) else { continue }
            let (frames, user) = received
            guard frames.count == 2, let id = String(validating: frames[0], as: UTF8.self) else {
                onProblem?(Problem(.frames, detail: "\(frames.count), expected a routing id and one"))
                continue
            }
            if zap != nil && user != id {
                onProblem?(Problem(.wrongKey, sender: id, detail: user ?? ""))
                continue
            }
            do {
                return (id, try ControlMessage(decoding: frames[1]))
            } catch {
                // From a state of the phase it is a failure of that state, named, not noise.
                if critical.contains(id) { return (id, .abort(reason: "it sent a message that does not decode: \(error)")) }
                onProblem?(Problem(.malformed, sender: id, detail: "\(error)"))
            }
        }
    }

    /// Answers the ZAP handler's requests; connections it refused are counted in the log
    /// (outside the digest: an outsider knocking changes nothing).
    func answerAuthentication() throws {
        for _ in 0..<(try zap?.answerPending() ?? 0) { onProblem?(Problem(.unknownKey)) }
    }

    /// - Returns: false when the state is no longer connected (its process may have exited).
    func send(_ message: ControlMessage, to id: StateID) throws -> Bool {
        do {
            try router.send([Array(id.utf8), message.encoded()])
            return true
        } catch let error as ZMQError where error.code == EHOSTUNREACH {
            return false
        }
    }

    public func start(makeWelcome: (StateID, [StateID: String]) -> Welcome) throws -> [StateID: JoinedState] {
        let known = Set(ids)
        var joined: [StateID: JoinedState] = [:]
        let deadline = Deadline(secondsFromNow: joinSeconds)
        while joined.count < ids.count {
            guard let (id, message) = try receive(until: deadline) else {
                let missing = ids.filter { joined[$0] == nil }
                throw RunError("\(missing.count) state(s) did not join within \(Int(joinSeconds)) s: \(missing.joined(separator: ", ")). "
                               + "Start them with `entente state --id ID --coordinator \(endpoint)`, or raise timeouts.\(Timeouts.key(\.joinSeconds)).")
            }
            switch message {
            case .hello(let hello):
                if !known.contains(hello.state) || hello.state != id {
                    // Name the real fault: a stranger, or a state whose socket identity is not its id.
                    let why = !known.contains(hello.state) ? "'\(hello.state)' is not a state of this scenario"
                        : "its Hello says '\(hello.state)' but its routing id is '\(id)': set the DEALER's routing id to the state id"
                    onProblem?(Problem(.refusedHello, sender: hello.state, detail: why))
                    _ = try? router.send([Array(id.utf8), ControlMessage.abort(reason: why).encoded()], dontWait: true)
                } else if let already = joined[id] {
                    onProblem?(Problem(.refusedHello, sender: id, detail: "joined twice (pids \(already.pid) and \(hello.pid)); keeping the first"))
                } else {
                    joined[id] = JoinedState(pid: Int(hello.pid), endpoint: hello.endpoint)
                }
            case .abort(let reason) where joined[id] != nil:
                throw RunError("state \(id) failed before the run started: \(reason)")
            default:
                onProblem?(Problem(.unexpected, sender: id, detail: "while states were joining"))
            }
        }
        let endpoints = joined.mapValues(\.endpoint)
        for id in ids where try !send(.welcome(makeWelcome(id, endpoints)), to: id) {
            throw RunError("state \(id) is no longer connected (its process may have exited)")
        }
        try awaitReady()
        return joined
    }

    /// Waits until every state has said Ready: its peers' connections are up, so no round
    /// pays for connecting and handshakes, and a peer endpoint nobody can reach is named here.
    func awaitReady() throws {
        let known = Set(ids)
        var connecting = known
        let deadline = Deadline(secondsFromNow: joinSeconds)
        while !connecting.isEmpty {
            guard let (id, message) = try receive(until: deadline) else {
                let missing = ids.filter(connecting.contains)
                throw RunError("\(missing.count) state(s) welcomed but not reached by all their peers within \(Int(joinSeconds)) s: "
                               + "\(missing.joined(separator: ", ")). Check that the endpoints they advertise (--advertise) are reachable "
                               + "from the other states and that the run's keys match, or raise timeouts.\(Timeouts.key(\.joinSeconds)).")
            }
            switch message {
            case .ready:
                connecting.remove(id)
            case .abort(let reason) where known.contains(id):
                throw RunError("state \(id) failed before the run started: \(reason)")
            default:
                onProblem?(Problem(.unexpected, sender: id, detail: "while states were connecting"))
            }
        }
    }

    public func exchange(_ starts: [(StateID, PhaseStart)]) throws -> PhaseResult {
        guard let first = starts.first?.1 else { return PhaseResult(reports: [:]) }
        let phase = "round \(first.round) \(first.phase.name)"
        var absent: [StateID: AbsenceCause] = [:]
        for (id, start) in starts where try !send(.phaseStart(start), to: id) {
            absent[id] = AbsenceCause(.disconnected, "its process is no longer connected (\(phase))")
        }
        var waiting = Set(starts.map(\.0)).subtracting(absent.keys)
        var reports: [StateID: PhaseReport] = [:]
        var returning: [StateID: JoinedState] = [:]
        let known = Set(ids)
        let deadline = Deadline(secondsFromNow: phaseSeconds)
        while !waiting.isEmpty {
            guard let (id, message) = try receive(until: deadline, critical: waiting) else {
                for id in waiting {
                    absent[id] = AbsenceCause(.deadline, "no report within \(phaseSeconds) s (\(phase); stopped, or too slow: raise timeouts.\(Timeouts.key(\.phaseSeconds)))")
                }
                break
            }
            switch message {
            case .report(let r) where r.round == first.round && r.phase == first.phase && r.step == first.step:
                if waiting.remove(id) != nil { reports[id] = r }
            case .abort(let reason) where waiting.contains(id):
                waiting.remove(id)
                absent[id] = AbsenceCause(.failed, "it failed (\(phase)): \(reason)")
            case .hello(let hello) where known.contains(id) && hello.state == id && !waiting.contains(id):
                returning[id] = JoinedState(pid: Int(hello.pid), endpoint: hello.endpoint)
            case .hello(let hello):
                onProblem?(Problem(.refusedHello, sender: hello.state, detail: "the run has started"))
                _ = try? router.send([Array(id.utf8), ControlMessage.abort(reason: "the run has already started").encoded()], dontWait: true)
            case .ready where known.contains(id):
                break  // a returning state's peers are connected; it takes part from the next round anyway
            default:
                onProblem?(Problem(.unexpected, sender: id, detail: "out of phase in \(phase)"))
            }
        }
        return PhaseResult(reports: reports, absent: absent, returning: returning)
    }

    public func answerReturn(_ id: StateID, _ answer: Result<Welcome, RunError>) throws {
        switch answer {
        case .success(let welcome): _ = try send(.welcome(welcome), to: id)
        case .failure(let error):
            onProblem?(Problem(.refusedHello, sender: id, detail: "its return: \(error)"))
            _ = try send(.abort(reason: "\(error)"), to: id)
        }
    }

    /// Last words get a moment to leave before the socket closes (it lingers 0 otherwise).
    public func finish(digest: String) {
        try? router.setLinger(2000)
        for id in ids { _ = try? router.send([Array(id.utf8), ControlMessage.finish(digest: digest).encoded()], dontWait: true) }
    }

    public func abort(reason: String) {
        try? router.setLinger(2000)
        for id in ids { _ = try? router.send([Array(id.utf8), ControlMessage.abort(reason: reason).encoded()], dontWait: true) }
    }
}
