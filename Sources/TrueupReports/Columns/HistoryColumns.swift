import Trueup

/// One line of `trueup history --customer C --format csv`: a run, and the customer in it (nil when it was not).
public struct HistoryCustomerRow: Sendable {
    public var run: RecordedRun
    public var customer: RecordedCustomer?
}

/// The columns of `trueup history --customer C --format csv`: the run, then the customer's
/// figures under flags.csv's names; a run without the customer has them empty.
public enum HistoryColumns {
    /// The columns, with `customer_name` after the customer when a run recorded the customer's name.
    public static func customer(names: Bool) -> ColumnTable<HistoryCustomerRow> {
        names ? ColumnTable(Array(customer.columns.prefix(4)) + [name] + customer.columns.dropFirst(4)) : customer
    }

    static let name = OutputColumn<HistoryCustomerRow>("customer_name", "The customer's name in that run, from the inputs' name column.") {
        .text($0.customer?.customerName ?? "")
    }

    public static let customer = ColumnTable<HistoryCustomerRow>([
        .init("run", "The run's number in the history.") { .integer(Int($0.run.id)) },
        .init("as_of", "The run's last scored month.") { .text($0.run.asOf.description) },
        .init("lag", "The lag the run tiered customers at.") { .integer($0.run.lag) },
        .init("customer", "The customer (empty when it was not in the run).") { .text($0.customer?.customer ?? "") },
        .init("tier", "As in flags.csv.") { .text($0.customer?.tier.rawValue ?? "") },
        .init("reasons", "As in flags.csv.") { .list($0.customer?.reasons.map(\.rawValue) ?? []) },
        .init("periods", "As in flags.csv.") { row in row.customer.map { .integer($0.periods) } ?? .text("") },
        .init("actual", "As in metrics.csv.") { .quantity($0.customer?.actual) },
        .init("forecast", "As in metrics.csv.") { .quantity($0.customer?.forecast) },
        .init("bias_pct", "As in flags.csv.") { .figure($0.customer?.biasPct) },
        .init("wmape", "As in flags.csv.") { .figure($0.customer?.wmape) },
        .init("fva_pts", "As in flags.csv.") { .figure($0.customer?.fvaPts) },
        .init("sign_test_p", "As in flags.csv.") { .figure($0.customer?.signTestP) },
        .init("tracking_signal", "As in flags.csv.") { .figure($0.customer?.trackingSignal) },
        .init("error_share_pct", "As in flags.csv.") { .figure($0.customer?.errorSharePct) },
    ])
}
