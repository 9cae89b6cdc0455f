import EntenteModel

// The events of a round's commit: decisions, classified alignments and the alliances formed
// (docs/LOGS.md, "Event types"). Codes and numbers are the outcome; `text` renders them.

/// A rule that fired, as logged: its code and numbers (docs/MODEL.md §6).
struct LoggedRule: Codable {
    var code: String
    var numbers: [Double?]

    init(_ rule: Rule?) {
        code = rule?.code.name ?? ""
        numbers = rule?.numbers ?? []
    }
}

public struct DecisionEvent: EventBody {
    public static let type = "decision"
    public var state: StateID
    public var stance: Stance
    public var threat: StateID?
    /// The rule's code (`Rule.Code.name`) and the numbers it compared.
    public var ruleCode: String
    public var ruleNumbers: [Double?]
    public var threats: [ThreatEntry]
    /// The rule in words, rendered from the code's numbers (the line's `text`).
    public var ruleText: String
    public var text: String? { ruleText }

    enum CodingKeys: String, CodingKey { case state, stance, threat, ruleCode = "rule_code", ruleNumbers = "rule_numbers", threats }

    init(state: StateID, _ d: Decision) {
        (self.state, stance, threat, ruleCode, ruleNumbers) = (state, d.stance, d.threat, d.rule.code.name, d.rule.numbers)
        (threats, ruleText) = (d.threats.map(ThreatEntry.init), d.ruleText)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state); try c.encode(stance, forKey: .stance); try c.encode(threat, forKey: .threat)
        try c.encode(ruleCode, forKey: .ruleCode); try c.encode(ruleNumbers, forKey: .ruleNumbers); try c.encode(threats, forKey: .threats)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = try c.decode(StateID.self, forKey: .state)
        stance = try c.decode(Stance.self, forKey: .stance)
        threat = try c.decodeIfPresent(StateID.self, forKey: .threat)
        ruleCode = try c.decode(String.self, forKey: .ruleCode)
        ruleNumbers = try c.decode([Double?].self, forKey: .ruleNumbers)
        threats = try c.decode([ThreatEntry].self, forKey: .threats)
        ruleText = try decoder.eventText()
    }
}

/// One member's decision to join a side, classified (docs/MODEL.md §8); a row of alliances.csv.
public struct AlignmentEvent: EventBody {
    public static let type = "alignment"
    public var state: StateID
    public var partner: StateID
    public var offeredBy: StateID
    public var kind: OfferKind
    public var aimedAt: StateID?
    public var side: [StateID]
    public var perceivedThreat: StateID?
    public var perceivedAlignment: Alignment
    public var perceivedReason: String
    public var trueThreat: StateID?
    public var trueAlignment: Alignment
    public var trueReason: String
    /// The alliance's label code and the state it names (`AllianceLabel.code`, `.target`).
    public var allianceLabel: String
    public var allianceTarget: StateID?
    public var ruleCode: String
    public var ruleNumbers: [Double?]
    public var threats: [ThreatEntry]
    /// The rule in words (the line's `text`); the reasons' words are `ClassificationReason.text`.
    public var ruleText: String
    public var text: String? { ruleText }

    enum CodingKeys: String, CodingKey {
        case state, partner, offeredBy = "offered_by", kind, aimedAt = "aimed_at", side, perceivedThreat = "perceived_threat"
        case perceivedAlignment = "perceived_alignment", perceivedReason = "perceived_reason", trueThreat = "true_threat"
        case trueAlignment = "true_alignment", trueReason = "true_reason", allianceLabel = "alliance_label"
        case allianceTarget = "alliance_target", ruleCode = "rule_code", ruleNumbers = "rule_numbers", threats
    }

    init(_ r: AlignmentRecord) {
        (state, partner, offeredBy, kind, aimedAt, side) = (r.state, r.partner, r.offeredBy, r.kind, r.aimedAt, r.side)
        (perceivedThreat, perceivedAlignment, perceivedReason) = (r.perceivedThreat, r.perceived, r.perceivedReason.rawValue)
        (trueThreat, trueAlignment, trueReason) = (r.trueThreat, r.truth, r.trueReason.rawValue)
        (allianceLabel, allianceTarget) = (r.allianceLabel?.code ?? "", r.allianceLabel?.target)
        let rule = LoggedRule(r.rule)
        (ruleCode, ruleNumbers, threats) = (rule.code, rule.numbers, r.threats.map(ThreatEntry.init))
        ruleText = r.ruleText
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state); try c.encode(partner, forKey: .partner); try c.encode(offeredBy, forKey: .offeredBy)
        try c.encode(kind, forKey: .kind); try c.encode(aimedAt, forKey: .aimedAt); try c.encode(side, forKey: .side)
        try c.encode(perceivedThreat, forKey: .perceivedThreat); try c.encode(perceivedAlignment, forKey: .perceivedAlignment)
        try c.encode(perceivedReason, forKey: .perceivedReason); try c.encode(trueThreat, forKey: .trueThreat)
        try c.encode(trueAlignment, forKey: .trueAlignment); try c.encode(trueReason, forKey: .trueReason)
        try c.encode(allianceLabel, forKey: .allianceLabel); try c.encodeIfPresent(allianceTarget, forKey: .allianceTarget)
        try c.encode(ruleCode, forKey: .ruleCode); try c.encode(ruleNumbers, forKey: .ruleNumbers); try c.encode(threats, forKey: .threats)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = try c.decode(StateID.self, forKey: .state); partner = try c.decode(StateID.self, forKey: .partner)
        offeredBy = try c.decode(StateID.self, forKey: .offeredBy); kind = try c.decode(OfferKind.self, forKey: .kind)
        aimedAt = try c.decodeIfPresent(StateID.self, forKey: .aimedAt); side = try c.decode([StateID].self, forKey: .side)
        perceivedThreat = try c.decodeIfPresent(StateID.self, forKey: .perceivedThreat)
        perceivedAlignment = try c.decode(Alignment.self, forKey: .perceivedAlignment)
        perceivedReason = try c.decode(String.self, forKey: .perceivedReason)
        trueThreat = try c.decodeIfPresent(StateID.self, forKey: .trueThreat)
        trueAlignment = try c.decode(Alignment.self, forKey: .trueAlignment)
        trueReason = try c.decode(String.self, forKey: .trueReason)
        allianceLabel = try c.decode(String.self, forKey: .allianceLabel)
        allianceTarget = try c.decodeIfPresent(StateID.self, forKey: .allianceTarget)
        ruleCode = try c.decode(String.self, forKey: .ruleCode); ruleNumbers = try c.decode([Double?].self, forKey: .ruleNumbers)
        threats = try c.decode([ThreatEntry].self, forKey: .threats)
        ruleText = try decoder.eventText()
    }
}

public struct AllianceFormed: EventBody {
    public static let type = "alliance_formed"
    public var members: [StateID]
    public var label: String
    public var target: StateID?
    public var offeredBy: StateID
    public var aimedAt: StateID?

    enum CodingKeys: String, CodingKey { case members, label, target, offeredBy = "offered_by", aimedAt = "aimed_at" }

    init(_ alliance: Alliance, offer: Commitment) {
        (members, label, target) = (alliance.members, alliance.label.code, alliance.label.target)
        (offeredBy, aimedAt) = (offer.offeredBy, offer.aimedAt)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(members, forKey: .members); try c.encode(label, forKey: .label); try c.encodeIfPresent(target, forKey: .target)
        try c.encode(offeredBy, forKey: .offeredBy); try c.encode(aimedAt, forKey: .aimedAt)
    }
}
