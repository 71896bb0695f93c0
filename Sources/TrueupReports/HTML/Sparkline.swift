import Trueup

/// A small chart of one customer's monthly forecast against its monthly actual.
///
/// The actual is the dark line, the forecast the line in the tier's colour; a month in which
/// the customer has no scored cell leaves a gap. Both share one vertical scale from 0 (or the
/// lowest value, when returns make it negative) to the largest.
public enum Sparkline {
    static let width = 160.0
    static let height = 36.0

    public static func render(_ monthly: [WindowTotals], customer: String, color: String) -> Markup {
        let scored = monthly.filter { $0.monthsCovered > 0 }
        let values = scored.flatMap { [$0.actual, $0.forecast] }
        let low = min(0, values.min() ?? 0)
        let high = max(low + 1, values.max() ?? 1)
        let x = LinearScale(domain: 0...Double(max(1, monthly.count - 1)), range: 3...(width - 3))
        let y = LinearScale(domain: low...high, range: 3...(height - 3), flipped: true)
        func line(_ value: (WindowTotals) -> Double) -> [(x: Double, y: Double)?] {
            monthly.enumerated().map { i, m in m.monthsCovered > 0 ? (x: x(Double(i)), y: y(value(m))) : nil }
        }
        let first = monthly.first?.month.description ?? ""
        let last = monthly.last?.month.description ?? ""
        let label = "\(customer): monthly forecast (coloured) against actual (dark), \(first) to \(last)"
        return .element("svg", [
            "xmlns": SVG.namespace, "class": "sparkline", "viewBox": "0 0 \(SVG.number(width)) \(SVG.number(height))",
            "width": SVG.number(width), "height": SVG.number(height), "role": "img", "aria-label": label,
            "data-customer": customer,
        ], [
            SVG.tooltip(label),
            SVG.polyline(line(\.actual), className: "spark-actual"),
            SVG.polyline(line(\.forecast), className: "spark-forecast").adding("stroke", color),
        ])
    }
}
