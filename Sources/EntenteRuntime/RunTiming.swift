import Dispatch

/// How long a run took, for summary.json (never in the digest): the wait for every state
/// to join, and the wall time of each round at the coordinator, as percentiles.
public struct RunTiming: Codable, Equatable, Sendable {
    public var joinSeconds: Double
    public var rounds: Int
    public var roundMsP50: Double
    public var roundMsP90: Double
    public var roundMsP99: Double
    public var roundMsMax: Double
    /// Rounds over the time the rounds took (start-up left out).
    public var roundsPerSecond: Double

    enum CodingKeys: String, CodingKey {
        case joinSeconds = "join_seconds", rounds
        case roundMsP50 = "round_ms_p50", roundMsP90 = "round_ms_p90", roundMsP99 = "round_ms_p99", roundMsMax = "round_ms_max"
        case roundsPerSecond = "rounds_per_second"
    }

    /// - Parameter roundNanos: each round's duration.
    init(joinNanos: UInt64, roundNanos: [UInt64]) {
        let ms = roundNanos.map { Double($0) / 1e6 }.sorted()
        func at(_ p: Double) -> Double {
            guard !ms.isEmpty else { return 0 }
            return (ms[min(ms.count - 1, Int((p * Double(ms.count - 1)).rounded()))] * 1000).rounded() / 1000
        }
        joinSeconds = (Double(joinNanos) / 1e6).rounded() / 1000
        rounds = ms.count
        (roundMsP50, roundMsP90, roundMsP99, roundMsMax) = (at(0.5), at(0.9), at(0.99), at(1))
        let total = ms.reduce(0, +) / 1000
        roundsPerSecond = total > 0 ? (Double(ms.count) / total * 10).rounded() / 10 : 0
    }
}

/// Nanoseconds on the monotonic clock.
func monotonicNanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
