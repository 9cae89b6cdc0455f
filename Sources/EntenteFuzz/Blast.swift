import EntenteModel
import Foundation
import ZeroMQ

/// Throws random and mutated messages at a live run, as an outsider on a transport in the
/// clear would: control messages at the coordinator (from a DEALER of its own) and
/// letters at a state's peer socket (a PUSH), alternately. Sends block when a receiver's
/// queue is full, so the run's own pace sets the rate; a receiver gone for 5 s ends it.
struct Blaster {
    var control: Mutator
    var letters: Mutator

    /// - Returns: the messages sent to each endpoint.
    mutating func run(coordinator: String?, peer: String?, count: Int, progress: (Int) -> Void) throws -> (control: Int, peer: Int) {
        let context = try Context()
        var sockets: [(Socket, Bool)] = []
        if let coordinator {
            let dealer = try Socket(context, .dealer)
            try dealer.setRoutingID("FUZZ")
            try dealer.setSendTimeout(5000)
            try dealer.connect(coordinator)
            sockets.append((dealer, true))
        }
        if let peer {
            let push = try Socket(context, .push)
            try push.setSendTimeout(5000)
            try push.connect(peer)
            sockets.append((push, false))
        }
        guard !sockets.isEmpty else { return (0, 0) }
        var sent = (control: 0, peer: 0)
        var live = Array(repeating: true, count: sockets.count)
        for k in 0..<count where live.contains(true) {
            let s = k % sockets.count
            guard live[s] else { continue }
            let (socket, isControl) = sockets[s]
            var frames = [isControl ? control.next() : letters.next()]
            if k % 50 == 49 { frames.append(control.next()) }
            guard try socket.send(frames) else { live[s] = false; continue }
            if isControl { sent.control += 1 } else { sent.peer += 1 }
            if k % 100_000 == 99_999 { progress(k + 1) }
        }
        for (socket, _) in sockets { socket.close() }
        return sent
    }
}
