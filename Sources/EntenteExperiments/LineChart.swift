/// A line chart as inline SVG: one line per series, with a shaded 95% band where known,
/// and each run's own value as a faint dot behind its mean. Categorical x values get
/// points, not lines (an order between categories would be invented). Self-contained
/// (no script, no network): it renders in any browser and in print.
struct LineChart {
    struct Point {
        var x: Double
        var label: String
        var mean: Double
        var low: Double?
        var high: Double?
        /// Each run's value, drawn behind the mean.
        var runs: [Double] = []
    }

    struct Series {
        var name: String
        var color: String
        var points: [Point]
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// Fixed y range (shares: 0...1); nil fits the data.
    var yRange: ClosedRange<Double>?
    /// Extra attributes on the <svg> element (e.g. data-parameter), for tools and tests.
    var attributes: [(String, String)] = []
    /// x values are category positions 0, 1, 2...: pad half a step each side so labels fit,
    /// and draw no line between them.
    var categorical = false
    /// Counts (sides, wars): ticks on whole numbers only.
    var integers = false
    /// Many x values (rounds): label about ten of them, not every one.
    var sparseTicks = false

    let width = 560.0, height = 330.0
    let left = 60.0, right = 24.0, top = 52.0, bottom = 52.0

    var svg: String {
        let all = series.flatMap(\.points)
        let xs = Array(Set(all.map(\.x))).sorted()
        let pad = categorical ? 0.5 : 0
        let xMin = (xs.first ?? 0) - pad, xMax = (xs.last ?? 1) + pad
        let values = all.flatMap { [$0.mean] + [$0.low, $0.high].compactMap { $0 } + $0.runs }
        var yLow = yRange?.lowerBound ?? min(0, values.min() ?? 0)
        var yHigh = yRange?.upperBound ?? max(values.max() ?? 1, yLow + 1e-9)
        if yRange == nil { yHigh = niceCeiling(yHigh) }
        if yHigh <= yLow { yHigh = yLow + 1 }
        yLow = min(yLow, yHigh)
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { xMax == xMin ? left + plotW / 2 : left + (x - xMin) / (xMax - xMin) * plotW }
        func py(_ y: Double) -> Double { top + (1 - (y - yLow) / (yHigh - yLow)) * plotH }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(escape(title))\""
        for (k, v) in attributes { out += " \(k)=\"\(escape(v))\"" }
        out += ">\n<title>\(escape(title))</title>\n"
        out += "<text x=\"\(n(left))\" y=\"20\" class=\"title\">\(escape(title))</text>\n"
        // Grid and y ticks, at round numbers.
        let step = tickStep(yHigh - yLow)
        yHigh = max(yHigh, (yHigh / step).rounded(.up) * step)
        for y in stride(from: (yLow / step).rounded(.up) * step, through: yHigh + step * 1e-9, by: step) {
            out += "<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(py(y)))\" y2=\"\(n(py(y)))\" class=\"grid\"/>"
            out += "<text x=\"\(n(left - 6))\" y=\"\(n(py(y) + 4))\" class=\"tick\" text-anchor=\"end\">\(tick(y))</text>\n"
        }
        // x ticks at the values swept.
        let labels = Dictionary(all.map { ($0.x, $0.label) }, uniquingKeysWith: { a, _ in a })
        let every = sparseTicks ? max(1, Int((Double(xs.count) / 10).rounded(.up))) : 1
        for (k, x) in xs.enumerated() where k % every == every - 1 || every == 1 {
            out += "<line x1=\"\(n(px(x)))\" x2=\"\(n(px(x)))\" y1=\"\(n(top + plotH))\" y2=\"\(n(top + plotH + 5))\" class=\"axis\"/>"
            out += "<text x=\"\(n(px(x)))\" y=\"\(n(top + plotH + 18))\" class=\"tick\" text-anchor=\"middle\">\(escape(labels[x] ?? ""))</text>\n"
        }
        out += "<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(top + plotH))\" y2=\"\(n(top + plotH))\" class=\"axis\"/>"
        out += "<line x1=\"\(n(left))\" x2=\"\(n(left))\" y1=\"\(n(top))\" y2=\"\(n(top + plotH))\" class=\"axis\"/>\n"
        out += "<text x=\"\(n(left + plotW / 2))\" y=\"\(n(height - 10))\" class=\"label\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        out += "<text transform=\"translate(16 \(n(top + plotH / 2))) rotate(-90)\" class=\"label\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        // Bands, then lines and points, then the legend.
        for s in series {
            let banded = s.points.filter { $0.low != nil && $0.high != nil }.sorted { $0.x < $1.x }
            if banded.count > 1 {
                let upper = banded.map { "\(n(px($0.x))),\(n(py(min(yHigh, $0.high!))))" }
                let lower = banded.reversed().map { "\(n(px($0.x))),\(n(py(max(yLow, $0.low!))))" }
                out += "<polygon class=\"band\" fill=\"\(s.color)\" points=\"\((upper + lower).joined(separator: " "))\"/>\n"
            }
        }
        // Each run, faint, a little to the side of its series so series do not hide each other.
        let spread = (xMax - xMin) * 0.012
        for (k, s) in series.enumerated() {
            let offset = (Double(k) - Double(series.count - 1) / 2) * spread
            for p in s.points {
                for v in p.runs {
                    out += "<circle class=\"run\" cx=\"\(n(px(p.x + offset)))\" cy=\"\(n(py(v)))\" r=\"2\" fill=\"\(s.color)\"/>"
                }
            }
            out += "\n"
        }
        for s in series {
            let pts = s.points.sorted { $0.x < $1.x }
            if !categorical {
                out += "<polyline class=\"line\" stroke=\"\(s.color)\" points=\"\(pts.map { "\(n(px($0.x))),\(n(py($0.mean)))" }.joined(separator: " "))\"/>\n"
            }
            for p in pts {
                out += "<circle cx=\"\(n(px(p.x)))\" cy=\"\(n(py(p.mean)))\" r=\"3.5\" fill=\"\(s.color)\"><title>\(escape(s.name)) at \(escape(p.label)): \(tick(p.mean))"
                if let lo = p.low, let hi = p.high { out += " (95% CI \(tick(lo)) to \(tick(hi)))" }
                out += "</title></circle>\n"
            }
        }
        // The legend sits in a row between the title and the plot, never over the data.
        var lx = left
        for s in series {
            out += "<rect x=\"\(n(lx))\" y=\"29\" width=\"12\" height=\"12\" fill=\"\(s.color)\"/>"
            out += "<text x=\"\(n(lx + 17))\" y=\"39\" class=\"legend\">\(escape(s.name))</text>\n"
            lx += 30 + Double(s.name.count) * 6.2
        }
        return out + "</svg>"
    }

    func n(_ x: Double) -> String { String(Double(Int((x * 10).rounded())) / 10) }

    func tick(_ y: Double) -> String {
        if y == y.rounded(), abs(y) < 1e9 { return String(Int(y)) }
        let r = (y * 100).rounded() / 100
        return String(r)
    }

    /// A tick step of 1, 2, 2.5 or 5 times a power of ten giving about four intervals;
    /// a whole number for counts.
    func tickStep(_ span: Double) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / 4
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        let step = [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        return integers ? max(1, step.rounded(.up)) : step
    }

    func niceCeiling(_ y: Double) -> Double {
        guard y > 0 else { return 1 }
        var step = 1.0
        while step * 10 <= y { step *= 10 }
        while step > y { step /= 10 }
        return (y / step).rounded(.up) * step
    }
}

func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

/// The page around the charts: one stylesheet, nothing fetched.
func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8"/>
    <title>\(escape(title))</title>
    <style>
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; padding: 0 1em; }
    h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
    .charts { display: flex; flex-wrap: wrap; gap: 12px; }
    svg.chart { background: #fff; border: 1px solid #e4e4e4; }
    svg .title { font-size: 14px; font-weight: 600; } svg .tick, svg .legend { font-size: 11px; fill: #444; }
    svg .label { font-size: 12px; fill: #222; } svg .grid { stroke: #eee; } svg .axis { stroke: #888; }
    svg .line { fill: none; stroke-width: 2; } svg .band { opacity: 0.18; stroke: none; } svg .run { opacity: 0.25; }
    table { border-collapse: collapse; font-size: 0.9em; margin: 1em 0; } td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
    th { background: #f5f5f5; } td.text, th.text { text-align: left; }
    p.note { color: #555; font-size: 0.9em; }
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
}
