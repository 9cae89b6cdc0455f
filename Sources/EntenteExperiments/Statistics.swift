#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mean with its 95% confidence interval (Student's t over the runs).
public struct Estimate95: Equatable, Sendable {
    public var n: Int
    public var mean: Double
    /// nil with fewer than two values: one run says nothing of the spread.
    public var low: Double?
    public var high: Double?

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        n = values.count
        mean = values.reduce(0, +) / Double(n)
        guard n > 1 else { return }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let half = Self.t975(df: n - 1) * (variance / Double(n)).squareRoot()
        low = mean - half
        high = mean + half
    }

    /// The 97.5% quantile of Student's t with `df` degrees of freedom.
    static func t975(df: Int) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                               2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        if df <= table.count { return table[df - 1] }
        // Cornish–Fisher expansion around the normal quantile: within 0.001 of the exact value past 30.
        let z = 1.959964, n = Double(df)
        return z + (z * z * z + z) / (4 * n) + (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n)
    }
}
