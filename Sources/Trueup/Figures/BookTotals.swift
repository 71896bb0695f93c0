/// The whole book's totals at one lag: every customer's cells taken together.
///
/// wmape, bias and accuracy are the METRICS.md definitions over the union of the customers'
/// cells, so they equal what one customer holding every cell would get. A ratio whose
/// denominator is 0 is nil.
public struct BookTotals: Sendable, Equatable {
    public var actual = 0.0
    public var forecast = 0.0
    public var absoluteError = 0.0
    public var absoluteActual = 0.0

    public init() {}

    /// The totals of `rows` at `lag`, from their per-period totals, in the run's `scale`.
    ///
    /// In an exact run each period total is whole units again (exact: it has at most 15 digits)
    /// and the units add exactly; otherwise the totals add in the rows' order, then their periods'.
    public init(_ rows: [MetricsRow], lag: Int, scale: QuantityScale) {
        let factor = scale.factor
        func units(_ value: Double) -> Double { scale.exact ? (value * factor).rounded() : value }
        for row in rows where row.lag == lag {
            for period in row.periods {
                actual += units(period.actual)
                forecast += units(period.forecast)
                absoluteError += units(period.absoluteError)
                absoluteActual += units(period.absoluteActual)
            }
        }
        actual = scale.quantity(units: actual)
        forecast = scale.quantity(units: forecast)
        absoluteError = scale.quantity(units: absoluteError)
        absoluteActual = scale.quantity(units: absoluteActual)
    }

    /// 100 · Σ|e| / Σ|A|.
    public var wmape: Double? { Ratio.percent(absoluteError, absoluteActual) }
    /// 100 · Σe / ΣA.
    public var biasPct: Double? { Ratio.percent(forecast - actual, actual) }
    /// max(0, 100 − wmape).
    public var accuracyPct: Double? { wmape.map { max(0, 100 - $0) } }
}
