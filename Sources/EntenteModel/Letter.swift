/// What an offer proposes: to balance together against a threat, or that the sender
/// aligns with the receiver. (A decision may take no side, `Stance.none`; an offer cannot.)
public enum OfferKind: String, Sendable, Equatable {
    case balance, bandwagon
}

/// What one state says to another.
public enum PeerBody: Equatable, Sendable {
    /// The sender's top threats, with its estimates of them.
    case assessment([ReportedThreat])
    /// An alliance offer: `balance` aimed at a threat, or `bandwagon` (the sender aligns with the receiver).
    case offer(kind: OfferKind, aimedAt: StateID?)
    /// Accepts the receiver's offer with that sequence number.
    case accept(offer: UInt32)
    /// Turns down the receiver's offer with that sequence number, saying why.
    case reject(offer: UInt32, reason: RejectReason)
}

/// A message between two states. `seq` counts the sender's messages over the run, so
/// (sender, seq) orders any inbox canonically, whatever order the messages arrived in.
public struct Letter: Equatable, Sendable {
    public var sender: StateID
    public var receiver: StateID
    public var seq: UInt32
    public var body: PeerBody

    public init(sender: StateID, receiver: StateID, seq: UInt32, body: PeerBody) {
        self.sender = sender
        self.receiver = receiver
        self.seq = seq
        self.body = body
    }

    /// The canonical order: sender id, then sequence number.
    public static func canonical(_ a: Letter, _ b: Letter) -> Bool {
        a.sender != b.sender ? a.sender < b.sender : a.seq < b.seq
    }
}

extension Array where Element == Letter {
    /// The letters in canonical order. Both engines hand an inbox over in that order
    /// already, and checking it is one comparison a letter where a sort is many.
    public func canonicallyOrdered() -> [Letter] {
        zip(self, dropFirst()).allSatisfy { !Letter.canonical($1, $0) } ? self : sorted(by: Letter.canonical)
    }
}

/// One side of an alliance a state is willing to enter at commit time.
public struct Commitment: Equatable, Sendable {
    public var partner: StateID
    /// The kind of the offer that made it.
    public var kind: OfferKind
    /// The threat the offer named, if any.
    public var aimedAt: StateID?
    /// Who made the offer.
    public var offeredBy: StateID

    public init(partner: StateID, kind: OfferKind, aimedAt: StateID?, offeredBy: StateID) {
        self.partner = partner
        self.kind = kind
        self.aimedAt = aimedAt
        self.offeredBy = offeredBy
    }
}

/// What a state is told at the start of a round, computed by the coordinator from the truth.
public struct Observation: Equatable, Sendable {
    public var round: Int
    /// The state's own true attributes.
    public var own: Attributes
    /// Noisy estimates of the states it can see, in id order (as the wire carries them).
    public var seen: [Sighting]
    /// Public: alliances standing, with the threat each balancing coalition is aimed at.
    public var alliances: [PublicAlliance]
    /// Public: wars under way.
    public var wars: [PublicWar]
    /// Public: states no longer in the system.
    public var eliminated: [StateID]

    /// - Parameter seen: one sighting a state; put in id order here when it is not already.
    public init(round: Int, own: Attributes, seen: [Sighting], alliances: [PublicAlliance],
                wars: [PublicWar], eliminated: [StateID]) {
        self.round = round
        self.own = own
        self.seen = zip(seen, seen.dropFirst()).allSatisfy { $0.state < $1.state } ? seen : seen.sorted { $0.state < $1.state }
        self.alliances = alliances
        self.wars = wars
        self.eliminated = eliminated
    }

    /// The same with the sightings as a table (tests and hand-made observations).
    public init(round: Int, own: Attributes, seen: [StateID: Estimate], alliances: [PublicAlliance],
                wars: [PublicWar], eliminated: [StateID]) {
        self.init(round: round, own: own, seen: seen.map { Sighting($0.key, $0.value) }, alliances: alliances,
                  wars: wars, eliminated: eliminated)
    }

    /// What the observation says of `id`, if it sees it.
    public func estimate(of id: StateID) -> Estimate? { seen.first { $0.state == id }?.estimate }
}

/// One state as an observer sees it this round.
public struct Sighting: Equatable, Sendable {
    public var state: StateID
    public var estimate: Estimate

    public init(_ state: StateID, _ estimate: Estimate) {
        self.state = state
        self.estimate = estimate
    }
}

/// An alliance as everyone sees it: its two members, and its target when it is a
/// balancing coalition (treaties are public, and so is whom they are aimed at).
public struct PublicAlliance: Equatable, Hashable, Sendable {
    public var members: [StateID]
    public var against: StateID?

    public init(_ members: [StateID], against: StateID? = nil) {
        self.members = members
        self.against = against
    }
}

/// Each state's allies, as the public alliances show them: read from the alliances when
/// asked. A context asks of a few states (itself, its threat, its offers' senders), so a set
/// for every state, built afresh whenever an alliance forms or ends, cost more than the asking.
public struct PublicAllies: Sendable {
    public let alliances: [PublicAlliance]

    public init(_ alliances: [PublicAlliance]) { self.alliances = alliances }

    /// The allies of `id`: the other member of each two-member alliance it is in.
    public subscript(id: StateID) -> Set<StateID> {
        var allies: Set<StateID> = []
        for a in alliances where a.members.count == 2 {
            if a.members[0] == id { allies.insert(a.members[1]) } else if a.members[1] == id { allies.insert(a.members[0]) }
        }
        return allies
    }

    /// Whether `a` and `b` are allied: a scan of the list, no set built.
    public func allied(_ a: StateID, _ b: StateID) -> Bool {
        alliances.contains { $0.members.count == 2 && ($0.members[0] == a ? $0.members[1] == b : $0.members[1] == a && $0.members[0] == b) }
    }
}
