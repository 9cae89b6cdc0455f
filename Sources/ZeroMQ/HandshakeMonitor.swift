import CZeroMQ

/// Counts the connections to a socket whose handshake has completed (ZMTP, and with CURVE
/// the ZAP handler's yes), from libzmq's socket monitor: the only way to learn that a
/// peer's connection is up before a message crosses it.
///
/// The monitor's PAIR socket is owned by the thread that owns the watched socket; poll
/// `socket` for input and call `drain()` when it is readable.
public final class HandshakeMonitor {
    public let socket: Socket
    private let watched: Socket
    /// Handshakes completed so far (a peer that reconnects counts again).
    public private(set) var completed = 0
    private var stopped = false

    /// Starts monitoring `watched`; `name` makes the inproc endpoint unique in the context.
    public init(_ context: Context, watching watched: Socket, name: String) throws {
        let endpoint = "inproc://handshakes-\(name)"
        let h = try watched.open("zmq_socket_monitor")
        try zmqCall("zmq_socket_monitor(\(endpoint))") { zmq_socket_monitor(h, endpoint, ZMQ_EVENT_HANDSHAKE_SUCCEEDED) }
        self.watched = watched
        socket = try Socket(context, .pair)
        try socket.connect(endpoint)
    }

    deinit { stop() }

    /// Reads every waiting event. - Returns: the number of handshakes completed so far.
    @discardableResult
    public func drain() throws -> Int {
        while let frames = try socket.receive(dontWait: true) {
            // First frame: the event (u16) then its value (u32), in host order; second: the endpoint.
            guard let first = frames.first, first.count >= 2 else { continue }
            let event = first.withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) }
            if Int32(event) == ZMQ_EVENT_HANDSHAKE_SUCCEEDED { completed += 1 }
        }
        return completed
    }

    /// Stops monitoring and closes the PAIR socket; later calls do nothing.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if let h = try? watched.open("zmq_socket_monitor") { _ = zmq_socket_monitor(h, nil, 0) }
        socket.close()
    }
}
