/// Which way a state leans this round.
public enum Stance: String, Sendable, Equatable {
    /// Ally with others against the main threat.
    case balance
    /// Align with the main threat.
    case bandwagon
    /// Take no side (no threat worth it).
    case none
}

/// What a state decided this round and why, in words a researcher can read in the log.
public struct Decision: Equatable, Sendable {
    public var stance: Stance
    /// The perceived main threat, when one is above the floor.
    public var threat: StateID?
    /// The rule that fired and its numbers; `ruleText` puts them in words.
    public var rule: Rule
    /// The top perceived threats, with their four components.
    public var threats: [ThreatScore]

    /// The rule in words, as the log shows it.
    public var ruleText: String { rule.text(stance: stance, threat: threat) }

    public init(stance: Stance, threat: StateID?, rule: Rule, threats: [ThreatScore]) {
        self.stance = stance
        self.threat = threat
        self.rule = rule
        self.threats = threats
    }
}

/// A war as every state sees it: who fights on which side.
public struct PublicWar: Equatable, Sendable {
    public var attackers: [StateID]
    public var defenders: [StateID]

    public init(attackers: [StateID], defenders: [StateID]) {
        self.attackers = attackers
        self.defenders = defenders
    }
}

/// Everything a policy may look at: the state's own view, nothing of the ground truth.
public struct PolicyContext: Sendable {
    public var me: StateID
    public var kind: PolicyKind
    public var params: PolicyParameters
    /// Own true power (a state knows itself).
    public var ownPower: Double
    /// Perceived threats, highest first: the agent passes the first `assessmentSize`, all
    /// a decision reads (its main threat and the top it logs).
    public var threats: [ThreatScore]
    /// Perceived attributes of the others.
    public var beliefs: Beliefs
    /// Public alliances: each state's allies.
    public var allies: PublicAllies
    public var wars: [PublicWar]
    /// Peers that reported sharing a threat: target → peers whose top reported threats name it.
    public var sharers: [StateID: [StateID]]
    public var geography: Geography
    /// How decisive wars are (`k` of `winProbability`), public knowledge.
    public var warDecisiveness: Double
    /// The stream the random policy draws from (seed, state, round).
    public var random: SeededRandom
    /// The states this one can send letters to; nil: every state.
    public var reachable: Set<StateID>?

    public init(me: StateID, kind: PolicyKind, params: PolicyParameters, ownPower: Double, threats: [ThreatScore],
                beliefs: Beliefs, allies: PublicAllies, wars: [PublicWar],
                sharers: [StateID: [StateID]], geography: Geography, warDecisiveness: Double, random: SeededRandom,
                reachable: Set<StateID>? = nil) {
        self.me = me
        self.kind = kind
        self.params = params
        self.ownPower = ownPower
        self.threats = threats
        self.beliefs = beliefs
        self.allies = allies
        self.wars = wars
        self.sharers = sharers
        self.geography = geography
        self.warDecisiveness = warDecisiveness
        self.random = random
        self.reachable = reachable
    }

    public func canReach(_ id: StateID) -> Bool { reachable?.contains(id) ?? true }

    func power(_ id: StateID) -> Double { id == me ? ownPower : beliefs[id]?.attributes.power ?? 0 }

    /// A state and its allies: the side one joins by allying with it.
    public func side(of id: StateID) -> Set<StateID> { allies[id].union([id]) }

    /// Whether `x` is on the side of `id`: the state itself or one of its allies.
    public func isOnSide(of id: StateID, _ x: StateID) -> Bool { x == id || allies.allied(id, x) }

    /// Partners that would balance with me against `threat`: they share it, and are neither
    /// on its side nor already my allies.
    public func willingPartners(against threat: StateID) -> [StateID] {
        (sharers[threat] ?? [])
            .filter { $0 != me && !isOnSide(of: threat, $0) && !allies.allied(me, $0) && canReach($0) }
            .map { (id: $0, power: power($0)) }
            .sorted { $0.power != $1.power ? $0.power > $1.power : $0.id < $1.id }
            .map(\.id)
    }
}

/// Decides the round's stance for the state's policy.
public func decide(_ ctx: PolicyContext) -> Decision {
    var ctx = ctx
    let top = Array(ctx.threats.prefix(ctx.params.assessmentSize))
    guard let main = ctx.threats.first, main.score >= ctx.params.threatFloor else {
        return Decision(stance: .none, threat: nil, rule: Rule(.noThreat, [ctx.params.threatFloor] + ctx.threats.prefix(1).map(\.score)), threats: top)
    }
    let t = main.target
    switch ctx.kind {
    case .alwaysBalance:
        return Decision(stance: .balance, threat: t, rule: Rule(.alwaysBalance), threats: top)
    case .alwaysBandwagon:
        return Decision(stance: .bandwagon, threat: t, rule: Rule(.alwaysBandwagon), threats: top)
    case .random:
        let draw = ctx.random.uniform()
        let bandwagon = draw < ctx.params.randomBandwagon
        return Decision(stance: bandwagon ? .bandwagon : .balance, threat: t, rule: Rule(.random, [draw, ctx.params.randomBandwagon]),
                        threats: top)
    case .walt:
        return waltDecision(ctx, threat: main, top: top)
    }
}

/// Walt: balance is the rule; bandwagon when weak, isolated and next to an overwhelming
/// threat, or in war once the threat's side looks certain to win.
func waltDecision(_ ctx: PolicyContext, threat main: ThreatScore, top: [ThreatScore]) -> Decision {
    let p = ctx.params
    let t = main.target
    let theirSide = ctx.side(of: t)
    // Power counts as far as it reaches: T's side by its proximity to me, my helpers by
    // theirs to T (power projection decays with distance, both ways; docs/MODEL.md §6.1).
    // Sums run in id order: a Set's order differs between processes, and so would the last bits.
    let theirPower = theirSide.sorted().reduce(0) { $0 + ctx.power($1) * ctx.geography.proximity($1, ctx.me) }

    let g = ctx.geography.proximity(ctx.me, t)
    let near = g >= p.nearProximity
    let ratio = ctx.ownPower / max(theirPower, Rule.ratioFloor)
    let weak = ratio < p.weakRatio
    // The war concerns a state that fights in one, or whose threat fights next to it;
    // a bystander of a distant war has no victor to join. And it is the weak that join a
    // certain victor: a strong state can still turn the war (Walt 1987, ch. 2: the weaker
    // the state, the more likely it bandwagons).
    let atWar = ctx.wars.contains { $0.attackers.contains(ctx.me) || $0.defenders.contains(ctx.me) }
    if p.warBandwagon >= 0.5, weak, !theirSide.contains(ctx.me), atWar || near,
       let war = ctx.wars.first(where: { $0.attackers.contains(t) || $0.defenders.contains(t) }) {
        let tSide = war.attackers.contains(t) ? war.attackers : war.defenders
        let other = war.attackers.contains(t) ? war.defenders : war.attackers
        let win = winProbability(tSide.reduce(0) { $0 + ctx.power($1) }, against: other.reduce(0) { $0 + ctx.power($1) },
                                 decisiveness: ctx.warDecisiveness)
        if win >= p.certainVictory {
            return Decision(stance: .bandwagon, threat: t, rule: Rule(.warVictor, [win, p.certainVictory]), threats: top)
        }
    }

    let mine = ctx.allies[ctx.me].subtracting(theirSide)
    // An ally helps only as far as its power reaches the threat: weighted by its proximity to T.
    func help(_ k: StateID) -> Double { ctx.power(k) * ctx.geography.proximity(k, t) }
    let available = ctx.ownPower + mine.sorted().reduce(0) { $0 + help($1) }
        + ctx.willingPartners(against: t).reduce(0) { $0 + help($1) }
    let alliesRatio = available / max(p.allyMargin * theirPower, Rule.ratioFloor)
    let numbers = [ratio, p.weakRatio, alliesRatio, g, p.nearProximity]
    if weak && near && alliesRatio < 1 {
        return Decision(stance: .bandwagon, threat: t, rule: Rule(.weakNearAlone, numbers), threats: top)
    }
    return Decision(stance: .balance, threat: t, rule: Rule(.waltBalance, numbers), threats: top)
}

/// Two decimals, locale-free and deterministic.
func format2(_ x: Double) -> String {
    guard x.isFinite else { return x > 0 ? "inf" : "-inf" }
    guard abs(x) < 1e13 else { return "\(x)" }
    let scaled = (x * 100).rounded()
    let sign = scaled < 0 ? "-" : ""
    let v = Int(abs(scaled))
    let frac = v % 100
    return "\(sign)\(v / 100).\(frac < 10 ? "0" : "")\(frac)"
}
