import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import EntenteExperiments

@Suite("Sweep plans, statistics and tables")
struct SweepPlanTests {
    @Test("--vary parses keys, short names and values; bad ones are refused")
    func dimensions() throws {
        let d = try Dimension(parsing: "noise=0,0.1, 0.2")
        #expect(d.key == "observation.noise" && d.values == ["0", "0.1", "0.2"] && d.isNumeric)
        #expect(try Dimension(parsing: "topology=complete,neighbors").key == "communication.topology")
        #expect(try !Dimension(parsing: "topology=complete,neighbors").isNumeric)
        #expect(throws: SweepError.self) { try Dimension(parsing: "noise") }
        #expect(throws: SweepError.self) { try Dimension(parsing: "noise=0,,1") }
        #expect(throws: SweepError.self) { try Dimension(parsing: "noise=1,1") }
    }

    @Test("the grid is the full product, and runs interleave seeds across points")
    func interleaving() {
        let plan = SweepPlan(dimensions: [Dimension(key: "a", values: ["1", "2"]), Dimension(key: "b", values: ["x", "y", "z"])],
                             seeds: [1, 2])
        #expect(plan.points.count == 6)
        #expect(plan.points[4].values == ["2", "y"])
        #expect(plan.points[4].overrides(plan.dimensions) == ["a=2", "b=y"])
        let runs = plan.runs
        #expect(runs.count == 12)
        // A sweep cut after any 6 runs has covered every point once.
        #expect(Set(runs.prefix(6).map(\.point.index)) == Set(0..<6))
        #expect(runs.prefix(6).allSatisfy { $0.seed == 1 })
    }

    @Test("95% intervals use Student's t")
    func intervals() throws {
        let e = try #require(Estimate95([1, 2, 3]))
        #expect(e.mean == 2)
        // sd 1, n 3: half-width 4.303 / sqrt(3).
        #expect(abs((e.high! - e.low!) / 2 - 4.303 / 3.0.squareRoot()) < 1e-9)
        #expect(Estimate95([5])?.low == nil)
        // Past the table: t(31) = 2.0395, t(100) = 1.9840, t(∞) = 1.96.
        #expect(abs(Estimate95.t975(df: 31) - 2.0395) < 0.001)
        #expect(abs(Estimate95.t975(df: 100) - 1.9840) < 0.001)
        #expect(abs(Estimate95.t975(df: 100_000) - 1.96) < 0.001)
        #expect(Estimate95([]) == nil)
    }

    func row(_ point: GridPoint, seed: UInt64, balance: Double) -> RunRow {
        RunRow(run: PlannedRun(point: point, seed: seed), folder: "f", status: "ok",
               metrics: ["share_balance": balance, "share_bandwagon": 1 - balance, "true_share_balance": balance, "true_share_bandwagon": 1 - balance,
                         "misperception_rate": 0, "blocs": 2, "sides": Double(seed + 1), "wars": 1, "eliminated": 0],
               digest: "d\(seed)")
    }

    @Test("results.csv has a row per run; points.csv a row per point with means and intervals")
    func tables() {
        let plan = SweepPlan(dimensions: [Dimension(key: "observation.noise", values: ["0", "0.5"])], seeds: [1, 2])
        let p = plan.points
        let rows = [row(p[0], seed: 1, balance: 1), row(p[1], seed: 1, balance: 0.5), row(p[0], seed: 2, balance: 0.8),
                    RunRow.failed(PlannedRun(point: p[1], seed: 2), folder: "g")]
        let results = SweepTables.results(rows, plan: plan).split(separator: "\n")
        #expect(results.count == 5)
        #expect(results[0].hasPrefix("point,seed,observation.noise,status,decisions,"))
        #expect(results[4].contains(",failed,"))
        let points = SweepTables.points(rows, plan: plan).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = points[0].map(String.init)
        let mean = header.firstIndex(of: "share_balance_mean")!
        #expect(points[1][mean] == "0.9")
        #expect(points[2][header.firstIndex(of: "failed")!] == "1")
        #expect(points[2][header.firstIndex(of: "share_balance_ci95_low")!] == "")
    }

    @Test("report.html is well-formed, self-contained, with panels per parameter, interaction plots, runs as points, categories without lines")
    func report() throws {
        let plan = SweepPlan(dimensions: [Dimension(key: "observation.noise", values: ["0", "0.5"]),
                                          Dimension(key: "communication.topology", values: ["complete", "neighbors"])], seeds: [1, 2])
        let rows = plan.runs.map { row($0.point, seed: $0.seed, balance: Double($0.seed) / 4) }
        let html = SweepReport.html(rows, plan: plan, title: "test & <check>")
        #expect(XMLParser(data: Data(html.utf8)).parse(), "not well-formed")
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href="))
        for d in plan.dimensions {
            #expect(html.components(separatedBy: "data-parameter=\"\(d.key)\"").count == 2, "one set of panels for \(d.key)")
        }
        let charts = html.components(separatedBy: "<svg").dropFirst()
        // Two parameters: three interaction plots (one line per topology value), then the panels of each parameter.
        let interactions = charts.filter { $0.contains("data-interaction=\"observation.noise × communication.topology\"") }
        #expect(interactions.count == 3)
        #expect(interactions.allSatisfy { $0.contains("topology = complete") && $0.contains("topology = neighbors") })
        #expect(charts.count > 3 + 2 * 4)
        // Every run is a point behind the means; a categorical parameter gets points, not lines.
        #expect(charts.allSatisfy { $0.contains("class=\"run\"") })
        let topology = charts.filter { $0.contains("vs communication.topology") }
        #expect(!topology.isEmpty && topology.allSatisfy { !$0.contains("<polyline") })
        // Counts tick on whole numbers.
        for chart in charts where chart.contains("data-metric=\"sides\"") {
            let ticks = chart.components(separatedBy: "class=\"tick\" text-anchor=\"end\">").dropFirst().map { $0.prefix { $0 != "<" } }
            #expect(!ticks.isEmpty && ticks.allSatisfy { Int($0) != nil }, "\(ticks)")
        }
        #expect(html.contains("test &amp; &lt;check&gt;"))
    }
}
