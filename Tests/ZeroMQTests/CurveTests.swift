import Foundation
import Testing
@testable import ZeroMQ

/// CURVE (RFC 26) with a ZAP handler (RFC 27) on real libzmq sockets over loopback: the
/// pieces a run's sockets will be built from.
@Suite("ZeroMQ wrapper: CURVE encryption and a ZAP allow-list")
struct CurveTests {
    /// A PULL server with the ZAP handler, and what it received in `seconds` while a
    /// PUSH client with `clientKeys` sent three messages to it, believing the server's key is `serverKey`.
    func exchange(allowed: [String: String], clientKeys: CurveKeyPair, serverKey: String? = nil,
                  seconds: Double = 1.5) throws -> (received: [(frames: [[UInt8]], userID: String?)], refused: Int) {
        let context = try Context()
        let server = try CurveKeyPair.generate()
        let zap = try ZapHandler(context, allowed: allowed)
        let pull = try Socket(context, .pull)
        try pull.makeCurveServer(secretKey: server.secretKey, domain: "test-run")
        try pull.bind("tcp://127.0.0.1:*")
        let push = try Socket(context, .push)
        try push.makeCurveClient(clientKeys, serverKey: serverKey ?? server.publicKey)
        try push.connect(try pull.lastEndpoint)
        for k in 0..<3 { _ = try push.send(Array("hello \(k)".utf8), dontWait: true) }
        var received: [(frames: [[UInt8]], userID: String?)] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline && received.count < 3 {
            let ready = try pollReadable([zap.socket, pull], timeoutMs: 50)
            if ready[0] { try zap.answerPending() }
            if ready[1], let m = try pull.receiveWithUserID(dontWait: true) { received.append(m) }
        }
        return (received, zap.refused)
    }

    @Test("a key pair is two 40-character Z85 keys, new each time")
    func keyPairs() throws {
        let a = try CurveKeyPair.generate(), b = try CurveKeyPair.generate()
        #expect(a.publicKey.count == 40 && a.secretKey.count == 40)
        #expect(a != b)
    }

    @Test("an allowed client's messages arrive, each carrying the user id its key is bound to")
    func allowedClient() throws {
        let client = try CurveKeyPair.generate()
        let r = try exchange(allowed: [client.publicKey: "GMY"], clientKeys: client)
        #expect(r.received.count == 3)
        #expect(r.received.allSatisfy { $0.userID == "GMY" })
        #expect(r.received.first.map { String(decoding: $0.frames[0], as: UTF8.self) } == "hello 0")
        #expect(r.refused == 0)
    }

    @Test("a client whose key is not on the list gets nothing through, and is counted")
    func unknownClient() throws {
        let allowed = try CurveKeyPair.generate()
        let stranger = try CurveKeyPair.generate()
        let r = try exchange(allowed: [allowed.publicKey: "GMY"], clientKeys: stranger)
        #expect(r.received.isEmpty)
        #expect(r.refused >= 1)
    }

    @Test("a client that does not know the server's key gets nothing through")
    func wrongServerKey() throws {
        let client = try CurveKeyPair.generate()
        let impostor = try CurveKeyPair.generate()
        let r = try exchange(allowed: [client.publicKey: "GMY"], clientKeys: client, serverKey: impostor.publicKey, seconds: 1)
        #expect(r.received.isEmpty)
    }
}
