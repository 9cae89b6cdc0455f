import EntenteModel
import EntenteScenario
import EntenteWire

/// A decoder under test. Each takes any bytes: it must either refuse them with an error or
/// decode them to a message whose encoding decodes and re-encodes to the same bytes. A
/// crash, a hang or a broken round trip is a finding; a thrown error is the decoder working.
enum FuzzTarget: String, CaseIterable {
    /// Coordinator ↔ state messages (`ControlMessage`).
    case control
    /// State → state letters (`PeerMessage`).
    case peer
    /// Scenario YAML, through the loader's parsing, validation and resolution.
    case scenario

    /// - Returns: whether the input decoded (false: refused with an error, as it should be).
    @discardableResult
    func check(_ bytes: [UInt8]) -> Bool {
        switch self {
        case .control:
            guard let message = try? ControlMessage(decoding: bytes) else { return false }
            roundTrip(message.encoded()) { try ControlMessage(decoding: $0).encoded() }
        case .peer:
            guard let message = try? PeerMessage(decoding: bytes) else { return false }
            roundTrip(message.encoded()) { try PeerMessage(decoding: $0).encoded() }
        case .scenario:
            guard let text = String(validating: bytes, as: UTF8.self) else { return false }
            return (try? Scenario.parse(yaml: text, file: "fuzz.yaml")) != nil
        }
        return true
    }

    /// The encoding of a decoded message must decode, and encode again to the same bytes.
    private func roundTrip(_ encoded: [UInt8], _ again: ([UInt8]) throws -> [UInt8]) {
        guard let second = try? again(encoded) else { fatalError("\(self): a decoded message's own encoding does not decode") }
        precondition(second == encoded, "\(self): encoding a decoded message is not stable")
    }
}
