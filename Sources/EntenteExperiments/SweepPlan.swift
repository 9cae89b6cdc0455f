import EntenteModel

/// One parameter a sweep varies, with the values it takes (`--vary key=v1,v2,v3`).
public struct Dimension: Equatable, Sendable {
    public var key: String
    public var values: [String]

    /// Parses `key=v1,v2,...`; the key is a scenario path as for `--set`.
    /// Short names: `topology` is `communication.topology`, `noise` is `observation.noise`.
    public init(parsing text: String) throws {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw SweepError("--vary \(text): expected key=v1,v2,... e.g. observation.noise=0,0.1,0.2")
        }
        let key = String(text[..<eq])
        self.key = Self.aliases[key] ?? key
        values = text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !values.isEmpty, !values.contains("") else { throw SweepError("--vary \(text): every value must be non-empty") }
        guard Set(values).count == values.count else { throw SweepError("--vary \(text): a value is listed twice") }
    }

    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }

    /// Short names of the knobs swept most; numeric keys come from their descriptors.
    static let aliases = [
        "topology": "communication.topology", "visibility": "observation.visibility",
        ObservationParameters.key(\.noise): "observation." + ObservationParameters.key(\.noise),
        ObservationParameters.key(\.lag): "observation." + ObservationParameters.key(\.lag),
        ChannelQuality.key(\.loss): "channels." + ChannelQuality.key(\.loss),
        ChannelQuality.key(\.delay): "channels." + ChannelQuality.key(\.delay),
        "deception": "deception." + DeceptionParameters.key(\.share),
    ]

    /// True when every value is a number (the chart then spaces them by value).
    public var isNumeric: Bool { values.allSatisfy { Double($0) != nil } }
}

/// A point of the grid: one value per dimension.
public struct GridPoint: Equatable, Sendable {
    public var index: Int
    public var values: [String]

    public var name: String { "p\(index)" }

    public func overrides(_ dimensions: [Dimension]) -> [String] {
        zip(dimensions, values).map { "\($0.key)=\($1)" }
    }
}

/// One run of a sweep: a grid point and a seed.
public struct PlannedRun: Equatable, Sendable {
    public var point: GridPoint
    public var seed: UInt64

    public var name: String { "\(point.name)-s\(seed)" }
}

/// The full grid times the seeds, ordered so that a sweep cut short still covers the grid
/// evenly: every point's first seed, then every point's second seed, and so on.
public struct SweepPlan: Equatable, Sendable {
    public var dimensions: [Dimension]
    public var seeds: [UInt64]

    public init(dimensions: [Dimension], seeds: [UInt64]) {
        self.dimensions = dimensions
        self.seeds = seeds
    }

    public var points: [GridPoint] {
        var rows: [[String]] = [[]]
        for d in dimensions { rows = rows.flatMap { row in d.values.map { row + [$0] } } }
        return rows.enumerated().map { GridPoint(index: $0.offset, values: $0.element) }
    }

    public var runs: [PlannedRun] {
        let points = points
        return seeds.flatMap { seed in points.map { PlannedRun(point: $0, seed: seed) } }
    }
}

public struct SweepError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ d: String) { description = d }
}
