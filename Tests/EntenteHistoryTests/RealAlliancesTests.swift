import EntenteModel
import EntenteScenario
import Foundation
import Testing
@testable import EntenteHistory

/// Real alliances classified by the true threat at their date (MODEL.md §8.3), on small tables.
@Suite("Real alliances")
struct RealAlliancesTests {
    // A line A - B - C; C is the strongest. D enters the system only in 1903.
    static let base = """
        name: line
        states:
          - {id: A, power: 1, offense: 0.5, aggressiveness: 0.5}
          - {id: B, power: 1, offense: 0.5, aggressiveness: 0.5}
          - {id: C, power: 1, offense: 0.5, aggressiveness: 0.5}
          - {id: D, power: 1, offense: 0.5, aggressiveness: 0.5}
        borders:
          - {a: A, b: B}
          - {a: B, b: C}
          - {a: C, b: D}
        """

    static func file(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("entente-history-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func real() throws -> RealAlliances {
        var cinc = "stateabb,ccode,year,cinc\n"
        for year in 1900...1903 {
            cinc += "A,1,\(year),0.2\nB,2,\(year),0.2\nC,3,\(year),0.6\n"
            if year == 1903 { cinc += "D,4,\(year),0.1\n" }
        }
        let atop = """
            year,ccode1,abb1,ccode2,abb2,defense,offense,neutral,nonagg,consul
            1900,2,B,3,C,0,0,0,0,1
            1901,1,A,2,B,1,0,0,0,0
            1902,1,A,2,B,1,0,0,0,0
            1902,2,B,3,C,0,1,0,0,0
            1902,1,A,3,C,0,0,0,1,0
            1903,3,C,4,D,1,0,0,0,0
            """
        return RealAlliances(base: try Scenario.parse(yaml: base), power: try PowerTable(path: file("cinc.csv", cinc)),
                             alliances: try AllianceTable(path: file("atop.csv", atop + "\n")), disputes: [])
    }

    @Test("formations are pairs with a defense or offense obligation that had none the year before")
    func formations() throws {
        let t = try Self.real().alliances
        #expect(t.formed(in: 1901) == [StatePair("A", "B")])
        #expect(t.formed(in: 1902) == [StatePair("B", "C")])   // the nonaggression pact A-C is not an alliance
        #expect(t.formed(in: 1900) == [])                      // the table holds no 1899 to tell
        #expect(t.years == 1900...1903)
    }

    @Test("balancing against the strongest neighbour, bandwagoning with it; the year's power and members count")
    func classifies() throws {
        let rows = try Self.real().classify(1900...1903)
        let byYear = Dictionary(grouping: rows, by: \.year)
        // 1901: A and B both see C as their main threat and ally against it.
        #expect(byYear[1901]?.map(\.alignment) == [.balance, .balance])
        #expect(byYear[1901]?.allSatisfy { $0.threat == "C" && $0.label == .balancing(against: "C") } == true)
        // 1902: B joins C, its main threat, which already stands with nobody: a bandwagon.
        let b = try #require(byYear[1902]?.first { $0.state == "B" })
        #expect(b.alignment == .bandwagon && b.reason == .sideHasThreat && b.label.code == "bandwagon")
        #expect(b.components.map { $0.power > 0.5 && $0.proximity == 1 } == true)
        // 1903: D is in the system only from 1903; its formation is classified in that year's world.
        #expect(byYear[1903]?.map(\.state) == ["C", "D"])
        #expect(rows.allSatisfy { $0.csvRow.split(separator: ",", omittingEmptySubsequences: false).count == 14 })
    }

    @Test("the year's scenario keeps the states in the system, their power, the standing alliances and earlier disputes")
    func yearScenario() throws {
        var real = try Self.real()
        real.disputes = [PastDispute(Dispute(by: "C", against: "B", year: 1899, level: .war, mid: 1), lastYear: 1900),
                         PastDispute(Dispute(by: "C", against: "B", year: 1900, level: .war, mid: 2), lastYear: 1902),
                         PastDispute(Dispute(by: "C", against: "B", year: 1902, level: .war, mid: 3), lastYear: 1902)]
        let s = real.scenario(in: 1902, standing: [StatePair("A", "B")])
        #expect(s.ids == ["A", "B", "C"] && s.borders.count == 2)
        // Mid 2 is still under way in 1902: its level may hold what came after the date.
        #expect(s.alliances == [["A", "B"]] && s.year == 1902 && s.disputes.map(\.mid) == [1])
        #expect(abs(s.states[2].power - 0.6) < 1e-12)
    }

    @Test("a forecast starts from the year's alliances and is scored against the blocs standing years later")
    func forecast() throws {
        let real = try Self.real()
        let s = try #require(real.forecast(from: 1901, horizon: 2))
        #expect(s.alliances == [["A", "B"]] && s.ids == ["A", "B", "C"])
        // 1903: C-D (D is not a state in 1901, so not compared); A-B ended in 1903.
        #expect(s.referenceAlignment == [])
        let later = try #require(real.forecast(from: 1901, horizon: 1))
        #expect(later.referenceAlignment == [["A", "B", "C"]])   // 1902: A-B and B-C
        #expect(real.forecast(from: 1903, horizon: 1) == nil)      // the tables end in 1903
        // The starting alliances alone put C by itself: one misplaced against A-B-C.
        let score = ForecastScore(start: 1901, horizon: 1, seed: 1, sides: [["A", "B", "C"]], scenario: later)
        #expect(score.compared == 3 && score.misplaced == 0 && score.initialMisplaced == 1)
    }

    @Test("a table without a needed column, or with a bad cell, is refused with its file and line")
    func badTables() throws {
        #expect(throws: HistoryError.self) { try PowerTable(path: Self.file("bad1.csv", "stateabb,year\nA,1900\n")) }
        #expect(throws: HistoryError("cannot read /nonexistent.csv: no such readable file (the tables are under data/, see data/README.md)")) {
            try PowerTable(path: "/nonexistent.csv")
        }
        #expect(try Self.real().power.missing(["A", "Z"]) == ["Z"])
        do {
            _ = try PowerTable(path: Self.file("bad2.csv", "stateabb,year,cinc\nA,1900,lots\n"))
            Issue.record("a bad cell was accepted")
        } catch let e as HistoryError {
            #expect(e.description.contains("bad2.csv:2") && e.description.contains("cinc"))
        }
        #expect(throws: HistoryError.self) { try readDisputes(path: Self.file("bad3.csv", "by,against,year,level,mid,last_year\nA,B,1900,skirmish,1,1900\n")) }
    }
}
