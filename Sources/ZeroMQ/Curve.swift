import CZeroMQ

/// A CURVE key pair (ZeroMQ RFC 26), as Z85 text: 40 characters each.
public struct CurveKeyPair: Sendable, Equatable, Codable {
    public let publicKey: String
    public let secretKey: String

    enum CodingKeys: String, CodingKey {
        case publicKey = "public", secretKey = "secret"
    }

    /// Whether `key` is Z85 text of a 32-byte key (what every CURVE option expects).
    public static func isValidKey(_ key: String) -> Bool {
        var out = [UInt8](repeating: 0, count: 32)
        return key.utf8.count == 40 && zmq_z85_decode(&out, key) != nil
    }

    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A fresh pair from libzmq's generator (it needs a libzmq built with CURVE, as Debian's is).
    public static func generate() throws -> CurveKeyPair {
        var pub = [CChar](repeating: 0, count: 41), sec = [CChar](repeating: 0, count: 41)
        try zmqCall("zmq_curve_keypair") { zmq_curve_keypair(&pub, &sec) }
        return CurveKeyPair(publicKey: String(cString: pub), secretKey: String(cString: sec))
    }
}

extension Socket {
    func setStringOption(_ option: Int32, _ value: String, _ name: String) throws {
        let h = try open(name)
        let bytes = Array(value.utf8)
        try zmqCall("zmq_setsockopt(\(name))") { zmq_setsockopt(h, option, bytes, bytes.count) }
    }

    /// Makes this socket a CURVE server: clients must know `keys.publicKey`, and the
    /// context's ZAP handler decides which clients may speak (`domain` names the run).
    /// Set before `bind`.
    public func makeCurveServer(secretKey: String, domain: String) throws {
        try setOption(ZMQ_CURVE_SERVER, 1, "ZMQ_CURVE_SERVER")
        try setStringOption(ZMQ_CURVE_SECRETKEY, secretKey, "ZMQ_CURVE_SECRETKEY")
        try setStringOption(ZMQ_ZAP_DOMAIN, domain, "ZMQ_ZAP_DOMAIN")
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverKey`.
    /// Set before `connect`.
    public func makeCurveClient(_ keys: CurveKeyPair, serverKey: String) throws {
        try setStringOption(ZMQ_CURVE_PUBLICKEY, keys.publicKey, "ZMQ_CURVE_PUBLICKEY")
        try setStringOption(ZMQ_CURVE_SECRETKEY, keys.secretKey, "ZMQ_CURVE_SECRETKEY")
        try setStringOption(ZMQ_CURVE_SERVERKEY, serverKey, "ZMQ_CURVE_SERVERKEY")
    }
}

/// The ZAP handler (ZeroMQ RFC 27) of one context: it answers libzmq's authentication
/// requests from an allow-list of public keys, each bound to a user id (a state id), which
/// every message from that client then carries (`receiveWithUserID`). Without a handler
/// libzmq 4.3 lets any CURVE key in. libzmq waits for the answer during the handshake, so
/// the owner polls `socket` in its loop and calls `answerPending()`; one thread owns it all.
public final class ZapHandler {
    public let socket: Socket
    /// Z85 public key → user id.
    public var allowed: [String: String]
    /// Requests refused so far (unknown key, other mechanism).
    public private(set) var refused = 0

    public init(_ context: Context, allowed: [String: String]) throws {
        socket = try Socket(context, .rep)
        try socket.bind("inproc://zeromq.zap.01")
        self.allowed = allowed
    }

    /// Answers every request waiting, without blocking.
    /// - Returns: how many of them were refused.
    @discardableResult
    public func answerPending() throws -> Int {
        let before = refused
        while let frames = try socket.receive(dontWait: true) {
            // version, request id, domain, address, routing id, mechanism, credentials...
            guard frames.count >= 6 else { continue }
            var user: String?
            if String(decoding: frames[5], as: UTF8.self) == "CURVE", frames.count >= 7, frames[6].count == 32 {
                user = allowed[Self.z85(frames[6])]
            }
            if user == nil { refused += 1 }
            let status = user == nil ? "400" : "200"
            let text = user == nil ? "key not allowed" : "OK"
            _ = try socket.send([Array("1.0".utf8), frames[1], Array(status.utf8), Array(text.utf8), Array((user ?? "").utf8), []])
        }
        return refused - before
    }

    /// Z85 text of a 32-byte key.
    static func z85(_ key: [UInt8]) -> String {
        var out = [CChar](repeating: 0, count: 41)
        _ = key.withUnsafeBufferPointer { zmq_z85_encode(&out, $0.baseAddress, 32) }
        return String(cString: out)
    }
}
