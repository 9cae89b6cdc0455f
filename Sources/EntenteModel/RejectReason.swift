/// Why a state turns an offer down (docs/MODEL.md §7): a code on the wire and in the log,
/// with the state it names, so a state in any language says the same thing in the same
/// bytes; `text` renders it.
public enum RejectReason: Equatable, Sendable {
    case alreadyAllied
    case noRoom
    /// The offerer is my main threat and I balance against it.
    case youAreMyMainThreat
    /// The offerer, or the offer's target, is on this threat's side.
    case onSideOf(StateID)
    case aimedAtMe
    /// I bandwagon with the state the offer is aimed at.
    case iAlignWith(StateID)
    /// The offer's target is not among my main threats.
    case notAMainThreat(StateID)

    /// The wire code (docs/PROTOCOL.md §3.6).
    public var code: UInt8 {
        switch self {
        case .alreadyAllied: 1
        case .noRoom: 2
        case .youAreMyMainThreat: 3
        case .onSideOf: 4
        case .aimedAtMe: 5
        case .iAlignWith: 6
        case .notAMainThreat: 7
        }
    }

    /// The code's name in the log (`reason`).
    public var name: String {
        switch self {
        case .alreadyAllied: "already-allied"
        case .noRoom: "no-room"
        case .youAreMyMainThreat: "main-threat"
        case .onSideOf: "on-side-of"
        case .aimedAtMe: "aimed-at-me"
        case .iAlignWith: "align-with"
        case .notAMainThreat: "not-a-main-threat"
        }
    }

    /// The state the reason names (nil: none).
    public var state: StateID? {
        switch self {
        case .onSideOf(let x), .iAlignWith(let x), .notAMainThreat(let x): x
        case .alreadyAllied, .noRoom, .youAreMyMainThreat, .aimedAtMe: nil
        }
    }

    /// From its wire code and state; nil for an unknown code or a state missing or extra.
    public init?(code: UInt8, state: StateID?) {
        switch (code, state) {
        case (1, nil): self = .alreadyAllied
        case (2, nil): self = .noRoom
        case (3, nil): self = .youAreMyMainThreat
        case (4, let x?): self = .onSideOf(x)
        case (5, nil): self = .aimedAtMe
        case (6, let x?): self = .iAlignWith(x)
        case (7, let x?): self = .notAMainThreat(x)
        default: return nil
        }
    }

    /// From its name in the log and state.
    public init?(name: String, state: StateID?) {
        guard let r = (UInt8(1)...7).lazy.compactMap({ RejectReason(code: $0, state: state) }).first(where: { $0.name == name }) else { return nil }
        self = r
    }

    public var text: String {
        switch self {
        case .alreadyAllied: "already allied"
        case .noRoom: "no room for another alliance"
        case .youAreMyMainThreat: "you are my main threat"
        case .onSideOf(let t): "you are on \(t)'s side"
        case .aimedAtMe: "aimed at me"
        case .iAlignWith(let t): "I align with \(t)"
        case .notAMainThreat(let t): "\(t) is not among my main threats"
        }
    }
}
