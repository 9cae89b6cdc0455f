/// The rule of a state's policy that fired (docs/MODEL.md §6), with the numbers it compared.
/// A state reports the code and the numbers; the words in the log are rendered from them
/// (`text`), so a state written in another language reproduces the log, and the digest,
/// from docs/PROTOCOL.md without our wording.
public struct Rule: Equatable, Sendable {
    /// The wire codes (docs/PROTOCOL.md §3.6); each takes a fixed list of numbers.
    public enum Code: UInt8, CaseIterable, Sendable {
        /// No threat reaches the floor: [threat_floor] or [threat_floor, highest score].
        case noThreat = 0
        /// []
        case alwaysBalance = 1
        /// []
        case alwaysBandwagon = 2
        /// [draw, random_bandwagon]: bandwagon when the draw is below.
        case random = 3
        /// [T's side's win probability, certain_victory].
        case warVictor = 4
        /// Walt's three conditions, all met (bandwagon) or not (balance):
        /// [ratio, weak_ratio, allies' ratio of needed, g(i,T), near_proximity].
        case weakNearAlone = 5
        case waltBalance = 6
        /// A rule of the state's own program (a policy of the agent kit's, docs/AGENTS.md):
        /// up to `ownRuleNumbers` numbers it compared, its stance whichever it chose.
        case ownRule = 7

        /// The code's name in the log (`rule_code`).
        public var name: String {
            switch self {
            case .noThreat: "no-threat"
            case .alwaysBalance: "always-balance"
            case .alwaysBandwagon: "always-bandwagon"
            case .random: "random"
            case .warVictor: "war-victor"
            case .weakNearAlone: "weak-near-alone"
            case .waltBalance: "walt-balance"
            case .ownRule: "own-rule"
            }
        }

        /// How many numbers the code carries (`noThreat`: 1 or 2).
        public var numberCounts: ClosedRange<Int> {
            switch self {
            case .noThreat: 1...2
            case .alwaysBalance, .alwaysBandwagon: 0...0
            case .random, .warVictor: 2...2
            case .weakNearAlone, .waltBalance: 5...5
            case .ownRule: 0...Rule.ownRuleNumbers
            }
        }
    }

    public var code: Code
    public var numbers: [Double]

    public init(_ code: Code, _ numbers: [Double] = []) {
        self.code = code
        self.numbers = numbers
    }

    /// At most this many numbers with `ownRule`.
    public static let ownRuleNumbers = 8

    /// The lower bound of a ratio's denominator, so that a ratio is always finite.
    public static let ratioFloor = 1e-12

    /// The rule in words, e.g. "weak (0.46 of AGG's side), allies available (1.40 of needed),
    /// threat adjacent (g=1.00): balance against AGG".
    public func text(stance: Stance, threat: StateID?) -> String {
        let n = numbers + Array(repeating: .nan, count: max(0, 5 - numbers.count))
        let t = threat ?? "?"
        let act = stance == .bandwagon ? "bandwagon with \(t)" : stance == .balance ? "balance against \(t)" : "no side"
        switch code {
        case .noThreat:
            return "no threat above the floor \(format2(n[0])) (highest \(numbers.count > 1 ? format2(n[1]) : "none")): no side"
        case .alwaysBalance: return "always-balance policy: \(act)"
        case .alwaysBandwagon: return "always-bandwagon policy: \(act)"
        case .random: return "random policy (draw \(format2(n[0])) vs \(format2(n[1]))): \(act)"
        case .warVictor: return "in war, \(t)'s side looks certain to win (p=\(format2(n[0])) ≥ \(format2(n[1]))): \(act)"
        case .ownRule:
            return "the state's own rule (\(numbers.isEmpty ? "no numbers" : numbers.map(format2).joined(separator: ", "))): \(act)"
        case .weakNearAlone, .waltBalance:
            let weak = n[0] < n[1] ? "weak" : "not weak"
            let allies = n[2] >= 1 ? "allies available" : "no ally available"
            let near = n[3] >= n[4] ? "threat adjacent" : "threat distant"
            return "\(weak) (\(format2(n[0])) of \(t)'s side), \(allies) (\(format2(n[2])) of needed), \(near) (g=\(format2(n[3]))): \(act)"
        }
    }
}
