import ArgumentParser
import EntenteRuntime
import Foundation
import ZeroMQ

struct FloorCoordinator: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "floor-coordinator", abstract: "The floor's coordinator (started by `floor`).")

    @OptionGroup var shape: FloorShape
    @Option var rounds: Int
    @Option var endpoint: String
    @Option var endpointFile: String
    @Option var keys: String?

    func run() throws {
        let round = shape.round
        let states = shape.states
        let ids = (0..<states).map { "S\($0)" }
        let context = try Context()
        let router = try Socket(context, .router)
        try router.setRouterMandatory(true)
        try router.setHighWaterMarks(send: 0, receive: 0)
        var zap: ZapHandler?
        if let credentials = try floorCredentials(keys, id: nil) {
            zap = try ZapHandler(context, allowed: credentials.known.owners(of: ids))
            try router.makeCurveServer(secretKey: credentials.own.secretKey, domain: RunCredentials.domain)
        }
        try router.bind(endpoint)
        try (try router.lastEndpoint + "\n").write(toFile: endpointFile, atomically: true, encoding: .utf8)

        func receive() throws -> (String, [UInt8]) {
            while true {
                let ready = try pollReadable([router] + (zap.map { [$0.socket] } ?? []), timeoutMs: 1000)
                if ready.count > 1 && ready[1] { try zap?.answerPending() }
                if ready[0], let frames = try router.receive(dontWait: true), frames.count == 2 {
                    return (String(decoding: frames[0], as: UTF8.self), frames[1])
                }
            }
        }

        let started = monotonic()
        var endpoints: [String: String] = [:]
        while endpoints.count < states {
            let (id, frame) = try receive()
            if frame.first == FloorFrame.hello.rawValue { endpoints[id] = String(decoding: frame.dropFirst(), as: UTF8.self) }
        }
        let joined = monotonic() - started
        let welcome = [FloorFrame.welcome.rawValue] + Array(ids.map { endpoints[$0]! }.joined(separator: "\n").utf8)
        for id in ids { try router.send([Array(id.utf8), welcome]) }

        var times: [Double] = []
        let runStart = monotonic()
        for r in 0..<rounds {
            let t0 = monotonic()
            for phase in 0..<round.phases {
                let start = [FloorFrame.phase.rawValue, UInt8(phase), UInt8(r & 0xff), UInt8(r >> 8)]
                for id in ids { try router.send([Array(id.utf8), start]) }
                var reports = 0
                while reports < states {
                    let (_, frame) = try receive()
                    if frame.first == FloorFrame.report.rawValue { reports += 1 }
                }
            }
            times.append(monotonic() - t0)
        }
        let seconds = monotonic() - runStart
        try router.setLinger(2000)
        for id in ids { _ = try router.send([Array(id.utf8), [FloorFrame.finish.rawValue]], dontWait: true) }
        let sorted = times.sorted()
        func p(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((q * Double(sorted.count - 1)).rounded()))] * 1000 }
        let result: [String: Double] = [
            "join_seconds": joined, "round_ms_p50": p(0.5), "round_ms_p90": p(0.9), "round_ms_p99": p(0.99),
            "messages_per_second": Double(round.messages * rounds) / seconds, "messages_per_round": Double(round.messages),
        ]
        let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

/// Seconds on the monotonic clock.
func monotonic() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
