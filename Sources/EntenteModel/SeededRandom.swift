/// A small, fast, seeded generator (SplitMix64). Simulation code never uses the
/// system generator: every draw comes from one of these, derived from the run's
/// seed and a purpose, so a run is reproducible on any host and any engine.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one purpose, independent of every other purpose's draws.
    /// - Parameters:
    ///   - seed: the run's seed.
    ///   - purpose: what the draws are for ("observe", "war", ...).
    ///   - parts: whatever else identifies the stream (state ids, round).
    public init(seed: UInt64, purpose: String, _ parts: [String] = []) {
        // FNV-1a over purpose and parts joined by U+001F, fed byte by byte (no joined copy).
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ byte: UInt8) {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        for byte in purpose.utf8 { feed(byte) }
        for part in parts {
            feed(0x1f)
            for byte in part.utf8 { feed(byte) }
        }
        state = seed ^ h
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal (Box–Muller), using two uniforms per draw.
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1.0p-53)
        let u2 = uniform()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }
}

// Foundation-free math so the model has no platform dependency beyond the C library.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
@inline(__always) func _exp(_ x: Double) -> Double { exp(x) }
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
