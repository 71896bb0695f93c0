import Trueup

/// The sentences on months the run did not score although it has actuals for them: stray months,
/// a month cut off by day, and gap months (METRICS.md "Data that can't be right").
extension AuditText {
    /// Every sentence on data the run doubted, in the order stray months, cut-off month, gap months,
    /// low coverage scored anyway; empty when there is none. Every output carries them.
    public static func runNotes(_ result: ReportResult) -> [String] {
        var notes = result.strayMonths.map { strayMonth($0, result: result) }
        if let cutOff = result.cutOffMonth { notes.append(cutOffMonth(cutOff, lastClosed: result.lastClosed)) }
        if let gaps = gapMonthsLeftOut(result.gapMonths) { notes.append(gaps) }
        if let low = lowCoverageScored(result) { notes.append(low) }
        if let units = UnitsText.unscored(result) { notes.append(units) }
        return notes
    }

    /// A stray month's evidence, its rows (for the latest one) and how to score it anyway.
    static func strayMonth(_ stray: StrayMonth, result: ReportResult) -> String {
        let rows = stray.rows == 1 ? "1 actual row" : "\(count(stray.rows)) actual rows"
        var out = "\(stray.month) looks like a stray or mistyped date: \(rows) against a median of "
            + "\(NumberText.readable(stray.medianRows, decimals: stray.medianRows == stray.medianRows.rounded() ? 0 : 1)) rows a month, "
            + "\(stray.month - stray.previous) months after \(stray.previous), the month before it with rows. "
            + "It is open, not scored; the last closed period is \(result.lastClosed)."
        if stray.month == result.strayMonths.first?.month, !result.strayRows.isEmpty {
            let more = stray.rows > result.strayRows.count ? ", ..." : ""
            out += " \(stray.rows == 1 ? "The row" : "Its rows"): \(result.strayRows.map(\.description).joined(separator: ", "))\(more)."
        }
        return out + " If \(stray.month) is right, run with --as-of \(stray.month) to score it."
    }

    /// A month cut off by day: its latest day against the months before it.
    static func cutOffMonth(_ month: CutOffMonth, lastClosed: Month) -> String {
        let earlier = month.earlier.map { "\($0.month) to day \($0.day)" }.joined(separator: ", ")
        return "\(month.month) looks exported part way: its dates end on day \(month.latestDay), while each of the "
            + "\(month.earlier.count) months before it runs to day \(month.earliestLatestDay) or later (\(earlier)). "
            + "It is open, not scored; the last closed period is \(lastClosed). "
            + "If \(month.month) is complete, run with --as-of \(month.month) to score it."
    }

    /// The gap months left out under `--allow-gaps`; nil when there is none.
    public static func gapMonthsLeftOut(_ months: [Month]) -> String? {
        guard let first = months.first else { return nil }
        if months.count == 1 {
            return "\(first) has no actual row at all and is left out of every figure, like an open month (--allow-gaps)."
        }
        return "\(months.count) months have no actual row at all and are left out of every figure, like open months "
            + "(--allow-gaps): \(listed(months))."
    }

    /// Why the run stopped on gap months, and the ways out.
    public static func gapMonthsRefused(_ months: [Month], firstActual: Month, lastClosed: Month) -> String {
        let which = months.count == 1 ? "\(months[0]) (a month" : "\(months.count) months, \(listed(months)) (months"
        let it = months.count == 1 ? "it" : "them"
        return "The actuals have no row at all in \(which) between the first month with actuals, \(firstActual), and the last "
            + "closed period, \(lastClosed)): scored, every forecast there would count against zero purchases. "
            + "Was a month left out of the export? Add its rows, or run with --allow-gaps to leave \(it) out of every figure"
            + " (or --as-of to end the scored months before \(it))."
    }

    /// Up to 12 months, then how many more.
    private static func listed(_ months: [Month]) -> String {
        let shown = months.prefix(12).map(\.description).joined(separator: ", ")
        return months.count > 12 ? shown + " and \(months.count - 12) more" : shown
    }

    private static func count(_ n: Int) -> String { NumberText.readable(Double(n), decimals: 0) }
}
