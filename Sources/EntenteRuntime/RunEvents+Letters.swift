import EntenteModel

// The events of a round's letters (docs/LOGS.md, "Event types"). Where a field may have no
// value it is written as null (`encode`); where it only applies sometimes it is left out
// (`encodeIfPresent`).

/// An estimate of one state, as an observation gives it.
public struct SeenEstimate: Codable, Sendable {
    public var state: StateID
    public var power: Double
    public var offense: Double
    public var aggressiveness: Double
    public var confidence: Double
}

/// A reported threat: the target's estimated attributes and the reporter's score.
public struct ReportedEntry: Codable, Equatable, Sendable {
    public var target: StateID
    public var score: Double
    public var power: Double
    public var offense: Double
    public var aggressiveness: Double
    public var confidence: Double

    init(_ r: ReportedThreat) {
        let a = r.estimate.attributes
        (target, score, power, offense, aggressiveness, confidence) = (r.target, r.score, a.power, a.offense, a.aggressiveness, r.estimate.confidence)
    }
}

/// A perceived threat with its four factors (docs/MODEL.md §3.2); `score` is their product.
public struct ThreatEntry: Codable, Sendable {
    public var target: StateID
    public var score: Double
    public var power: Double
    public var proximity: Double
    public var offense: Double
    public var intent: Double

    init(_ t: ThreatScore) {
        let c = t.components
        (target, score, power, proximity, offense, intent) = (t.target, t.score, c.power, c.proximity, c.offense, c.intent)
    }
}

public struct ObservationEvent: EventBody {
    public static let type = "observation"
    public static let inDigest = false
    public var state: StateID
    public var seen: [SeenEstimate]
}

public struct BeliefEvent: EventBody {
    public static let type = "belief"
    public var state: StateID
    public var threats: [ReportedEntry]
    /// true for a deceiver (left out otherwise).
    public var deceiving: Bool?
}

public struct LetterEvent: EventBody {
    public static let type = "letter"
    public enum Kind: String, Codable, Sendable { case assessment, offer, accept, reject }

    public var phase: String
    public var step: Int
    public var from: StateID
    public var to: StateID
    public var seq: Int
    public var kind: Kind
    /// assessment
    public var threats: [ReportedEntry]?
    /// offer
    public var offer: OfferKind?
    public var aimedAt: StateID?
    /// accept, reject
    public var offerSeq: Int?
    /// reject: `RejectReason.name` and the state it names.
    public var reason: String?
    public var reasonState: StateID?
    /// The channel's doing: lost, expired (never sent), or late by this many phases.
    public var lost: Bool?
    public var expired: Bool?
    public var delay: Int?

    enum CodingKeys: String, CodingKey {
        case phase, step, from, to, seq, kind, threats, offer, aimedAt = "aimed_at", offerSeq = "offer_seq", reason, reasonState = "reason_state"
        case lost, expired, delay
    }

    /// A reject's reason in words.
    public var text: String? { reason.flatMap { RejectReason(name: $0, state: reasonState)?.text } }

    init(phase: String, step: Int, from: StateID, to: StateID, seq: Int, kind: Kind, threats: [ReportedEntry]?,
         lost: Bool?, expired: Bool?, delay: Int?) {
        (self.phase, self.step, self.from, self.to, self.seq, self.kind, self.threats) = (phase, step, from, to, seq, kind, threats)
        (self.lost, self.expired, self.delay) = (lost, expired, delay)
    }

    init(phase: Phase, step: Int, letter: Letter) {
        (self.phase, self.step, from, to, seq) = (phase.name, step, letter.sender, letter.receiver, Int(letter.seq))
        switch letter.body {
        case .assessment(let list): (kind, threats) = (.assessment, list.map(ReportedEntry.init))
        case .offer(let stance, let target): (kind, offer, aimedAt) = (.offer, stance, target)
        case .accept(let s): (kind, offerSeq) = (.accept, Int(s))
        case .reject(let s, let why): (kind, offerSeq, reason, reasonState) = (.reject, Int(s), why.name, why.state)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(phase, forKey: .phase); try c.encode(step, forKey: .step)
        try c.encode(from, forKey: .from); try c.encode(to, forKey: .to); try c.encode(seq, forKey: .seq)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(threats, forKey: .threats)
        if kind == .offer {
            try c.encode(offer, forKey: .offer)
            try c.encode(aimedAt, forKey: .aimedAt)
        }
        try c.encodeIfPresent(offerSeq, forKey: .offerSeq); try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(reasonState, forKey: .reasonState)
        try c.encodeIfPresent(lost, forKey: .lost); try c.encodeIfPresent(expired, forKey: .expired)
        try c.encodeIfPresent(delay, forKey: .delay)
    }
}

extension ObservationEvent {
    init(_ state: StateID, _ o: Observation) {
        self.state = state
        seen = o.seen.map {
            let a = $0.estimate.attributes
            return SeenEstimate(state: $0.state, power: a.power, offense: a.offense, aggressiveness: a.aggressiveness, confidence: $0.estimate.confidence)
        }
    }
}

/// The assessments one state sent in one phase, as one line: what it said, the same to
/// every peer, and for each receiver the letter's sequence number and what its channel
/// did. One line instead of one per peer keeps the log linear in the states, and
/// `letters` gives the letters back one by one.
public struct AssessmentEvent: EventBody {
    public static let type = "assessment"
    public struct Delivery: Codable, Sendable {
        public var to: StateID
        public var seq: Int
        public var lost: Bool?
        public var expired: Bool?
        public var delay: Int?
    }

    public var phase: String
    public var step: Int
    public var from: StateID
    public var threats: [ReportedEntry]
    public var sent: [Delivery]

    /// Each letter of the line, as its own event.
    public var letters: [LetterEvent] {
        sent.map { d in
            LetterEvent(phase: phase, step: step, from: from, to: d.to, seq: d.seq, kind: .assessment, threats: threats,
                        lost: d.lost, expired: d.expired, delay: d.delay)
        }
    }

    /// A phase's letters as logged: each sender's run of assessments with the same content
    /// as one line (in order of first appearance), and every other letter in its order.
    /// - Parameters:
    ///   - fates: each letter's, in order (`LetterPost.send`).
    ///   - sentAt: the index of the phase they were sent in.
    static func grouping(_ letters: [LetterPost.Posted], fates: [LetterFate], sentAt: Int) -> (assessments: [AssessmentEvent], others: [LetterEvent]) {
        var groups: [AssessmentEvent] = []
        var others: [LetterEvent] = []
        // The last group's list as sent: a sender's letters share one, so comparing is cheap;
        // lists that differ as sent may still be the same as logged, which decides.
        var lastList: [ReportedThreat] = []
        for k in letters.indices {
            let p = letters[k]
            guard case .assessment(let list) = p.letter.body else {
                others.append(LetterEvent(phase: p.phase, step: p.step, letter: p.letter, fate: fates[k], sentAt: sentAt))
                continue
            }
            let delivery = Delivery(to: p.letter.receiver, seq: Int(p.letter.seq), fate: fates[k], sentAt: sentAt)
            if let last = groups.last, last.from == p.letter.sender, last.phase == p.phase.name, last.step == p.step,
               list == lastList || last.threats == list.map(ReportedEntry.init) {
                groups[groups.count - 1].sent.append(delivery)
            } else {
                groups.append(AssessmentEvent(phase: p.phase.name, step: p.step, from: p.letter.sender,
                                              threats: list.map(ReportedEntry.init), sent: [delivery]))
            }
            lastList = list
        }
        return (groups, others)
    }
}

extension AssessmentEvent.Delivery {
    init(to: StateID, seq: Int, fate: LetterFate, sentAt: Int) {
        (self.to, self.seq) = (to, seq)
        (lost, expired, delay) = fate.logged(sentAt: sentAt)
    }
}

extension LetterEvent {
    /// A letter as logged, with what its channel did to it.
    init(phase: Phase, step: Int, letter: Letter, fate: LetterFate, sentAt: Int) {
        self.init(phase: phase, step: step, letter: letter)
        (lost, expired, delay) = fate.logged(sentAt: sentAt)
    }
}

extension LetterFate {
    /// The log's fields for a fate, of a letter sent in the phase at `sentAt`: lost, expired
    /// or late by some phases (each left out when it does not apply).
    func logged(sentAt: Int) -> (lost: Bool?, expired: Bool?, delay: Int?) {
        switch self {
        case .lost: (true, nil, nil)
        case .expired: (nil, true, nil)
        case .due(let index): (nil, nil, index > sentAt + 1 ? index - sentAt - 1 : nil)
        }
    }
}
