import Trueup

/// The table's stability and agreement columns: each customer's late revision and its months in band.
enum AgreementColumns {
    /// net_revision_pct from the customer's largest lag to its smallest, e.g. "-24.3 (3→1)"; "-" with one lag.
    static func lateRevision(_ customer: String, in result: ReportResult) -> String {
        guard let row = lateRevisionRow(customer, in: result) else { return "-" }
        return "\(MetricsTable.signed(row.netRevisionPct)) (\(row.fromLag)→\(row.toLag))"
    }

    /// The stability row from the customer's largest lag to its smallest.
    static func lateRevisionRow(_ customer: String, in result: ReportResult) -> StabilityRow? {
        let rows = result.stabilityRows(of: customer)
        guard let from = rows.map(\.fromLag).max(), let to = rows.map(\.toLag).min() else { return nil }
        return rows.first { $0.fromLag == from && $0.toLag == to }
    }

    /// "7/24" for the customer's band with the smallest share of months in band (the report lag's on a tie),
    /// with " (lag 3)" when that band is at another lag than the report's; "-" without a band.
    static func monthsInBand(_ customer: String, lag: Int, in result: ReportResult) -> String {
        let bands = result.agreementRows(of: customer).filter { $0.figures.periods > 0 }
        func share(_ row: AgreementRow) -> Double { Double(row.figures.periodsInBand) / Double(row.figures.periods) }
        guard let row = bands.min(by: { share($0) < share($1) || (share($0) == share($1) && $0.band.lag == lag) }) else { return "-" }
        let f = row.figures
        return "\(f.periodsInBand)/\(f.periods)" + (row.band.lag == lag ? "" : " (lag \(row.band.lag))")
    }

    /// What the two columns mean, under the table.
    static func legend(_ result: ReportResult, lag: Int) -> String {
        var out = ""
        if !result.stability.isEmpty {
            out += "Late revision: how much the forecast changed, net, from the customer's longest lag to its shortest (negative: cut late); stability.csv has every pair of lags.\n"
        }
        if let terms = result.request.agreements {
            out += "Months in band: months whose total purchase was within the customer's agreed band (\(terms.path)), for its band with the fewest; agreement.csv has every band.\n"
        }
        return out
    }
}
