import EntenteModel
import EntenteRuntime
import Foundation

/// report.html for one run, from its events.jsonl: a timeline of alliances and wars, and
/// who balanced against (or bandwagoned with) whom.
public enum RunReport {
    /// Reads `folder`/events.jsonl (a torn last line is skipped, and the page says so) and returns the page.
    /// - Throws: `SweepError` when the folder holds no events.
    /// - Parameter networkRounds: the rounds whose alliance network to draw (default: the
    ///   first, the middle and the last); rounds the run did not reach are left out.
    public static func html(folder: String, networkRounds: [Int]? = nil) throws -> String {
        let events: [RunEvent], torn: Bool
        do {
            (events, torn) = try RunEvent.readLog(folder: folder)
        } catch {
            throw SweepError("cannot read \(folder)/events.jsonl (\(error)): give the folder of a run (entente run --out DIR)")
        }
        guard let scenario = events.lazy.compactMap({ if let s = $0.body as? ScenarioStarted { s } else { nil } }).first else {
            throw SweepError("\(folder)/events.jsonl has no scenario event: not an Entente run log")
        }
        var body = "<h1>Run: \(escape(scenario.name)), seed \(escape(scenario.seed))</h1>\n"
        if torn { body += "<p><em>The log's last line was cut (a process killed while writing it): it is left out.</em></p>\n" }
        body += timeline(events, scenario: scenario)
        body += networks(events, scenario: scenario, rounds: networkRounds)
        body += power(events)
        body += threats(folder: folder)
        body += alignmentTable(events)
        return page(title: "Entente run: \(scenario.name)", body: body)
    }

    struct Bar {
        var members: String
        /// The label's code (`AllianceLabel.code`) and the state it names.
        var code: String
        var target: StateID?
        var from: Int
        var to: Int

        /// The label in words.
        var label: String { AllianceLabel.words(code: code, target: target) }
    }

    /// The colour of an alliance label's code.
    static func color(_ code: String) -> String {
        switch code {
        case "balancing": "#1f77b4"
        case "bandwagon": "#d62728"
        case "initial": "#7f7f7f"
        default: "#9467bd"
        }
    }

    /// Alliances as bars from the round they formed to the round they ended; wars as marks.
    static func timeline(_ events: [RunEvent], scenario: ScenarioStarted) -> String {
        let rounds = scenario.rounds
        var open: [String: Bar] = [:]
        var bars: [Bar] = []
        for pair in scenario.alliances {
            let k = pair.joined(separator: "-")
            open[k] = Bar(members: k, code: "initial", target: nil, from: 0, to: rounds)
        }
        var wars: [(round: Int, war: WarStarted)] = []
        var eliminated: [(round: Int, state: String)] = []
        for e in events {
            switch e.body {
            case let a as AllianceFormed:
                let k = a.members.joined(separator: "-")
                open[k] = Bar(members: k, code: a.label, target: a.target, from: e.round, to: rounds)
            case let a as AllianceDissolved:
                if var b = open.removeValue(forKey: a.members.joined(separator: "-")) { b.to = e.round; bars.append(b) }
            case let w as WarStarted:
                wars.append((e.round, w))
            case let x as Eliminated:
                eliminated.append((e.round, x.state))
            default: break
            }
        }
        bars += open.values
        bars.sort { ($0.from, $0.members) < ($1.from, $1.members) }
        // The label column is as wide as the longest label needs.
        let longest = bars.map { $0.members.count + $0.label.count + 2 }.max() ?? 10
        let rowH = 18.0, left = min(460.0, 24 + Double(longest) * 6.6), width = left + 680, top = 30.0
        let marks = (wars.isEmpty ? 0 : 2) + (eliminated.isEmpty ? 0 : 2)
        let height = top + Double(bars.count + 1 + marks) * rowH + 40
        let scale = (width - left - 20) / Double(max(rounds, 1))
        func x(_ r: Int) -> Double { left + Double(r) * scale }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart timeline\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
        svg += "<title>Alliances and wars by round</title>\n<text x=\"10\" y=\"18\" class=\"title\">Alliances and wars by round</text>\n"
        for r in 0...max(rounds, 1) {
            svg += "<line x1=\"\(x(r))\" x2=\"\(x(r))\" y1=\"\(top)\" y2=\"\(height - 30)\" class=\"grid\"/>"
            svg += "<text x=\"\(x(r))\" y=\"\(height - 14)\" class=\"tick\" text-anchor=\"middle\">\(r)</text>\n"
        }
        for (k, b) in bars.enumerated() {
            let y = top + Double(k) * rowH
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 12)\" class=\"legend\" text-anchor=\"end\">\(escape(b.members)): \(escape(b.label))</text>"
            svg += "<rect x=\"\(x(b.from))\" y=\"\(y + 3)\" width=\"\(max(2, Double(b.to - b.from) * scale))\" height=\"\(rowH - 6)\" fill=\"\(color(b.code))\"><title>\(escape(b.members)), \(escape(b.label)), rounds \(b.from)–\(b.to)</title></rect>\n"
        }
        if !wars.isEmpty {
            let y = top + Double(bars.count) * rowH
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 12)\" class=\"legend\" text-anchor=\"end\">wars started</text>"
            // Each war labeled under its mark, on alternate lines so neighbours do not collide.
            for (i, (r, w)) in wars.enumerated() {
                let label = "\(w.attacker) attacks \(w.defender)"
                let k = i % 2
                svg += "<path d=\"M \(x(r)) \(y + 2) l 6 12 l -12 0 z\" fill=\"#ff7f0e\"><title>round \(r): \(escape(label))</title></path>"
                svg += "<text x=\"\(x(r) + 8)\" y=\"\(y + 24 + Double(k) * 10)\" class=\"tick\" font-size=\"9\">\(escape(w.attacker))→\(escape(w.defender))</text>\n"
            }
        }
        if !eliminated.isEmpty {
            let y = top + Double(bars.count + (wars.isEmpty ? 0 : 2)) * rowH
            svg += "<text x=\"\(left - 6)\" y=\"\(y + 12)\" class=\"legend\" text-anchor=\"end\">eliminated</text>"
            for (r, state) in eliminated {
                svg += "<path d=\"M \(x(r) - 5) \(y + 3) l 10 10 m -10 0 l 10 -10\" stroke=\"#d62728\" stroke-width=\"2\"><title>round \(r): \(escape(state)) eliminated</title></path>"
                svg += "<text x=\"\(x(r) + 8)\" y=\"\(y + 12)\" class=\"tick\" font-size=\"9\">\(escape(state))</text>\n"
            }
        }
        svg += "<text x=\"\(left + (width - left) / 2)\" y=\"\(height - 1)\" class=\"label\" text-anchor=\"middle\">round</text>\n</svg>\n"
        return "<h2>Timeline</h2>\n<p class=\"note\">Blue: balancing coalitions; red: bandwagons; grey: standing at the start; purple: mixed.</p>\n" + svg
    }

    static func alignmentTable(_ events: [RunEvent]) -> String {
        let rows = events.compactMap { e -> (Int, AlignmentEvent)? in if let a = e.body as? AlignmentEvent { (e.round, a) } else { nil } }
        var t = "<h2>Who balanced against whom</h2>\n"
        guard !rows.isEmpty else { return t + "<p>No alignment decision in this run.</p>\n" }
        t += "<table>\n<tr><th>round</th><th class=\"text\">state</th><th class=\"text\">joined</th><th class=\"text\">perceived threat</th><th class=\"text\">decision</th><th class=\"text\">true threat</th><th class=\"text\">by the truth</th><th class=\"text\">rule</th></tr>\n"
        for (round, a) in rows {
            func s(_ text: String?) -> String { escape(text ?? "–") }
            t += "<tr><td>\(round)</td><td class=\"text\">\(s(a.state))</td><td class=\"text\">\(s(a.partner))</td>"
            t += "<td class=\"text\">\(s(a.perceivedThreat))</td><td class=\"text\">\(s(a.perceivedAlignment.rawValue))</td>"
            t += "<td class=\"text\">\(s(a.trueThreat))</td><td class=\"text\">\(s(a.trueAlignment.rawValue))</td><td class=\"text\">\(s(a.ruleText))</td></tr>\n"
        }
        return t + "</table>\n"
    }
}
