import CZeroMQ

/// The socket patterns Entente uses.
public enum SocketType: Sendable {
    case dealer, router, push, pull, rep, pair

    var raw: Int32 {
        switch self {
        case .rep: ZMQ_REP
        case .dealer: ZMQ_DEALER
        case .router: ZMQ_ROUTER
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pair: ZMQ_PAIR
        }
    }
}

/// One libzmq socket, owned by one thread.
///
/// - Important: libzmq sockets are not thread-safe. Create, use and close a socket on
///   the same thread; it is closed exactly once (by `close()` or on deinit), with
///   `LINGER` 0 so closing never blocks on unsent messages.
public final class Socket {
    private var handle: UnsafeMutableRawPointer?
    private let context: Context

    public init(_ context: Context, _ type: SocketType) throws {
        guard let handle = zmq_socket(context.handle, type.raw) else {
            throw ZMQError.last("zmq_socket")
        }
        self.handle = handle
        self.context = context
        try setOption(ZMQ_LINGER, Int32(0), "ZMQ_LINGER")
    }

    deinit { close() }

    /// Closes the socket; later calls do nothing.
    public func close() {
        guard let h = handle else { return }
        zmq_close(h)
        handle = nil
    }

    func open(_ operation: String) throws -> UnsafeMutableRawPointer {
        guard let h = handle else { throw ZMQError(operation: operation, code: ENOTSOCK) }
        return h
    }

    public func bind(_ endpoint: String) throws {
        let h = try open("zmq_bind")
        try zmqCall("zmq_bind(\(endpoint))") { zmq_bind(h, endpoint) }
    }

    public func connect(_ endpoint: String) throws {
        let h = try open("zmq_connect")
        try zmqCall("zmq_connect(\(endpoint))") { zmq_connect(h, endpoint) }
    }

    /// The endpoint last bound, with a wildcard port resolved (`tcp://127.0.0.1:*` → the real port).
    public var lastEndpoint: String {
        get throws {
            let h = try open("zmq_getsockopt")
            var buffer = [CChar](repeating: 0, count: 512)
            var size = buffer.count
            try zmqCall("zmq_getsockopt(ZMQ_LAST_ENDPOINT)") {
                zmq_getsockopt(h, ZMQ_LAST_ENDPOINT, &buffer, &size)
            }
            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    // MARK: Options

    func setOption(_ option: Int32, _ value: Int32, _ name: String) throws {
        let h = try open("zmq_setsockopt")
        var v = value
        try zmqCall("zmq_setsockopt(\(name))") {
            zmq_setsockopt(h, option, &v, MemoryLayout<Int32>.size)
        }
    }

    /// The identity a ROUTER peer sees for this socket (set before connecting).
    public func setRoutingID(_ id: String) throws {
        let h = try open("zmq_setsockopt")
        let bytes = Array(id.utf8)
        try zmqCall("zmq_setsockopt(ZMQ_ROUTING_ID)") {
            zmq_setsockopt(h, ZMQ_ROUTING_ID, bytes, bytes.count)
        }
    }

    /// How long closing may wait to deliver queued messages (0 by default: never block).
    public func setLinger(_ ms: Int32) throws {
        try setOption(ZMQ_LINGER, ms, "ZMQ_LINGER")
    }

    /// Make a ROUTER fail with `EHOSTUNREACH` instead of silently dropping what it cannot route.
    public func setRouterMandatory(_ on: Bool) throws {
        try setOption(ZMQ_ROUTER_MANDATORY, on ? 1 : 0, "ZMQ_ROUTER_MANDATORY")
    }

    /// Let a reconnecting peer take over its routing id instead of being refused.
    public func setRouterHandover(_ on: Bool) throws {
        try setOption(ZMQ_ROUTER_HANDOVER, on ? 1 : 0, "ZMQ_ROUTER_HANDOVER")
    }

    /// Peers sending a larger message are disconnected by libzmq before it is buffered.
    public func setMaxMessageSize(_ bytes: Int64) throws {
        let h = try open("zmq_setsockopt")
        var v = bytes
        try zmqCall("zmq_setsockopt(ZMQ_MAXMSGSIZE)") {
            zmq_setsockopt(h, ZMQ_MAXMSGSIZE, &v, MemoryLayout<Int64>.size)
        }
    }

    public func setHighWaterMarks(send: Int32, receive: Int32) throws {
        try setOption(ZMQ_SNDHWM, send, "ZMQ_SNDHWM")
        try setOption(ZMQ_RCVHWM, receive, "ZMQ_RCVHWM")
    }

    /// Milliseconds a blocking send waits before failing with `EAGAIN` (-1: forever).
    public func setSendTimeout(_ ms: Int32) throws {
        try setOption(ZMQ_SNDTIMEO, ms, "ZMQ_SNDTIMEO")
    }

    // MARK: Messages

    /// Sends the frames as one multipart message.
    /// - Returns: `false` when the message could not be queued without blocking
    ///   (with `dontWait`, or past the send timeout).
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws -> Bool {
        let h = try open("zmq_send")
        precondition(!frames.isEmpty, "a message has at least one frame")
        for index in frames.indices {
            var flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
            if index < frames.count - 1 { flags |= ZMQ_SNDMORE }
            // Only the first frame can would-block: later frames of a started message always queue.
            if try !Self.send(frames[index], on: h, flags: flags) { return false }
        }
        return true
    }

    /// Sends one frame as a whole message (no list to make around it: a state sends
    /// thousands a round).
    @discardableResult
    public func send(_ frame: [UInt8], dontWait: Bool = false) throws -> Bool {
        try Self.send(frame, on: try open("zmq_send"), flags: dontWait ? ZMQ_DONTWAIT : 0)
    }

    private static func send(_ frame: [UInt8], on h: UnsafeMutableRawPointer, flags: Int32) throws -> Bool {
        try frame.withUnsafeBytes { buffer in
            try zmqCall("zmq_send") { zmq_send(h, buffer.baseAddress, buffer.count, flags) }
        } != nil
    }

    /// Receives one whole multipart message.
    /// - Returns: its frames, or `nil` when `dontWait` is set and nothing is waiting.
    public func receive(dontWait: Bool = false) throws -> [[UInt8]]? {
        try receiveWithUserID(dontWait: dontWait)?.frames
    }

    /// Receives one whole multipart message, with the user id the ZAP handler gave its
    /// sender (nil without authentication): who, cryptographically, sent it.
    public func receiveWithUserID(dontWait: Bool = false) throws -> (frames: [[UInt8]], userID: String?)? {
        let h = try open("zmq_msg_recv")
        // The zmq_msg_t lives on the heap: small messages are stored inside it, so it must not move.
        let message = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: 1)
        defer { message.deallocate() }
        var frames: [[UInt8]] = []
        var userID: String?
        repeat {
            zmq_msg_init(message)
            defer { zmq_msg_close(message) }
            let flags: Int32 = (dontWait && frames.isEmpty) ? ZMQ_DONTWAIT : 0
            guard let size = try zmqCall("zmq_msg_recv", { zmq_msg_recv(message, h, flags) }) else {
                return nil
            }
            let data = zmq_msg_data(message)!.assumingMemoryBound(to: UInt8.self)
            frames.append(Array(UnsafeBufferPointer(start: data, count: Int(size))))
            // A ROUTER's routing-id frame is made locally and carries no metadata: ask every frame.
            if userID == nil, let id = zmq_msg_gets(message, "User-Id") { userID = String(cString: id) }
            if zmq_msg_more(message) == 0 { break }
        } while true
        return (frames, userID.flatMap { $0.isEmpty ? nil : $0 })
    }

    var rawHandle: UnsafeMutableRawPointer? { handle }
}
