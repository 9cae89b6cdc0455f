/// Who may talk to whom. Enforced by what each state process is told: a state learns the
/// endpoints of its peers only, and the coordinator refuses any letter to a non-peer.
public enum Topology: String, Codable, CaseIterable, Sendable {
    case complete
    /// States that border each other.
    case neighbors
    /// States within `hops` borders of each other.
    case hops
    /// Only the pairs listed under `edges`.
    case explicit
}

/// The `communication:` block of a scenario.
public struct CommunicationParameters: ParameterBlock, Codable {
    public var topology = Topology.complete
    public var hops = 2
    /// Pairs that may talk with `topology: explicit` (both ways).
    public var edges: [[StateID]] = []

    public init() {}

    public static let parameters: [Parameter<Self>] = [
        .whole("hops", \.hops, 0...1000, unit: "hops", "peers within this many borders, with topology: hops"),
    ]

    /// The peers of every state, in scenario order; the relation is symmetric.
    public func peers(ids: [StateID], geography: Geography) -> [StateID: [StateID]] {
        let explicit = Set(edges.flatMap { e in e.count == 2 ? [e[0] + "\u{1f}" + e[1], e[1] + "\u{1f}" + e[0]] : [] })
        var out: [StateID: [StateID]] = [:]
        for a in ids {
            out[a] = ids.filter { b in
                guard a != b else { return false }
                switch topology {
                case .complete: return true
                case .neighbors: return geography.hops(a, b) == 1
                case .hops: return (geography.hops(a, b) ?? Int.max) <= hops
                case .explicit: return explicit.contains(a + "\u{1f}" + b)
                }
            }
        }
        return out
    }
}

/// One channel's unreliability.
public struct ChannelQuality: ParameterBlock, Codable {
    public var loss: Double
    public var delay: Int

    public init() { self.init(loss: 0, delay: 0) }

    public init(loss: Double, delay: Int) {
        self.loss = loss
        self.delay = delay
    }

    public static let parameters: [Parameter<Self>] = [
        .real("loss", \.loss, 0...1, "probability that a letter is lost"),
        .whole("delay", \.delay, 0...1000, unit: "phases", "phases a letter arrives late; one due after commit expires"),
    ]
}

/// The `channels:` block: unreliability for every channel, and per pair.
/// One pair's channel, both ways.
public struct ChannelPair: Equatable, Codable, Sendable {
    public var a: StateID
    public var b: StateID
    public var quality: ChannelQuality

    public init(_ a: StateID, _ b: StateID, _ quality: ChannelQuality) {
        self.a = a
        self.b = b
        self.quality = quality
    }
}

public struct ChannelParameters: Equatable, Codable, Sendable {
    public var all = ChannelQuality()
    /// Per-pair settings (both directions), overriding `all`.
    public var pairs: [ChannelPair] = []

    public init() {}

    public func quality(from sender: StateID, to receiver: StateID) -> ChannelQuality {
        pairs.last { ($0.a == sender && $0.b == receiver) || ($0.a == receiver && $0.b == sender) }?.quality ?? all
    }
}

/// The `deception:` block: which states misreport their assessments, and how.
public struct DeceptionParameters: ParameterBlock, Codable {
    public var share = 0.0
    /// States that deceive whatever the draw.
    public var states: [StateID] = []
    public var inflation = 2.0

    public init() {}

    public static let parameters: [Parameter<Self>] = [
        .real("share", \.share, 0...1, "chance that a state deceives (one seeded draw per state for the run)"),
        .real("inflation", \.inflation, 0...100, "a deceiver reports its main threat's power times this"),
    ]

    /// Whether `id` deceives in a run with this seed; a state's own `deceive:` setting wins.
    public func deceives(_ id: StateID, seed: UInt64, own: Bool?) -> Bool {
        if let own { return own }
        if states.contains(id) { return true }
        guard share > 0 else { return false }
        var rng = SeededRandom(seed: seed, purpose: "deception", [id])
        return rng.uniform() < share
    }
}
