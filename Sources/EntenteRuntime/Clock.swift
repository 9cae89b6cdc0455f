import Dispatch
import ZeroMQ

/// A point on the monotonic clock, for deadlines that wall-clock changes cannot move.
struct Deadline {
    let nanos: UInt64

    init(secondsFromNow seconds: Double) {
        nanos = DispatchTime.now().uptimeNanoseconds + UInt64(max(seconds, 0) * 1e9)
    }

    /// Milliseconds left, never negative (a poll timeout).
    var remainingMs: Int {
        let now = DispatchTime.now().uptimeNanoseconds
        return now >= nanos ? 0 : Int((nanos - now) / 1_000_000) + 1
    }

    var passed: Bool { DispatchTime.now().uptimeNanoseconds >= nanos }
}

func zmqVersionText() -> String {
    let (a, b, c) = zmqVersion()
    return "\(a).\(b).\(c)"
}
