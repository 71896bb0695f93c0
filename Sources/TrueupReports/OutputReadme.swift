import Trueup

/// DIR/README.txt: what each output file holds, column by column, in a spreadsheet user's words.
public enum OutputReadme {
    /// Plain words for every column of metrics.csv after the group key, in file order.
    static let metricsColumns: [(String, String)] = [
        ("lag", "How many months ahead the forecast was made (1 = the month before)."),
        ("periods", "How many months were scored."),
        ("items", "How many different items were scored."),
        ("cells", "How many item-months were scored (each item in each scored month)."),
        ("actual", "Total actual quantity bought."),
        ("forecast", "Total quantity forecast."),
        ("bias_pct", "How far the total forecast was above (+) or below (-) the total actual, in percent of actual."),
        ("wmape", "Weighted error: the sum of every item-month's miss (ignoring its sign) in percent of actual volume. 0 is perfect."),
        ("accuracy_pct", "100 minus wmape, never below 0."),
        ("mape", "The average of each item-month's miss in percent of its actual, over item-months with an actual."),
        ("mape_cells", "How many item-months mape is the average of."),
        ("smape", "Symmetric percentage error: the average of 2 x |miss| / (|forecast| + |actual|), in percent."),
        ("mae", "The average miss per item-month, in units, ignoring its sign."),
        ("rmse", "Root mean squared miss per item-month, in units: like mae, but large misses weigh more."),
        ("me", "The average miss per item-month, in units, with its sign (+ = over-forecast)."),
        ("mase", "mae divided by the average month-to-month change of actuals: below 1 beats repeating last month's actuals."),
        ("tracking_signal", "The sum of the monthly misses divided by their average size: far from 0 (beyond about 4) means a persistent lean one way."),
        ("over_periods", "Months in which the total forecast was above actual."),
        ("under_periods", "Months in which the total forecast was below actual."),
        ("sign_test_p", "The chance of months this one-sided if over and under were a coin toss: below 0.05 is a real lean, not luck."),
        ("naive_wmape", "wmape of a naive forecast that repeats the actuals of lag months earlier."),
        ("fva_pts", "Forecast value added: naive_wmape minus the forecast's own wmape on the same item-months. Positive means the customer's forecast beats the naive one."),
    ]

    /// Plain words for every column of flags.csv, in file order.
    static let flagsColumns: [(String, String)] = [
        ("customer", "The customer."),
        ("lag", "The lag the tier was judged at."),
        ("tier", "trusted, watch, unreliable or insufficient-data (fewer scored months than the policy needs)."),
        ("reasons", "Why, as codes separated by ';': over-forecast, under-forecast, high-error, worse-than-naive, no-value-added, deteriorating, few-periods."),
        ("explanation", "The same in one plain sentence, with the numbers."),
        ("periods", "Months scored."),
        ("bias_pct", "As in metrics.csv."),
        ("wmape", "As in metrics.csv."),
        ("fva_pts", "As in metrics.csv."),
        ("sign_test_p", "As in metrics.csv."),
        ("tracking_signal", "As in metrics.csv."),
        ("error_share_pct", "This customer's share of all customers' total miss at this lag, in percent: where the error is."),
    ]

    /// The columns flags.csv adds when a history is kept.
    static let historyColumns: [(String, String)] = [
        ("previous_tier", "The tier in the previous recorded run (empty when the customer was not in it, or on the first run)."),
        ("wmape_change_pts", "wmape now minus wmape in the previous run, in points (+ = worse)."),
        ("bias_change_pts", "bias_pct now minus bias_pct in the previous run, in points."),
        ("flagged_runs", "Of the last runs (this one included), how many had this tier or a more severe one."),
        ("runs", "How many runs flagged_runs counts over (at most 6)."),
        ("new_flag", "true when the customer is watch or unreliable now and was not in the previous run."),
    ]

    /// The README for the files written to the output directory.
    public static func render(_ result: ReportResult, files: [String], excel: Bool) -> String {
        let grouping = result.request.grouping
        var out = """
            trueup report: what the files in this folder hold
            ===================================================

            Window: \(result.window.first) to \(result.window.last)\(grouping == .customer ? result.reportLag.map { ", customers tiered at lag \($0)" } ?? "" : "").

            Sign convention: error = forecast - actual. A positive error or bias means
            the customer forecast MORE than they bought (over-forecast); negative means
            they bought more than forecast (under-forecast).

            Numbers are written with a point as the decimal separator and no thousands
            separators. An empty cell means the figure can't be computed (for example a
            percentage of an actual of 0); it is never written as 0.\(excel ? "" : "\nRe-run with --excel for CSV files that open by double-click with accents intact.")


            """
        func section(_ name: String, _ summary: String, _ columns: [(String, String)]) {
            guard files.contains(name) else { return }
            out += "\(name)\n\(String(repeating: "-", count: name.count))\n\(summary)\n\n"
            let width = columns.map(\.0.count).max() ?? 0
            for (column, meaning) in columns {
                out += "  \(column)\(String(repeating: " ", count: width - column.count))  \(meaning)\n"
            }
            out += "\n"
        }
        let keyWords: [(String, String)] = MetricsColumns.keyNames(grouping).map { ($0, "The \($0) the row is about.") }
        let rowKind = grouping == .customerItem ? "customer and item" : grouping.rawValue
        section("metrics.csv", "Every figure for each \(rowKind) at each lag, one row each.", keyWords + metricsColumns)
        section("flags.csv", "Each customer's tier at the report lag, most severe first, with the evidence.",
                flagsColumns + (result.history == nil ? [] : historyColumns))
        section("rejects.csv", "Every input row left out under --skip-bad-rows, with where it was and why.", [
            ("file", "The input file."), ("line", "The line number in that file (the header is line 1)."),
            ("column", "The column that was wrong, when one was."), ("reason", "What was wrong."),
            ("raw", "The row's text as it was in the file."),
        ])
        if files.contains("report.html") {
            out += "report.html\n-----------\nThe report as a page with charts, for a meeting or an email: open it in any browser; it needs no internet.\n\n"
        }
        if files.contains("run.json") {
            out += "run.json\n--------\nThe run's record for tools: input files with size and SHA-256, options, policy, and where every input row went (read = used + open + outside window + unmatched + rejected).\n"
        }
        return excel ? out.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") : out
    }
}
