/// SVG elements for the report's charts, with coordinates written compactly.
public enum SVG {
    /// The SVG namespace, the one URL the report contains.
    public static let namespace = "http://www.w3.org/2000/svg"

    /// A coordinate with at most two decimals and no trailing zeros: "12", "12.5", "-0.25"; never "-0".
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        if hundredths == 0 { return "0" }
        let whole = Int64(hundredths) / 100
        let fraction = abs(Int64(hundredths) % 100)
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        if fraction == 0 { return sign + String(whole) }
        let digits = fraction < 10 ? "0" + String(fraction) : String(fraction)
        return sign + String(whole) + "." + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
    }

    /// A chart's root element: `width` × `height` user units that scale to the page's width.
    public static func root(width: Double, height: Double, label: String, className: String, _ children: [Markup]) -> Markup {
        .element("svg", [
            "xmlns": namespace, "class": className, "viewBox": "0 0 \(number(width)) \(number(height))",
            "width": number(width), "height": number(height), "role": "img", "aria-label": label,
        ], [.element("title", text: label)] + children)
    }

    public static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, className: String) -> Markup {
        .element("line", ["x1": number(x1), "y1": number(y1), "x2": number(x2), "y2": number(y2), "class": className])
    }

    public static func rect(x: Double, y: Double, width: Double, height: Double, className: String) -> Markup {
        .element("rect", ["x": number(x), "y": number(y), "width": number(max(0, width)), "height": number(max(0, height)),
                          "class": className])
    }

    /// Text at (x, y); `anchor` is start, middle or end.
    public static func text(_ content: String, x: Double, y: Double, anchor: String = "start", className: String) -> Markup {
        .element("text", ["x": number(x), "y": number(y), "text-anchor": anchor, "class": className], text: content)
    }

    /// An open path through `points`; a nil point breaks the line.
    public static func polyline(_ points: [(x: Double, y: Double)?], className: String) -> Markup {
        var d = ""
        var drawing = false
        for point in points {
            guard let point else { drawing = false; continue }
            d += (d.isEmpty ? "" : " ") + (drawing ? "L" : "M") + number(point.x) + " " + number(point.y)
            drawing = true
        }
        return .element("path", ["d": d, "class": className])
    }

    /// A tooltip: the browser shows it when the pointer rests on the parent element.
    public static func tooltip(_ text: String) -> Markup { .element("title", text: text) }
}
