/// An estimate of another state's attributes and how sure the holder is of it.
public struct Estimate: Equatable, Sendable {
    public var attributes: Attributes
    /// In [0, 1]: 1 is perfect sight, 0 no information.
    public var confidence: Double

    public init(attributes: Attributes, confidence: Double) {
        self.attributes = attributes
        self.confidence = confidence
    }
}

/// A threat as a peer reported it in an assessment: its score to the peer, and the
/// peer's estimate of the target behind it.
public struct ReportedThreat: Equatable, Sendable {
    public var target: StateID
    public var score: Double
    public var estimate: Estimate

    public init(target: StateID, score: Double, estimate: Estimate) {
        self.target = target
        self.score = score
        self.estimate = estimate
    }
}

/// Confidence of an observation made with noise `sigma`: 1 / (1 + (sigma / 0.1)²),
/// so noise 0 gives 1 and the default noise 0.1 gives 0.5.
public func observationConfidence(noise sigma: Double) -> Double {
    1 / (1 + (sigma / 0.1) * (sigma / 0.1))
}

/// A state's beliefs about the others: its own observations, what it remembers, and what peers told it.
public struct Beliefs: Equatable, Sendable {
    public private(set) var estimates: [StateID: Estimate] = [:]

    /// Remembered beliefs lose half their confidence each round they are not refreshed.
    public static let memoryDecay = 0.5

    public init() {}

    /// Starts a round: what the state sees replaces what it remembers; the rest fades.
    public mutating func observe(_ seen: [StateID: Estimate], gone: Set<StateID>) {
        for id in gone { estimates[id] = nil }
        // Faded in place: no look-up by id.
        for k in estimates.values.indices { estimates.values[k].confidence *= Self.memoryDecay }
        for (id, e) in seen { estimates[id] = e }
    }

    /// A weighted mean in the making: the sums of weight and weighted attributes, and the largest weight.
    private struct Mean {
        var wSum = 0.0, p = 0.0, o = 0.0, a = 0.0, best = 0.0

        mutating func add(_ e: Attributes, weight w: Double) {
            wSum += w; p += w * e.power; o += w * e.offense; a += w * e.aggressiveness
            best = max(best, w)
        }
    }

    /// Fuses peers' reports into the beliefs: for each target, the weighted mean of the
    /// state's own estimate (weight: its confidence) and each report (weight: trust × the
    /// reporter's confidence). The result's confidence is the largest weight that went in,
    /// so hearsay never looks surer than its best source.
    public mutating func fuse(_ reports: [ReportedThreat], trust: Double) {
        guard trust > 0 else { return }
        var means: [StateID: Mean] = [:]
        for r in reports {
            // The own estimate goes in first, when the target first comes up; then each
            // report in the inbox's canonical order (sender, sequence): floating-point sums depend on it.
            var k = means.index(forKey: r.target)
            if k == nil {
                var m = Mean()
                if let own = estimates[r.target], own.confidence > 0 { m.add(own.attributes, weight: own.confidence) }
                means[r.target] = m
                k = means.index(forKey: r.target)
            }
            let w = trust * r.estimate.confidence
            guard w > 0 else { continue }
            means.values[k!].add(r.estimate.attributes, weight: w)
        }
        for (target, m) in means where m.wSum > 0 {
            estimates[target] = Estimate(attributes: Attributes(power: m.p / m.wSum, offense: m.o / m.wSum, aggressiveness: m.a / m.wSum),
                                         confidence: m.best)
        }
    }

    public var attributes: [StateID: Attributes] { estimates.mapValues(\.attributes) }
}
