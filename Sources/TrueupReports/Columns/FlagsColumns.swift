import Trueup

/// One line of flags.csv: a customer's assessment and, when the run was recorded in a history,
/// its change since the previous run.
public struct FlagsRow: Sendable {
    public var assessment: Assessment
    var change: HistoryChange?

    init(_ assessment: Assessment, history: RunComparison?) {
        self.assessment = assessment
        change = history.map { HistoryChange(assessment, in: $0) }
    }
}

/// The columns of flags.csv (and of the flags in `--format json`): every customer's tier at the
/// report lag, with the evidence; with a history, the change since the previous run after them.
public enum FlagsColumns {
    /// The columns of a run without a history, or with one.
    public static func table(history: Bool, names: Bool = false) -> ColumnTable<FlagsRow> {
        let first = names ? ColumnTable([assessment.columns[0], name] + assessment.columns.dropFirst()) : assessment
        return history ? first + self.history : first
    }

    /// After the customer when the inputs name customers.
    static let name = OutputColumn<FlagsRow>("customer_name", "The customer's name, from the inputs' name column.") {
        .text($0.assessment.customerName)
    }

    public static let assessment = ColumnTable<FlagsRow>([
        .init("customer", "The customer.") { .text($0.assessment.customer) },
        .init("lag", "The lag the tier was judged at.") { .integer($0.assessment.lag) },
        .init("tier", "trusted, watch, unreliable, insufficient-data (fewer scored months than the policy needs) or unscored (bought in the window but never forecast, not in metrics.csv; or forecast and actuals in different units: listed last, by actual volume).") {
            .text($0.assessment.tier.rawValue)
        },
        .init("reasons", "Why, as codes separated by ';': over-forecast, under-forecast, high-error, worse-than-naive, no-value-added, drifting (the monthly totals shifted two months running or more), deteriorating, few-periods, no-forecast-at-lag, outside-agreement (with --agreements), never-forecast, units-mismatch (in most months the actuals are 6, 10, 12, 24, 48, 100 or 1000 times the forecast, or the forecast that many times the actuals).") {
            .list($0.assessment.reasons.map(\.rawValue))
        },
        .init("explanation", "The same in one plain sentence, with the numbers.") { .text($0.assessment.explanation) },
        .init("periods", "Months scored.") { .integer($0.assessment.figures.periods) },
        .init("bias_pct", "As in metrics.csv.", .percent) { .figure($0.assessment.figures.biasPct) },
        .init("wmape", "As in metrics.csv.", .percent) { .figure($0.assessment.figures.wmape) },
        .init("fva_pts", "As in metrics.csv.", .points) { .figure($0.assessment.figures.fvaPts) },
        .init("benchmark", "The benchmark the tier was judged against: the better of naive and seasonal naive among those measured on at least the policy's minimum of months (6), else as in metrics.csv; or the one the policy names (tiers.benchmark).") {
            .text($0.assessment.benchmark?.rawValue)
        },
        .init("benchmark_fva_pts", "Forecast value added against that benchmark, in points.", .points) { .figure($0.assessment.benchmarkFvaPts) },
        .init("sign_test_p", "As in metrics.csv.", .probability) { .figure($0.assessment.figures.signTestP) },
        .init("tracking_signal", "As in metrics.csv.", .ratio) { .figure($0.assessment.figures.trackingSignal) },
        .init("error_share_pct", "This customer's share of all customers' total miss at this lag, in percent: where the error is.", .percent) {
            .figure($0.assessment.errorSharePct)
        },
        .init("range_held", "check's 80% range, worked out from the months before each of the customer's last up to 12 months: in how many of them it held that month's purchases (empty when never tried).") {
            $0.assessment.rangeBacktested > 0 ? .integer($0.assessment.rangeHeld ?? 0) : .text(nil)
        },
        .init("range_backtested", "How many months the range was tried on (each needs 6 months before it).") {
            .integer($0.assessment.rangeBacktested)
        },
    ])

    /// The columns added when a history is kept.
    public static let history = ColumnTable<FlagsRow>([
        .init("previous_tier", "The tier in the previous recorded run (empty when the customer was not in it, or on the first run).") {
            .text($0.change?.track?.previousTier?.rawValue)
        },
        .init("wmape_change_pts", "wmape now minus wmape in the previous run, in points (+ = worse).", .points) { .figure($0.change?.wmapePts) },
        .init("bias_change_pts", "bias_pct now minus bias_pct in the previous run, in points.", .points) { .figure($0.change?.biasPts) },
        .init("flagged_runs", "Of the last runs (this one included), how many had this tier or a more severe one.") {
            .integer($0.change?.track?.flaggedRuns ?? 0)
        },
        .init("runs", "How many runs flagged_runs counts over (at most 6).") { .integer($0.change?.runs ?? 0) },
        .init("new_flag", "true when the customer is watch or unreliable now and was not in the previous run.") {
            .bool($0.change?.newlyFlagged ?? false)
        },
    ])

    static func rows(_ assessments: [Assessment], history: RunComparison?) -> [FlagsRow] {
        assessments.map { FlagsRow($0, history: history) }
    }
}

/// flags.csv: every customer's tier at the report lag, with the evidence, most severe first.
public enum FlagsCSV {
    /// The rows; with `history`, each ends with the history columns.
    public static func render(_ assessments: [Assessment], history: RunComparison? = nil, dialect: CSVOutputDialect = .plain) -> String {
        TextStream.collected { render(assessments, history: history, dialect: dialect, into: $0) }
    }

    /// The same text, each line written to `stream` as it is made.
    public static func render(_ assessments: [Assessment], history: RunComparison? = nil, dialect: CSVOutputDialect = .plain,
                              into stream: TextStream) {
        FlagsColumns.table(history: history != nil, names: assessments.contains { $0.customerName != nil })
            .csv(assessments.lazy.map { FlagsRow($0, history: history) }, dialect: dialect, into: stream)
    }

    /// The same rows as JSON objects keyed by the column names; reasons as a list.
    public static func value(_ assessments: [Assessment], history: RunComparison? = nil) -> JSONValue {
        FlagsColumns.table(history: history != nil, names: assessments.contains { $0.customerName != nil })
            .json(FlagsColumns.rows(assessments, history: history))
    }
}

/// What `report --format json` prints: the metrics and, grouped by customer, the flags.
public enum ReportJSON {
    public static func value(_ result: ReportResult) -> JSONValue {
        var members: [(String, JSONValue)] = [("metrics", MetricsJSON.value(result.rows, grouping: result.request.grouping, priced: result.prices != nil))]
        if result.request.grouping == .customer {
            members.append(("report_lag", result.reportLag.map { .integer($0) } ?? .null))
            if let history = result.history {
                members.append(("history", .object([
                    ("runs", .integer(history.runs)),
                    ("previous_as_of", history.previous.map { .string($0.asOf.description) } ?? .null),
                    ("previous_tiers", history.previous.map { run in
                        .object(Tier.allCases.map { ($0.rawValue, .integer(run.tierCounts[$0] ?? 0)) })
                    } ?? .null),
                ])))
            }
            members.append(("flags", FlagsCSV.value(result.assessments, history: result.history)))
        }
        if result.lags.count > 1 { members.append(("stability", StabilityCSV.value(result.stability))) }
        if result.request.agreements != nil { members.append(("agreement", AgreementCSV.value(result.agreement, priced: result.prices != nil))) }
        if let coverage = result.coverage { members.append(("coverage", CoverageCSV.value(coverage, lowCoverage: result.lowCoverage))) }
        return .object(members)
    }
}
