import EntenteModel
import Foundation
import Testing
@testable import EntenteScenario

/// The docs' parameter tables (MODEL.md §11, SCENARIOS.md) against the descriptors: every
/// parameter is listed, with the descriptor's default and, where the table says, its range.
@Suite("Docs: parameter tables match the parameter descriptors")
struct DocsParameterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// One parameter as a docs table row gives it.
    struct Row {
        var block: ScenarioBlock
        var key: String
        var defaultCell: String
        var validCell: String?
        var line: Int
    }

    /// The block a heading is about: its first backticked word, or its first word.
    static func block(ofHeading heading: String) -> ScenarioBlock? {
        let words = heading.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "_" }).map(String.init)
        if words.first == "run" || words.first == "top" { return .run }
        return words.lazy.compactMap { ScenarioBlock(rawValue: $0) }.first
    }

    /// Rows of every table whose header has `key` and `default` columns, with their block:
    /// from a `block` column when the table has one, else from the section heading.
    static func rows(_ file: String) throws -> [Row] {
        let lines = try String(contentsOfFile: root + "/docs/" + file, encoding: .utf8).components(separatedBy: "\n")
        var heading: ScenarioBlock?
        var header: [String] = []
        var blockColumn: ScenarioBlock?
        var out: [Row] = []
        for (n, line) in lines.enumerated() {
            if line.hasPrefix("#") { heading = block(ofHeading: line); header = []; continue }
            guard line.hasPrefix("|") else { header = []; continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if header.isEmpty { header = cells; blockColumn = nil; continue }
            guard let k = header.firstIndex(of: "key"), let d = header.firstIndex(of: "default"), cells.count == header.count,
                  !cells[k].hasPrefix("---") else { continue }
            if let b = header.firstIndex(of: "block"), !cells[b].isEmpty {
                blockColumn = block(ofHeading: cells[b].components(separatedBy: " ").first ?? "")
            }
            guard let blk = header.contains("block") ? blockColumn : heading else { continue }
            let keys = cells[k].split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            let valid = header.firstIndex(of: "valid").map { cells[$0] }
            for key in keys { out.append(Row(block: blk, key: key, defaultCell: cells[d], validCell: valid, line: n + 1)) }
        }
        return out
    }

    /// The numbers of a cell, e.g. "0.1 … 86400 (one day)" → [0.1, 86400].
    static func numbers(_ cell: String) -> [Double] {
        cell.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == "-") }).compactMap { Double($0) }
    }

    @Test("every parameter is in MODEL.md §11 and in SCENARIOS.md, each with its default", arguments: ["MODEL.md", "SCENARIOS.md"])
    func defaults(file: String) throws {
        let rows = try Self.rows(file)
        for e in ParameterCatalog.entries {
            let mine = rows.filter { $0.block == e.block && $0.key == e.key }
            #expect(!mine.isEmpty, "\(file) has no row for \(e.path)")
            for row in mine {
                let given = Self.numbers(row.defaultCell).first
                if let d = e.defaultValue {
                    #expect(given == d, "\(file):\(row.line): \(e.path) default '\(row.defaultCell)', the descriptor says \(d)")
                } else {
                    #expect(!row.defaultCell.contains("unset") ? row.defaultCell.contains("`") : true,
                            "\(file):\(row.line): \(e.path) is unset by default, the table says '\(row.defaultCell)'")
                }
            }
        }
    }

    @Test("the accepted values SCENARIOS.md gives are the descriptors' ranges")
    func ranges() throws {
        for row in try Self.rows("SCENARIOS.md") {
            guard let valid = row.validCell, let e = ParameterCatalog.entries.first(where: { $0.block == row.block && $0.key == row.key })
            else { continue }
            let n = Self.numbers(valid)
            let described: [Double] = e.range.upperBound == .greatestFiniteMagnitude ? [e.range.lowerBound] : [e.range.lowerBound, e.range.upperBound]
            #expect(Array(n.prefix(described.count)) == described, "SCENARIOS.md:\(row.line): \(e.path) valid '\(valid)', the descriptor says \(e.rangeText)")
        }
    }

    @Test("the checker reads the tables: a wrong default would be caught")
    func checkerSeesRows() throws {
        let rows = try Self.rows("MODEL.md")
        let trust = try #require(rows.first { $0.block == .policy && $0.key == "trust" })
        #expect(Self.numbers(trust.defaultCell).first == PolicyParameters().trust)
        #expect(Self.numbers("0.1 … 86400 (one day)") == [0.1, 86400])
        #expect(Self.block(ofHeading: "### Policy (`policy`, `states[].params`)") == .policy)
    }
}
