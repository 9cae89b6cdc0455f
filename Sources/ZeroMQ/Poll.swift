import CZeroMQ

/// Waits until at least one socket has a message to read, or the timeout passes.
///
/// The caller's thread blocks here: call it from a thread the process owns for its
/// sockets, never from Swift's cooperative pool.
/// - Parameters:
///   - sockets: the sockets to watch for input.
///   - timeoutMs: how long to wait; 0 returns at once, -1 waits forever.
/// - Returns: for each socket, whether it is readable.
public func pollReadable(_ sockets: [Socket], timeoutMs: Int) throws -> [Bool] {
    var items = try sockets.map { socket -> zmq_pollitem_t in
        guard let h = socket.rawHandle else { throw ZMQError(operation: "zmq_poll", code: ENOTSOCK) }
        return zmq_pollitem_t(socket: h, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
    }
    let count = Int32(items.count)
    let timeout = timeoutMs
    try zmqCall("zmq_poll") { zmq_poll(&items, count, timeout) }
    return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
}
