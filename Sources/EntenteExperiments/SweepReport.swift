/// report.html for a sweep: one panel per metric against each varied parameter (a mean
/// over every run at that value, its 95% band, each run a faint dot behind), and, when
/// two parameters vary, interaction plots: the first on the x axis, one line per value
/// of the second, so an effect that depends on the other parameter shows.
public enum SweepReport {
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

    /// A panel: its title, y label, series (metric, name, color), range, and whether it counts.
    struct Panel {
        var title: String
        var yLabel: String
        var series: [(metric: String, name: String, color: String)]
        var yRange: ClosedRange<Double>?
        var integers = false
    }

    static let panels = [
        Panel(title: "Alignments by perceived threat", yLabel: "share of alignment decisions",
              series: [("share_balance", "balance", palette[0]), ("share_bandwagon", "bandwagon", palette[1])], yRange: 0...1),
        Panel(title: "Alignments by true threat", yLabel: "share of alignment decisions",
              series: [("true_share_balance", "balance", palette[0]), ("true_share_bandwagon", "bandwagon", palette[1])], yRange: 0...1),
        Panel(title: "Misperception", yLabel: "decisions against the wrong threat",
              series: [("misperception_rate", "misperception rate", palette[3])], yRange: 0...1),
        Panel(title: "Sides at the end", yLabel: "sides of 2+ states", series: [("sides", "sides", palette[2])], yRange: nil, integers: true),
        Panel(title: "Wars started", yLabel: "wars", series: [("wars", "wars", palette[4])], yRange: nil, integers: true),
        Panel(title: "States eliminated", yLabel: "states", series: [("eliminated", "eliminated", palette[5])], yRange: nil, integers: true),
        Panel(title: "Agreement with the reference alignment", yLabel: "states misplaced",
              series: [("misplaced", "model", palette[0]), ("initial_misplaced", "starting alliances", palette[6]),
                       ("landscape_misplaced", "landscape", palette[7])], yRange: nil, integers: true),
    ]

    public static func html(_ rows: [RunRow], plan: SweepPlan, title: String) -> String {
        let ok = rows.filter { $0.status == "ok" }
        var body = "<h1>Sweep: \(escape(title))</h1>\n"
        body += "<p>\(ok.count) runs finished, \(rows.count - ok.count) failed. Each point is the mean over every run at that value "
            + "(all seeds, and all values of the other parameters); the band is its 95% confidence interval; the faint dots are the runs.</p>\n"
        if plan.dimensions.count >= 2 { body += interactions(ok, plan: plan) }
        for (d, dimension) in plan.dimensions.enumerated() {
            body += "<h2>\(escape(dimension.key))</h2>\n<div class=\"charts\">\n"
            for (k, panel) in panels.enumerated() {
                let series = panel.series.map { s in
                    LineChart.Series(name: s.name, color: s.color, points: points(ok, metric: s.metric, dimension: dimension) {
                        $0.run.point.values[d] == $1
                    })
                }.filter { !$0.points.isEmpty }
                guard !series.isEmpty else { continue }
                var attributes = [("data-metric", panel.series[0].metric)]
                if k == 0 { attributes.insert(("data-parameter", dimension.key), at: 0) }
                body += LineChart(title: "\(panel.title) vs \(dimension.key)", xLabel: dimension.key, yLabel: panel.yLabel, series: series,
                                  yRange: panel.yRange, attributes: attributes, categorical: !dimension.isNumeric, integers: panel.integers).svg + "\n"
            }
            body += "</div>\n"
        }
        body += pointsTable(rows, plan: plan)
        return page(title: "Entente sweep: \(title)", body: body)
    }

    /// The mean, band and runs of `metric` at each value of `dimension`, over the runs `at` keeps.
    static func points(_ rows: [RunRow], metric: String, dimension: Dimension, at: (RunRow, String) -> Bool) -> [LineChart.Point] {
        dimension.values.enumerated().compactMap { k, value in
            let values = rows.filter { at($0, value) }.compactMap { $0.value(metric) }
            guard let e = Estimate95(values) else { return nil }
            return LineChart.Point(x: dimension.isNumeric ? Double(value)! : Double(k), label: value, mean: e.mean, low: e.low, high: e.high,
                                   runs: values)
        }
    }

    /// The first varied parameter on x, one line per value of the second, for the metrics
    /// where interactions matter most.
    static func interactions(_ rows: [RunRow], plan: SweepPlan) -> String {
        let (x, lines) = (plan.dimensions[0], plan.dimensions[1])
        var out = "<h2>Interactions: \(escape(x.key)) × \(escape(lines.key))</h2>\n<div class=\"charts\">\n"
        for (metric, title, yLabel, range, integers) in [
            ("share_balance", "Balancing (perceived)", "share of alignment decisions", 0.0...1.0, false),
            ("misperception_rate", "Misperception", "decisions against the wrong threat", 0.0...1.0, false),
            ("sides", "Sides at the end", "sides of 2+ states", nil as ClosedRange<Double>?, true),
        ] {
            let series = lines.values.enumerated().map { k, value in
                LineChart.Series(name: "\(short(lines.key)) = \(value)", color: palette[k % palette.count],
                                 points: points(rows.filter { $0.run.point.values[1] == value }, metric: metric, dimension: x) {
                                     $0.run.point.values[0] == $1
                                 })
            }.filter { !$0.points.isEmpty }
            guard !series.isEmpty else { continue }
            out += LineChart(title: "\(title), by \(short(lines.key))", xLabel: x.key, yLabel: yLabel, series: series, yRange: range,
                             attributes: [("data-interaction", "\(x.key) × \(lines.key)"), ("data-metric", metric)],
                             categorical: !x.isNumeric, integers: integers).svg + "\n"
        }
        return out + "</div>\n"
    }

    /// A parameter's last path component, for titles and legends (the axis names it in full).
    static func short(_ key: String) -> String { key.split(separator: ".").last.map(String.init) ?? key }

    static func pointsTable(_ rows: [RunRow], plan: SweepPlan) -> String {
        var t = "<h2>Grid points</h2>\n<table>\n<tr><th class=\"text\">point</th>"
        t += plan.dimensions.map { "<th class=\"text\">\(escape($0.key))</th>" }.joined()
        t += "<th>runs</th><th>balance</th><th>bandwagon</th><th>other</th><th>misperception</th><th>sides</th><th>wars</th></tr>\n"
        for point in plan.points {
            let ok = rows.filter { $0.run.point.index == point.index && $0.status == "ok" }
            func mean(_ m: String) -> String {
                guard let e = Estimate95(ok.compactMap { $0.value(m) }) else { return "–" }
                return String((e.mean * 100).rounded() / 100)
            }
            t += "<tr><td class=\"text\">\(point.name)</td>" + point.values.map { "<td class=\"text\">\(escape($0))</td>" }.joined()
            t += "<td>\(ok.count)</td><td>\(mean("share_balance"))</td><td>\(mean("share_bandwagon"))</td><td>\(mean("share_other"))</td>"
            t += "<td>\(mean("misperception_rate"))</td><td>\(mean("sides"))</td><td>\(mean("wars"))</td></tr>\n"
        }
        return t + "</table>\n"
    }
}
