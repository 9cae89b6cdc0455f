import Foundation
import Testing
@testable import ZeroMQ

@Suite("ZeroMQ wrapper: real libzmq sockets")
struct SocketTests {
    /// A short ipc folder of this test's own (ipc paths must stay under 108 bytes).
    func ipcFolder() -> String {
        var template = Array("/tmp/ezt-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template)!)
    }

    func pair(_ context: Context, _ server: SocketType, _ client: SocketType) throws -> (Socket, Socket) {
        let a = try Socket(context, server)
        try a.bind("tcp://127.0.0.1:*")
        let b = try Socket(context, client)
        try b.connect(try a.lastEndpoint)
        return (a, b)
    }

    @Test("a wildcard tcp bind reports the port it got")
    func lastEndpoint() throws {
        let context = try Context()
        let s = try Socket(context, .pull)
        try s.bind("tcp://127.0.0.1:*")
        let endpoint = try s.lastEndpoint
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(Int(endpoint.split(separator: ":").last!)! > 0)
    }

    @Test("multipart messages arrive whole, frames in order, through a ROUTER")
    func multipart() throws {
        let context = try Context()
        let router = try Socket(context, .router)
        try router.setRouterMandatory(true)
        let dir = ipcFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try router.bind("ipc://\(dir)/r")
        let dealer = try Socket(context, .dealer)
        try dealer.setRoutingID("GMY")
        try dealer.connect("ipc://\(dir)/r")
        try dealer.send([[1, 2, 3], [], Array("third".utf8)])
        #expect(try pollReadable([router], timeoutMs: 5000) == [true])
        let got = try router.receive()
        #expect(got == [Array("GMY".utf8), [1, 2, 3], [], Array("third".utf8)])
        try router.send([Array("GMY".utf8), Array("back".utf8)])
        #expect(try dealer.receive() == [Array("back".utf8)])
    }

    @Test("small and large messages survive intact (33-byte boundary, 8 MiB)")
    func sizes() throws {
        let context = try Context()
        let (pull, push) = try pair(context, .pull, .push)
        var rng = SystemRandomNumberGenerator()
        for size in [0, 1, 32, 33, 34, 4096, 8 << 20] {
            let payload = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
            try push.send(payload)
            #expect(try pull.receive() == [payload])
        }
    }

    @Test("non-blocking receive on an empty socket returns nil; poll times out")
    func nothingWaiting() throws {
        let context = try Context()
        let (pull, _) = try pair(context, .pull, .push)
        #expect(try pull.receive(dontWait: true) == nil)
        #expect(try pollReadable([pull], timeoutMs: 20) == [false])
    }

    @Test("errors carry the operation and libzmq's reason")
    func errors() throws {
        let context = try Context()
        let s = try Socket(context, .pull)
        let bad = #expect(throws: ZMQError.self) { try s.bind("nonsense://where") }
        #expect(bad?.description.contains("zmq_bind(nonsense://where)") == true)
        let long = "ipc:///tmp/" + String(repeating: "x", count: 120)
        let tooLong = #expect(throws: ZMQError.self) { try s.bind(long) }
        #expect(tooLong?.code == ENAMETOOLONG)
        let router = try Socket(context, .router)
        try router.setRouterMandatory(true)
        try router.bind("tcp://127.0.0.1:*")
        let unroutable = #expect(throws: ZMQError.self) { try router.send([Array("nobody".utf8), [1]]) }
        #expect(unroutable?.code == EHOSTUNREACH)
    }

    @Test("a closed socket refuses use instead of crashing; closing twice is harmless")
    func closedSocket() throws {
        let context = try Context()
        let s = try Socket(context, .push)
        s.close()
        s.close()
        #expect(throws: ZMQError.self) { try s.send([1]) }
        #expect(throws: ZMQError.self) { try s.receive() }
    }

    @Test("a message over ZMQ_MAXMSGSIZE is dropped by libzmq before it is buffered")
    func maxMessageSize() throws {
        let context = try Context()
        let pull = try Socket(context, .pull)
        try pull.setMaxMessageSize(1024)
        try pull.bind("tcp://127.0.0.1:*")
        let push = try Socket(context, .push)
        try push.connect(try pull.lastEndpoint)
        try push.send([UInt8](repeating: 7, count: 4096))
        #expect(try pollReadable([pull], timeoutMs: 300) == [false])
    }

    @Test("shutdown with unsent messages and open peers does not hang", .timeLimit(.minutes(1)))
    func cleanShutdown() throws {
        do {
            let context = try Context()
            let push = try Socket(context, .push)
            // Nobody listens here: the messages stay queued; LINGER 0 drops them at close.
            try push.connect("tcp://127.0.0.1:1")
            for _ in 0..<100 { try push.send([UInt8](repeating: 1, count: 1000), dontWait: true) }
            let pull = try Socket(context, .pull)
            try pull.bind("tcp://127.0.0.1:*")
            _ = pull
        }
        // Reaching here means zmq_ctx_term returned; a hang fails at the time limit.
    }

    @Test("a blocked poll in another thread ends when data arrives")
    func pollFromOwnThread() throws {
        let context = try Context()
        let dir = ipcFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let endpoint = "ipc://\(dir)/p"
        let received = Mutex<[[UInt8]]?>(nil)
        let thread = Thread {
            do {
                let pull = try Socket(context, .pull)
                try pull.bind(endpoint)
                if try pollReadable([pull], timeoutMs: 10_000)[0] { received.set(try pull.receive()) }
            } catch {}
        }
        thread.start()
        let push = try Socket(context, .push)
        try push.connect(endpoint)
        try push.send(Array("hi".utf8))
        for _ in 0..<1000 where received.get() == nil { usleep(10_000) }
        #expect(received.get() == [Array("hi".utf8)])
    }
}

/// A value shared between the test and its socket thread.
final class Mutex<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func get() -> T { lock.withLock { value } }
    func set(_ v: T) { lock.withLock { value = v } }
}
