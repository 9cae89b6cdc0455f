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

/// A state's beliefs about the others: its own observations, what it remembers, and what
/// peers told it. Kept by position of the run's `StateIndex`, so a round's thousands of
/// reports are fused into an array rather than hashed into a dictionary at each step.
public struct Beliefs: Equatable, Sendable {
    /// The run's states: `byPosition` has one place for each.
    public let index: StateIndex
    /// By position of `index`: nil where the state knows nothing of that one.
    public private(set) var byPosition: [Estimate?]
    /// Ids off the map (a hostile peer's report can name one), kept by id.
    public private(set) var offMap: [StateID: Estimate] = [:]

    /// Remembered beliefs lose half their confidence each round they are not refreshed.
    public static let memoryDecay = 0.5

    /// - Parameter index: the run's states (empty: every id is kept by id, as off the map).
    public init(index: StateIndex = StateIndex([])) {
        self.index = index
        byPosition = Array(repeating: nil, count: index.count)
    }

    /// Beliefs of exactly these attributes, each held with confidence 1 (a policy's test fixture).
    public init(index: StateIndex = StateIndex([]), attributes: [StateID: Attributes]) {
        self.init(index: index)
        for (id, a) in attributes { self[id] = Estimate(attributes: a, confidence: 1) }
    }

    /// The estimate of `id`, nil when there is none.
    public subscript(id: StateID) -> Estimate? {
        get { index.position(of: id).map { byPosition[$0] } ?? offMap[id] }
        set {
            if let p = index.position(of: id) { byPosition[p] = newValue } else { offMap[id] = newValue }
        }
    }

    /// Every estimate by id: for the edges (tests, the fallback for ids off the map).
    public var estimates: [StateID: Estimate] {
        var all = offMap
        for (p, e) in byPosition.enumerated() { if let e { all[index.ids[p]] = e } }
        return all
    }

    /// Starts a round: what the state sees replaces what it remembers; the rest fades.
    public mutating func observe(_ seen: [Sighting], gone: Set<StateID>) {
        for id in gone { self[id] = nil }
        for p in byPosition.indices { byPosition[p]?.confidence *= Self.memoryDecay }
        for k in offMap.values.indices { offMap.values[k].confidence *= Self.memoryDecay }
        for s in seen { self[s.state] = s.estimate }
    }

    /// The same with the sightings as a table (tests and hand-made observations).
    public mutating func observe(_ seen: [StateID: Estimate], gone: Set<StateID>) {
        observe(seen.map { Sighting($0.key, $0.value) }, gone: gone)
    }

    /// A weighted mean in the making: the sums of weight and weighted attributes, and the largest weight.
    private struct Mean {
        var wSum = 0.0, p = 0.0, o = 0.0, a = 0.0, best = 0.0

        /// The mean, starting from `own` (weight: its confidence) when there is one.
        init(own: Estimate?) {
            if let own, own.confidence > 0 { add(own.attributes, weight: own.confidence) }
        }

        mutating func add(_ e: Attributes, weight w: Double) {
            wSum += w; p += w * e.power; o += w * e.offense; a += w * e.aggressiveness
            best = max(best, w)
        }

        var estimate: Estimate? {
            wSum > 0 ? Estimate(attributes: Attributes(power: p / wSum, offense: o / wSum, aggressiveness: a / wSum), confidence: best) : nil
        }
    }

    /// Fuses peers' reports into the beliefs: for each target, the weighted mean of the
    /// state's own estimate (weight: its confidence) and each report (weight: trust × the
    /// reporter's confidence). The result's confidence is the largest weight that went in,
    /// so hearsay never looks surer than its best source.
    public mutating func fuse(_ reports: some Sequence<ReportedThreat>, trust: Double) {
        guard trust > 0 else { return }
        // The own estimate goes in first, when the target first comes up; then each report in
        // the inbox's canonical order (sender, sequence): floating-point sums depend on it.
        var means = [Mean?](repeating: nil, count: index.count)
        var offMeans: [StateID: Mean] = [:]
        for r in reports {
            let w = trust * r.estimate.confidence
            if let p = index.position(of: r.target) {
                if means[p] == nil { means[p] = Mean(own: byPosition[p]) }
                if w > 0 { means[p]!.add(r.estimate.attributes, weight: w) }
            } else {
                if offMeans[r.target] == nil { offMeans[r.target] = Mean(own: offMap[r.target]) }
                if w > 0 { offMeans[r.target]!.add(r.estimate.attributes, weight: w) }
            }
        }
        for (p, m) in means.enumerated() { if let e = m?.estimate { byPosition[p] = e } }
        for (target, m) in offMeans { if let e = m.estimate { offMap[target] = e } }
    }

    /// Every estimate's attributes by id (the general path, for ids off the map).
    public var attributes: [StateID: Attributes] { estimates.mapValues(\.attributes) }
}
