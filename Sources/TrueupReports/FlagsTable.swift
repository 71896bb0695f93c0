import Trueup

/// The report as a planner reads it: one line per customer at the report lag, unreliable
/// first and the largest share of the error first within a tier; then, for every customer
/// not trusted, the sentence that says why.
public enum FlagsTable {
    public static func render(_ result: ReportResult, rejectsFile: String? = nil, layout: TableLayout = TableLayout(wide: true)) -> String {
        guard let lag = result.reportLag else { return MetricsTable.render(result, rejectsFile: rejectsFile) }
        guard layout.wide else { return NarrowFlagsTable.render(result, lag: lag, rejectsFile: rejectsFile, layout: layout) }
        let history = result.history
        let priced = result.prices != nil
        let currency = result.request.currency
        // With prices, the money per customer, and the share of the error's value the tiers are ordered by.
        let money = priced ? [MoneyText.header("excess at cost", currency), MoneyText.header("sales at risk", currency), "error value share %"]
            : ["error share %"]
        let named = result.assessments.contains { $0.customerName != nil }
        var lines: [[String]] = [["tier", "customer"] + (named ? ["name"] : []) + (history == nil ? [] : ["since last run", "last runs"])
            + ["lag", "periods", "actual", "forecast", "bias %", "wMAPE %", "FVA pts", "vs"] + money
            + (result.stability.isEmpty ? [] : ["late revision %"]) + (result.request.agreements == nil ? [] : ["months in band"]) + ["reasons"]]
        let listed = layout.listed(result.assessments)
        for a in listed {
            let f = a.figures
            let change = history.map { HistoryChange(a, in: $0) }
            let shares = priced
                ? [MoneyText.amount(f.value?.excessCost, nil), MoneyText.amount(f.value?.shortfallValue, nil),
                   NumberText.readable(a.errorValueSharePct, decimals: 1)]
                : [NumberText.readable(a.errorSharePct, decimals: 1)]
            let name = named ? [TerminalText.escaped(a.customerName ?? "")] : []
            var line: [String] = [a.tier.rawValue, a.customer] + name + (change.map { [$0.sinceLastRun, $0.lastRuns] } ?? [])
            line += [
                String(a.lag), String(f.periods),
                NumberText.readable(f.actual, decimals: 0), NumberText.readable(f.forecast, decimals: 0),
                MetricsTable.signed(f.biasPct), NumberText.readable(f.wmape, decimals: 1), MetricsTable.signed(a.benchmarkFvaPts),
                a.benchmark.map(BenchmarkText.short) ?? "",
            ]
            line += shares
            if !result.stability.isEmpty { line.append(AgreementColumns.lateRevision(a.customer, in: result)) }
            if result.request.agreements != nil { line.append(AgreementColumns.monthsInBand(a.customer, lag: lag, in: result)) }
            lines.append(line + [a.reasons.map(\.rawValue).joined(separator: ", ")])
        }
        var out = AuditText.incompleteMonth(result).map { $0 + "\n\n" } ?? ""
        out += history.map { headline($0, result: result, lag: lag) + "\n" } ?? ""
        out += MetricsTable.align(lines, leftAligned: (history == nil ? 2 : 4) + (named ? 1 : 0), lastLeftAligned: true)
        if result.assessments.isEmpty { out += "(no customer has a scored cell at lag \(lag) in this window)\n" }
        out += NarrowFlagsTable.filterNote(result, listed: listed, layout: layout)
        // The customers not trusted, by index: a copy of each would double a large book's memory here.
        let flagged = listed.indices.filter { listed[$0].tier != .trusted }
        if !flagged.isEmpty {
            out += "\nWhy:\n"
            let names = flagged.map { TerminalText.escaped(listed[$0].customer) }
            let width = names.map(\.count).max() ?? 0
            for (a, name) in zip(flagged.lazy.map { listed[$0] }, names) {
                out += "  \(name)\(String(repeating: " ", count: width - name.count))  \(TerminalText.escaped(a.explanation))\n"
            }
        }
        return out + footer(result, lag: lag, rejectsFile: rejectsFile)
    }

    /// The lines after the table: the tiers' counts, money, agreements, other lags and the row accounting.
    static func footer(_ result: ReportResult, lag: Int, rejectsFile: String?) -> String {
        let priced = result.prices != nil
        var out = ""
        var counts: [String] = []
        for tier in Tier.allCases {
            let n = result.assessments.count(where: { $0.tier == tier })
            if n > 0 { counts.append("\(n) \(tier.rawValue)") }
        }
        let total = result.assessments.count
        let unscored = AuditText.withoutForecastAtLag(result)
        let without = unscored == 0 ? "" : ", \(unscored) of them with no forecast at lag \(lag) (no-forecast-at-lag)"
        out += "\nTiers at lag \(lag): \(counts.joined(separator: ", ")); \(total) \(total == 1 ? "customer" : "customers")\(without)\(priced ? "; within a tier, the largest share of the error's value first" : "").\n"
        out += MoneyText.book(result, lag: lag)
        out += AgreementColumns.legend(result, lag: lag)
        let scoredLags = Set(result.rows.map(\.lag))
        let others = result.lags.filter { $0 != lag && scoredLags.contains($0) }
        if !others.isEmpty {
            out += "Figures at lag \(others.map(String.init).joined(separator: ", ")) are in metrics.csv (--out) or --format csv; --lag N tiers another lag.\n"
        }
        return out + "\n" + MetricsTable.summary(result, rejectsFile: rejectsFile,
                                                  fvaMeaning: "how much more accurate than the benchmark in vs (naive: the actuals of the month before; seasonal or seas.: the same month last year)")
    }

    /// One line on the previous run: its tier counts, and how many customers are newly flagged now.
    static func headline(_ history: RunComparison, result: ReportResult, lag: Int) -> String {
        guard let previous = history.previous else {
            return "History: the first run at lag \(lag); later runs will be compared with this one.\n"
        }
        let counts = Tier.allCases.filter { $0 != .unscored }.map { "\(previous.tierCounts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        let newly = result.assessments.count(where: { history.customers[$0.customer]?.newlyFlagged ?? false })
        return "History: the previous run, \(previous.asOf) at lag \(previous.lag), had \(counts); "
            + "\(newly) newly flagged now; \"last runs\" covers \(history.runs) runs (at most \(RunComparison.span)).\n"
    }
}
