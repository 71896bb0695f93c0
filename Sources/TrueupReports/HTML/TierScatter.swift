import Trueup

/// The scatter of every customer's bias (x) against its weighted error (y), coloured by tier.
///
/// One dot per customer at the report lag, its area proportional to the customer's volume
/// (Σ|actual|), with the policy's watch and unreliable thresholds drawn as lines. So that one
/// extreme customer does not squash the rest, each axis ends near twice the 90th percentile of
/// its values (never inside the thresholds): a customer beyond it is drawn on the edge with a
/// black ring, and the chart says how many. Customers whose bias or wMAPE is empty (no actuals)
/// can't be placed and are counted in the note.
public enum TierScatter {
    static let width = 640.0
    static let height = 470.0
    static let left = 58.0, right = 624.0, top = 40.0, bottom = 410.0
    static let largestRadius = 16.0, smallestRadius = 2.5
    /// The most dots drawn: the largest customers by volume (or value). A page for a book of a
    /// million customers stays a few megabytes; the chart says how many are not drawn.
    public static let mostDots = 2000

    /// One customer's dot.
    struct Dot {
        var assessment: Assessment
        var bias: Double
        var wmape: Double
        var volume: Double
    }

    /// `byValue`: with prices, a dot's area is the customer's sales value (Σ|A|·p) instead of its volume.
    public static func render(_ assessments: [Assessment], policy: Policy, byValue: Bool = false) -> Markup {
        // Every placeable customer as its index and figures first; only the dots drawn copy their assessment.
        let placeable = assessments.indices.compactMap { k -> (index: Int, bias: Double, wmape: Double, volume: Double)? in
            let a = assessments[k]
            // The unscored are not judged on their figures (different units): they are not placed.
            guard a.tier != .unscored, let bias = a.figures.biasPct, let wmape = a.figures.wmape else { return nil }
            let size = byValue ? a.figures.value?.absoluteActualValue ?? 0 : a.periods.reduce(0) { $0 + $1.absoluteActual }
            return (k, bias, wmape, size)
        }
        let dots = placeable
        let xLimit = axisLimit(dots.map { abs($0.bias) }, atLeast: 1.4 * max(policy.unreliableBiasPct, policy.watchBiasPct))
        let yLimit = axisLimit(dots.map(\.wmape), atLeast: 1.2 * max(policy.unreliableWmape, policy.watchWmape, policy.largeErrorWmape))
        let x = LinearScale(domain: -xLimit...xLimit, range: left...right)
        let y = LinearScale(domain: 0...yLimit, range: top...bottom, flipped: true)
        let largest = dots.map(\.volume).max() ?? 0
        func radius(_ dot: Dot) -> Double {
            largest > 0 ? max(smallestRadius, largestRadius * (max(0, dot.volume) / largest).squareRoot()) : smallestRadius
        }

        var parts: [Markup] = [legend(assessments)]
        parts += axes(x: x, y: y)
        parts += thresholds(policy, x: x, y: y)
        var clamped = 0
        var placed: [(dot: Dot, cx: Double, cy: Double, r: Double)] = []
        // Largest first, so small dots stay visible on top of large ones.
        var drawn = placeable
        if placeable.count > mostDots {
            drawn = Array(placeable.sorted {
                $0.volume != $1.volume ? $0.volume > $1.volume : assessments[$0.index].customer < assessments[$1.index].customer
            }.prefix(mostDots))
        }
        let shown = drawn.map { Dot(assessment: assessments[$0.index], bias: $0.bias, wmape: $0.wmape, volume: $0.volume) }
        let order = shown.sorted { radius($0) != radius($1) ? radius($0) > radius($1) : $0.assessment.customer < $1.assessment.customer }
        for dot in order {
            let outside = !x.contains(dot.bias) || !y.contains(dot.wmape)
            if outside { clamped += 1 }
            let cx = x(x.clamp(dot.bias)), cy = y(y.clamp(dot.wmape)), r = radius(dot)
            placed.append((dot, cx, cy, r))
            let tier = dot.assessment.tier
            parts.append(.element("circle", [
                "class": "dot tier-\(tier.rawValue)" + (outside ? " clamped" : ""),
                "cx": SVG.number(cx), "cy": SVG.number(cy), "r": SVG.number(r), "fill": TierColors.hex(tier),
                "data-customer": dot.assessment.customer,
            ], [SVG.tooltip(tooltip(dot, outside: outside))]))
        }
        parts += labels(placed)
        parts.append(SVG.text(notes(clamped: clamped, unplaced: assessments.count - dots.count, byValue: byValue,
                                    notDrawn: dots.count - shown.count), x: left, y: height - 6, className: "note"))
        let label = "Bias against weighted error (wMAPE) for each customer, coloured by tier"
        return SVG.root(width: width, height: height, label: label, className: "chart scatter", parts)
    }

    /// Where an axis ends: the largest value, but no further than twice the 90th percentile,
    /// and never short of `atLeast`; rounded up to a tick.
    static func axisLimit(_ magnitudes: [Double], atLeast floor: Double) -> Double {
        let sorted = magnitudes.filter(\.isFinite).sorted()
        var limit = floor
        if let largest = sorted.last {
            let typical = sorted[Int((Double(sorted.count - 1) * 0.9).rounded(.down))]
            limit = max(floor, min(largest * 1.04, 2 * typical))
        }
        return LinearScale.roundedUp(limit, span: limit)
    }

    static func legend(_ assessments: [Assessment]) -> Markup {
        var items: [Markup] = []
        var cursor = left
        for tier in Tier.allCases where tier != .unscored { // the unscored have no figures to place
            let count = assessments.count(where: { $0.tier == tier })
            items.append(.element("circle", ["class": "swatch", "cx": SVG.number(cursor + 6), "cy": "16", "r": "6",
                                             "fill": TierColors.hex(tier)]))
            let label = "\(TierColors.label(tier)) (\(count))"
            items.append(SVG.text(label, x: cursor + 16, y: 20, className: "legend"))
            cursor += 16 + TextWidth.estimate(label, size: 12) + 14
        }
        return .group(items)
    }

    static func axes(x: LinearScale, y: LinearScale) -> [Markup] {
        var parts: [Markup] = []
        for tick in y.ticks(6) {
            parts.append(SVG.line(left, y(tick), right, y(tick), className: "grid"))
            parts.append(SVG.text(SVG.number(tick), x: left - 6, y: y(tick) + 4, anchor: "end", className: "tick"))
        }
        for tick in x.ticks(8) {
            parts.append(SVG.line(x(tick), top, x(tick), bottom, className: tick == 0 ? "grid zero" : "grid"))
            let text = tick > 0 ? "+" + SVG.number(tick) : (tick < 0 ? "−" + SVG.number(-tick) : "0")
            parts.append(SVG.text(text, x: x(tick), y: bottom + 16, anchor: "middle", className: "tick"))
        }
        parts.append(SVG.rect(x: left, y: top, width: right - left, height: bottom - top, className: "frame"))
        parts.append(SVG.text("← under-forecast", x: left, y: bottom + 34, className: "axis-label"))
        parts.append(SVG.text("bias %: (forecast − actual) / actual", x: (left + right) / 2, y: bottom + 34, anchor: "middle",
                              className: "axis-label"))
        parts.append(SVG.text("over-forecast →", x: right, y: bottom + 34, anchor: "end", className: "axis-label"))
        parts.append(.element("text", ["class": "axis-label", "text-anchor": "middle",
                                       "transform": "translate(16 \(SVG.number((top + bottom) / 2))) rotate(-90)"],
                              text: "wMAPE %: weighted error"))
        return parts
    }

    /// Dashed lines at the watch thresholds, solid at the unreliable ones, each with its value.
    static func thresholds(_ policy: Policy, x: LinearScale, y: LinearScale) -> [Markup] {
        var parts: [Markup] = []
        for (value, tier) in [(policy.watchBiasPct, Tier.watch), (policy.unreliableBiasPct, .unreliable)] where value > 0 {
            for signed in [-value, value] where x.contains(signed) {
                parts.append(SVG.line(x(signed), top, x(signed), bottom, className: "threshold threshold-\(tier.rawValue) threshold-bias"))
                let text = (signed > 0 ? "+" : "−") + SVG.number(value)
                parts.append(SVG.text(text, x: x(signed), y: top - 4, anchor: "middle", className: "threshold-label threshold-\(tier.rawValue)"))
            }
        }
        for (value, tier) in [(policy.watchWmape, Tier.watch), (policy.unreliableWmape, .unreliable)] where y.contains(value) {
            parts.append(SVG.line(left, y(value), right, y(value), className: "threshold threshold-\(tier.rawValue) threshold-wmape"))
            parts.append(SVG.text("\(TierColors.label(tier)) from \(SVG.number(value))", x: right - 4, y: y(value) - 4, anchor: "end",
                                  className: "threshold-label threshold-\(tier.rawValue)"))
        }
        return parts
    }

    /// Names beside the flagged dots, unreliable first and the largest first within a tier: to the right, left, above or below, wherever the
    /// name covers no other dot and no name already placed; a dot with no such place goes unnamed.
    static func labels(_ placed: [(dot: Dot, cx: Double, cy: Double, r: Double)]) -> [Markup] {
        typealias Box = (x0: Double, y0: Double, x1: Double, y1: Double)
        func overlaps(_ a: Box, _ b: Box) -> Bool { a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }
        let flagged = placed.filter { $0.dot.assessment.tier.isFlagged }.sorted {
            $0.dot.assessment.tier != $1.dot.assessment.tier ? $0.dot.assessment.tier < $1.dot.assessment.tier : $0.dot.volume > $1.dot.volume
        }
        var taken: [Box] = []
        var parts: [Markup] = []
        for entry in flagged.prefix(10) {
            let name = TextWidth.shortened(entry.dot.assessment.customer, characters: 22)
            let w = TextWidth.estimate(name, size: 11)
            let (cx, cy, r) = (entry.cx, entry.cy, entry.r)
            // (text x, baseline y, anchor, box) for each side.
            let candidates: [(x: Double, y: Double, anchor: String, box: Box)] = [
                (cx + r + 3, cy + 4, "start", (cx + r + 2, cy - 7, cx + r + 4 + w, cy + 6)),
                (cx - r - 3, cy + 4, "end", (cx - r - 4 - w, cy - 7, cx - r - 2, cy + 6)),
                (cx, cy - r - 4, "middle", (cx - w / 2, cy - r - 15, cx + w / 2, cy - r - 2)),
                (cx, cy + r + 12, "middle", (cx - w / 2, cy + r + 2, cx + w / 2, cy + r + 15)),
            ]
            let others = placed.filter { $0.dot.assessment.customer != entry.dot.assessment.customer }
                .map { (x0: $0.cx - $0.r, y0: $0.cy - $0.r, x1: $0.cx + $0.r, y1: $0.cy + $0.r) as Box }
            for candidate in candidates {
                let box = candidate.box
                guard box.x0 >= left + 2, box.x1 <= right - 2, box.y0 >= top + 2, box.y1 <= bottom - 2,
                      !taken.contains(where: { overlaps($0, box) }), !others.contains(where: { overlaps($0, box) }) else { continue }
                taken.append(box)
                parts.append(SVG.text(name, x: candidate.x, y: candidate.y, anchor: candidate.anchor, className: "dot-label"))
                break
            }
        }
        return parts
    }

    static func tooltip(_ dot: Dot, outside: Bool) -> String {
        let a = dot.assessment
        let f = a.figures
        var text = "\(a.customer): \(TierColors.label(a.tier))"
        text += "; bias \(MetricsTable.signed(f.biasPct))%, wMAPE \(NumberText.readable(f.wmape, decimals: 1))%"
        if let fva = a.benchmarkFvaPts, let benchmark = a.benchmark {
            text += ", FVA \(MetricsTable.signed(fva)) pts \(BenchmarkText.against(benchmark))"
        }
        text += "; bought \(NumberText.readable(f.actual, decimals: 0)) over \(f.periods) months"
        if let value = f.value?.actualValue { text += ", worth \(NumberText.readable(value, decimals: 0))" }
        if outside { text += " (beyond the axis, drawn on its edge)" }
        return text
    }

    static func notes(clamped: Int, unplaced: Int, byValue: Bool = false, notDrawn: Int = 0) -> String {
        var notes = [byValue ? "Dot area: the customer's sales value (Σ|actual| × price, priced items only); the largest flagged customers are named"
            : "Dot area: the customer's volume (Σ|actual|); the largest flagged customers are named"]
        if clamped > 0 {
            notes.append("\(clamped) \(clamped == 1 ? "customer lies" : "customers lie") beyond the axes, drawn on the edge with a black ring")
        }
        if notDrawn > 0 {
            notes.append("the \(mostDots) largest customers are drawn, \(notDrawn) smaller ones are not (all are in flags.csv)")
        }
        if unplaced > 0 {
            notes.append("\(unplaced) \(unplaced == 1 ? "customer" : "customers") with no actuals not shown")
        }
        return notes.joined(separator: "; ") + "."
    }
}
