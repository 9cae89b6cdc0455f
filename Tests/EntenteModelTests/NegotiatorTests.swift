import Testing
@testable import EntenteModel

@Suite("Negotiation: offers, answers and commitments (MODEL.md §6)")
struct NegotiatorTests {
    let geography = Fixture.geography(["A", "B", "T"], [Border("A", "T"), Border("B", "T")])
    let beliefs: [StateID: Attributes] = ["T": Fixture.attributes(0.5, offense: 0.8, aggressiveness: 0.8), "A": Fixture.attributes(0.3), "B": Fixture.attributes(0.3)]

    @Test("two states sharing a threat agree an alliance aimed at it")
    func offerAndAccept() {
        let ctxA = Fixture.context(me: "A", power: 0.3, beliefs: beliefs, geography: geography, sharers: ["T": ["B"]])
        let ctxB = Fixture.context(me: "B", power: 0.3, beliefs: beliefs, geography: geography, sharers: ["T": ["A"]])
        var a = Negotiator(context: ctxA, decision: decide(ctxA))
        var b = Negotiator(context: ctxB, decision: decide(ctxB))
        var seqA: UInt32 = 0, seqB: UInt32 = 100
        let fromA = a.step(inbox: [], makeOffers: true, nextSeq: &seqA)
        let fromB = b.step(inbox: [], makeOffers: true, nextSeq: &seqB)
        #expect(fromA.count == 1 && fromA[0].body == .offer(kind: .balance, aimedAt: "T"))
        // Crossed offers: each accepts the other's.
        let replyB = b.step(inbox: fromA, makeOffers: true, nextSeq: &seqB)
        let replyA = a.step(inbox: fromB, makeOffers: true, nextSeq: &seqA)
        _ = a.step(inbox: replyB, makeOffers: false, nextSeq: &seqA)
        _ = b.step(inbox: replyA, makeOffers: false, nextSeq: &seqB)
        #expect(a.commitments().map(\.partner) == ["B"])
        #expect(b.commitments().map(\.partner) == ["A"])
    }

    @Test("a state refuses an alliance with its own main threat unless it bandwagons")
    func refusesItsThreat() {
        let ctx = Fixture.context(me: "A", power: 0.3, beliefs: beliefs, geography: geography, sharers: ["T": ["B"]])
        let n = Negotiator(context: ctx, decision: decide(ctx))
        #expect(n.answer(from: "T", kind: .balance, aimedAt: "B").0 == false)
        let bandwagoner = Negotiator(context: ctx, decision: Decision(stance: .bandwagon, threat: "T", rule: Rule(.alwaysBandwagon), threats: ctx.threats))
        #expect(bandwagoner.answer(from: "T", kind: .balance, aimedAt: "B").0 == true)
    }

    @Test("a balancing state refuses an offer that would put it on its threat's side")
    func refusesThreatsSide() {
        // C is T's ally: joining C would join T.
        let ctx = Fixture.context(me: "A", power: 0.3, beliefs: beliefs.merging(["C": Fixture.attributes(0.1)]) { a, _ in a },
                                  geography: geography, allies: ["C": ["T"], "T": ["C"]], sharers: ["T": ["B"]])
        let n = Negotiator(context: ctx, decision: decide(ctx))
        #expect(n.decision.stance == .balance)
        let (ok, reason) = n.answer(from: "C", kind: .balance, aimedAt: "B")
        #expect(!ok)
        #expect(reason == .onSideOf("T"))
        #expect(n.answer(from: "C", kind: .bandwagon, aimedAt: nil).0 == false)
    }

    @Test("with room for one ally, two states that offer each other still agree")
    func crossedOffersWithOnePlace() {
        var params = PolicyParameters()
        params.maxAllies = 1
        let ctxA = Fixture.context(me: "A", power: 0.3, beliefs: beliefs, geography: geography, sharers: ["T": ["B"]], params: params)
        let ctxB = Fixture.context(me: "B", power: 0.3, beliefs: beliefs, geography: geography, sharers: ["T": ["A"]], params: params)
        var a = Negotiator(context: ctxA, decision: decide(ctxA)), b = Negotiator(context: ctxB, decision: decide(ctxB))
        var seqA: UInt32 = 0, seqB: UInt32 = 100
        let fromA = a.step(inbox: [], makeOffers: true, nextSeq: &seqA)
        let fromB = b.step(inbox: [], makeOffers: true, nextSeq: &seqB)
        _ = a.step(inbox: fromB, makeOffers: false, nextSeq: &seqA)
        _ = b.step(inbox: fromA, makeOffers: false, nextSeq: &seqB)
        #expect(a.commitments().map(\.partner) == ["B"])
        #expect(b.commitments().map(\.partner) == ["A"])
    }

    @Test("only the receiver of an offer can accept or reject it")
    func misaddressedAnswers() {
        let ctx = Fixture.context(me: "A", power: 0.3, beliefs: beliefs, geography: geography, sharers: ["T": ["B"]])
        var n = Negotiator(context: ctx, decision: decide(ctx))
        var seq: UInt32 = 0
        let offer = n.step(inbox: [], makeOffers: true, nextSeq: &seq)[0]
        let forged = [Letter(sender: "T", receiver: "A", seq: 7, body: .reject(offer: offer.seq, reason: .noRoom)),
                      Letter(sender: "T", receiver: "A", seq: 8, body: .accept(offer: offer.seq))]
        _ = n.step(inbox: forged, makeOffers: false, nextSeq: &seq)
        #expect(n.agreed.isEmpty)
        _ = n.step(inbox: [Letter(sender: "B", receiver: "A", seq: 1, body: .accept(offer: offer.seq))], makeOffers: false, nextSeq: &seq)
        #expect(n.agreed.map(\.partner) == ["B"])
    }

    @Test("offers awaiting an answer count against max_allies")
    func pendingOffersHoldTheirPlace() {
        var params = PolicyParameters()
        params.maxAllies = 1
        let ctx = Fixture.context(me: "A", power: 0.3, beliefs: beliefs, geography: geography, sharers: ["T": ["B"]], params: params)
        var n = Negotiator(context: ctx, decision: decide(ctx))
        var seq: UInt32 = 0
        let offers = n.step(inbox: [], makeOffers: true, nextSeq: &seq)
        #expect(offers.count == 1)
        // With its one place held by the pending offer, A refuses a third party's offer.
        #expect(n.answer(from: "C", kind: .bandwagon, aimedAt: nil) == (false, .noRoom))
    }
}
