import Trueup

/// The report as a planner reads it in a terminal: one aligned line per group
/// and lag, then what was scored and where every input row went.
public enum MetricsTable {
    public static func render(_ result: ReportResult, rejectsFile: String? = nil) -> String {
        let grouping = result.request.grouping
        let keys = MetricsColumns.keys(grouping)
        var header = keys.names
        header += ["lag", "periods", "actual", "forecast", "bias %", "wMAPE %", "MAPE %", "MASE", "naive wMAPE %", "FVA pts", "over/under"]
        let priced = result.prices != nil
        if priced {
            header += [MoneyText.header("excess at cost", result.request.currency), MoneyText.header("sales at risk", result.request.currency)]
        }
        var lines: [[String]] = [header]
        for row in result.rows {
            let f = row.figures
            var line = keys.fields(row)
            line += [
                String(row.lag), String(f.periods),
                NumberText.readable(f.actual, decimals: 0), NumberText.readable(f.forecast, decimals: 0),
                signed(f.biasPct), NumberText.readable(f.wmape, decimals: 1), NumberText.readable(f.mape, decimals: 1),
                NumberText.readable(f.mase, decimals: 2), NumberText.readable(f.naiveWmape, decimals: 1), signed(f.fvaPts),
                "\(f.overPeriods)/\(f.underPeriods)",
            ]
            if priced { line += [MoneyText.amount(f.value?.excessCost, nil), MoneyText.amount(f.value?.shortfallValue, nil)] }
            lines.append(line)
        }
        var out = AuditText.incompleteMonth(result).map { $0 + "\n\n" } ?? ""
        out += align(lines, leftAligned: keys.columns.count)
        if result.rows.isEmpty { out += "(no group has a scored cell in this window)\n" }
        for lag in Set(result.rows.map(\.lag)).sorted() { out += (lag == result.rows.first?.lag ? "\n" : "") + MoneyText.book(result, lag: lag) }
        out += "\n" + summary(result, rejectsFile: rejectsFile)
        return out
    }

    /// What was scored and the row accounting, in words.
    public static func summary(_ result: ReportResult, rejectsFile: String? = nil, fvaMeaning: String = naiveFva) -> String {
        let f = result.accounting.forecasts
        let a = result.accounting.actuals
        let groups = Set(result.rows.map { [$0.customer ?? "", $0.item ?? ""] }).count
        let noun: String
        switch result.request.grouping {
        case .customer: noun = groups == 1 ? "customer" : "customers"
        case .item: noun = groups == 1 ? "item" : "items"
        case .customerItem: noun = groups == 1 ? "customer-item" : "customer-items"
        }
        let lags = Set(result.rows.map(\.lag)).sorted().map(String.init).joined(separator: ", ")
        var out = "Scored \(count(groups)) \(noun) at lag \(lags.isEmpty ? "-" : lags), target periods \(result.scoredMonthsLabel())"
        out += " (last closed period \(result.lastClosed)).\n"
        out += "Error = forecast - actual: positive bias means over-forecast. FVA pts: \(fvaMeaning).\n"
        out += "Forecast rows: \(count(f.read)) read = \(count(f.used)) used + \(count(f.open)) open + \(count(f.outsideWindow)) outside window + \(count(f.rejected)) rejected\(f.totals > 0 ? " + \(count(f.totals)) totals rows" : "")\n"
        out += "Actual rows:   \(count(a.read)) read = \(count(a.used)) used + \(count(a.open)) open + \(count(a.outsideWindow)) outside window + \(count(a.unmatched)) unmatched + \(count(a.rejected)) rejected\(a.totals > 0 ? " + \(count(a.totals)) totals rows" : "")\n"
        if let matched = AuditText.matchedShare(result) { out += matched + "\n" }
        for note in AuditText.runNotes(result) { out += note + "\n" }
        let leftOut = AuditText.rowsLeftOut(result, rejectsFile: rejectsFile)
        // The rows left out quote rejected values, paths and sheet names: each line shown as a whole.
        if !leftOut.isEmpty { out += TerminalText.lines(leftOut).joined(separator: "\n") + "\n" }
        return out
    }

    /// What the FVA column means where it is against the naive forecast.
    public static let naiveFva = "how much more accurate than repeating past actuals"

    private static func count(_ n: Int) -> String { NumberText.readable(Double(n), decimals: 0) }

    static func signed(_ value: Double?) -> String {
        guard let value else { return "-" }
        let text = NumberText.readable(value, decimals: 1)
        return value > 0 && text != "0.0" ? "+" + text : text
    }

    /// Pads every column to its widest cell: text columns to the left, numbers to the right.
    /// Every cell is shown through `TerminalText`, so a name can't move the cursor or reorder the line.
    static func align(_ lines: [[String]], leftAligned: Int, lastLeftAligned: Bool = false) -> String {
        let lines = lines.map { $0.map(TerminalText.escaped) }
        guard let first = lines.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for line in lines {
            for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        for line in lines {
            let cells = line.enumerated().map { i, cell -> String in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i < leftAligned || (lastLeftAligned && i == line.count - 1) ? cell + pad : pad + cell
            }
            var text = cells.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            out += text + "\n"
        }
        return out
    }
}
