import EntenteModel
import EntenteWire
import Foundation
import Logging
import ZeroMQ

/// Options of one state process (`entente state`).
public struct StateProcessOptions: Sendable {
    public var id: StateID
    /// The coordinator's control endpoint.
    public var coordinator: String
    /// Where this state's peer socket binds (`tcp://127.0.0.1:*`, `ipc:///tmp/x/GMY`).
    public var listen: String
    /// Host to advertise to peers instead of the bound one (for `tcp://0.0.0.0:*` on a cluster).
    public var advertise: String?
    /// Exit when nothing comes from the coordinator for this long.
    public var coordinatorTimeout: Double
    /// Exit when the parent process goes away (set by `entente run`).
    public var exitWithParent: Bool
    /// This state's CURVE keys and the run's public keys; nil speaks in the clear.
    public var credentials: RunCredentials?

    public init(id: StateID, coordinator: String, listen: String, advertise: String? = nil,
                coordinatorTimeout: Double = 120, exitWithParent: Bool = false, credentials: RunCredentials? = nil) {
        self.id = id
        self.coordinator = coordinator
        self.listen = listen
        self.advertise = advertise
        self.coordinatorTimeout = coordinatorTimeout
        self.exitWithParent = exitWithParent
        self.credentials = credentials
    }
}

/// One state as an OS process. Its single thread owns three kinds of socket and polls them:
/// a DEALER to the coordinator, a PULL its peers send to, and a PUSH per peer it sends to.
/// With credentials every socket speaks CURVE: the PULL lets in only its peers' keys (its
/// ZAP handler answers once the Welcome has named them), and a letter must come with the
/// key of the state it claims to be from.
public final class StateProcess {
    let options: StateProcessOptions
    let context: Context
    let control: Socket
    let inbound: Socket
    var outbound: [StateID: Socket] = [:]
    var host: StateHost?
    /// Letters received, until the coordinator announces them.
    var mailbox: Mailbox
    var problems = ProblemTally()
    /// Answers the PULL's authentication requests (with credentials).
    let zap: ZapHandler?
    var pending: PhaseStart?
    var letterDeadline: Deadline?
    /// Watches the PULL until every peer has connected; then the state says Ready.
    var handshakes: HandshakeMonitor?
    /// What the loop waits on, made again when the Welcome or the last handshake changes it.
    var watched: Watched?
    struct Watched {
        let poller: Poller
        /// Where the ZAP handler's and the handshake monitor's sockets are in the poller.
        let zapAt: Int?, monitorAt: Int?
    }
    /// Set when the state must exit with the process that started it.
    let parentWatch: ParentWatch?
    /// The coordinator aborted the run (nothing to report back).
    public private(set) var aborted = false

    public init(_ options: StateProcessOptions) throws {
        self.options = options
        mailbox = Mailbox(owner: options.id)
        parentWatch = ParentWatch(if: options.exitWithParent)
        context = try Context()
        control = try Socket(context, .dealer)
        try control.setRoutingID(options.id)
        try control.setMaxMessageSize(Int64(Wire.maxMessageBytes))
        inbound = try Socket(context, .pull)
        try inbound.setMaxMessageSize(Int64(Wire.maxMessageBytes))
        // Per sending peer: a flooding peer is held back by its own socket, not by our memory.
        try inbound.setHighWaterMarks(send: 0, receive: Int32(Wire.receiveQueueLimit))
        if let keys = options.credentials {
            try control.makeCurveClient(keys.own, serverKey: keys.known.coordinator)
            zap = try ZapHandler(context, allowed: [:])
            try inbound.makeCurveServer(secretKey: keys.own.secretKey, domain: RunCredentials.domain)
        } else {
            zap = nil
        }
        handshakes = try HandshakeMonitor(context, watching: inbound, name: options.id)
        do {
            try inbound.bind(options.listen)
        } catch {
            throw RunError("state \(options.id) cannot listen on \(options.listen): \(error)")
        }
        try control.connect(options.coordinator)
    }

    /// The endpoint peers should connect to.
    func advertisedEndpoint() throws -> String {
        let bound = try inbound.lastEndpoint
        guard let host = options.advertise, bound.hasPrefix("tcp://"), let colon = bound.lastIndex(of: ":") else { return bound }
        return "tcp://\(host)\(bound[colon...])"
    }

    /// Runs until the coordinator says the run is over.
    /// - Returns: the run's digest.
    /// - Throws: `RunError` when the coordinator aborts, goes silent, or the parent exits.
    public func run() throws -> String {
        defer { close() }
        try control.send(ControlMessage.hello(Hello(state: options.id, pid: UInt32(getpid()), endpoint: try advertisedEndpoint())).encoded())
        var lastHeard = Deadline(secondsFromNow: options.coordinatorTimeout)
        var parentAsked: UInt64 = 0
        while true {
            let now = Deadline.now
            // A system call: asked every 100 ms, not at each of a round's many wake-ups.
            if now &- parentAsked > 100_000_000 {
                parentAsked = now
                if let why = parentWatch?.stopReason { throw RunError("state \(options.id): \(why)") }
            }
            if lastHeard.remainingMs(at: now) == 0 {
                throw RunError("state \(options.id): nothing from the coordinator at \(options.coordinator) for \(Int(options.coordinatorTimeout)) s")
            }
            let wait = min(lastHeard.remainingMs(at: now), letterDeadline?.remainingMs(at: now) ?? 500, 500)
            let w = try watched ?? watching()
            watched = w
            try w.poller.wait(timeoutMs: wait)
            if let k = w.zapAt, w.poller.isReadable(k) { try answerAuthentication() }
            if let k = w.monitorAt, w.poller.isReadable(k) { try sayReadyOnceConnected() }
            if w.poller.isReadable(1) { drainPeers() }
            if w.poller.isReadable(0), let frames = try control.receive(dontWait: true) {
                lastHeard = Deadline(secondsFromNow: options.coordinatorTimeout)
                guard frames.count == 1 else { continue }
                let message: ControlMessage
                do { message = try ControlMessage(decoding: frames[0]) } catch {
                    throw RunError("state \(options.id): malformed message from the coordinator: \(error)")
                }
                switch message {
                case .welcome(let w):
                    guard w.state == options.id else { throw RunError("state \(options.id): welcomed as \(w.state)") }
                    host = StateHost(welcome: w)
                    watched = nil
                    Diagnostics.state.debug("\(options.id): welcomed with \(w.peers.count) peers")
                    mailbox.senders = Set(w.states)
                    zap?.allowed = options.credentials!.known.owners(of: w.peers.map(\.id))
                    for peer in w.peers where !peer.endpoint.isEmpty {
                        let push = try Socket(context, .push)
                        try push.setHighWaterMarks(send: 0, receive: 0)
                        if let keys = options.credentials {
                            guard let key = keys.known.states[peer.id] else {
                                throw RunError("state \(options.id): \(RunKeys.publicFile) has no key for peer \(peer.id)")
                            }
                            try push.makeCurveClient(keys.own, serverKey: key)
                        }
                        try push.connect(peer.endpoint)
                        outbound[peer.id] = push
                    }
                    try sayReadyOnceConnected()
                case .phaseStart(let start):
                    guard host != nil else { throw RunError("state \(options.id): phase start before welcome") }
                    pending = start
                    letterDeadline = Deadline(secondsFromNow: Double(host!.welcome.phaseTimeoutMs) / 2000)
                case .finish(let digest):
                    return digest
                case .abort(let reason):
                    aborted = true
                    throw RunError("state \(options.id): run aborted by the coordinator: \(reason)")
                case .hello, .report, .ready:
                    problems.add(Problem(.unexpected, detail: "from the coordinator"))
                }
            }
            try processPendingIfReady()
        }
    }

    /// Says Ready once every peer's connection to this state has completed its handshake,
    /// then stops watching (a Welcome after a return says it again; the coordinator
    /// waits for it only before round 1).
    func sayReadyOnceConnected() throws {
        guard let monitor = handshakes else { return }
        let connected = try monitor.drain()
        // The peers that connect to this state are its Welcome's: the relation is symmetric.
        guard let expected = host?.welcome.peers.filter({ !$0.endpoint.isEmpty }).count, connected >= expected else { return }
        try control.send(ControlMessage.ready.encoded())
        Diagnostics.state.debug("\(options.id): \(expected) peers connected; ready")
        monitor.stop()
        handshakes = nil
        watched = nil
    }

    /// The sockets the loop waits on: the control and peer sockets; the ZAP handler's once
    /// the Welcome has said who the peers are (until then they wait); the handshake
    /// monitor's until every peer has connected.
    func watching() throws -> Watched {
        var sockets = [control, inbound]
        var zapAt: Int?, monitorAt: Int?
        if host != nil, let zap {
            zapAt = sockets.count
            sockets.append(zap.socket)
        }
        if let handshakes {
            monitorAt = sockets.count
            sockets.append(handshakes.socket)
        }
        return Watched(poller: try Poller(sockets), zapAt: zapAt, monitorAt: monitorAt)
    }

    /// Answers the ZAP handler's requests; connections it refused are reported as counted problems.
    func answerAuthentication() throws {
        for _ in 0..<(try zap?.answerPending() ?? 0) { problems.add(Problem(.unknownKey)) }
    }

    /// Reads every waiting peer message into the mailbox; refuses what does not decode and,
    /// with CURVE, a letter whose key is not its sender's.
    func drainPeers() {
        while let received = try? inbound.receiveWithUserID(dontWait: true) {
            let (frames, user) = received
            guard frames.count == 1 else { problems.add(Problem(.frames, detail: "\(frames.count), expected one")); continue }
            do {
                let message = try PeerMessage(decoding: frames[0])
                if zap != nil && user != message.letter.sender {
                    problems.add(Problem(.wrongKey, sender: message.letter.sender, detail: user ?? ""))
                } else if let problem = mailbox.add(message) {
                    problems.add(problem)
                }
            } catch {
                problems.add(Problem(.malformed, sender: user, detail: "\(error)"))
            }
        }
    }

    /// Runs the pending phase once every announced letter is in (or the wait is over).
    func processPendingIfReady() throws {
        guard let start = pending, let host else { return }
        if !mailbox.allArrived(for: start) && !(letterDeadline?.passed ?? true) { return }
        let (inbox, refused) = mailbox.take(for: start)
        pending = nil
        letterDeadline = nil
        for problem in refused { problems.add(problem) }
        let (out, report) = host.handle(start, inbox: inbox, problems: problems.take())
        for message in out {
            guard let socket = outbound[message.letter.receiver] else { continue }
            try socket.send(message.encoded())
        }
        try control.send(ControlMessage.report(report).encoded())
    }

    /// Tells the coordinator this state is failing (best effort), so the run stops at once.
    public func reportFailure(_ reason: String) {
        _ = try? control.send(ControlMessage.abort(reason: reason).encoded(), dontWait: true)
        try? control.setLinger(500)
    }

    func close() {
        handshakes?.stop()
        for socket in outbound.values { socket.close() }
        inbound.close()
    }
}
