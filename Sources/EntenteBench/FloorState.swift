import ArgumentParser
import EntenteRuntime
import Foundation
import ZeroMQ

struct FloorState: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "floor-state", abstract: "One state of the floor (started by `floor`).")

    @Option var index: Int
    @OptionGroup var shape: FloorShape
    @Option var coordinator: String
    @Option var listen: String
    @Option var keys: String?

    func run() throws {
        let round = shape.round
        let states = shape.states
        let id = "S\(index)"
        let credentials = try floorCredentials(keys, id: id)
        let context = try Context()
        let control = try Socket(context, .dealer)
        try control.setRoutingID(id)
        let inbound = try Socket(context, .pull)
        try inbound.setHighWaterMarks(send: 0, receive: 0)
        var zap: ZapHandler?
        if let credentials {
            try control.makeCurveClient(credentials.own, serverKey: credentials.known.coordinator)
            zap = try ZapHandler(context, allowed: [:])
            try inbound.makeCurveServer(secretKey: credentials.own.secretKey, domain: RunCredentials.domain)
        }
        try inbound.bind(listen)
        try control.connect(coordinator)
        try control.send([FloorFrame.hello.rawValue] + Array(try inbound.lastEndpoint.utf8))

        var peers: [Int: Socket] = [:]
        var arrived: [Int: Int] = [:]           // letters by round × 16 + phase
        var pending: (round: Int, phase: Int)?
        let payload = [UInt8](repeating: 0x2a, count: 64)
        while true {
            let ready = try pollReadable([control, inbound] + (peers.isEmpty ? [] : zap.map { [$0.socket] } ?? []), timeoutMs: 1000)
            if ready.count > 2 && ready[2] { try zap?.answerPending() }
            if ready[1] {
                while let frames = try inbound.receive(dontWait: true) {
                    let f = frames[0]
                    arrived[(Int(f[2]) | Int(f[3]) << 8) * 16 + Int(f[1]), default: 0] += 1
                }
            }
            if ready[0], let frames = try control.receive(dontWait: true), let kind = frames[0].first {
                switch FloorFrame(rawValue: kind) {
                case .welcome:
                    let endpoints = String(decoding: frames[0].dropFirst(), as: UTF8.self).split(separator: "\n").map(String.init)
                    zap?.allowed = credentials?.known.owners(of: (0..<states).filter { $0 != index }.map { "S\($0)" }) ?? [:]
                    for k in 0..<states where k != index {
                        let push = try Socket(context, .push)
                        try push.setHighWaterMarks(send: 0, receive: 0)
                        if let credentials { try push.makeCurveClient(credentials.own, serverKey: credentials.known.states["S\(k)"]!) }
                        try push.connect(endpoints[k])
                        peers[k] = push
                    }
                case .phase:
                    let f = frames[0]
                    pending = (Int(f[2]) | Int(f[3]) << 8, Int(f[1]))
                case .finish: return
                default: break
                }
            }
            // A phase runs once the letters of the phase before it are all in, as in a real run.
            if let (r, phase) = pending, phase == 0 || arrived[r * 16 + phase - 1, default: 0] >= round.received(in: phase - 1) {
                pending = nil
                arrived[r * 16 + phase - 1] = nil
                for k in round.recipients(of: index, phase: phase) {
                    try peers[k]!.send([FloorFrame.letter.rawValue, UInt8(phase), UInt8(r & 0xff), UInt8(r >> 8)] + payload)
                }
                try control.send([FloorFrame.report.rawValue, UInt8(phase)])
            }
        }
    }
}
