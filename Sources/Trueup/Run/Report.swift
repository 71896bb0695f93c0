/// `trueup report`: two files in, every group's figures out.
///
/// A run is three stages, each a value handed to the next: `Intake` reads each file once,
/// `Scoring` computes every figure, and the verdict (`Policy.assess`) turns the customers'
/// figures into tiers and reasons.
public enum Report {
    public static func run(_ request: ReportRequest) throws(ReportError) -> ReportResult {
        try scored(request).result
    }

    /// The report, and the scoring it came from, to ask for more figures without reading the files again.
    static func scored(_ request: ReportRequest) throws(ReportError) -> (result: ReportResult, scoring: Scoring) {
        var stopwatch = Stopwatch()
        let intake = try Intake(request, stopwatch: &stopwatch)
        let scoring = try Scoring(intake, from: request.from, to: request.to, threads: request.threads, actualsPath: request.actuals)
        let scored = scoring.figures(by: request.grouping, lagMask: try scoring.lagMask(request.lag), stopwatch: &stopwatch)
        let rows = scored.rows
        let reportLag = request.lag ?? (scoring.lags.contains(1) ? 1 : scoring.lags.first)
        let scale = intake.panel.scale
        var book: BookTotals?
        var trend: BookTrend?
        if let reportLag, rows.contains(where: { $0.lag == reportLag }) {
            book = BookTotals(rows, lag: reportLag, scale: scale)
            let window = scoring.window
            let first = max(window.first, window.last + (1 - BookTrend.maximumMonths))
            trend = BookTrend(rows, lag: reportLag, from: first, through: window.last, scale: scale)
        }
        var assessments: [Assessment] = []
        if request.grouping == .customer, let reportLag {
            assessments = request.policy.assess(rows, lag: reportLag)
        }
        var forecasts = intake.forecasts, actuals = intake.actuals
        if let digests = intake.digests {
            forecasts.sha256 = digests.forecasts.hex()
            actuals.sha256 = digests.actuals.hex()
        }
        stopwatch.lap("compute")
        let result = ReportResult(request: request, rows: rows, forecasts: forecasts, actuals: actuals,
                                  accounting: scoring.accounting, firstActual: scoring.firstActual, lastClosed: scoring.lastClosed,
                                  window: scoring.window, lags: scoring.lags, rejects: intake.rejects, reportLag: reportLag,
                                  assessments: assessments, timings: stopwatch.laps, scale: scale, book: book, trend: trend,
                                  prices: intake.prices, unpriced: scored.unpriced)
        return (result, scoring)
    }
}
