import Trueup

/// One horizontal bar split into the tiers' shares of the customers, most severe first.
public enum TierBar {
    static let width = 300.0
    static let height = 14.0

    public static func render(_ counts: [(tier: Tier, count: Int)]) -> Markup {
        let total = counts.reduce(0) { $0 + $1.count }
        var parts: [Markup] = []
        var cursor = 0.0
        for (tier, count) in counts where count > 0 && total > 0 {
            let w = width * Double(count) / Double(total)
            parts.append(SVG.rect(x: cursor, y: 0, width: w, height: height, className: "tier-segment tier-\(tier.rawValue)")
                .adding("fill", TierColors.hex(tier)))
            cursor += w
        }
        let label = counts.filter { $0.count > 0 }.map { "\($0.count) \(TierColors.label($0.tier))" }.joined(separator: ", ")
        return .element("svg", [
            "xmlns": SVG.namespace, "class": "tier-bar", "viewBox": "0 0 \(SVG.number(width)) \(SVG.number(height))",
            "width": SVG.number(width), "height": SVG.number(height), "preserveAspectRatio": "none", "role": "img",
            "aria-label": label.isEmpty ? "no customers" : label,
        ], [SVG.tooltip(label.isEmpty ? "no customers" : label)] + parts)
    }
}
