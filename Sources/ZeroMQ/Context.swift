import CZeroMQ

/// A libzmq context. Sockets keep their context alive, so it is terminated only
/// after every socket made from it has been closed (`zmq_ctx_term` would block otherwise).
public final class Context: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// - Parameter maxSockets: raise above libzmq's 1023 for processes with many peers.
    public init(maxSockets: Int32 = 4096) throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        self.handle = handle
        if zmq_ctx_set(handle, ZMQ_MAX_SOCKETS, maxSockets) != 0 {
            zmq_ctx_term(handle)
            throw ZMQError.last("zmq_ctx_set(ZMQ_MAX_SOCKETS)")
        }
    }

    deinit {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}

/// libzmq's version as (major, minor, patch).
public func zmqVersion() -> (Int, Int, Int) {
    var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
    zmq_version(&major, &minor, &patch)
    return (Int(major), Int(minor), Int(patch))
}
