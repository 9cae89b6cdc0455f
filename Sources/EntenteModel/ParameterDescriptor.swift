/// One numeric parameter of a settings block: its scenario key, where it lives, the values
/// it accepts, its unit and one line of doc. Decoding, validation, `--set`, the wire, the
/// command line's help and the docs' tables all read it, so a parameter is defined once.
/// Its default is the value of the block's `init()`.
public struct Parameter<Block>: @unchecked Sendable {
    /// Where the value is stored. Counts are whole numbers everywhere.
    public enum Storage {
        case real(WritableKeyPath<Block, Double>)
        case whole(WritableKeyPath<Block, Int>)
        /// Unset means "take another parameter's value" (e.g. `noise_power` defaults to `noise`).
        case optionalReal(WritableKeyPath<Block, Double?>)
        case optionalWhole(WritableKeyPath<Block, Int?>)
    }

    public let key: String
    public let storage: Storage
    public let range: ClosedRange<Double>
    public let unit: String
    public let doc: String

    public static func real(_ key: String, _ path: WritableKeyPath<Block, Double>, _ range: ClosedRange<Double>,
                            unit: String = "", _ doc: String) -> Parameter {
        Parameter(key: key, storage: .real(path), range: range, unit: unit, doc: doc)
    }

    public static func whole(_ key: String, _ path: WritableKeyPath<Block, Int>, _ range: ClosedRange<Double>,
                             unit: String = "", _ doc: String) -> Parameter {
        Parameter(key: key, storage: .whole(path), range: range, unit: unit, doc: doc)
    }

    public static func optionalReal(_ key: String, _ path: WritableKeyPath<Block, Double?>, _ range: ClosedRange<Double>,
                                    unit: String = "", _ doc: String) -> Parameter {
        Parameter(key: key, storage: .optionalReal(path), range: range, unit: unit, doc: doc)
    }

    public static func optionalWhole(_ key: String, _ path: WritableKeyPath<Block, Int?>, _ range: ClosedRange<Double>,
                                     unit: String = "", _ doc: String) -> Parameter {
        Parameter(key: key, storage: .optionalWhole(path), range: range, unit: unit, doc: doc)
    }

    /// Where the value is stored, whatever its type.
    public var path: PartialKeyPath<Block> {
        switch storage {
        case .real(let p): p
        case .whole(let p): p
        case .optionalReal(let p): p
        case .optionalWhole(let p): p
        }
    }

    public var isWhole: Bool {
        switch storage {
        case .whole, .optionalWhole: true
        case .real, .optionalReal: false
        }
    }

    /// The value in `block`; nil when an optional one is unset.
    public func value(in block: Block) -> Double? {
        switch storage {
        case .real(let p): block[keyPath: p]
        case .whole(let p): Double(block[keyPath: p])
        case .optionalReal(let p): block[keyPath: p]
        case .optionalWhole(let p): block[keyPath: p].map(Double.init)
        }
    }

    /// Stores `value`, which `problem(with:)` has accepted.
    public func set(_ value: Double, in block: inout Block) {
        switch storage {
        case .real(let p): block[keyPath: p] = value
        case .whole(let p): block[keyPath: p] = Int(value)
        case .optionalReal(let p): block[keyPath: p] = value
        case .optionalWhole(let p): block[keyPath: p] = Int(value)
        }
    }

    /// What is wrong with `value` for this parameter, if anything.
    public func problem(with value: Double) -> String? {
        guard value.isFinite, range.contains(value), !isWhole || value == value.rounded() else {
            return "must be \(rangeText)"
        }
        return nil
    }

    /// The accepted values in words, e.g. "an integer from 0 to 1000" or "a number ≥ 0".
    public var rangeText: String {
        let kind = isWhole ? "an integer" : "a number"
        if range.upperBound == .greatestFiniteMagnitude { return "\(kind) ≥ \(Self.show(range.lowerBound))" }
        return "\(kind) from \(Self.show(range.lowerBound)) to \(Self.show(range.upperBound))"
    }

    static func show(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
}

/// A block of settings whose numbers are all described by `parameters`.
public protocol ParameterBlock: Equatable, Sendable {
    /// The defaults.
    init()
    static var parameters: [Parameter<Self>] { get }
}

extension ParameterBlock {
    public static func parameter(_ key: String) -> Parameter<Self>? { parameters.first { $0.key == key } }

    /// The scenario key of the parameter stored at `path`, for messages that name it.
    public static func key(_ path: PartialKeyPath<Self>) -> String {
        parameters.first { $0.path == path }?.key ?? "\(path)"
    }

    /// The default of `key`, as the docs show it (nil: unset by default).
    public static func defaultValue(_ key: String) -> Double? { parameter(key)?.value(in: Self()) }
}

/// A non-negative number with no upper bound.
public let nonNegative: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude
