/// One customer's tier and figures at the report lag, with the same figures for each of its items.
///
/// What `check` and `brief` stand on: the customer's row and assessment come from
/// the report grouped by customer (so they match metrics.csv and flags.csv), the
/// items' rows from the same scoring grouped by customer and item.
public struct CustomerView: Sendable {
    public var report: ReportResult
    public var assessment: Assessment
    public var row: MetricsRow
    /// The customer's items at the report lag, largest absolute error first.
    public var items: [MetricsRow]

    /// Why a view can't be made.
    public enum Problem: Error, Sendable, Equatable {
        case report(ReportError)
        /// The customer has no scored cell at the report lag; `similar` are names that look alike.
        case unknownCustomer(String, lag: Int?, similar: [String])
        case unknownItem(customer: String, item: String, similar: [String])
    }

    /// Reads the files once: the report grouped by customer, then the same scoring asked for this
    /// customer's items at its report lag.
    public init(_ request: ReportRequest, customer: String) throws(Problem) {
        // A customer's view shows no input hashes: the files are not hashed for it.
        var byCustomer = request
        byCustomer.hashesInputs = false
        byCustomer.grouping = .customer
        let scoring: Scoring
        do {
            (report, scoring) = try Report.scored(byCustomer)
        } catch {
            throw .report(error)
        }
        guard let assessment = report.assessments.first(where: { $0.customer == customer }),
              let row = report.rows.first(where: { $0.customer == customer && $0.lag == assessment.lag }) else {
            throw .unknownCustomer(customer, lag: report.reportLag,
                                   similar: Self.similar(customer, in: report.assessments.map(\.customer)))
        }
        self.assessment = assessment
        self.row = row
        var stopwatch = Stopwatch()
        items = scoring.figures(by: .customerItem, lagMask: UInt64(1) << UInt64(assessment.lag), customer: customer,
                                stopwatch: &stopwatch).rows
            .sorted { $0.absoluteError > $1.absoluteError }
    }

    /// Names equal ignoring case, or sharing the first few characters, at most five.
    public static func similar(_ name: String, in names: [String]) -> [String] {
        let lower = name.lowercased()
        let prefix = String(lower.prefix(3))
        let same = names.filter { $0.lowercased() == lower }.sorted()
        let alike = names.filter { $0.lowercased() != lower && !prefix.isEmpty && $0.lowercased().hasPrefix(prefix) }.sorted()
        return Array((same + alike).prefix(5))
    }
}
