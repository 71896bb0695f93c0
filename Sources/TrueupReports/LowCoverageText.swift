import Trueup

/// The sentences on a join that matched too little (METRICS.md "Data that can't be right", low coverage).
extension AuditText {
    /// The matched shares, e.g. "12% of actual volume and 3% of forecast volume at lag 1".
    static func shares(_ low: LowCoverage) -> String {
        func share(_ value: Double?) -> String { value.map { Words.percent(100 * $0) } ?? "-" }
        return "\(share(low.matchedActualShare)) of actual volume and \(share(low.matchedForecastShare)) of forecast volume"
            + (low.lag.map { " at lag \($0)" } ?? "")
    }

    /// The note every output carries when a low-coverage book was scored anyway; nil when coverage is not low.
    public static func lowCoverageScored(_ result: ReportResult) -> String? {
        guard let low = result.lowCoverage else { return nil }
        return "Low coverage (--allow-low-coverage): only \(shares(low)) are on items both forecast and bought "
            + "(at least \(Words.percent(100 * LowCoverage.threshold)) of each is expected); the rest is scored as never bought "
            + "or never forecast, so the figures may measure the join rather than the forecasts."
    }

    /// Why the run stopped on low coverage: the shares, the largest unmatched codes of each side
    /// with their volumes, any look-alikes, and the ways out. `quoted` writes a code for the medium.
    public static func lowCoverageRefused(_ low: LowCoverage, quoted: (String) -> String) -> [String] {
        var lines = ["The join matched only \(shares(low)) to (customer, item) pairs both forecast and bought; "
            + "at least \(Words.percent(100 * LowCoverage.threshold)) of each is needed. Scored, most forecasts would count as "
            + "never bought and most purchases as never forecast."]
        func listed(_ codes: [LowCoverage.Unmatched]) -> String {
            codes.map { "\(quoted($0.customer)) \(NumberText.readable($0.units, decimals: 0))" }.joined(separator: ", ")
        }
        if !low.unforecast.isEmpty { lines.append("  bought, never forecast (customer, units): " + listed(low.unforecast)) }
        if !low.unbought.isEmpty { lines.append("  forecast, never bought (customer, units): " + listed(low.unbought)) }
        for pair in low.lookAlikes.customers.prefix(2) {
            lines.append("  look-alike: customer \(quoted(pair.inForecasts)) in the forecasts, \(quoted(pair.inActuals)) in the actuals")
        }
        for pair in low.lookAlikes.items.prefix(2) {
            lines.append("  look-alike: item \(quoted(pair.inForecasts)) in the forecasts, \(quoted(pair.inActuals)) in the actuals "
                + "(customer \(quoted(pair.customer ?? "")))")
        }
        if !low.lookAlikes.isEmpty {
            lines.append("Run with --normalize-keys \(low.lookAlikes.joinedBy.optionValue) to join the look-alikes, "
                + "or --allow-low-coverage to score the codes as spelled.")
        } else {
            lines.append("Check that both files use the same customer and item codes; --allow-low-coverage scores anyway "
                + "(with --out DIR, DIR/coverage.csv lists every customer's matched and unmatched volume).")
        }
        return lines
    }
}
