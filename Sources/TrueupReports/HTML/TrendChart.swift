import Trueup

/// The book's trailing-window accuracy and bias, month by month, in two panels over one time axis.
///
/// Each month's point is the figure over the trailing window ending that month (`BookTrend`).
/// Months whose window holds fewer months with actuals than its width (the start of the data)
/// are drawn hollow, joined by a dashed line, so a short window is not mistaken for a full one.
public enum TrendChart {
    static let width = 640.0
    static let height = 470.0
    static let left = 58.0, right = 624.0
    static let accuracyPanel = 40.0...200.0
    static let biasPanel = 250.0...400.0

    public static func render(_ trend: BookTrend) -> Markup {
        let points = trend.trailing
        let x = LinearScale(domain: 0...Double(max(1, points.count - 1)), range: (left + 8)...(right - 8))
        let accuracy = points.map(\.accuracyPct)
        let bias = points.map(\.biasPct)

        let accuracyValues = accuracy.compactMap { $0 }
        let low = max(0, ((accuracyValues.min() ?? 0) - 5) / 10).rounded(.down) * 10
        let high = min(100, (((accuracyValues.max() ?? 100) + 5) / 10).rounded(.up) * 10)
        let accuracyScale = LinearScale(domain: min(low, high - 10)...max(high, low + 10), range: accuracyPanel, flipped: true)
        let biasLimit = LinearScale.roundedUp(max(5, (bias.compactMap { $0.map(abs) }.max() ?? 0) * 1.15), span: 10, count: 4)
        let biasScale = LinearScale(domain: -biasLimit...biasLimit, range: biasPanel, flipped: true)

        var parts: [Markup] = []
        parts.append(SVG.text("Accuracy % (100 − wMAPE), trailing \(trend.width) months", x: left, y: accuracyPanel.lowerBound - 12,
                              className: "panel-title"))
        parts += panel(accuracyScale, x: x, ticks: 5, signed: false)
        parts += series(accuracy, points: points, width: trend.width, x: x, y: accuracyScale, name: "accuracy", unit: "% accuracy")
        parts.append(SVG.text("Bias % (forecast − actual) / actual, trailing \(trend.width) months", x: left,
                              y: biasPanel.lowerBound - 12, className: "panel-title"))
        parts += panel(biasScale, x: x, ticks: 4, signed: true)
        parts.append(SVG.text("above 0: over-forecast", x: right, y: biasPanel.lowerBound - 12, anchor: "end", className: "muted small"))
        parts += series(bias, points: points, width: trend.width, x: x, y: biasScale, name: "bias", unit: "% bias")
        parts += monthAxis(trend.months, x: x)
        if points.contains(where: { $0.monthsCovered < trend.width }) {
            parts.append(SVG.text("Hollow points, dashed line: fewer than \(trend.width) months with actuals in the window so far.",
                                  x: left, y: height - 6, className: "note"))
        }
        let label = "The whole book's accuracy and bias over the trailing \(trend.width) months, month by month"
        return SVG.root(width: width, height: height, label: label, className: "chart trend", parts)
    }

    static func panel(_ y: LinearScale, x: LinearScale, ticks: Int, signed: Bool) -> [Markup] {
        var parts: [Markup] = []
        for tick in y.ticks(ticks) {
            parts.append(SVG.line(left, y(tick), right, y(tick), className: tick == 0 && signed ? "grid zero" : "grid"))
            let text = signed && tick > 0 ? "+" + SVG.number(tick) : (tick < 0 ? "−" + SVG.number(-tick) : SVG.number(tick))
            parts.append(SVG.text(text, x: left - 6, y: y(tick) + 4, anchor: "end", className: "tick"))
        }
        parts.append(SVG.rect(x: left, y: y.range.lowerBound, width: right - left, height: y.range.upperBound - y.range.lowerBound,
                              className: "frame"))
        return parts
    }

    /// The line and one point per month with a value; full-window and short-window stretches drawn apart.
    static func series(_ values: [Double?], points: [WindowTotals], width: Int, x: LinearScale, y: LinearScale,
                       name: String, unit: String) -> [Markup] {
        let full = values.indices.map { points[$0].monthsCovered >= width }
        var fullLine: [(x: Double, y: Double)?] = []
        var shortLine: [(x: Double, y: Double)?] = []
        for (i, value) in values.enumerated() {
            let point = value.map { (x: x(Double(i)), y: y(y.clamp($0))) }
            fullLine.append(full[i] ? point : nil)
            // The short stretch runs up to and including the first full month, so the two lines meet.
            shortLine.append(!full[i] || (i > 0 && !full[i - 1]) ? point : nil)
        }
        var parts = [SVG.polyline(shortLine, className: "trend-line series-\(name) short"),
                     SVG.polyline(fullLine, className: "trend-line series-\(name)")]
        for (i, value) in values.enumerated() {
            guard let value else { continue }
            let p = points[i]
            let signedValue = name == "bias" ? MetricsTable.signed(value) : NumberText.readable(value, decimals: 1)
            var tip = "\(p.month): \(signedValue)\(unit) over the \(p.monthsCovered) "
            tip += p.monthsCovered == 1 ? "month" : "months"
            tip += " with actuals in the trailing \(width)"
            tip += " (forecast \(NumberText.readable(p.forecast, decimals: 0)), actual \(NumberText.readable(p.actual, decimals: 0)))"
            parts.append(.element("circle", [
                "class": "trend-point series-\(name)" + (full[i] ? "" : " short"), "cx": SVG.number(x(Double(i))),
                "cy": SVG.number(y(y.clamp(value))), "r": "3.5", "data-month": p.month.description,
            ], [SVG.tooltip(tip)]))
        }
        return parts
    }

    /// Month labels under the lower panel, about one per 70 px, always including the last month.
    static func monthAxis(_ months: [Month], x: LinearScale) -> [Markup] {
        guard !months.isEmpty else { return [] }
        let room = max(1, Int((right - left) / 70))
        let every = max(1, Int((Double(months.count) / Double(room)).rounded(.up)))
        var parts: [Markup] = []
        let last = months.count - 1
        for i in months.indices where (last - i) % every == 0 {
            let px = x(Double(i))
            parts.append(SVG.line(px, biasPanel.upperBound, px, biasPanel.upperBound + 4, className: "axis"))
            parts.append(SVG.text(months[i].description, x: px, y: biasPanel.upperBound + 18, anchor: "middle", className: "tick"))
        }
        parts.append(SVG.text("target month (the last month of each trailing window)", x: (left + right) / 2,
                              y: biasPanel.upperBound + 38, anchor: "middle", className: "axis-label"))
        return parts
    }
}
