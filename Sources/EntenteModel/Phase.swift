/// The phases of a round a state takes part in (resolve is the coordinator's alone).
/// The raw values are the wire codes (docs/PROTOCOL.md).
public enum Phase: UInt8, Sendable, CaseIterable {
    case observe = 1, assess = 2, negotiate = 3, commit = 4

    public var name: String {
        switch self {
        case .observe: "observe"
        case .assess: "assess"
        case .negotiate: "negotiate"
        case .commit: "commit"
        }
    }

    /// The phase's place in a round: observe 0, assess 1, negotiate step s at 1 + s, commit
    /// at steps + 2. Letters travel between places: one sent at p is read at p + 1 at the earliest.
    public func index(step: Int, negotiationSteps steps: Int) -> Int {
        switch self {
        case .observe: 0
        case .assess: 1
        case .negotiate: 1 + step
        case .commit: steps + 2
        }
    }
}
