import Foundation
import Testing
@testable import ZeroMQ

@Suite("ZeroMQ wrapper: the handshake monitor counts peers connected to a socket")
struct HandshakeMonitorTests {
    /// Drains `monitor` until it has counted `count` handshakes, or 10 s pass.
    func waitFor(_ count: Int, _ monitor: HandshakeMonitor) throws -> Int {
        let deadline = Date().addingTimeInterval(10)
        while try monitor.drain() < count && Date() < deadline {
            _ = try pollReadable([monitor.socket], timeoutMs: 100)
        }
        return monitor.completed
    }

    @Test("each PUSH connected to a PULL is counted once its handshake is done, and only then")
    func counts() throws {
        let context = try Context()
        let pull = try Socket(context, .pull)
        let monitor = try HandshakeMonitor(context, watching: pull, name: "test")
        try pull.bind("tcp://127.0.0.1:*")
        #expect(try monitor.drain() == 0)
        let pushes = try (0..<3).map { _ in try Socket(context, .push) }
        for push in pushes { try push.connect(try pull.lastEndpoint) }
        #expect(try waitFor(3, monitor) == 3)
        // A connection that never completes (nothing listens there) is not counted.
        let stray = try Socket(context, .push)
        try stray.connect("tcp://127.0.0.2:\(try pull.lastEndpoint.split(separator: ":").last!)")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try monitor.drain() == 3)
        withExtendedLifetime((pushes, stray)) {}
        monitor.stop()
        monitor.stop()
    }

    @Test("with CURVE, a client whose key the ZAP handler refuses is not counted")
    func curveRefused() throws {
        let context = try Context()
        let server = try CurveKeyPair.generate(), good = try CurveKeyPair.generate(), bad = try CurveKeyPair.generate()
        let zap = try ZapHandler(context, allowed: [good.publicKey: "GOOD"])
        let pull = try Socket(context, .pull)
        let monitor = try HandshakeMonitor(context, watching: pull, name: "curve")
        try pull.makeCurveServer(secretKey: server.secretKey, domain: "test")
        try pull.bind("tcp://127.0.0.1:*")
        // Kept alive to the end: a socket closes when it is released.
        let pushes = try [good, bad].map { keys in
            let push = try Socket(context, .push)
            try push.makeCurveClient(keys, serverKey: server.publicKey)
            try push.connect(try pull.lastEndpoint)
            return push
        }
        // Until the good key is let in and the bad one refused (however slow the machine).
        var refused = 0
        let deadline = Date().addingTimeInterval(60)
        while (refused == 0 || monitor.completed == 0) && Date() < deadline {
            if try pollReadable([zap.socket, monitor.socket], timeoutMs: 100)[0] { refused += try zap.answerPending() }
            _ = try monitor.drain()
        }
        #expect(refused >= 1)
        _ = try pollReadable([monitor.socket], timeoutMs: 200)
        #expect(try monitor.drain() == 1)
        withExtendedLifetime(pushes) {}
    }
}
