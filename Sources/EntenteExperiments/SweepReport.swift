/// report.html for a sweep: for each varied parameter, the shares of balancing and
/// bandwagoning, the misperception rate and the number of blocs, against its values,
/// each a mean over every run at that value with a 95% band.
public enum SweepReport {
    static let balance = "#1f77b4", bandwagon = "#d62728", misperception = "#9467bd", blocs = "#2ca02c"

    public static func html(_ rows: [RunRow], plan: SweepPlan, title: String) -> String {
        let ok = rows.filter { $0.status == "ok" }
        var body = "<h1>Sweep: \(escape(title))</h1>\n"
        body += "<p>\(ok.count) runs finished, \(rows.count - ok.count) failed. Each point is the mean over every run at that value "
            + "(all seeds, and all values of the other parameters); the band is its 95% confidence interval.</p>\n"
        for (d, dimension) in plan.dimensions.enumerated() {
            let numeric = dimension.isNumeric
            func series(_ name: String, _ metric: String, _ color: String) -> LineChart.Series {
                let points = dimension.values.enumerated().compactMap { k, value -> LineChart.Point? in
                    let values = ok.filter { $0.run.point.values[d] == value }.compactMap { $0.value(metric) }
                    guard let e = Estimate95(values) else { return nil }
                    return LineChart.Point(x: numeric ? Double(value)! : Double(k), label: value, mean: e.mean, low: e.low, high: e.high)
                }
                return LineChart.Series(name: name, color: color, points: points)
            }
            body += "<h2>\(escape(dimension.key))</h2>\n<div class=\"charts\">\n"
            body += LineChart(title: "Balancing and bandwagoning vs \(dimension.key)", xLabel: dimension.key,
                              yLabel: "share of alignment decisions",
                              series: [series("balance (perceived)", "share_balance", balance),
                                       series("bandwagon (perceived)", "share_bandwagon", bandwagon)],
                              yRange: 0...1, attributes: [("data-parameter", dimension.key), ("data-metric", "shares")],
                              categorical: !numeric).svg
            body += "\n"
            body += LineChart(title: "Misperception rate vs \(dimension.key)", xLabel: dimension.key,
                              yLabel: "decisions against the wrong threat",
                              series: [series("misperception rate", "misperception_rate", misperception)],
                              yRange: 0...1, attributes: [("data-metric", "misperception")], categorical: !numeric).svg
            body += "\n"
            body += LineChart(title: "Blocs at the end vs \(dimension.key)", xLabel: dimension.key, yLabel: "blocs of 2+ states",
                              series: [series("blocs", "blocs", blocs)], yRange: nil, attributes: [("data-metric", "blocs")],
                              categorical: !numeric).svg
            body += "\n</div>\n"
        }
        body += pointsTable(rows, plan: plan)
        return page(title: "Entente sweep: \(title)", body: body)
    }

    static func pointsTable(_ rows: [RunRow], plan: SweepPlan) -> String {
        var t = "<h2>Grid points</h2>\n<table>\n<tr><th class=\"text\">point</th>"
        t += plan.dimensions.map { "<th class=\"text\">\(escape($0.key))</th>" }.joined()
        t += "<th>runs</th><th>balance</th><th>bandwagon</th><th>other</th><th>misperception</th><th>blocs</th></tr>\n"
        for point in plan.points {
            let ok = rows.filter { $0.run.point.index == point.index && $0.status == "ok" }
            func mean(_ m: String) -> String {
                guard let e = Estimate95(ok.compactMap { $0.value(m) }) else { return "–" }
                return String((e.mean * 100).rounded() / 100)
            }
            t += "<tr><td class=\"text\">\(point.name)</td>" + point.values.map { "<td class=\"text\">\(escape($0))</td>" }.joined()
            t += "<td>\(ok.count)</td><td>\(mean("share_balance"))</td><td>\(mean("share_bandwagon"))</td><td>\(mean("share_other"))</td>"
            t += "<td>\(mean("misperception_rate"))</td><td>\(mean("blocs"))</td></tr>\n"
        }
        return t + "</table>\n"
    }
}
