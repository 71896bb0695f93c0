import Trueup

/// What `trueup history` prints: the recorded runs, or one customer's record run by run.
///
/// Runs come in the history's order (as-of period, lag, then the order recorded), newest last.
/// Of the runs of one as-of period and lag, one stands for the period in comparisons
/// (`RunStanding`): the others are marked superseded (other inputs) or trial (another window
/// or policy), and the one that stands says so.
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
        // The name the latest run that has one recorded.
        let title = records.reversed().lazy.compactMap { $0.customer?.customerName }.first.map { " (\(TerminalText.escaped($0)))" } ?? ""
        return "Customer \(TerminalText.escaped(name))\(title), run by run:\n" + MetricsTable.align(lines, leftAligned: 4, lastLeftAligned: true)
    }

    /// One customer's figures in each run as CSV, exact, with the column names of flags.csv; a run
    /// without the customer has an empty tier and empty figures.
    public static func customerCSV(_ records: [(run: RecordedRun, customer: RecordedCustomer?)]) -> String {
        let names = records.contains { $0.customer?.customerName != nil }
        return HistoryColumns.customer(names: names).csv(records.map { HistoryCustomerRow(run: $0.run, customer: $0.customer) })
    }

    /// The run that stands for this one's period instead of it, if another does (`RunStanding`).
    static func supersededBy(_ run: RecordedRun, among runs: [RecordedRun]) -> RecordedRun? {
        switch RunStanding.of(runs)[run.id] {
        case .superseded(let id)?, .trial(let id)?: return runs.first { $0.id == id }
        default: return nil
        }
    }

    private static func note(_ run: RecordedRun, among runs: [RecordedRun]) -> String {
        let standing = RunStanding.of(runs)
        let month = runs.filter { $0.asOf == run.asOf && $0.lag == run.lag }
        switch standing[run.id] {
        case .superseded(let id)?: return "superseded by run \(id) (other inputs)"
        case .trial(let id)?:
            let official = runs.first { $0.id == id }
            let what = official.map { $0.window != run.window ? "another window than run \($0.id)" : "another policy than run \($0.id)" } ?? "a trial"
            return "trial: \(what), which stands for \(run.asOf)"
        default: return month.count > 1 ? "stands for \(run.asOf)" : ""
        }
    }

    private static func pValue(_ p: Double?) -> String {
        guard let p else { return "-" }
        return p < 0.001 ? "<0.001" : NumberText.readable(p, decimals: 3)
    }
}
