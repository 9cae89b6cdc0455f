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
        var key = StreamKey(purpose)
        for part in parts { key.part(part) }
        self.init(seed: seed, key: key)
    }

    /// The generator of the stream `key` names.
    public init(seed: UInt64, key: StreamKey) {
        state = seed ^ key.hash
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

/// What names a stream of draws: FNV-1a over its purpose and parts, U+001F between them,
/// fed byte by byte. A caller drawing many streams that share a prefix (a purpose and an
/// observer) keys the prefix once and copies it; a number is fed as its decimal digits,
/// the bytes `String(n)` has, without making the string.
public struct StreamKey: Sendable {
    public private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    public init(_ purpose: String) {
        for byte in purpose.utf8 { feed(byte) }
    }

    @inline(__always)
    private mutating func feed(_ byte: UInt8) {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }

    public mutating func part(_ s: String) {
        feed(0x1f)
        for byte in s.utf8 { feed(byte) }
    }

    public mutating func part(_ n: Int) {
        feed(0x1f)
        if n < 0 { feed(UInt8(ascii: "-")) }
        digits(n.magnitude)
    }

    private mutating func digits(_ m: UInt) {
        if m >= 10 { digits(m / 10) }
        feed(UInt8(ascii: "0") + UInt8(m % 10))
    }

    /// This key with one more part: for a prefix shared by many streams.
    public func with(_ s: String) -> StreamKey { var k = self; k.part(s); return k }
    public func with(_ n: Int) -> StreamKey { var k = self; k.part(n); return k }
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
