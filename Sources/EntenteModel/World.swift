/// One state's ground truth.
public struct TrueState: Equatable, Sendable {
    public var attributes: Attributes
    public var eliminated = false
}

/// An alliance standing in the world, with what it was formed for (to know when it ends).
public struct Alliance: Equatable, Sendable {
    /// The two members, in id order.
    public var members: [StateID]
    public var formedRound: Int
    public var label: AllianceLabel
    /// For a balancing coalition: rounds in a row in which its target was neither member's main threat.
    public var roundsWithoutThreat = 0
    /// For a bandwagon: the senior's true threat to the junior when it formed.
    public var seniorThreatAtFormation: Double

    public init(_ a: StateID, _ b: StateID, round: Int, label: AllianceLabel, seniorThreat: Double = 0) {
        members = [a, b].sorted()
        formedRound = round
        self.label = label
        seniorThreatAtFormation = seniorThreat
    }

    public func contains(_ id: StateID) -> Bool { members.contains(id) }

    /// As every state sees it: members, and the target of a balancing coalition.
    public var `public`: PublicAlliance {
        if case .balancing(let x) = label { return PublicAlliance(members, against: x) }
        return PublicAlliance(members)
    }
}

/// A war under way: decided in the resolve phase after the one it started in, so the
/// states can see it (and bandwagon with a certain victor) in between.
public struct War: Equatable, Sendable {
    public var attacker: StateID
    public var defender: StateID
    public var startedRound: Int
}

/// Something that happened when the world moved.
public enum WorldEvent: Equatable, Sendable {
    case warStarted(attacker: StateID, defender: StateID, attackers: [StateID], defenders: [StateID], odds: Double)
    case warEnded(attacker: StateID, defender: StateID, winners: [StateID], losers: [StateID], attackerWinProbability: Double)
    case eliminated(StateID)
    case allianceDissolved(members: [StateID], label: AllianceLabel, reason: DissolutionReason)
}

/// The ground truth the coordinator holds: every state's true attributes, alliances, wars.
public struct World: Sendable {
    public let order: [StateID]
    /// By position of `geography.index` (scenario order); by id at the edges.
    public internal(set) var states: StateTable<TrueState>
    public private(set) var alliances: [Alliance] = []
    public internal(set) var wars: [War] = []
    /// Each state's record of the wars aimed at it, its allies or its neighbours, from the
    /// disputes before the scenario's date on (§3.4).
    public private(set) var hostility: [StateID: HostilityRecord] = [:]
    public let geography: Geography
    public let weights: ThreatWeights
    public internal(set) var params: WorldParameters

    public init(_ scenario: Scenario) {
        order = scenario.ids
        geography = Geography(scenario)
        let given = Dictionary(scenario.states.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        states = StateTable(geography.index) { id in
            let s = given[id]!
            return TrueState(attributes: Attributes(power: s.power, offense: s.offense, aggressiveness: s.aggressiveness))
        }
        weights = scenario.threat
        params = scenario.world
        for pair in scenario.alliances where !allied(pair[0], pair[1]) {
            alliances.append(Alliance(pair[0], pair[1], round: 0, label: .initial))
        }
        for id in order {
            let prior = scenario.priorHostility(of: id, geography: geography)
            if !prior.acts.isEmpty { hostility[id] = prior }
        }
    }

    public var live: [StateID] { states.values.indices.compactMap { states.values[$0].eliminated ? nil : order[$0] } }
    public func isLive(_ id: StateID) -> Bool { states[id]?.eliminated == false }
    public func power(_ id: StateID) -> Double { states[id]?.attributes.power ?? 0 }

    public func allies(of id: StateID) -> Set<StateID> {
        var out: Set<StateID> = []
        for a in alliances where a.contains(id) { out.formUnion(a.members) }
        out.remove(id)
        return out
    }

    public func allied(_ a: StateID, _ b: StateID) -> Bool {
        alliances.contains { $0.contains(a) && $0.contains(b) }
    }

    public var publicWars: [PublicWar] {
        warSides().map { PublicWar(attackers: $0.attackers, defenders: $0.defenders) }
    }

    /// A belligerent and its allies, less anyone also allied with the enemy (they sit out)
    /// and anyone in `busy` (already fighting elsewhere).
    func side(of leader: StateID, against enemy: StateID, busy: Set<StateID> = []) -> [StateID] {
        let enemySide = allies(of: enemy).union([enemy])
        return [leader] + allies(of: leader).filter { !enemySide.contains($0) && isLive($0) && !busy.contains($0) }.sorted()
    }

    /// The sides of each war under way, now: allies join, but no state fights in two wars
    /// (the earlier war, in start order, keeps it).
    func warSides() -> [(war: War, attackers: [StateID], defenders: [StateID])] {
        var busy: Set<StateID> = []
        var out: [(War, [StateID], [StateID])] = []
        for war in wars where isLive(war.attacker) && isLive(war.defender) && !busy.contains(war.attacker) && !busy.contains(war.defender) {
            let attackers = side(of: war.attacker, against: war.defender, busy: busy.union([war.defender]))
            let defenders = side(of: war.defender, against: war.attacker, busy: busy.union(attackers))
            busy.formUnion(attackers)
            busy.formUnion(defenders)
            out.append((war, attackers, defenders))
        }
        return out
    }

    func sidePower(_ side: [StateID]) -> Double { side.reduce(0) { $0 + power($1) } }

    // MARK: Changes

    public mutating func form(_ alliance: Alliance) {
        guard !allied(alliance.members[0], alliance.members[1]) else { return }
        alliances.append(alliance)
    }

    /// The resolve phase: wars started last round are decided, power drifts, aggressors may
    /// start new wars, and alliances whose purpose is gone dissolve. Every draw comes from the seed.
    /// - Parameter mainThreats: each state's perceived main threat this round (from its decision).
    public mutating func resolve(round: Int, seed: UInt64, mainThreats: [StateID: StateID] = [:]) -> [WorldEvent] {
        var events: [WorldEvent] = []
        let (decided, losers) = decideWars(round: round, seed: seed)
        events += decided
        driftPower(round: round, seed: seed)
        events += eliminate(losers)
        let started = startWars(round: round, seed: seed)
        events += started
        events += dissolveAlliances(mainThreats: mainThreats)
        // Recorded against the alliances standing now: those the states observe next round.
        // Each observer's allies found once, not once a war (each war is recorded in order).
        let wars = started.compactMap { e -> (StateID, StateID)? in
            if case .warStarted(let attacker, let defender, _, _, _) = e { (attacker, defender) } else { nil }
        }
        if !wars.isEmpty {
            for observer in live {
                let allies = allies(of: observer)
                for (attacker, defender) in wars {
                    hostility[observer, default: HostilityRecord()].record(attacker: attacker, defender: defender, observer: observer,
                                                                           allies: allies, geography: geography)
                }
            }
        }
        // Coalitions formed this round and still standing: their targets see them next round.
        for a in alliances where a.formedRound == round {
            if case .balancing(let target) = a.label {
                hostility[target, default: HostilityRecord()].record(coalition: a.members, against: target, observer: target)
            }
        }
        return events
    }

    /// - Returns: the events, and every state on a losing side.
    mutating func decideWars(round: Int, seed: UInt64) -> ([WorldEvent], Set<StateID>) {
        var events: [WorldEvent] = []
        var defeated: Set<StateID> = []
        for (war, attackers, defenders) in warSides() {
            let p = winProbability(sidePower(attackers), against: sidePower(defenders), decisiveness: params.warDecisiveness)
            var rng = SeededRandom(seed: seed, key: StreamKey("war").with(war.attacker).with(war.defender).with(round))
            let attackerWins = rng.uniform() < p
            let (winners, losers) = attackerWins ? (attackers, defenders) : (defenders, attackers)
            defeated.formUnion(losers)
            var spoils = 0.0
            for l in losers {
                let loss = power(l) * params.warCost
                states[l]!.attributes.power -= loss
                spoils += loss
            }
            let winnerPower = sidePower(winners)
            for w in winners where winnerPower > 0 {
                states[w]!.attributes.power += spoils * power(w) / winnerPower
            }
            let step = attackerWins ? params.aggressionStep : -params.aggressionStep
            states[war.attacker]!.attributes.aggressiveness = clamp01(states[war.attacker]!.attributes.aggressiveness + step)
            events.append(.warEnded(attacker: war.attacker, defender: war.defender, winners: winners, losers: losers,
                                    attackerWinProbability: p))
        }
        wars = []
        return (events, defeated)
    }

    mutating func driftPower(round: Int, seed: UInt64) {
        guard params.growthSD > 0 else { return }
        for id in live {
            var rng = SeededRandom(seed: seed, key: StreamKey("growth").with(id).with(round))
            states[id]!.attributes.power *= _exp(params.growthSD * rng.normal())
        }
        let total = live.reduce(0) { $0 + power($1) }
        guard total > 0 else { return }
        for id in live { states[id]!.attributes.power /= total }
    }

    /// Only defeat eliminates: a state that lost a war and fell below `eliminationPower`.
    mutating func eliminate(_ losers: Set<StateID>) -> [WorldEvent] {
        var events: [WorldEvent] = []
        for id in live where losers.contains(id) && power(id) < params.eliminationPower {
            states[id]!.eliminated = true
            events.append(.eliminated(id))
            for a in alliances where a.contains(id) {
                events.append(.allianceDissolved(members: a.members, label: a.label, reason: .memberEliminated(id)))
            }
            alliances.removeAll { $0.contains(id) }
        }
        return events
    }

    /// An aggressor attacks the adjacent non-ally whose side it most outweighs, if the odds
    /// are good enough and its seeded draw falls under `warChance · aggressiveness`.
    mutating func startWars(round: Int, seed: UInt64) -> [WorldEvent] {
        var events: [WorldEvent] = []
        var busy: Set<StateID> = []
        for id in live {
            let a = states[id]!.attributes
            guard a.aggressiveness >= params.warAggression, !busy.contains(id) else { continue }
            var rng = SeededRandom(seed: seed, key: StreamKey("war-start").with(id).with(round))
            guard rng.uniform() < params.warChance * a.aggressiveness else { continue }
            var best: (target: StateID, odds: Double)?
            // Reach first: most states are out of it, and it is the cheapest test.
            for target in live where target != id && geography.proximity(id, target) >= params.warReach
                && !busy.contains(target) && !allied(id, target) {
                let odds = sidePower(side(of: id, against: target, busy: busy))
                    / max(sidePower(side(of: target, against: id, busy: busy)), 1e-12)
                if odds >= params.warOdds, odds > (best?.odds ?? 0) { best = (target, odds) }
            }
            guard let (target, odds) = best else { continue }
            let attackers = side(of: id, against: target, busy: busy)
            let defenders = side(of: target, against: id, busy: busy.union(attackers))
            busy.formUnion(attackers)
            busy.formUnion(defenders)
            wars.append(War(attacker: id, defender: target, startedRound: round))
            states[id]!.attributes.aggressiveness = clamp01(a.aggressiveness + params.aggressionStep)
            events.append(.warStarted(attacker: id, defender: target, attackers: attackers, defenders: defenders, odds: odds))
        }
        return events
    }

    /// Balancing coalitions end when their threat is gone, or is no longer the main threat
    /// of either member for `dissolve_after` rounds in a row (the hysteresis keeps one noisy
    /// round from ending a commitment); bandwagons when the senior's threat to the junior
    /// has grown too serious.
    mutating func dissolveAlliances(mainThreats: [StateID: StateID]) -> [WorldEvent] {
        var events: [WorldEvent] = []
        var kept: [Alliance] = []
        for var a in alliances {
            var reason: DissolutionReason?
            switch a.label {
            case .balancing(let x):
                a.roundsWithoutThreat = a.members.contains { mainThreats[$0] == x } ? 0 : a.roundsWithoutThreat + 1
                if !isLive(x) {
                    reason = .threatGone(x)
                } else if a.roundsWithoutThreat >= params.dissolveAfter {
                    reason = .threatFaded(x, rounds: a.roundsWithoutThreat)
                }
            case .bandwagon(let x, _) where !isLive(x):
                reason = .seniorGone(x)
            case .bandwagon(let x, let junior):
                let now = trueThreat(of: x, to: junior)?.score ?? 0
                if now > params.betrayalRatio * a.seniorThreatAtFormation {
                    reason = .seniorThreatGrew(x, junior: junior, ratio: now / max(a.seniorThreatAtFormation, 1e-12))
                }
            case .initial, .mixed:
                break
            }
            if let reason {
                events.append(.allianceDissolved(members: a.members, label: a.label, reason: reason))
            } else {
                kept.append(a)
            }
        }
        alliances = kept
        return events
    }
}

func clamp01(_ x: Double) -> Double { min(1, max(0, x)) }
