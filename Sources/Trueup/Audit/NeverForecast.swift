/// Customers who bought in the window but never forecast at any lag (METRICS.md "Data that can't
/// be right"): listed with tier `unscored` and reason `never-forecast`, never dropped, never in metrics.csv.
enum NeverForecast {
    /// An unscored assessment for every customer of `coverage` in the actuals but not in the
    /// forecasts, with its actual volume, largest first (then by code in byte order).
    static func assessments(_ coverage: Coverage, lag: Int) -> [Assessment] {
        let listed = coverage.rows.filter { $0.inActuals && !$0.inForecasts }
        return listed.sorted { a, b in
            a.actualUnits != b.actualUnits ? a.actualUnits > b.actualUnits : a.customer.precedesInByteOrder(b.customer)
        }.map { row in
            var figures = Figures.empty
            figures.actual = row.actualUnits
            return Assessment(customer: row.customer, lag: lag, tier: .unscored, reasons: [.neverForecast],
                              explanation: "Bought \(Self.units(row.actualUnits)) units in the window but never forecast at any lag: nothing to score.",
                              errorSharePct: nil, figures: figures, periods: [])
        }
    }

    /// A volume as the sentences write it: whole units with thousands separators, else up to 3 decimals.
    static func units(_ value: Double) -> String {
        let rounded = value.rounded()
        if abs(value - rounded) < 1e-9, abs(rounded) < 1e15 {
            let digits = String(Int64(rounded).magnitude)
            var grouped = ""
            for (k, ch) in digits.enumerated() {
                if k > 0 && (digits.count - k) % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
            }
            return (rounded < 0 ? "-" : "") + grouped
        }
        return String((value * 1000).rounded() / 1000)
    }
}
