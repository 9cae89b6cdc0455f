import Testing
@testable import EntenteModel

@Suite("Walt's policy: when states balance and when they bandwagon")
struct PolicyTests {
    // WEK borders the giant BIG; MDA and MDB lie beyond BIG.
    let geography = Fixture.geography(["WEK", "BIG", "MDA", "MDB", "FAR"],
                                      [Border("WEK", "BIG"), Border("BIG", "MDA"), Border("MDA", "MDB"), Border("MDB", "FAR")])
    let beliefs: [StateID: Attributes] = [
        "BIG": Fixture.attributes(0.6, offense: 0.8, aggressiveness: 0.8),
        "MDA": Fixture.attributes(0.3), "MDB": Fixture.attributes(0.3), "FAR": Fixture.attributes(0.05),
    ]

    @Test("a weak, isolated state next to an overwhelming threat bandwagons")
    func weakIsolatedAdjacentBandwagons() {
        let ctx = Fixture.context(me: "WEK", power: 0.05, beliefs: beliefs, geography: geography)
        let d = decide(ctx)
        #expect(d.threat == "BIG")
        #expect(d.stance == .bandwagon)
        #expect(d.ruleText.contains("weak") && d.ruleText.contains("no ally available") && d.ruleText.contains("adjacent"))
    }

    @Test("the same state with willing allies that reach the threat balances")
    func sameStateWithAlliesBalances() {
        var strong = beliefs
        strong["MDA"] = Fixture.attributes(0.6)
        let ctx = Fixture.context(me: "WEK", power: 0.05, beliefs: strong, geography: geography,
                                  sharers: ["BIG": ["MDA", "MDB", "FAR"]])
        let d = decide(ctx)
        #expect(d.stance == .balance)
        #expect(d.threat == "BIG")
        // 0.05 + 0.6·g(MDA,BIG)=1 + 0.3·0.5 + 0.05·0.25 = 0.8125 against BIG's 0.6.
        #expect(d.ruleText.contains("allies available (1.35 of needed)"), "\(d.ruleText)")
    }

    @Test("distant friends are no ally available: they help only as far as their power reaches the threat")
    func distantFriendsDoNotCount() {
        var far = beliefs
        far["MDB"] = Fixture.attributes(0.6)
        let ctx = Fixture.context(me: "WEK", power: 0.05, beliefs: far, geography: geography, sharers: ["BIG": ["MDB", "FAR"]])
        let d = decide(ctx)
        // Unweighted, 0.05 + 0.6 + 0.05 would match BIG's 0.6; two and three hops from BIG they bring 0.3 + 0.0125.
        #expect(d.stance == .bandwagon, "\(d.ruleText)")
        #expect(d.ruleText.contains("no ally available (0.60 of needed)"), "\(d.ruleText)")
    }

    @Test("a weak state whose threat is distant still balances")
    func distantThreatBalances() {
        let ctx = Fixture.context(me: "FAR", power: 0.05, beliefs: ["BIG": Fixture.attributes(0.6, offense: 1, aggressiveness: 1),
                                                                    "MDB": Fixture.attributes(0.01, offense: 0, aggressiveness: 0)],
                                  geography: geography)
        let d = decide(ctx)
        #expect(d.threat == "BIG")
        #expect(d.stance == .balance)
        #expect(d.ruleText.contains("distant"))
    }

    @Test("a strong state balances even when alone and adjacent")
    func strongBalances() {
        let ctx = Fixture.context(me: "MDA", power: 0.5, beliefs: beliefs, geography: geography)
        #expect(decide(ctx).stance == .balance)
    }

    /// MDB, two hops from BIG, watches BIG fight FAR; FAR fights; WEK borders BIG.
    func warContext(me: StateID, power: Double) -> PolicyContext {
        let war = PublicWar(attackers: ["BIG"], defenders: ["FAR"])
        var ctx = Fixture.context(me: me, power: power, beliefs: beliefs, geography: geography, sharers: ["BIG": ["MDA"]], wars: [war])
        ctx.threats = [ThreatScore(target: "BIG", components: ThreatComponents(power: 0.6, proximity: 0.5, offense: 1.8, intent: 1.3))]
        return ctx
    }

    @Test("in war, a weak state the war reaches bandwagons with the side that looks certain to win", arguments: ["FAR", "WEK"])
    func warBandwagonsWithCertainVictor(me: StateID) {
        var ctx = warContext(me: me, power: 0.05)
        let d = decide(ctx)
        #expect(d.stance == .bandwagon)
        #expect(d.ruleText.contains("in war"))

        var peace = PolicyParameters()
        peace.warBandwagon = 0
        ctx.params = peace
        #expect(!decide(ctx).ruleText.contains("in war"))
    }

    @Test("a strong state at war does not join the certain victor: it can still turn the war")
    func strongStateHoldsOut() {
        // FAR fights BIG; BIG's side bears on FAR with 0.6 · g 0.25 = 0.15, FAR has 0.15: not weak.
        let d = decide(warContext(me: "FAR", power: 0.15))
        #expect(d.rule.code != .warVictor, "\(d.ruleText)")
        #expect(d.stance == .balance)
    }

    @Test("a bystander of a distant war does not join its certain victor")
    func bystanderIgnoresWar() {
        // MDB is not at war and BIG is two hops away (g = 0.5 < near_proximity 0.75).
        let d = decide(warContext(me: "MDB", power: 0.15))
        #expect(!d.ruleText.contains("in war"), "\(d.ruleText)")
        #expect(d.stance == .balance)
    }

    @Test("rule texts print any ratio, however extreme, without trapping")
    func extremeRatios() {
        #expect(format2(0.256) == "0.26")
        #expect(format2(-1.5) == "-1.50")
        #expect(format2(1e30) == "1e+30")
        #expect(format2(.infinity) == "inf")
    }

    @Test("no threat above the floor: no side")
    func noThreatNoSide() {
        let ctx = Fixture.context(me: "FAR", power: 0.3, beliefs: ["BIG": Fixture.attributes(0.001, offense: 0, aggressiveness: 0)],
                                  geography: geography)
        let d = decide(ctx)
        #expect(d.stance == .none)
        #expect(d.threat == nil)
    }

    @Test("comparison policies do what their names say")
    func comparisonPolicies() {
        let balance = Fixture.context(me: "WEK", power: 0.05, beliefs: beliefs, geography: geography, kind: .alwaysBalance)
        #expect(decide(balance).stance == .balance)
        let bandwagon = Fixture.context(me: "MDA", power: 0.5, beliefs: beliefs, geography: geography, kind: .alwaysBandwagon)
        #expect(decide(bandwagon).stance == .bandwagon)
        var stances: Set<Stance> = []
        for seed in 0..<40 {
            var ctx = Fixture.context(me: "WEK", power: 0.05, beliefs: beliefs, geography: geography, kind: .random)
            ctx.random = SeededRandom(seed: UInt64(seed), purpose: "policy")
            stances.insert(decide(ctx).stance)
        }
        #expect(stances == [.balance, .bandwagon])
    }
}
