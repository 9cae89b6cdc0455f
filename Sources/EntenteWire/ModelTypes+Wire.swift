import EntenteModel

// Field-by-field encodings of the model's value types, in the order docs/PROTOCOL.md gives.

extension WireWriter {
    mutating func attributes(_ a: Attributes) { f64(a.power); f64(a.offense); f64(a.aggressiveness) }
    mutating func estimate(_ e: Estimate) { attributes(e.attributes); f64(e.confidence) }
    mutating func reportedThreat(_ r: ReportedThreat) { string(r.target); f64(r.score); estimate(r.estimate) }
    mutating func threatScore(_ t: ThreatScore) {
        string(t.target)
        f64(t.components.power); f64(t.components.proximity); f64(t.components.offense); f64(t.components.intent)
    }
    mutating func stance(_ s: Stance) { u8(s.code) }
    mutating func decision(_ d: Decision) {
        stance(d.stance); optionalString(d.threat); u8(d.rule.code.rawValue); array(d.rule.numbers) { $0.f64($1) }
        array(d.threats) { $0.threatScore($1) }
    }
    mutating func commitment(_ c: Commitment) { string(c.partner); u8(c.kind.code); optionalString(c.aimedAt); string(c.offeredBy) }
    mutating func letter(_ l: Letter) {
        string(l.sender); string(l.receiver); u32(l.seq)
        switch l.body {
        case .assessment(let list): u8(1); array(list) { $0.reportedThreat($1) }
        case .offer(let kind, let aimedAt): u8(2); u8(kind.code); optionalString(aimedAt)
        case .accept(let offer): u8(3); u32(offer)
        case .reject(let offer, let reason): u8(4); u32(offer); u8(reason.code); string(reason.state ?? "")
        }
    }
    mutating func observation(_ o: Observation) {
        u16(UInt16(clamping: o.round))
        attributes(o.own)
        array(o.seen) { w, s in w.string(s.state); w.estimate(s.estimate) }
        array(o.alliances) { w, a in w.array(a.members) { $0.string($1) }; w.optionalString(a.against) }
        array(o.wars) { w, war in w.array(war.attackers) { $0.string($1) }; w.array(war.defenders) { $0.string($1) } }
        array(o.eliminated) { $0.string($1) }
    }
}

extension WireReader {
    /// A state id (`isValidStateID`): a message naming anything else is refused.
    /// Checked as bytes first: a valid id is ASCII, so it needs no UTF-8 validation.
    mutating func id(_ f: String) throws -> StateID {
        let n = Int(try u16(f))
        guard let id = try plainID(n, f) else { throw WireError.invalidValue(field: f, detail: "not a state id (1 to 32 letters, digits, '_' or '-')") }
        return id
    }
    /// The next `n` bytes as an id, nil when they are not one: read in place (no slice of
    /// the buffer is retained for it; an id is read a few times a letter).
    private mutating func plainID(_ n: Int, _ f: String) throws -> StateID? {
        guard n <= remaining else { throw WireError.truncated(field: f) }
        defer { offset += n }
        return bytes.withUnsafeBufferPointer { p in
            let raw = UnsafeBufferPointer(rebasing: p[offset..<offset + n])
            return isValidStateID(utf8: raw) ? String(decoding: raw, as: UTF8.self) : nil
        }
    }
    mutating func optionalID(_ f: String) throws -> StateID? {
        try bool(f) ? try id(f) : nil
    }
    /// A state id, or the empty string for none (a problem's sender, a reject reason's state).
    mutating func idOrEmpty(_ f: String) throws -> StateID? {
        let n = Int(try u16(f))
        guard n > 0 else { return nil }
        guard let id = try plainID(n, f) else { throw WireError.invalidValue(field: f, detail: "not a state id (1 to 32 letters, digits, '_' or '-') nor empty") }
        return id
    }
    mutating func attributes(_ f: String) throws -> Attributes {
        Attributes(power: try finite("\(f).power"), offense: try finite("\(f).offense"), aggressiveness: try finite("\(f).aggressiveness"))
    }
    mutating func estimate(_ f: String) throws -> Estimate {
        Estimate(attributes: try attributes(f), confidence: try finite("\(f).confidence"))
    }
    mutating func reportedThreat() throws -> ReportedThreat {
        ReportedThreat(target: try id("threat.target"), score: try finite("threat.score"), estimate: try estimate("threat.estimate"))
    }
    mutating func threatScore() throws -> ThreatScore {
        let target = try id("threat.target")
        return ThreatScore(target: target, components: ThreatComponents(
            power: try finite("threat.power"), proximity: try finite("threat.proximity"),
            offense: try finite("threat.offense"), intent: try finite("threat.intent")))
    }
    mutating func stance(_ f: String) throws -> Stance {
        let code = try u8(f)
        guard let s = Stance(code: code) else { throw WireError.invalidValue(field: f, detail: "unknown stance \(code)") }
        return s
    }
    mutating func offerKind(_ f: String) throws -> OfferKind {
        let code = try u8(f)
        guard let k = OfferKind(code: code) else { throw WireError.invalidValue(field: f, detail: "unknown offer kind \(code) (1 balance, 2 bandwagon)") }
        return k
    }
    mutating func decision() throws -> Decision {
        Decision(stance: try stance("decision.stance"), threat: try optionalID("decision.threat"),
                 rule: try rule(),
                 threats: try array("decision.threats", minElementBytes: 34) { try $0.threatScore() })
    }
    mutating func rule() throws -> Rule {
        let raw = try u8("decision.rule")
        guard let code = Rule.Code(rawValue: raw) else { throw WireError.invalidValue(field: "decision.rule", detail: "unknown rule code \(raw)") }
        let numbers = try array("decision.numbers", minElementBytes: 8) { try $0.finite("decision.number") }
        guard code.numberCounts.contains(numbers.count) else {
            throw WireError.invalidValue(field: "decision.numbers", detail: "rule \(code.name) takes \(code.numberCounts) numbers, got \(numbers.count)")
        }
        return Rule(code, numbers)
    }
    mutating func commitment() throws -> Commitment {
        Commitment(partner: try id("commitment.partner"), kind: try offerKind("commitment.kind"),
                   aimedAt: try optionalID("commitment.aimedAt"), offeredBy: try id("commitment.offeredBy"))
    }
    mutating func letter() throws -> Letter {
        let sender = try id("letter.sender")
        let receiver = try id("letter.receiver")
        let seq = try u32("letter.seq")
        let body: PeerBody
        switch try u8("letter.kind") {
        case 1: body = .assessment(try array("assessment", minElementBytes: 42) { try $0.reportedThreat() })
        case 2: body = .offer(kind: try offerKind("offer.kind"), aimedAt: try optionalID("offer.aimedAt"))
        case 3: body = .accept(offer: try u32("accept.offer"))
        case 4:
            let offer = try u32("reject.offer"), code = try u8("reject.reason"), state = try idOrEmpty("reject.state")
            guard let reason = RejectReason(code: code, state: state) else {
                throw WireError.invalidValue(field: "reject.reason", detail: "unknown reason \(code) or a state where it takes none (or none where it takes one)")
            }
            body = .reject(offer: offer, reason: reason)
        case let k: throw WireError.invalidValue(field: "letter.kind", detail: "unknown letter kind \(k)")
        }
        return Letter(sender: sender, receiver: receiver, seq: seq, body: body)
    }
    mutating func observation() throws -> Observation {
        let round = Int(try u16("observation.round"))
        let own = try attributes("observation.own")
        let seen = try array("observation.seen", minElementBytes: 34) { r in
            Sighting(try r.id("observation.seen.id"), try r.estimate("observation.seen"))
        }
        // Encoders list them in id order; any other order is accepted, a repeated id is not.
        if !zip(seen, seen.dropFirst()).allSatisfy({ $0.state < $1.state }) {
            var ids = Set<StateID>()
            for s in seen where !ids.insert(s.state).inserted {
                throw WireError.invalidValue(field: "observation.seen", detail: "state \(s.state) listed twice")
            }
        }
        let alliances = try array("observation.alliances", minElementBytes: 5) { r in
            PublicAlliance(try r.array("alliance", minElementBytes: 2) { try $0.id("alliance.member") },
                           against: try r.optionalID("alliance.against"))
        }
        let wars = try array("observation.wars", minElementBytes: 8) { r in
            PublicWar(attackers: try r.array("war.attackers", minElementBytes: 2) { try $0.id("war.attacker") },
                      defenders: try r.array("war.defenders", minElementBytes: 2) { try $0.id("war.defender") })
        }
        let eliminated = try array("observation.eliminated", minElementBytes: 2) { try $0.id("eliminated") }
        return Observation(round: round, own: own, seen: seen, alliances: alliances, wars: wars, eliminated: eliminated)
    }
}

extension OfferKind {
    /// Stance's codes: an offer is a balance or a bandwagon, never "no side".
    var code: UInt8 { self == .balance ? Stance.balance.code : Stance.bandwagon.code }

    init?(code: UInt8) {
        switch Stance(code: code) {
        case .balance: self = .balance
        case .bandwagon: self = .bandwagon
        default: return nil
        }
    }
}

extension Stance {
    var code: UInt8 {
        switch self {
        case .none: 0
        case .balance: 1
        case .bandwagon: 2
        }
    }

    init?(code: UInt8) {
        switch code {
        case 0: self = .none
        case 1: self = .balance
        case 2: self = .bandwagon
        default: return nil
        }
    }
}
