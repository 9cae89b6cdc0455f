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

    /// The monotonic clock now, for a loop that asks several deadlines at once.
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Milliseconds left, never negative (a poll timeout).
    var remainingMs: Int { remainingMs(at: Self.now) }

    /// Milliseconds left at `now` (read from `Deadline.now`).
    func remainingMs(at now: UInt64) -> Int { now >= nanos ? 0 : Int((nanos - now) / 1_000_000) + 1 }

    var passed: Bool { Self.now >= nanos }
}

func zmqVersionText() -> String {
    let (a, b, c) = zmqVersion()
    return "\(a).\(b).\(c)"
}
