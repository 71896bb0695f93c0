import Trueup

/// How the report's table is laid out for the terminal: its width, every column or the essential
/// ones, and which customers it lists (the files always hold every customer).
public struct TableLayout: Sendable, Equatable {
    /// The widest line, in characters: `COLUMNS` when set, else 100.
    public var width: Int
    /// Every column, as wide as it takes (`--wide`).
    public var wide: Bool
    /// Only customers of these tiers (`--tier`); nil for all.
    public var tiers: Set<Tier>?
    /// Only the first N customers, after the tier filter (`--top`).
    public var top: Int?

    public static let defaultWidth = 100
    /// Narrower than this and no table reads well: the width used is at least this.
    public static let narrowest = 60

    public init(width: Int = TableLayout.defaultWidth, wide: Bool = false, tiers: Set<Tier>? = nil, top: Int? = nil) {
        self.width = max(width, Self.narrowest)
        self.wide = wide
        self.tiers = tiers
        self.top = top
    }

    /// The width a terminal asks for: `COLUMNS` when it is a whole number, else the default.
    public static func width(columns: String?) -> Int {
        columns.flatMap { Int(String($0.filter { $0 != " " })) }.map { max($0, narrowest) } ?? defaultWidth
    }

    /// The customers the table lists, in the table's order.
    func listed(_ assessments: [Assessment]) -> [Assessment] {
        let kept = tiers.map { tiers in assessments.filter { tiers.contains($0.tier) } } ?? assessments
        return top.map { Array(kept.prefix($0)) } ?? kept
    }
}

/// A reason as a short code for the narrow table, with the legend that spells it out.
enum ReasonCode {
    static func short(_ reason: Reason) -> String {
        switch reason {
        case .overForecast: return "over"
        case .underForecast: return "under"
        case .highError: return "error"
        case .worseThanNaive: return "worse"
        case .noValueAdded: return "no-value"
        case .drifting: return "drift"
        case .deteriorating: return "decline"
        case .fewPeriods: return "few"
        case .noForecastAtLag: return "no-lag"
        case .outsideAgreement: return "band"
        case .neverForecast: return "no-forecast"
        case .unitsMismatch: return "units"
        }
    }

    /// "Reasons: over = over-forecast, worse = worse-than-naive." for the codes in `reasons`.
    static func legend(_ reasons: [Reason]) -> String {
        let used = Reason.allCases.filter(reasons.contains)
        guard !used.isEmpty else { return "" }
        return "Reasons: " + used.map { "\(short($0)) = \($0.rawValue)" }.joined(separator: ", ") + "."
    }
}

/// Text fitted to a width: cut with an ellipsis, or wrapped at spaces.
enum FittedText {
    /// `text` cut to `width` characters, the last an ellipsis when anything was cut.
    static func cut(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        return width <= 1 ? String(text.prefix(width)) : String(text.prefix(width - 1)) + "…"
    }

    /// `text` wrapped at spaces into lines of at most `width` characters (a longer word stands alone).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
