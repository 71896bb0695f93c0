/// Everything a report run found, for the writers: finished when it leaves the library.
///
/// Built from the three stages (intake, scoring, verdict) by `Report.run`; a run recorded in a
/// history is the same result with the comparison passed in (`init(_:history:recordingSeconds:)`).
/// No module outside the library can change it (the setters are internal, for the library's own tests).
public struct ReportResult: Sendable {
    public internal(set) var request: ReportRequest
    public internal(set) var rows: [MetricsRow]
    public internal(set) var forecasts: InputFile
    public internal(set) var actuals: InputFile
    public internal(set) var accounting: RowAccounting
    public internal(set) var firstActual: Month
    public internal(set) var lastClosed: Month
    public internal(set) var window: Window
    /// Every lag with a forecast in the window.
    public internal(set) var lags: [Int]
    /// The rows rejected under `--skip-bad-rows`, in file order.
    public internal(set) var rejects: [RowProblem]
    /// The lag customers are tiered at: `--lag`, else lag 1 when present, else the smallest.
    public internal(set) var reportLag: Int?
    /// Every customer's tier at the report lag, most severe first (grouping by customer only).
    public internal(set) var assessments: [Assessment]
    /// Wall time of each step, in order: reading, joining, computing.
    public internal(set) var timings: [(step: String, seconds: Double)]
    /// What the history adds: this run against the earlier ones (nil without a history).
    public internal(set) var history: RunComparison?
    /// How the quantities were held: exact sums in whole units of the inputs' decimal places, or not.
    public internal(set) var scale: QuantityScale
    /// The whole book's totals at the report lag (nil when nothing was scored at it).
    public internal(set) var book: BookTotals?
    /// The book's and each group's monthly and trailing totals at the report lag, over the
    /// window's last `BookTrend.maximumMonths` months (nil when nothing was scored at it).
    public internal(set) var trend: BookTrend?
    /// The prices read, with `--prices`.
    public internal(set) var prices: PriceList?
    /// The scored cells without a price, with `--prices`.
    public internal(set) var unpriced: Unpriced?

    init(request: ReportRequest, rows: [MetricsRow], forecasts: InputFile, actuals: InputFile, accounting: RowAccounting,
         firstActual: Month, lastClosed: Month, window: Window, lags: [Int], rejects: [RowProblem], reportLag: Int?,
         assessments: [Assessment], timings: [(step: String, seconds: Double)], history: RunComparison? = nil,
         scale: QuantityScale, book: BookTotals?, trend: BookTrend?, prices: PriceList?, unpriced: Unpriced?) {
        self.request = request
        self.rows = rows
        self.forecasts = forecasts
        self.actuals = actuals
        self.accounting = accounting
        self.firstActual = firstActual
        self.lastClosed = lastClosed
        self.window = window
        self.lags = lags
        self.rejects = rejects
        self.reportLag = reportLag
        self.assessments = assessments
        self.timings = timings
        self.history = history
        self.scale = scale
        self.book = book
        self.trend = trend
        self.prices = prices
        self.unpriced = unpriced
    }

    /// The result of a run recorded in a history: `result`, with how it compares with the earlier
    /// runs, and the time recording took as the last step of its timings.
    public init(_ result: ReportResult, history: RunComparison?, recordingSeconds: Double) {
        self.init(request: result.request, rows: result.rows, forecasts: result.forecasts, actuals: result.actuals,
                  accounting: result.accounting, firstActual: result.firstActual, lastClosed: result.lastClosed,
                  window: result.window, lags: result.lags, rejects: result.rejects, reportLag: result.reportLag,
                  assessments: result.assessments, timings: result.timings + [("history", recordingSeconds)], history: history,
                  scale: result.scale, book: result.book, trend: result.trend, prices: result.prices, unpriced: result.unpriced)
    }
}
