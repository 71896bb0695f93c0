/// One customer's tier and figures at the report lag, with the same figures for each of its items.
///
/// What `check` and `brief` stand on: the customer's row and assessment come from
/// the report grouped by customer (so they match metrics.csv and flags.csv), the
/// items' rows from the same run's panel grouped by customer and item at the
/// assessment's lag (so they match metrics.csv with `--by customer,item`). The
/// files are read once.
public struct CustomerView: Sendable {
    public var report: ReportResult
    public var assessment: Assessment
    public var row: MetricsRow
    /// The customer's items at the report lag, largest absolute error first.
    public var items: [MetricsRow]

    /// An item's share of the customer's absolute error, in percent (nil when the customer has none).
    public func errorSharePct(of item: MetricsRow) -> Double? { Ratio.percent(item.absoluteError, row.absoluteError) }

    /// Why a view can't be made.
    public enum Problem: Error, Sendable, Equatable {
        case report(ReportError)
        /// The customer has no scored cell at the report lag; `similar` are names that look alike.
        case unknownCustomer(String, lag: Int?, similar: [String])
        /// The customer forecasts in the window, but not at the report lag; `lags` are the lags it has.
        case noForecastAtLag(customer: String, lag: Int, lags: [Int])
        /// The customer bought `actual` units in the window but never forecast at any lag: nothing to score.
        case neverForecast(customer: String, actual: Double)
        /// The customer's forecast and actuals look like different units: no plan or brief on those figures.
        case unitsMismatch(customer: String, lag: Int, factor: UnitsFactor)
        case unknownItem(customer: String, item: String, similar: [String])
    }

    public init(_ request: ReportRequest, customer: String) throws(Problem) {
        // A customer's view shows no input hashes: the files are not hashed (twice) for it.
        var byCustomer = request
        byCustomer.hashesInputs = false
        byCustomer.grouping = .customer
        let scored: ScoredPanel
        do {
            (report, scored) = try Report.scored(byCustomer)
        } catch {
            throw .report(error)
        }
        if let listed = report.assessments.first(where: { $0.customer == customer }), listed.reasons == [.noForecastAtLag] {
            throw .noForecastAtLag(customer: customer, lag: listed.lag, lags: listed.otherLags)
        }
        if let listed = report.assessments.first(where: { $0.customer == customer }), listed.tier == .unscored,
           listed.reasons == [.neverForecast] {
            throw .neverForecast(customer: customer, actual: listed.figures.actual)
        }
        if let listed = report.assessments.first(where: { $0.customer == customer }), listed.tier == .unscored,
           let factor = listed.unitsFactor {
            throw .unitsMismatch(customer: customer, lag: listed.lag, factor: factor)
        }
        guard let assessment = report.assessments.first(where: { $0.customer == customer }),
              let row = report.rows.first(where: { $0.customer == customer && $0.lag == assessment.lag }) else {
            throw .unknownCustomer(customer, lag: report.reportLag,
                                   similar: Self.similar(customer, in: report.assessments.map(\.customer)))
        }
        self.assessment = assessment
        self.row = row
        // The items' figures only: the revisions and the agreement are the customer's, from the run above.
        items = scored.itemRows(customer: customer, lag: assessment.lag)
            .sorted { $0.absoluteError > $1.absoluteError }
    }

    /// Names that look alike, at most five: first those equal under every `--normalize-keys`
    /// normalisation (case, spaces, punctuation, leading zeros: `C-232` for `c232`), then those
    /// sharing the first three characters so normalised.
    public static func similar(_ name: String, in names: [String]) -> [String] {
        let all = KeyNormalization.all
        let code = all.apply(name)
        let prefix = String(code.prefix(3))
        let normalized = names.map { ($0, all.apply($0)) }
        let same = normalized.filter { $0.1 == code }.map(\.0).sorted()
        let alike = normalized.filter { $0.1 != code && !prefix.isEmpty && $0.1.hasPrefix(prefix) }.map(\.0).sorted()
        return Array((same + alike).prefix(5))
    }
}
