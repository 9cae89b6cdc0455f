import CZeroMQ

/// A failed libzmq call: the operation, the errno libzmq reported, and its text.
public struct ZMQError: Error, CustomStringConvertible, Equatable {
    public let operation: String
    public let code: Int32

    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// The error of the last libzmq call on this thread.
    static func last(_ operation: String) -> ZMQError {
        ZMQError(operation: operation, code: zmq_errno())
    }

    public var description: String {
        "\(operation): \(String(cString: zmq_strerror(code))) (errno \(code))"
    }
}

/// Runs a libzmq call that returns -1 on failure, retrying when a signal interrupted it.
/// - Returns: the call's non-negative result, or `nil` when it would have blocked (`EAGAIN`).
@discardableResult
func zmqCall(_ operation: String, _ body: () -> Int32) throws -> Int32? {
    while true {
        let rc = body()
        if rc >= 0 { return rc }
        let code = zmq_errno()
        if code == EINTR { continue }
        if code == EAGAIN { return nil }
        throw ZMQError(operation: operation, code: code)
    }
}
