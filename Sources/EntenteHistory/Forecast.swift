import EntenteModel

extension RealAlliances {
    /// The world of `year` as a forecast's start: the scenario of that year with the ATOP
    /// alliances standing then, and as its reference the blocs of the alliances standing
    /// `horizon` years later among the states of both years (a state allied with none of
    /// them then is left out of the reference, as in the shipped scenarios). nil when the
    /// tables do not cover both years.
    public func forecast(from year: Int, horizon: Int) -> Scenario? {
        guard let years = alliances.years, years.contains(year), years.contains(year + horizon) else { return nil }
        var s = scenario(in: year, standing: alliances.standing(in: year))
        let ids = s.ids.filter { power.power($0, year: year + horizon) != nil }
        let known = Set(ids)
        let later = alliances.standing(in: year + horizon).sorted().filter { known.contains($0.a) && known.contains($0.b) }
        s.referenceAlignment = blocs(of: ids, alliances: later.map { [$0.a, $0.b] }).filter { $0.count > 1 }
        s.name = "\(base.name)-from-\(year)"
        return s
    }
}

/// How far one run's final sides (or a baseline's) are from the reference of its forecast.
public struct ForecastScore: Equatable, Sendable {
    public var start: Int
    public var horizon: Int
    public var seed: UInt64
    public var compared: Int
    public var misplaced: Int
    public var initialMisplaced: Int
    public var landscapeMisplaced: Int

    public init(start: Int, horizon: Int, seed: UInt64, sides: [[StateID]], scenario: Scenario) {
        let reference = scenario.referenceAlignment ?? []
        let run = agreement(sides, with: reference)
        (self.start, self.horizon, self.seed, compared, misplaced) = (start, horizon, seed, run.compared, run.misplaced)
        initialMisplaced = agreement(Baseline.initialAlliances(scenario), with: reference).misplaced
        landscapeMisplaced = agreement(Baseline.landscapeSides(scenario), with: reference).misplaced
    }

    public static let csvHeader = "start_year,horizon,seed,compared,misplaced,initial_misplaced,landscape_misplaced"

    public var csvRow: String {
        [start, horizon, Int(seed), compared, misplaced, initialMisplaced, landscapeMisplaced].map(String.init).joined(separator: ",")
    }
}
