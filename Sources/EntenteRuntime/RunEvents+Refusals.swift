import EntenteModel
import EntenteWire

// What was refused and who went missing (docs/LOGS.md, "Event types"): codes and the ids
// they name; `text` renders them in words, outside the digest.

/// Something the coordinator's checks refused (in the digest): a letter a state may not
/// send, or an alliance both wanted that cannot stand.
public struct Refusal: EventBody {
    public static let type = "refused"

    public enum Reason: Equatable, Sendable {
        /// A letter whose sender is not the state that reported it.
        case claimsSender(StateID)
        case unknownReceiver(StateID)
        case notAPeer(StateID)
        case sequenceNotIncreasing
        /// Letters reported in a phase that sends none (observe, commit).
        case lettersInSilentPhase(count: Int)
        /// The alliance `a`-`b` would exceed the refusing state's `max_allies`.
        case allianceFull(StateID, StateID)
        /// The alliance `a`-`b` would put `state` on one side with `enemy`, which it balances against.
        case hostileSides(StateID, StateID, state: StateID, enemy: StateID)

        public var code: String {
            switch self {
            case .claimsSender: "claims-sender"
            case .unknownReceiver: "unknown-receiver"
            case .notAPeer: "not-a-peer"
            case .sequenceNotIncreasing: "sequence-not-increasing"
            case .lettersInSilentPhase: "letters-in-silent-phase"
            case .allianceFull: "alliance-full"
            case .hostileSides: "hostile-sides"
            }
        }

        /// The states the reason names, in the order docs/LOGS.md gives per code.
        var states: [StateID] {
            switch self {
            case .claimsSender(let x), .unknownReceiver(let x), .notAPeer(let x): [x]
            case .sequenceNotIncreasing, .lettersInSilentPhase: []
            case .allianceFull(let a, let b): [a, b]
            case .hostileSides(let a, let b, let s, let e): [a, b, s, e]
            }
        }

        var count: Int? { if case .lettersInSilentPhase(let n) = self { n } else { nil } }

        init?(code: String, states s: [StateID], count: Int?) {
            switch (code, s.count) {
            case ("claims-sender", 1): self = .claimsSender(s[0])
            case ("unknown-receiver", 1): self = .unknownReceiver(s[0])
            case ("not-a-peer", 1): self = .notAPeer(s[0])
            case ("sequence-not-increasing", 0): self = .sequenceNotIncreasing
            case ("letters-in-silent-phase", 0): self = .lettersInSilentPhase(count: count ?? 0)
            case ("alliance-full", 2): self = .allianceFull(s[0], s[1])
            case ("hostile-sides", 4): self = .hostileSides(s[0], s[1], state: s[2], enemy: s[3])
            default: return nil
            }
        }
    }

    public var state: StateID
    public var phase: String
    public var reason: Reason

    public init(state: StateID, phase: Phase, _ reason: Reason) {
        (self.state, self.phase, self.reason) = (state, phase.name, reason)
    }

    public var text: String? {
        switch reason {
        case .claimsSender(let x): "letter claims sender \(x)"
        case .unknownReceiver(let x): "letter to unknown state \(x)"
        case .notAPeer(let x): "letter to \(x), not a peer of \(state)"
        case .sequenceNotIncreasing: "letter sequence numbers not increasing"
        case .lettersInSilentPhase(let n): "\(n) letter(s) reported in the \(phase) phase, when none may be sent"
        case .allianceFull(let a, let b): "alliance \(a)-\(b) refused: \(state) already has \(PolicyParameters.key(\.maxAllies)) allies"
        case .hostileSides(let a, let b, let s, let e): "alliance \(a)-\(b) refused: it would put \(s) on one side with \(e), which it balances against"
        }
    }

    enum CodingKeys: String, CodingKey { case state, phase, code, states, count }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state); try c.encode(phase, forKey: .phase); try c.encode(reason.code, forKey: .code)
        try c.encode(reason.states, forKey: .states); try c.encodeIfPresent(reason.count, forKey: .count)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = try c.decode(StateID.self, forKey: .state)
        phase = try c.decode(String.self, forKey: .phase)
        let code = try c.decode(String.self, forKey: .code)
        guard let r = Reason(code: code, states: try c.decode([StateID].self, forKey: .states), count: try c.decodeIfPresent(Int.self, forKey: .count)) else {
            throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "unknown refusal '\(code)'")
        }
        reason = r
    }
}

/// Messages the transport refused, counted (outside the digest: what arrives from outside
/// must not change the outcome). `state` and `phase`: the state that reported them, or
/// nil for the coordinator's own sockets.
public struct Rejection: EventBody {
    public static let type = "rejected"
    public static let inDigest = false
    public var state: StateID?
    public var phase: String?
    public var problem: Problem

    public init(state: StateID?, phase: String?, _ problem: Problem) {
        (self.state, self.phase, self.problem) = (state, phase, problem)
    }

    public var text: String? { problem.text }

    enum CodingKeys: String, CodingKey { case state, phase, code, sender, count, detail }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state); try c.encode(phase, forKey: .phase); try c.encode(problem.code.name, forKey: .code)
        try c.encode(problem.sender, forKey: .sender); try c.encode(Int(problem.count), forKey: .count)
        if !problem.detail.isEmpty { try c.encode(problem.detail, forKey: .detail) }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = try c.decodeIfPresent(StateID.self, forKey: .state)
        phase = try c.decodeIfPresent(String.self, forKey: .phase)
        let name = try c.decode(String.self, forKey: .code)
        guard let code = Problem.Code(name: name) else {
            throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "unknown problem '\(name)'")
        }
        problem = Problem(code, sender: try c.decodeIfPresent(StateID.self, forKey: .sender),
                          count: try c.decode(UInt32.self, forKey: .count), detail: try c.decodeIfPresent(String.self, forKey: .detail) ?? "")
    }
}

/// Why a state was found gone: a code (in the digest) and the words (not).
public struct AbsenceCause: Equatable, Sendable {
    public enum Code: String, Codable, Sendable {
        /// Its process is no longer connected.
        case disconnected
        /// No report within the phase's deadline.
        case deadline
        /// It reported that it failed.
        case failed
    }

    public var code: Code
    public var words: String

    public init(_ code: Code, _ words: String) {
        self.code = code
        self.words = words
    }
}

/// A state found gone (its process exited, failed or went silent past a deadline): it
/// takes no part from this phase on; its alliances stand (docs/MODEL.md §1).
public struct Absence: EventBody {
    public static let type = "absent"
    public var state: StateID
    public var phase: String
    /// The negotiation step (negotiate phases only).
    public var step: Int?
    public var cause: AbsenceCause
    public var text: String? { cause.words }

    public init(state: StateID, phase: String, step: Int?, cause: AbsenceCause) {
        (self.state, self.phase, self.step, self.cause) = (state, phase, step, cause)
    }

    enum CodingKeys: String, CodingKey { case state, phase, step, reason }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state); try c.encode(phase, forKey: .phase)
        try c.encodeIfPresent(step, forKey: .step); try c.encode(cause.code, forKey: .reason)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = try c.decode(StateID.self, forKey: .state); phase = try c.decode(String.self, forKey: .phase)
        step = try c.decodeIfPresent(Int.self, forKey: .step)
        cause = AbsenceCause(try c.decode(AbsenceCause.Code.self, forKey: .reason), try decoder.eventText())
    }
}
