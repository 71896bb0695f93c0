/// One run as the history remembers it: what was scored, from which inputs, and the book's totals.
///
/// A run is identified by its as-of period (the window's last month), the report lag, the window,
/// the policy and the SHA-256 of both inputs; recording the same again replaces it.
public struct RecordedRun: Sendable, Equatable {
    /// The history's own number for the run (0 before it is recorded).
    public var id: Int64
    /// The last month scored: the window's last month.
    public var asOf: Month
    public var lag: Int
    public var window: Window
    /// When it was recorded, ISO 8601 in UTC.
    public var recordedAt: String
    public var forecastsSHA256: String
    public var actualsSHA256: String
    /// How many customers landed in each tier.
    public var tierCounts: [Tier: Int]
    /// The book's wMAPE and bias at the lag (nil when their denominator was 0).
    public var wmape: Double?
    public var biasPct: Double?
    /// The policy's settings as recorded (one JSON object); part of what identifies the run.
    public var policy: String = ""

    public init(id: Int64 = 0, asOf: Month, lag: Int, window: Window, recordedAt: String, forecastsSHA256: String,
                actualsSHA256: String, tierCounts: [Tier: Int], wmape: Double?, biasPct: Double?) {
        self.id = id
        self.asOf = asOf
        self.lag = lag
        self.window = window
        self.recordedAt = recordedAt
        self.forecastsSHA256 = forecastsSHA256
        self.actualsSHA256 = actualsSHA256
        self.tierCounts = tierCounts
        self.wmape = wmape
        self.biasPct = biasPct
    }
}

/// One customer's tier and key figures in a recorded run.
public struct RecordedCustomer: Sendable, Equatable {
    public var customer: String
    public var tier: Tier
    public var reasons: [Reason]
    public var periods: Int
    public var actual: Double
    public var forecast: Double
    public var biasPct: Double?
    public var wmape: Double?
    public var fvaPts: Double?
    public var signTestP: Double?
    public var trackingSignal: Double?
    public var errorSharePct: Double?
    /// The customer's name from the inputs' name column (nil without one, and in runs recorded before names were kept).
    public var customerName: String?

    public init(customer: String, tier: Tier, reasons: [Reason], periods: Int, actual: Double, forecast: Double,
                biasPct: Double?, wmape: Double?, fvaPts: Double?, signTestP: Double?, trackingSignal: Double?,
                errorSharePct: Double?) {
        self.customer = customer
        self.tier = tier
        self.reasons = reasons
        self.periods = periods
        self.actual = actual
        self.forecast = forecast
        self.biasPct = biasPct
        self.wmape = wmape
        self.fvaPts = fvaPts
        self.signTestP = signTestP
        self.trackingSignal = trackingSignal
        self.errorSharePct = errorSharePct
    }

    /// The record of an assessment.
    public init(_ a: Assessment) {
        self.init(customer: a.customer, tier: a.tier, reasons: a.reasons, periods: a.figures.periods,
                  actual: a.figures.actual, forecast: a.figures.forecast, biasPct: a.figures.biasPct,
                  wmape: a.figures.wmape, fvaPts: a.figures.fvaPts, signTestP: a.figures.signTestP,
                  trackingSignal: a.figures.trackingSignal, errorSharePct: a.errorSharePct)
        customerName = a.customerName
    }
}

extension RecordedRun {
    /// The record of a report's run at its report lag (nil when nothing was tiered).
    public init?(_ result: ReportResult, recordedAt: String) {
        guard let lag = result.reportLag, result.request.grouping == .customer else { return nil }
        let book = result.book ?? BookTotals()
        var counts: [Tier: Int] = [:]
        // The history keeps the four tiers judged on figures; the unscored are not recorded.
        for tier in Tier.allCases where tier != .unscored { counts[tier] = result.assessments.count(where: { $0.tier == tier }) }
        self.init(asOf: result.window.last, lag: lag, window: result.window, recordedAt: recordedAt,
                  forecastsSHA256: result.forecasts.sha256, actualsSHA256: result.actuals.sha256,
                  tierCounts: counts, wmape: book.wmape, biasPct: book.biasPct)
    }
}
