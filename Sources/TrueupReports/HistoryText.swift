import Trueup

/// What `trueup history` prints: the recorded runs, or one customer's record run by run.
///
/// Runs come in the history's order (as-of period, lag, then the order recorded), newest last.
/// A run followed by another of the same as-of period and lag from other inputs is marked
/// superseded: the later one stands for that period in comparisons.
public enum HistoryText {
    /// The runs as a table.
    public static func runs(_ runs: [RecordedRun]) -> String {
        var lines: [[String]] = [["run", "as of", "lag", "window", "recorded at", "unreliable", "watch", "insufficient",
                                  "trusted", "book wMAPE %", "bias %", "forecasts", "actuals", "note"]]
        for run in runs {
            lines.append([
                String(run.id), run.asOf.description, String(run.lag), "\(run.window.first) to \(run.window.last)", run.recordedAt,
                String(run.tierCounts[.unreliable] ?? 0), String(run.tierCounts[.watch] ?? 0),
                String(run.tierCounts[.insufficientData] ?? 0), String(run.tierCounts[.trusted] ?? 0),
                NumberText.readable(run.wmape, decimals: 1), MetricsTable.signed(run.biasPct),
                String(run.forecastsSHA256.prefix(12)), String(run.actualsSHA256.prefix(12)), note(run, among: runs),
            ])
        }
        guard !runs.isEmpty else { return "No runs recorded.\n" }
        return MetricsTable.align(lines, leftAligned: 5, lastLeftAligned: true)
    }

    /// The runs as CSV, every figure exact, the input hashes whole.
    public static func runsCSV(_ runs: [RecordedRun]) -> String {
        var out = CSVText.line(["run", "as_of", "lag", "window_from", "window_to", "recorded_at", "unreliable", "watch",
                                "insufficient_data", "trusted", "book_wmape", "book_bias_pct", "forecasts_sha256",
                                "actuals_sha256", "superseded"])
        for run in runs {
            out += CSVText.line([
                String(run.id), run.asOf.description, String(run.lag), run.window.first.description, run.window.last.description,
                run.recordedAt, String(run.tierCounts[.unreliable] ?? 0), String(run.tierCounts[.watch] ?? 0),
                String(run.tierCounts[.insufficientData] ?? 0), String(run.tierCounts[.trusted] ?? 0),
                NumberText.figure(run.wmape), NumberText.figure(run.biasPct), run.forecastsSHA256, run.actualsSHA256,
                supersededBy(run, among: runs) == nil ? "false" : "true",
            ])
        }
        return out
    }

    /// One customer's tier and key figures in each run, as a table; a run without the customer says so.
    public static func customer(_ name: String, _ records: [(run: RecordedRun, customer: RecordedCustomer?)]) -> String {
        var lines: [[String]] = [["run", "as of", "lag", "tier", "periods", "actual", "forecast", "bias %", "wMAPE %",
                                  "FVA pts", "p", "reasons"]]
        for (run, c) in records {
            let head = [String(run.id), run.asOf.description, String(run.lag)]
            let note = note(run, among: records.map(\.run))
            guard let c else {
                lines.append(head + ["-", "", "", "", "", "", "", "", (["not in this run"] + [note].filter { !$0.isEmpty }).joined(separator: "; ")])
                continue
            }
            let reasons = c.reasons.map(\.rawValue).joined(separator: ", ")
            lines.append(head + [
                c.tier.rawValue, String(c.periods), NumberText.readable(c.actual, decimals: 0),
                NumberText.readable(c.forecast, decimals: 0), MetricsTable.signed(c.biasPct),
                NumberText.readable(c.wmape, decimals: 1), MetricsTable.signed(c.fvaPts), pValue(c.signTestP),
                [reasons, note].filter { !$0.isEmpty }.joined(separator: "; "),
            ])
        }
        return "Customer \(TerminalText.escaped(name)), run by run:\n" + MetricsTable.align(lines, leftAligned: 4, lastLeftAligned: true)
    }

    /// One customer's figures in each run as CSV, exact, with the column names of flags.csv; a run
    /// without the customer has an empty tier and empty figures.
    public static func customerCSV(_ records: [(run: RecordedRun, customer: RecordedCustomer?)]) -> String {
        HistoryColumns.customer.csv(records.map { HistoryCustomerRow(run: $0.run, customer: $0.customer) })
    }

    /// The later run of the same as-of period and lag, if any: the one that stands for the period.
    static func supersededBy(_ run: RecordedRun, among runs: [RecordedRun]) -> RecordedRun? {
        runs.filter { $0.asOf == run.asOf && $0.lag == run.lag && $0.id > run.id }.max { $0.id < $1.id }
    }

    private static func note(_ run: RecordedRun, among runs: [RecordedRun]) -> String {
        supersededBy(run, among: runs).map { "superseded by run \($0.id) (other inputs)" } ?? ""
    }

    private static func pValue(_ p: Double?) -> String {
        guard let p else { return "-" }
        return p < 0.001 ? "<0.001" : NumberText.readable(p, decimals: 3)
    }
}
