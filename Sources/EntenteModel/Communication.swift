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
public struct CommunicationParameters: Equatable, Sendable {
    public var topology = Topology.complete
    public var hops = 2
    /// Pairs that may talk with `topology: explicit` (both ways).
    public var edges: [[StateID]] = []

    public init() {}

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
public struct ChannelQuality: Equatable, Sendable {
    /// Probability that a letter is lost.
    public var loss: Double
    /// Phases a letter arrives late; a letter due after the round's commit phase expires.
    public var delay: Int

    public init(loss: Double = 0, delay: Int = 0) {
        self.loss = loss
        self.delay = delay
    }

    public static let perfect = ChannelQuality()
}

/// The `channels:` block: unreliability for every channel, and per pair.
public struct ChannelParameters: Equatable, Sendable {
    public var all = ChannelQuality()
    /// Per-pair settings (both directions), overriding `all`.
    public var pairs: [(a: StateID, b: StateID, quality: ChannelQuality)] = []

    public init() {}

    public static func == (x: ChannelParameters, y: ChannelParameters) -> Bool {
        x.all == y.all && x.pairs.count == y.pairs.count
            && zip(x.pairs, y.pairs).allSatisfy { $0.a == $1.a && $0.b == $1.b && $0.quality == $1.quality }
    }

    public func quality(from sender: StateID, to receiver: StateID) -> ChannelQuality {
        pairs.last { ($0.a == sender && $0.b == receiver) || ($0.a == receiver && $0.b == sender) }?.quality ?? all
    }
}

extension Letter {
    /// Whether the channel loses this letter: a seeded draw, the same in the sending state
    /// and in the coordinator, so both agree without telling each other.
    public func isLost(round: Int, seed: UInt64, loss: Double) -> Bool {
        guard loss > 0 else { return false }
        var rng = SeededRandom(seed: seed, purpose: "loss", [sender, receiver, String(round), String(seq)])
        return rng.uniform() < loss
    }
}

/// The `deception:` block: which states misreport their assessments, and how.
public struct DeceptionParameters: Equatable, Sendable {
    /// Share of the states that deceive, picked by a seeded draw per state.
    public var share = 0.0
    /// States that deceive whatever the draw.
    public var states: [StateID] = []
    /// A deceiver multiplies the power it reports for its main threat by this (the threat it
    /// wants others to balance against looks bigger).
    public var inflation = 2.0

    public init() {}

    /// Whether `id` deceives in a run with this seed; a state's own `deceive:` setting wins.
    public func deceives(_ id: StateID, seed: UInt64, own: Bool?) -> Bool {
        if let own { return own }
        if states.contains(id) { return true }
        guard share > 0 else { return false }
        var rng = SeededRandom(seed: seed, purpose: "deception", [id])
        return rng.uniform() < share
    }
}
