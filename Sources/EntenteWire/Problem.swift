import EntenteModel

/// Something a receiver refused on the way (docs/PROTOCOL.md §3.5): a code, whom it came
/// from, how many times since the last report, and the first occurrence's detail (a
/// decoder's error, a key's owner). Codes travel and are logged; `text` renders words
/// at the edge, so no reader parses prose.
public struct Problem: Equatable, Sendable {
    /// The wire codes; `name` is the log's `code`.
    public enum Code: UInt8, CaseIterable, Sendable {
        /// A message that does not decode (detail: the decoder's error).
        case malformed = 1
        /// A message of the wrong number of frames (detail: how many).
        case frames = 2
        /// A message under one id sent with another's key (sender: the id claimed; detail: the key's owner).
        case wrongKey = 3
        /// A connection whose key is not one the receiver accepts.
        case unknownKey = 4
        /// A letter the coordinator never announced (sender: its sender).
        case unannounced = 5
        /// Letters announced but missing at the deadline (sender: whose).
        case lettersMissing = 6
        /// A message of a type not expected here (detail: what).
        case unexpected = 7
        /// A hello the coordinator refused (sender: the state; detail: why).
        case refusedHello = 8
        /// The tally's limit was reached: `count` more were refused and not itemised.
        case overflow = 9
        /// A letter addressed to another state (detail: the addressee).
        case misaddressed = 10
        /// A letter from a state not in the run.
        case unknownSender = 11
        /// A letter for a round already over or beyond the next (detail: which).
        case outOfWindow = 12
        /// A letter repeating a sequence number (detail: the number).
        case duplicate = 13
        /// More letters from one sender in one round than any phase needs (detail: the limit).
        case flood = 14

        public var name: String {
            switch self {
            case .malformed: "malformed"
            case .frames: "frames"
            case .wrongKey: "wrong-key"
            case .unknownKey: "unknown-key"
            case .unannounced: "unannounced"
            case .lettersMissing: "letters-missing"
            case .unexpected: "unexpected"
            case .refusedHello: "refused-hello"
            case .overflow: "overflow"
            case .misaddressed: "misaddressed"
            case .unknownSender: "unknown-sender"
            case .outOfWindow: "out-of-window"
            case .duplicate: "duplicate"
            case .flood: "flood"
            }
        }

        public init?(name: String) {
            guard let c = Code.allCases.first(where: { $0.name == name }) else { return nil }
            self = c
        }
    }

    public var code: Code
    /// Whom it came from or is about (nil: unknown).
    public var sender: StateID?
    public var count: UInt32
    /// The first occurrence's detail (empty: none).
    public var detail: String

    public init(_ code: Code, sender: StateID? = nil, count: UInt32 = 1, detail: String = "") {
        self.code = code
        self.sender = sender
        self.count = count
        self.detail = detail
    }

    /// The problem in words.
    public var text: String {
        let who = sender.map { " from \($0)" } ?? ""
        let what: String
        switch code {
        case .malformed: what = "refused a malformed message\(who)"
        case .frames: what = "refused a message\(who) of the wrong number of frames"
        case .wrongKey: what = "refused a message claiming to be from \(sender ?? "?"), sent with the key of \(detail.isEmpty ? "nobody" : detail)"
        case .unknownKey: what = "refused a connection whose key is not one it accepts"
        case .unannounced: what = "refused a letter\(who) the coordinator never announced"
        case .lettersMissing: what = "letters\(who) missing at the deadline"
        case .unexpected: what = "refused an unexpected message\(who)"
        case .refusedHello: what = "refused a hello\(who)"
        case .overflow: return "and \(count) more refused message(s)"
        case .misaddressed: what = "refused a letter\(who) addressed to another state"
        case .unknownSender: what = "refused a letter\(who): not a state of this run"
        case .outOfWindow: what = "refused a letter\(who) for a round outside the window"
        case .duplicate: what = "refused a letter\(who) repeating a sequence number"
        case .flood: what = "refused a letter\(who): too many in one round"
        }
        let detail = code == .wrongKey ? "" : self.detail
        switch (count, detail.isEmpty) {
        case (1, true): return what
        case (1, false): return "\(what): \(detail)"
        case (_, true): return "\(what) (\(count) times)"
        case (_, false): return "\(what) (\(count) times; the first: \(detail))"
        }
    }
}
