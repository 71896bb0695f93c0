import Trueup

/// The sentences that say what a run treated as open, matched or left out: for the table, stderr and the page.
public enum AuditText {
    /// Two sentences on an incomplete last month, with its numbers and how to score it anyway; nil when there is none.
    public static func incompleteMonth(_ result: ReportResult) -> String? {
        guard let m = result.incompleteMonth else { return nil }
        let rows = m.rows == 1 ? "1 actual row" : "\(NumberText.readable(Double(m.rows), decimals: 0)) actual rows"
        return "\(m.month) looks exported part way: \(rows) and \(NumberText.readable(m.volume, decimals: 0)) units, "
            + "against a median of \(NumberText.readable(m.medianRows, decimals: m.medianRows == m.medianRows.rounded() ? 0 : 1)) rows and \(NumberText.readable(m.medianVolume, decimals: 0)) units "
            + "in the \(m.months) months before. It is open, not scored; the last closed period is \(result.lastClosed). "
            + "If \(m.month) is complete, run with --as-of \(m.month) to score it."
    }

    /// How much of the volume the join matched; nil without coverage.
    public static func matchedShare(_ result: ReportResult) -> String? {
        guard let coverage = result.coverage else { return nil }
        // A share short of all is never shown as 100%: 99.8% of actual volume leaves units unmatched.
        func share(_ value: Double?) -> String {
            guard let value else { return "-" }
            let shown = Words.percent(100 * value)
            guard value < 1, shown == "100%" else { return shown }
            let tenths = Int((1000 * value).rounded(.down))
            return value >= 0.999 ? "over 99.9%" : "\(tenths / 10).\(tenths % 10)%"
        }
        let lag = result.reportLag.map { " at lag \($0)" } ?? ""
        return "Matched: \(share(coverage.matchedActualShare)) of actual volume and \(share(coverage.matchedForecastShare)) of forecast volume\(lag) "
            + "are on items both forecast and bought (coverage.csv with --out)."
    }

    /// The rows left out under `--skip-bad-rows`: how many of each file, and the first three with their lines.
    /// `rejectsFile` names the file that lists them all, when one was written.
    public static func rowsLeftOut(_ result: ReportResult, rejectsFile: String?) -> [String] {
        let total = result.forecasts.rowsRejected + result.actuals.rowsRejected
        guard total > 0 else { return [] }
        var files: [String] = []
        for file in [result.forecasts, result.actuals] where file.rowsRejected > 0 {
            files.append("\(NumberText.readable(Double(file.rowsRejected), decimals: 0)) of \(file.path)")
        }
        let noun = total == 1 ? "row was" : "rows were"
        var lines = ["\(NumberText.readable(Double(total), decimals: 0)) \(noun) left out (--skip-bad-rows): \(files.joined(separator: ", "))."]
        for problem in result.rejects.prefix(3) { lines.append("  \(RowProblemText.line(problem))") }
        if total > 3 {
            lines.append(rejectsFile.map { "  ... every one is listed in \($0)." } ?? "  ... run report with --out DIR to list every one in DIR/rejects.csv.")
        } else if let rejectsFile {
            lines.append("  Listed in \(rejectsFile).")
        }
        return lines
    }

    /// Customers listed without a forecast at the report lag, as a count and a clause; nil when none.
    public static func withoutForecastAtLag(_ result: ReportResult) -> Int {
        result.assessments.count(where: { $0.reasons.contains(.noForecastAtLag) })
    }
}
