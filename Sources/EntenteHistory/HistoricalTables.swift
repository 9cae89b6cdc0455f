import EntenteModel
import Foundation
import SwiftCSV

/// A data table that cannot be used: which file, which row and what is wrong.
public struct HistoryError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads a CSV file with a header, checking it has `columns`; each row is handed to `row`
/// with a cell reader that names the file, the line and the column of any bad cell.
func readTable(_ path: String, columns: [String], _ row: (Cells) throws -> Void) throws {
    guard FileManager.default.isReadableFile(atPath: path) else {
        throw HistoryError("cannot read \(path): no such readable file (the tables are under data/, see data/README.md)")
    }
    let csv: CSV<Named>
    do {
        csv = try CSV<Named>(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
    } catch {
        throw HistoryError("cannot read \(path): \(error)")
    }
    let missing = columns.filter { !csv.header.contains($0) }
    guard missing.isEmpty else {
        throw HistoryError("\(path) has no column \(missing.joined(separator: ", ")); its header is \(csv.header.joined(separator: ","))")
    }
    for (k, cells) in csv.rows.enumerated() { try row(Cells(file: path, line: k + 2, cells: cells)) }
}

/// One row's cells, read as typed values.
struct Cells {
    let file: String
    let line: Int
    let cells: [String: String]

    func string(_ column: String) throws -> String {
        guard let s = cells[column], !s.isEmpty else { throw HistoryError("\(file):\(line): `\(column)` is empty") }
        return s
    }

    func int(_ column: String) throws -> Int {
        guard let v = Int(try string(column)) else { throw HistoryError("\(file):\(line): `\(column)` is not a whole number: '\(cells[column] ?? "")'") }
        return v
    }

    /// nil for an empty cell (a missing value in the data).
    func double(_ column: String) throws -> Double? {
        guard let s = cells[column], !s.isEmpty else { return nil }
        guard let v = Double(s), v.isFinite else { throw HistoryError("\(file):\(line): `\(column)` is not a number: '\(s)'") }
        return v
    }
}

/// An unordered pair of states, kept sorted.
public struct StatePair: Hashable, Comparable, Sendable {
    public let a: StateID
    public let b: StateID

    public init(_ x: StateID, _ y: StateID) { (a, b) = x < y ? (x, y) : (y, x) }
    public static func < (l: Self, r: Self) -> Bool { (l.a, l.b) < (r.a, r.b) }
}

/// Each state's COW material capability (`cinc`) by year (NMC v7.0 extracts, `data/`).
public struct PowerTable: Sendable {
    var cinc: [StateID: [Int: Double]] = [:]

    public init(path: String) throws {
        try readTable(path, columns: ["stateabb", "year", "cinc"]) { row in
            if let v = try row.double("cinc") { cinc[try row.string("stateabb"), default: [:]][try row.int("year")] = v }
        }
    }

    /// nil when the state has no row that year (not a member of the state system then).
    public func power(_ id: StateID, year: Int) -> Double? { cinc[id]?[year] }

    /// The states of `ids` the table has no row for in any year.
    public func missing(_ ids: [StateID]) -> [StateID] { ids.filter { cinc[$0] == nil } }
}

/// An ATOP obligation, by its column in the dyad-year table.
public enum Obligation: String, CaseIterable, Sendable {
    case defense, offense, neutral, nonagg, consul

    /// A military commitment, as the scenarios count alliances.
    public static let military: Set<Obligation> = [.defense, .offense]
}

/// Alliance obligations by year: ATOP 5.1 dyad-years with any of `obligations` (by default
/// a defense or offense obligation, as the scenarios count alliances).
public struct AllianceTable: Sendable {
    public private(set) var pairs: [Int: Set<StatePair>] = [:]
    /// The years the table covers: from its first row's year to its last's, whatever the obligation.
    public private(set) var years: ClosedRange<Int>?

    public init(path: String, obligations: Set<Obligation> = Obligation.military) throws {
        let columns = Obligation.allCases.filter(obligations.contains).map(\.rawValue)
        try readTable(path, columns: ["year", "abb1", "abb2"] + columns) { row in
            let year = try row.int("year")
            years = years.map { min($0.lowerBound, year)...max($0.upperBound, year) } ?? year...year
            guard try columns.contains(where: { try row.int($0) == 1 }) else { return }
            pairs[year, default: []].insert(StatePair(try row.string("abb1"), try row.string("abb2")))
        }
    }

    public func standing(in year: Int) -> Set<StatePair> { pairs[year] ?? [] }

    /// Pairs allied in `year` that were not in the year before: the alliances that formed then.
    /// When the table does not cover the year before there is nothing to tell them from: none.
    public func formed(in year: Int) -> [StatePair] {
        guard let years, years.contains(year - 1), years.contains(year) else { return [] }
        return standing(in: year).subtracting(standing(in: year - 1)).sorted()
    }
}

/// A dispute initiation and the last year its pair's part in it lasted: history for a
/// date only once that year is past (MODEL.md §3.4).
public struct PastDispute: Equatable, Sendable {
    public var dispute: Dispute
    public var lastYear: Int

    public init(_ dispute: Dispute, lastYear: Int) { (self.dispute, self.lastYear) = (dispute, lastYear) }
}

/// Dispute initiations as `scripts/scenario_disputes.py --csv` writes them (the rule of a
/// scenario's `disputes` list, MODEL.md §3.4).
public func readDisputes(path: String) throws -> [PastDispute] {
    var out: [PastDispute] = []
    try readTable(path, columns: ["by", "against", "year", "level", "mid", "last_year"]) { row in
        let level = try row.string("level")
        guard let l = Dispute.Level(rawValue: level) else {
            throw HistoryError("\(row.file):\(row.line): unknown level '\(level)'; use one of \(Dispute.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let d = Dispute(by: try row.string("by"), against: try row.string("against"), year: try row.int("year"), level: l, mid: try row.int("mid"))
        out.append(PastDispute(d, lastYear: try row.int("last_year")))
    }
    return out
}
