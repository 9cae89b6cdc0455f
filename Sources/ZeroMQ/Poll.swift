import CZeroMQ

/// Watches a fixed list of sockets for input. Its poll items are made once and reused,
/// so a loop that wakes once a letter (thousands of times a round) allocates nothing to wait.
///
/// The caller's thread blocks in `wait`: call it from a thread the process owns for its
/// sockets, never from Swift's cooperative pool.
public final class Poller {
    private var items: [zmq_pollitem_t]
    /// Held so that no socket watched is freed while its handle is in `items`.
    private let sockets: [Socket]

    /// - Throws: `ZMQError` when a socket is closed.
    public init(_ sockets: [Socket]) throws {
        self.sockets = sockets
        items = try sockets.map { socket in
            guard let h = socket.rawHandle else { throw ZMQError(operation: "zmq_poll", code: ENOTSOCK) }
            return zmq_pollitem_t(socket: h, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        }
    }

    /// Waits until at least one socket has a message to read, or the timeout passes.
    /// - Parameter timeoutMs: how long to wait; 0 returns at once, -1 waits forever.
    public func wait(timeoutMs: Int) throws {
        let count = Int32(items.count)
        _ = try items.withUnsafeMutableBufferPointer { buffer in
            try zmqCall("zmq_poll") { zmq_poll(buffer.baseAddress, count, timeoutMs) }
        }
    }

    /// Whether the socket at `index` (in the order given) was readable at the last wait.
    public func isReadable(_ index: Int) -> Bool { items[index].revents & Int16(ZMQ_POLLIN) != 0 }
}

/// Waits until at least one socket has a message to read, or the timeout passes (a
/// `Poller` for one wait).
/// - Parameters:
///   - sockets: the sockets to watch for input.
///   - timeoutMs: how long to wait; 0 returns at once, -1 waits forever.
/// - Returns: for each socket, whether it is readable.
public func pollReadable(_ sockets: [Socket], timeoutMs: Int) throws -> [Bool] {
    let poller = try Poller(sockets)
    try poller.wait(timeoutMs: timeoutMs)
    return sockets.indices.map(poller.isReadable)
}
