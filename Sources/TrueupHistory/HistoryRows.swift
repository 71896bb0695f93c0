import GRDB
import Trueup

/// How runs and customers map to rows of the `run` and `customer_figures` tables.
///
/// Figures are REAL and an empty figure is NULL, so a Double read back is the Double written.
/// Decoding throws on a value of the wrong kind instead of trapping, so a damaged or edited
/// file gives an error that names it.
enum HistoryRows {
    /// A value that should be in the file and is not what trueup writes.
    struct Damaged: Error {
        var reason: String
    }

    static func insert(_ run: RecordedRun, of result: ReportResult, version: String, in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO run (as_of, lag, window_from, window_to, recorded_at, forecasts_path, forecasts_sha256,
                             actuals_path, actuals_sha256, policy, trueup_version,
                             unreliable, watch, insufficient_data, trusted, book_wmape, book_bias_pct)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                run.asOf.description, run.lag, run.window.first.description, run.window.last.description, run.recordedAt,
                result.forecasts.path, run.forecastsSHA256, result.actuals.path, run.actualsSHA256,
                policyJSON(result.request.policy), version,
                run.tierCounts[.unreliable] ?? 0, run.tierCounts[.watch] ?? 0,
                run.tierCounts[.insufficientData] ?? 0, run.tierCounts[.trusted] ?? 0,
                run.wmape, run.biasPct,
            ])
        return db.lastInsertedRowID
    }

    static func insert(_ customers: [RecordedCustomer], run id: Int64, in db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO customer_figures (run_id, customer, tier, reasons, periods, actual, forecast, bias_pct, wmape,
                                          fva_pts, sign_test_p, tracking_signal, error_share_pct, customer_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for c in customers {
            try statement.execute(arguments: [
                id, c.customer, c.tier.rawValue, c.reasons.map(\.rawValue).joined(separator: ";"), c.periods,
                c.actual, c.forecast, c.biasPct, c.wmape, c.fvaPts, c.signTestP, c.trackingSignal, c.errorSharePct,
                c.customerName,
            ])
        }
    }

    static func run(_ row: Row) throws -> RecordedRun {
        let asOf = try month(row, "as_of")
        let window = Window(first: try month(row, "window_from"), last: try month(row, "window_to"))
        var counts: [Tier: Int] = [:]
        counts[.unreliable] = try row.decode(Int.self, forColumn: "unreliable")
        counts[.watch] = try row.decode(Int.self, forColumn: "watch")
        counts[.insufficientData] = try row.decode(Int.self, forColumn: "insufficient_data")
        counts[.trusted] = try row.decode(Int.self, forColumn: "trusted")
        var run = RecordedRun(
            id: try row.decode(Int64.self, forColumn: "id"), asOf: asOf, lag: try row.decode(Int.self, forColumn: "lag"),
            window: window, recordedAt: try row.decode(String.self, forColumn: "recorded_at"),
            forecastsSHA256: try row.decode(String.self, forColumn: "forecasts_sha256"),
            actualsSHA256: try row.decode(String.self, forColumn: "actuals_sha256"), tierCounts: counts,
            wmape: try row.decode(Double?.self, forColumn: "book_wmape"),
            biasPct: try row.decode(Double?.self, forColumn: "book_bias_pct"))
        run.policy = try row.decode(String.self, forColumn: "policy")
        return run
    }

    static func customer(_ row: Row) throws -> RecordedCustomer {
        let tierText = try row.decode(String.self, forColumn: "tier")
        guard let tier = Tier(rawValue: tierText) else { throw Damaged(reason: "unknown tier '\(tierText)'") }
        let reasonsText = try row.decode(String.self, forColumn: "reasons")
        let reasons = try reasonsText.split(separator: ";").map { code in
            guard let reason = Reason(rawValue: String(code)) else { throw Damaged(reason: "unknown reason '\(code)'") }
            return reason
        }
        var customer = RecordedCustomer(
            customer: try row.decode(String.self, forColumn: "customer"), tier: tier, reasons: reasons,
            periods: try row.decode(Int.self, forColumn: "periods"),
            actual: try row.decode(Double.self, forColumn: "actual"),
            forecast: try row.decode(Double.self, forColumn: "forecast"),
            biasPct: try row.decode(Double?.self, forColumn: "bias_pct"),
            wmape: try row.decode(Double?.self, forColumn: "wmape"),
            fvaPts: try row.decode(Double?.self, forColumn: "fva_pts"),
            signTestP: try row.decode(Double?.self, forColumn: "sign_test_p"),
            trackingSignal: try row.decode(Double?.self, forColumn: "tracking_signal"),
            errorSharePct: try row.decode(Double?.self, forColumn: "error_share_pct"))
        customer.customerName = try row.decode(String?.self, forColumn: "customer_name")
        return customer
    }

    private static func month(_ row: Row, _ column: String) throws -> Month {
        let text = try row.decode(String.self, forColumn: column)
        guard let month = Month.parse(text) else { throw Damaged(reason: "\(column) '\(text)' is not a YYYY-MM period") }
        return month
    }

    /// The policy's settings as one JSON object, in the policy file's order.
    static func policyJSON(_ policy: Policy) -> String {
        let members = policy.settings.map { setting in
            switch setting.value {
            case .number(let number): return "\"\(setting.key)\": \(number.isFinite ? "\(number)" : "null")"
            case .text(let text): return "\"\(setting.key)\": \"\(text)\""
            }
        }
        return "{" + members.joined(separator: ", ") + "}"
    }
}
