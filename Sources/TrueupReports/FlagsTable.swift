import Trueup

/// The report as a planner reads it: one line per customer at the report lag, unreliable
/// first and the largest share of the error first within a tier; then, for every customer
/// not trusted, the sentence that says why.
public enum FlagsTable {
    public static func render(_ result: ReportResult) -> String {
        guard let lag = result.reportLag else { return MetricsTable.render(result) }
        var lines: [[String]] = [["tier", "customer", "lag", "periods", "actual", "forecast", "bias %", "wMAPE %",
                                  "FVA pts", "error share %", "reasons"]]
        for a in result.assessments {
            let f = a.figures
            lines.append([
                a.tier.rawValue, a.customer, String(a.lag), String(f.periods),
                NumberText.readable(f.actual, decimals: 0), NumberText.readable(f.forecast, decimals: 0),
                MetricsTable.signed(f.biasPct), NumberText.readable(f.wmape, decimals: 1), MetricsTable.signed(f.fvaPts),
                NumberText.readable(a.errorSharePct, decimals: 1), a.reasons.map(\.rawValue).joined(separator: ", "),
            ])
        }
        var out = MetricsTable.align(lines, leftAligned: 2, lastLeftAligned: true)
        if result.assessments.isEmpty { out += "(no customer has a scored cell at lag \(lag) in this window)\n" }
        let flagged = result.assessments.filter { $0.tier != .trusted }
        if !flagged.isEmpty {
            out += "\nWhy:\n"
            let width = flagged.map(\.customer.count).max() ?? 0
            for a in flagged {
                out += "  \(a.customer)\(String(repeating: " ", count: width - a.customer.count))  \(a.explanation)\n"
            }
        }
        var counts: [String] = []
        for tier in Tier.allCases {
            let n = result.assessments.filter { $0.tier == tier }.count
            if n > 0 { counts.append("\(n) \(tier.rawValue)") }
        }
        out += "\nTiers at lag \(lag): \(counts.joined(separator: ", ")).\n"
        let scoredLags = Set(result.rows.map(\.lag))
        let others = result.lags.filter { $0 != lag && scoredLags.contains($0) }
        if !others.isEmpty {
            out += "Figures at lag \(others.map(String.init).joined(separator: ", ")) are in metrics.csv (--out) or --format csv; --lag N tiers another lag.\n"
        }
        return out + "\n" + MetricsTable.summary(result)
    }
}
