/// A militarized dispute one state initiated against another before the scenario's date,
/// from the MID data (docs/MODEL.md §3.4). It is evidence of intent like a war started in
/// the run, weighted by how far the initiator went and how long ago it was.
public struct Dispute: Equatable, Codable, Sendable {
    /// The initiator's own hostility level in the dispute (MID `hostlev` 2 to 5; level 1,
    /// no militarized action, is no evidence and is not listed).
    public enum Level: String, Codable, CaseIterable, Sendable {
        case threat, display, force, war

        /// The MID hostility scale made a share of one act: `(hostlev − 1) / 4`, so a war
        /// counts as one war started in the run and a bare threat as a quarter of it.
        public var weight: Double {
            switch self {
            case .threat: 0.25
            case .display: 0.5
            case .force: 0.75
            case .war: 1
            }
        }
    }

    public var by: StateID
    public var against: StateID
    /// The year the dispute started.
    public var year: Int
    public var level: Level
    /// The MID dispute number, for the reader (not used by the model).
    public var mid: Int

    public init(by: StateID, against: StateID, year: Int, level: Level, mid: Int) {
        (self.by, self.against, self.year, self.level, self.mid) = (by, against, year, level, mid)
    }
}

/// How the dispute record before the scenario's date becomes the prior of aimed intent.
/// Set from the theory before any outcome was looked at (docs/MODEL.md §3.4).
public struct HistoryParameters: ParameterBlock, Codable {
    /// Years before the scenario's year that count; 0 switches dispute history off.
    public var window = 25
    /// A dispute's weight halves every this many years.
    public var halfLife = 10.0

    public init() {}

    public static let parameters: [Parameter<Self>] = [
        .whole("window", \.window, 0...200, unit: "years",
               "disputes that started at most this many years before the scenario's year count (0: no dispute history)"),
        .real("half_life", \.halfLife, 0.1...1000, "years after which a past dispute counts half as much"),
    ]

    /// The weight of a dispute `age` years old: 0 outside the window, else halved every `halfLife`.
    public func decay(age: Int) -> Double {
        guard age >= 1, age <= window else { return 0 }
        return _pow(0.5, Double(age) / halfLife)
    }
}

extension Scenario {
    /// The hostile acts `observer` has on record before round 1: each dispute in the window
    /// aimed at it, an ally of its at the start, or a neighbour, by the same rule as a war
    /// started in the run (`HostilityRecord.record`), weighted by level and age.
    public func priorHostility(of observer: StateID, geography: Geography) -> HostilityRecord {
        var record = HostilityRecord()
        guard let year, history.window > 0 else { return record }
        let allies = Set(alliances.filter { $0.contains(observer) }.flatMap { $0 }).subtracting([observer])
        for d in disputes {
            let weight = d.level.weight * history.decay(age: year - d.year)
            guard weight > 0 else { continue }
            record.record(attacker: d.by, defender: d.against, observer: observer, allies: allies,
                          geography: geography, weight: weight)
        }
        return record
    }
}
