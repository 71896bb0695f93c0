/// How far a customer's forecasts can be trusted, most severe first.
public enum Tier: String, Sendable, CaseIterable, Comparable {
    case unreliable
    case watch
    case insufficientData = "insufficient-data"
    case trusted
    /// The data says the figures can't be judged: bought but never forecast (`never-forecast`), or
    /// forecast and actuals in different units (`units-mismatch`). Listed after every tiered customer,
    /// by actual volume.
    case unscored

    /// How serious: trusted 0, insufficient-data and unscored 1 (nothing was judged on figures),
    /// watch 2, unreliable 3.
    public var severity: Int {
        switch self {
        case .trusted: return 0
        case .insufficientData, .unscored: return 1
        case .watch: return 2
        case .unreliable: return 3
        }
    }

    /// Unreliable sorts first.
    public static func < (a: Tier, b: Tier) -> Bool { a.severity > b.severity }
}

/// Why a customer is not trusted, as a stable code for files and scripts.
public enum Reason: String, Sendable, CaseIterable {
    /// The forecast runs high: bias above the threshold.
    case overForecast = "over-forecast"
    /// The forecast runs low.
    case underForecast = "under-forecast"
    /// The forecast misses by a large share of actual volume.
    case highError = "high-error"
    /// A naive repeat of past actuals would have been clearly more accurate.
    case worseThanNaive = "worse-than-naive"
    /// The forecast adds little or nothing over a naive repeat of past actuals.
    case noValueAdded = "no-value-added"
    /// The last periods are clearly worse than the ones before.
    case deteriorating
    /// The monthly totals shifted away from where they ran before, two months running or more.
    case drifting
    /// Too few scored periods to judge.
    case fewPeriods = "few-periods"
    /// No forecast at the report lag, although the customer forecasts at other lags.
    case noForecastAtLag = "no-forecast-at-lag"
    /// Monthly totals outside the agreed band in more than half of the months.
    case outsideAgreement = "outside-agreement"
    /// Bought in the window but never forecast at any lag: nothing to score.
    case neverForecast = "never-forecast"
    /// In most months the actuals are one factor (12, 1000, ...) times the forecast, or the forecast
    /// that factor times the actuals: forecast and actuals look like different units.
    case unitsMismatch = "units-mismatch"
}
