/// The mind of one state over a round: what it believes, what it tells its peers, what
/// it offers and accepts. The same code runs inside a state process and in the
/// reference engine; only the transport around it differs.
public final class Agent {
    public let me: StateID
    public let kind: PolicyKind
    public let params: PolicyParameters
    public let weights: ThreatWeights
    public let geography: Geography
    public let warDecisiveness: Double
    public let seed: UInt64
    /// The peers this state may talk to.
    public let peers: [StateID]
    /// The same, for the policy to read.
    private let peerSet: Set<StateID>
    /// The peers' positions in the map's index (nil: off the map), to check them by array.
    private let peerPositions: [Int?]
    /// Whether the state at each position of the map's index is a peer: letters' senders are
    /// looked up in the map's index, which every agent of a process shares (one table in
    /// the cache, not one an agent).
    private let isPeer: [Bool]
    /// 1: honest. Otherwise the state deceives: it reports its main threat's power times this.
    public let inflation: Double

    public private(set) var beliefs: Beliefs
    private var observation: Observation?
    private var negotiator: Negotiator?
    private var nextSeq: UInt32 = 0
    private var eliminated: Set<StateID> = []
    /// The same by position of the map's index: what the round's loops read.
    private var gone: [Bool]
    /// Wars others started against me, my allies or my neighbours, from my dispute history
    /// on (§3.4): what aims their intent at me.
    private var hostility = HostilityRecord()
    /// My allies, as the last observation showed them.
    private var allies: Set<StateID> = []
    /// The coalitions against me the last observation showed, to see which are new.
    private var standing: Set<PublicAlliance> = []
    public init(me: StateID, kind: PolicyKind, params: PolicyParameters, weights: ThreatWeights,
                geography: Geography, warDecisiveness: Double, seed: UInt64, peers: [StateID], inflation: Double = 1,
                history: HostilityRecord = HostilityRecord()) {
        self.me = me
        self.kind = kind
        self.params = params
        self.weights = weights
        self.geography = geography
        self.warDecisiveness = warDecisiveness
        self.seed = seed
        self.peers = peers
        peerSet = Set(peers)
        peerPositions = peers.map { geography.index.position(of: $0) }
        var isPeer = [Bool](repeating: false, count: geography.index.count)
        for case let p? in peerPositions { isPeer[p] = true }
        self.isPeer = isPeer
        gone = Array(repeating: false, count: geography.index.count)
        self.inflation = inflation
        hostility = history
        beliefs = Beliefs(index: geography.index)
    }

    /// True once the coordinator reports this state eliminated: it then stays silent.
    public var isEliminated: Bool { eliminated.contains(me) }

    /// observe: take in the round's private observation.
    public func observe(_ o: Observation) {
        // The list changes a few times a run: the set and the table are made again only then.
        if o.eliminated != observation?.eliminated {
            eliminated = Set(o.eliminated)
            gone = Array(repeating: false, count: geography.index.count)
            for id in o.eliminated { if let p = geography.index.position(of: id) { gone[p] = true } }
        }
        allies = Set(o.alliances.filter { $0.members.contains(me) }.flatMap(\.members)).subtracting([me])
        // A coalition against me is seen the round after it formed: new in this observation.
        for a in o.alliances where a.against == me && !standing.contains(a) {
            hostility.record(coalition: a.members, against: me, observer: me)
        }
        standing = Set(o.alliances.filter { $0.against == me })
        // Each war is public in exactly one observation: the round after it started.
        for war in o.wars {
            guard let attacker = war.attackers.first, let defender = war.defenders.first else { continue }
            hostility.record(attacker: attacker, defender: defender, observer: me, allies: allies, geography: geography)
        }
        beliefs.observe(o.seen, gone: eliminated)
        observation = o
        negotiator = nil
    }

    /// The threats as the state now sees them, highest first.
    /// - Parameter top: only the first `top` (nil: every state it knows of).
    public func perceivedThreats(top: Int? = nil) -> [ThreatScore] {
        // An id off the map (a hostile peer's report can name one) takes the general path.
        if beliefs.offMap.keys.contains(where: { !eliminated.contains($0) }) {
            let all = lens.ranked(beliefs.attributes.filter { !eliminated.contains($0.key) })
            return top.map { Array(all.prefix($0)) } ?? all
        }
        // The beliefs are kept by position of the map's index (init).
        var byPosition = beliefs.byPosition.map { $0?.attributes }
        for p in byPosition.indices where gone[p] { byPosition[p] = nil }
        return lens.ranked(byPosition: byPosition, top: top)
    }

    /// How this state scores threats: with what it has seen done to it and its allies.
    var lens: ThreatLens { ThreatLens(observer: me, record: hostility, allies: allies, geography: geography, weights: weights) }

    func reported(_ threats: [ThreatScore]) -> [ReportedThreat] {
        threats.prefix(params.assessmentSize).map {
            ReportedThreat(target: $0.target, score: $0.score,
                           estimate: beliefs[$0.target] ?? Estimate(attributes: Attributes(power: 0, offense: 0, aggressiveness: 0), confidence: 0))
        }
    }

    /// assess: tell every live peer the top threats as this state sees them. A deceiver
    /// inflates the power of its main threat, so the threat it wants balanced looks bigger.
    /// - Returns: the letters to send, and the state's own belief (logged beside what was said).
    public func assess() -> (letters: [Letter], belief: [ReportedThreat]) {
        guard !isEliminated else { return ([], []) }
        let belief = reported(perceivedThreats(top: params.assessmentSize))
        let said = inflation == 1 ? belief : inflated(belief)
        let letters = livePeers.map { peer -> Letter in
            defer { nextSeq += 1 }
            return Letter(sender: me, receiver: peer, seq: nextSeq, body: .assessment(said))
        }
        return (letters, belief)
    }

    /// The assessment a deceiver sends: its main threat's reported power (and score) inflated.
    func inflated(_ belief: [ReportedThreat]) -> [ReportedThreat] {
        guard var main = belief.first else { return belief }
        main.estimate.attributes.power *= inflation
        main.score = lens.threat(of: main.target, main.estimate.attributes).score
        return [main] + belief.dropFirst()
    }

    var livePeers: [StateID] {
        peers.indices.compactMap { k in
            let out = peerPositions[k].map { gone[$0] } ?? eliminated.contains(peers[k])
            return out ? nil : peers[k]
        }
    }

    /// negotiate: the first step fuses the peers' assessments and decides the stance;
    /// every step answers offers and makes new ones.
    public func negotiate(step: Int, inbox: [Letter]) -> [Letter] {
        guard !isEliminated, let o = observation else { return [] }
        let inbox = accepted(inbox)
        if negotiator == nil {
            let ctx = context(o, assessments: inbox)
            negotiator = Negotiator(context: ctx, decision: decide(ctx))
        }
        return negotiator!.step(inbox: inbox, makeOffers: true, nextSeq: &nextSeq)
    }

    /// commit: answer the last offers by committing, and list every alliance the state consents to.
    public func commit(inbox: [Letter]) -> (decision: Decision?, commitments: [Commitment]) {
        guard !isEliminated, negotiator != nil else { return (nil, []) }
        _ = negotiator!.step(inbox: accepted(inbox), makeOffers: false, nextSeq: &nextSeq)
        var seen: Set<StateID> = []
        let unique = negotiator!.commitments().filter { seen.insert($0.partner).inserted }
        return (negotiator!.decision, unique)
    }

    /// Letters from anyone but the peers this state was given are ignored.
    /// One pass finds both that every letter is a peer's and that the inbox is in canonical
    /// order (ranks are the ids' order): then the inbox is kept as it came, uncopied.
    func accepted(_ inbox: [Letter]) -> [Letter] {
        let index = geography.index
        var lastRank = -1
        var lastSeq: UInt32 = 0
        for letter in inbox {
            guard letter.receiver == me, let p = index.position(of: letter.sender), isPeer[p] else { return filtered(inbox) }
            let rank = index.ranks[p]
            guard rank > lastRank || (rank == lastRank && letter.seq > lastSeq) else { return filtered(inbox) }
            (lastRank, lastSeq) = (rank, letter.seq)
        }
        return inbox
    }

    private func filtered(_ inbox: [Letter]) -> [Letter] {
        inbox.filter { $0.receiver == me && peerSet.contains($0.sender) }.canonicallyOrdered()
    }

    func context(_ o: Observation, assessments: [Letter]) -> PolicyContext {
        // Gathered by the target's position on the map (one dictionary entry a target, not
        // one look-up a report); targets off the map, if any, by id.
        let index = geography.index
        var byTarget = [[StateID]](repeating: [], count: index.count)
        var sharers: [StateID: [StateID]] = [:]
        for letter in assessments {
            guard case .assessment(let list) = letter.body else { continue }
            params.forEachMainThreat(list) { target in
                if let p = index.position(of: target) { byTarget[p].append(letter.sender) } else { sharers[target, default: []].append(letter.sender) }
            }
        }
        for p in byTarget.indices where !byTarget[p].isEmpty { sharers[index.ids[p]] = byTarget[p] }
        // Fused straight from the letters, in their order: no list of every report is made.
        let lists = assessments.lazy.compactMap { letter -> [ReportedThreat]? in
            guard case .assessment(let list) = letter.body else { return nil }
            return list
        }
        beliefs.fuse(lists.joined().filter { $0.target != self.me }, trust: params.trust)
        return PolicyContext(
            me: me, kind: kind, params: params, ownPower: o.own.power, threats: perceivedThreats(top: params.assessmentSize),
            beliefs: beliefs, allies: PublicAllies(o.alliances), wars: o.wars, sharers: sharers, geography: geography,
            warDecisiveness: warDecisiveness, random: SeededRandom(seed: seed, key: StreamKey("policy").with(me).with(o.round)),
            reachable: peerSet)
    }
}
