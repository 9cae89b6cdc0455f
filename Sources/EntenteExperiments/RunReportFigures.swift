import EntenteModel
import EntenteRuntime
import Foundation

/// The run report's figures beyond the timeline: the alliance network at chosen rounds,
/// power over rounds, and each state's perceived main threat against the true one.
extension RunReport {
    /// Alliances standing at the end of each round (from `round_end`), by round.
    static func standing(_ events: [RunEvent]) -> [Int: [StandingAlliance]] {
        var out: [Int: [StandingAlliance]] = [:]
        for e in events { if let r = e.body as? RoundEnd { out[e.round] = r.alliances } }
        return out
    }

    /// The network at chosen rounds (default: first, middle, last): states on a circle in scenario
    /// order (the same place in every panel), alliances as edges colored by kind, and at
    /// the last round each side's members ringed in one color.
    static func networks(_ events: [RunEvent], scenario: ScenarioStarted, rounds: [Int]? = nil) -> String {
        let byRound = standing(events)
        guard let last = byRound.keys.max() else { return "" }
        let chosen = Array(Set((rounds ?? [1, (last + 1) / 2, last]).filter { byRound[$0] != nil })).sorted()
        var eliminated: [StateID: Int] = [:]
        for e in events { if let x = e.body as? Eliminated { eliminated[x.state] = e.round } }
        let ids = scenario.states
        let size = 300.0, radius = 110.0, c = size / 2
        func position(_ id: StateID) -> (Double, Double) {
            let k = Double(ids.firstIndex(of: id) ?? 0) / Double(max(ids.count, 1)) * 2 * .pi - .pi / 2
            return (c + radius * cos(k), c + 10 + radius * sin(k))
        }
        let sides = sides(of: byRound[last] ?? [], ids: ids.filter { eliminated[$0] == nil })
        var out = "<h2>Alliance network</h2>\n<p class=\"note\">Blue: balancing; red: bandwagon; grey: standing at the start; "
            + "purple: mixed. At the last round each side of two or more states is ringed in its own color; a cross marks an eliminated state.</p>\n<div class=\"charts\">\n"
        for round in chosen {
            var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart network\" data-round=\"\(round)\" viewBox=\"0 0 \(Int(size)) \(Int(size + 20))\" width=\"\(Int(size))\" height=\"\(Int(size + 20))\">\n"
            svg += "<title>Alliances at the end of round \(round)</title><text x=\"10\" y=\"18\" class=\"title\">End of round \(round)</text>\n"
            for a in byRound[round] ?? [] {
                for (i, x) in a.members.enumerated() {
                    for y in a.members[(i + 1)...] {
                        let (p, q) = (position(x), position(y))
                        svg += "<line x1=\"\(f(p.0))\" y1=\"\(f(p.1))\" x2=\"\(f(q.0))\" y2=\"\(f(q.1))\" stroke=\"\(color(a.label))\" stroke-width=\"2.5\"><title>\(escape(x))–\(escape(y)): \(escape(a.labelWords))</title></line>\n"
                    }
                }
            }
            for id in ids {
                let (x, y) = position(id)
                let gone = (eliminated[id] ?? Int.max) <= round
                if round == last, let k = sides.firstIndex(where: { $0.contains(id) }) {
                    svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"9\" fill=\"none\" stroke=\"\(SweepReport.palette[(k + 2) % SweepReport.palette.count])\" stroke-width=\"3\"/>"
                }
                svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"5\" fill=\"\(gone ? "#bbb" : "#333")\"/>"
                if gone { svg += "<path d=\"M \(f(x - 6)) \(f(y - 6)) l 12 12 m -12 0 l 12 -12\" stroke=\"#d62728\" stroke-width=\"2\"/>" }
                let (dx, anchor) = x < c - 1 ? (-10.0, "end") : (x > c + 1 ? (10.0, "start") : (0.0, "middle"))
                svg += "<text x=\"\(f(x + dx))\" y=\"\(f(y + (y < c ? -8 : 14)))\" class=\"tick\" text-anchor=\"\(anchor)\">\(escape(id))</text>\n"
            }
            out += svg + "</svg>\n"
        }
        return out + "</div>\n"
    }

    /// The sides of the alliances standing: blocs of two or more states (as the run summary counts them).
    static func sides(of alliances: [StandingAlliance], ids: [StateID]) -> [[StateID]] {
        blocs(of: ids, alliances: alliances.map(\.members)).filter { $0.count > 1 }
    }

    /// Power over rounds (each state's share of the total, from `round_end`): the eight
    /// largest at the start, so the chart stays readable.
    static func power(_ events: [RunEvent]) -> String {
        var series: [StateID: [LineChart.Point]] = [:]
        var order: [StateID] = []
        for e in events {
            guard let r = e.body as? RoundEnd else { continue }
            if order.isEmpty { order = r.power.sorted { $0.power > $1.power }.map(\.state) }
            for (id, p) in r.power { series[id, default: []].append(LineChart.Point(x: Double(e.round), label: String(e.round), mean: p)) }
        }
        let shown = Array(order.prefix(8))
        guard !shown.isEmpty else { return "" }
        let chart = LineChart(title: "Power over rounds" + (order.count > 8 ? " (the 8 largest at the start)" : ""), xLabel: "round",
                              yLabel: "share of total power",
                              series: shown.enumerated().map { k, id in
                                  LineChart.Series(name: id, color: SweepReport.palette[k % SweepReport.palette.count], points: series[id] ?? [])
                              },
                              yRange: nil, attributes: [("data-figure", "power")], sparseTicks: true)
        return "<h2>Power</h2>\n" + chart.svg + "\n"
    }

    /// Each state's perceived main threat at each round against the true one, from
    /// states.csv: green where they agree, orange where the state is wrong (the cell names
    /// whom it feared; the tooltip whom it should have), grey with no threat or no decision.
    static func threats(folder: String) -> String {
        guard let text = try? String(contentsOfFile: folder + "/states.csv", encoding: .utf8) else { return "" }
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, let s = header.firstIndex(of: "state"), let r = header.firstIndex(of: "round"),
              let p = header.firstIndex(of: "perceived_threat"), let t = header.firstIndex(of: "true_threat") else { return "" }
        let rows = lines.dropFirst().filter { $0.count == header.count }
        var ids: [String] = []
        for row in rows where !ids.contains(row[s]) { ids.append(row[s]) }
        let rounds = rows.compactMap { Int($0[r]) }.max() ?? 0
        guard rounds > 0 else { return "" }
        let cell = max(6.0, min(28.0, 700.0 / Double(rounds))), rowH = 16.0, left = 60.0
        let width = left + cell * Double(rounds) + 10, height = 30 + rowH * Double(ids.count) + 30
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart threats\" data-figure=\"threats\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
        svg += "<title>Perceived main threat against the true one</title><text x=\"10\" y=\"18\" class=\"title\">Perceived main threat against the true one</text>\n"
        for (k, id) in ids.enumerated() {
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(30 + Double(k) * rowH + 12))\" class=\"tick\" text-anchor=\"end\">\(escape(id))</text>"
        }
        for row in rows {
            guard let k = ids.firstIndex(of: row[s]), let round = Int(row[r]) else { continue }
            let (seen, truth) = (row[p], row[t])
            let fill = seen.isEmpty ? "#e0e0e0" : (seen == truth ? "#98df8a" : "#ffbb78")
            let x = left + Double(round - 1) * cell, y = 30 + Double(k) * rowH
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell - 1))\" height=\"\(f(rowH - 1))\" fill=\"\(fill)\"><title>\(escape(row[s])), round \(round): "
                + "fears \(escape(seen.isEmpty ? "none" : seen)), true main threat \(escape(truth.isEmpty ? "none" : truth))</title></rect>"
            if cell >= 24 && !seen.isEmpty && seen != truth {
                svg += "<text x=\"\(f(x + cell / 2))\" y=\"\(f(y + 11))\" class=\"tick\" text-anchor=\"middle\" font-size=\"8\">\(escape(seen))</text>"
            }
        }
        let step = max(1, Int((Double(rounds) / 10).rounded(.up)))
        for round in stride(from: step, through: rounds, by: step) {
            svg += "<text x=\"\(f(left + (Double(round) - 0.5) * cell))\" y=\"\(f(height - 12))\" class=\"tick\" text-anchor=\"middle\">\(round)</text>"
        }
        return "<h2>Threats</h2>\n<p class=\"note\">Green: the state's perceived main threat is the true one; orange: it is not (hover for both); grey: no threat above the floor, or no decision.</p>\n" + svg + "\n</svg>\n"
    }

    static func f(_ x: Double) -> String { String(Double(Int((x * 10).rounded())) / 10) }
}
