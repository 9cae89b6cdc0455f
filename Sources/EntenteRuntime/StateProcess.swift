import EntenteModel
import EntenteWire
import Foundation
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

    public init(id: StateID, coordinator: String, listen: String, advertise: String? = nil,
                coordinatorTimeout: Double = 120, exitWithParent: Bool = false) {
        self.id = id
        self.coordinator = coordinator
        self.listen = listen
        self.advertise = advertise
        self.coordinatorTimeout = coordinatorTimeout
        self.exitWithParent = exitWithParent
    }
}

/// One state as an OS process. Its single thread owns three kinds of socket and polls them:
/// a DEALER to the coordinator, a PULL its peers send to, and a PUSH per peer it sends to.
public final class StateProcess {
    let options: StateProcessOptions
    let context: Context
    let control: Socket
    let inbound: Socket
    var outbound: [StateID: Socket] = [:]
    var host: StateHost?
    /// Letters received, until the coordinator announces them.
    var mailbox: Mailbox
    var problems = ProblemLog()
    var pending: PhaseStart?
    var letterDeadline: Deadline?
    /// Set when the state must exit with the process that started it.
    let parentWatch: ParentWatch?
    /// The coordinator aborted the run (nothing to report back).
    public private(set) var aborted = false

    public init(_ options: StateProcessOptions) throws {
        self.options = options
        mailbox = Mailbox(owner: options.id)
        parentWatch = options.exitWithParent ? ParentWatch() : nil
        context = try Context()
        control = try Socket(context, .dealer)
        try control.setRoutingID(options.id)
        try control.setMaxMessageSize(Int64(Wire.maxMessageBytes))
        inbound = try Socket(context, .pull)
        try inbound.setMaxMessageSize(Int64(Wire.maxMessageBytes))
        try inbound.setHighWaterMarks(send: 0, receive: 0)
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
        while true {
            if parentWatch?.parentExited == true { throw RunError("state \(options.id): the launcher exited") }
            if lastHeard.passed {
                throw RunError("state \(options.id): nothing from the coordinator at \(options.coordinator) for \(Int(options.coordinatorTimeout)) s")
            }
            let wait = min(lastHeard.remainingMs, letterDeadline?.remainingMs ?? 500, 500)
            let ready = try pollReadable([control, inbound], timeoutMs: wait)
            if ready[1] { drainPeers() }
            if ready[0], let frames = try control.receive(dontWait: true) {
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
                    mailbox.senders = Set(w.states)
                    for peer in w.peers where !peer.endpoint.isEmpty {
                        let push = try Socket(context, .push)
                        try push.setHighWaterMarks(send: 0, receive: 0)
                        try push.connect(peer.endpoint)
                        outbound[peer.id] = push
                    }
                case .phaseStart(let start):
                    guard host != nil else { throw RunError("state \(options.id): phase start before welcome") }
                    pending = start
                    letterDeadline = Deadline(secondsFromNow: Double(host!.welcome.phaseTimeoutMs) / 2000)
                case .finish(let digest):
                    return digest
                case .abort(let reason):
                    aborted = true
                    throw RunError("state \(options.id): run aborted by the coordinator: \(reason)")
                case .hello, .report:
                    problems.add("unexpected message type from the coordinator")
                }
            }
            try processPendingIfReady()
        }
    }

    /// Reads every waiting peer message into the mailbox; refuses what does not decode.
    func drainPeers() {
        while let frames = try? inbound.receive(dontWait: true) {
            guard frames.count == 1 else { problems.add("refused a peer message of \(frames.count) frames"); continue }
            do {
                if let problem = mailbox.add(try PeerMessage(decoding: frames[0])) { problems.add(problem) }
            } catch {
                problems.add("refused a malformed peer message: \(error)")
            }
        }
    }

    /// Runs the pending phase once every announced letter is in (or the wait is over).
    func processPendingIfReady() throws {
        guard let start = pending, let host else { return }
        if !mailbox.missing(for: start).isEmpty && !(letterDeadline?.passed ?? true) { return }
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
        for socket in outbound.values { socket.close() }
        inbound.close()
    }
}
