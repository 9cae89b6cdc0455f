/// One state's side of a round's negotiation: which offers it makes, which it accepts,
/// and what it commits to. Pure: the same inbox always gives the same answers.
public struct Negotiator: Sendable {
    public let context: PolicyContext
    public let decision: Decision
    /// Offers this state made and still awaits an answer to: seq → receiver.
    private(set) var pending: [UInt32: (receiver: StateID, kind: OfferKind, aimedAt: StateID?)] = [:]
    private(set) var offeredTo: Set<StateID> = []
    /// Agreed this round, in the order agreed.
    public private(set) var agreed: [Commitment] = []

    /// The state's allies as the round began: asked at every offer and answer, found once.
    let currentAllies: Set<StateID>

    public init(context: PolicyContext, decision: Decision) {
        self.context = context
        self.decision = decision
        currentAllies = context.allies[context.me]
    }

    var me: StateID { context.me }
    var params: PolicyParameters { context.params }
    var room: Int { params.maxAllies - currentAllies.count - agreed.count }

    /// One negotiation step: answer the offers and responses in `inbox` (canonical order),
    /// then make new offers if the stance calls for them.
    /// - Parameter makeOffers: false at commit time, when no answer could come back.
    /// - Returns: what to send, with the sequence numbers to use drawn from `nextSeq`.
    public mutating func step(inbox: [Letter], makeOffers: Bool, nextSeq: inout UInt32) -> [Letter] {
        var out: [Letter] = []
        func send(_ to: StateID, _ body: PeerBody) -> UInt32 {
            let seq = nextSeq
            nextSeq += 1
            out.append(Letter(sender: me, receiver: to, seq: seq, body: body))
            return seq
        }
        for letter in inbox {
            switch letter.body {
            case .assessment:
                continue
            case .accept(let seq):
                // Only the receiver of an offer can accept it.
                guard let offer = pending[seq], offer.receiver == letter.sender else { continue }
                pending[seq] = nil
                guard !isPartner(letter.sender) else { continue }
                agreed.append(Commitment(partner: letter.sender, kind: offer.kind, aimedAt: offer.aimedAt, offeredBy: me))
            case .reject(let seq, _):
                if pending[seq]?.receiver == letter.sender { pending[seq] = nil }
            case .offer(let kind, let aimedAt):
                let (ok, reason) = answer(from: letter.sender, kind: kind, aimedAt: aimedAt)
                if ok {
                    // Crossed offers: the two states offered each other; this acceptance settles both.
                    pending = pending.filter { $0.value.receiver != letter.sender }
                    agreed.append(Commitment(partner: letter.sender, kind: kind, aimedAt: aimedAt, offeredBy: letter.sender))
                    if makeOffers { _ = send(letter.sender, .accept(offer: letter.seq)) }
                } else if makeOffers, let reason {
                    _ = send(letter.sender, .reject(offer: letter.seq, reason: reason))
                }
            }
        }
        guard makeOffers, let threat = decision.threat else { return out }
        switch decision.stance {
        case .balance:
            let open = params.maxOffers - pending.count
            let targets = context.willingPartners(against: threat)
                .filter { !offeredTo.contains($0) && !isPartner($0) }
                .prefix(max(0, min(open, room - pending.count)))
            for partner in targets {
                let seq = send(partner, .offer(kind: .balance, aimedAt: threat))
                pending[seq] = (partner, .balance, threat)
                offeredTo.insert(partner)
            }
        case .bandwagon:
            // A state can only offer to a peer it may talk to.
            if !offeredTo.contains(threat), !isPartner(threat), !currentAllies.contains(threat), room > 0, context.canReach(threat) {
                let seq = send(threat, .offer(kind: .bandwagon, aimedAt: nil))
                pending[seq] = (threat, .bandwagon, nil)
                offeredTo.insert(threat)
            }
        case .none:
            break
        }
        return out
    }

    func isPartner(_ id: StateID) -> Bool { agreed.contains { $0.partner == id } }

    /// Whether to accept an offer, and why not.
    func answer(from sender: StateID, kind: OfferKind, aimedAt: StateID?) -> (accept: Bool, reason: RejectReason?) {
        if currentAllies.contains(sender) || isPartner(sender) { return (false, .alreadyAllied) }
        // Offers awaiting an answer may still be accepted: they hold their place.
        // (An offer of mine to this very sender is settled by accepting: it holds no extra place.)
        if room - pending.values.filter({ $0.receiver != sender }).count <= 0 { return (false, .noRoom) }
        if decision.threat == sender {
            return decision.stance == .bandwagon ? (true, nil) : (false, .youAreMyMainThreat)
        }
        // A balancing state never joins the side of the threat it balances against.
        if decision.stance == .balance, let t = decision.threat, context.isOnSide(of: sender, t) {
            return (false, .onSideOf(t))
        }
        switch kind {
        case .bandwagon:
            return (true, nil)
        case .balance:
            guard let target = aimedAt, target != me else { return (false, .aimedAtMe) }
            if decision.stance == .bandwagon, decision.threat == target { return (false, .iAlignWith(target)) }
            if context.isOnSide(of: target, sender) { return (false, .onSideOf(target)) }
            return params.mainThreats(decision.threats).contains(target) ? (true, nil) : (false, .notAMainThreat(target))
        }
    }

    /// What the state commits to: the alliances agreed, plus its unanswered offers
    /// (the receiver may have accepted them at commit time; consent must be mutual).
    public func commitments() -> [Commitment] {
        agreed + pending.sorted { $0.key < $1.key }.map {
            Commitment(partner: $0.value.receiver, kind: $0.value.kind, aimedAt: $0.value.aimedAt, offeredBy: me)
        }
    }
}
