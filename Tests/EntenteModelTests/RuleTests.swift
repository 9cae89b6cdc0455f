import Testing
@testable import EntenteModel

/// A decision's rule travels as a code and its numbers; the words are rendered from them
/// (PROTOCOL.md §3.6, MODEL.md §6).
@Suite("Rules: codes and numbers, rendered in words")
struct RuleTests {
    @Test("each code renders the words of the log", arguments: [
        (Rule(.noThreat, [0.01, 0.004]), Stance.none, nil, "no threat above the floor 0.01 (highest 0.00): no side"),
        (Rule(.noThreat, [0.01]), .none, nil, "no threat above the floor 0.01 (highest none): no side"),
        (Rule(.alwaysBalance), .balance, "T", "always-balance policy: balance against T"),
        (Rule(.alwaysBandwagon), .bandwagon, "T", "always-bandwagon policy: bandwagon with T"),
        (Rule(.random, [0.3, 0.5]), .bandwagon, "T", "random policy (draw 0.30 vs 0.50): bandwagon with T"),
        (Rule(.warVictor, [0.91, 0.8]), .bandwagon, "T", "in war, T's side looks certain to win (p=0.91 ≥ 0.80): bandwagon with T"),
        (Rule(.weakNearAlone, [0.2, 0.5, 0.7, 1, 0.75]), .bandwagon, "T",
         "weak (0.20 of T's side), no ally available (0.70 of needed), threat adjacent (g=1.00): bandwagon with T"),
        (Rule(.waltBalance, [0.6, 0.5, 1, 0.5, 0.75]), .balance, "T",
         "not weak (0.60 of T's side), allies available (1.00 of needed), threat distant (g=0.50): balance against T"),
        (Rule(.ownRule, [0.42, 1.7]), .balance, "T", "the state's own rule (0.42, 1.70): balance against T"),
        (Rule(.ownRule), .none, nil, "the state's own rule (no numbers): no side"),
    ] as [(Rule, Stance, StateID?, String)])
    func words(rule: Rule, stance: Stance, threat: StateID?, text: String) {
        #expect(rule.text(stance: stance, threat: threat) == text)
        #expect(rule.code.numberCounts.contains(rule.numbers.count))
    }

    @Test("Walt's policy reports the code and numbers it compared")
    func waltReportsNumbers() {
        let g = Fixture.geography(["WEK", "BIG"], [Border("WEK", "BIG")])
        let d = decide(Fixture.context(me: "WEK", power: 0.05, beliefs: ["BIG": Fixture.attributes(0.6)], geography: g))
        #expect(d.rule.code == .weakNearAlone && d.stance == .bandwagon)
        // own 0.05 against BIG's 0.6 (g = 1): ratio and allies' ratio both 0.05/0.6.
        #expect(d.rule.numbers == [0.05 / 0.6, 0.5, 0.05 / 0.6, 1, 0.75])
        #expect(d.ruleText.hasPrefix("weak (0.08 of BIG's side), no ally available (0.08 of needed)"))
    }
}
