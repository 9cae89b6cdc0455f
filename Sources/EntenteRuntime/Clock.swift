import Dispatch
import ZeroMQ

/// A point on the monotonic clock, for deadlines that wall-clock changes cannot move.
struct Deadline {
    let nanos: UInt64

    init(secondsFromNow seconds: Double) {
        // Saturates: a deadline further than a year (or NaN) is taken as a year, never a trap.
        let capped = seconds.isNaN ? 0 : min(max(seconds, 0), 365 * 86400)
        nanos = DispatchTime.now().uptimeNanoseconds + UInt64(capped * 1e9)
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
