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

    /// The totals of `rows` at `lag`, from their per-period totals.
    public init(_ rows: [MetricsRow], lag: Int) {
        for row in rows where row.lag == lag {
            for period in row.periods {
                actual += period.actual
                forecast += period.forecast
                absoluteError += period.absoluteError
                absoluteActual += period.absoluteActual
            }
        }
    }

    /// 100 · Σ|e| / Σ|A|.
    public var wmape: Double? { absoluteActual > 0 ? 100 * absoluteError / absoluteActual : nil }
    /// 100 · Σe / ΣA.
    public var biasPct: Double? { actual != 0 ? 100 * (forecast - actual) / actual : nil }
    /// max(0, 100 − wmape).
    public var accuracyPct: Double? { wmape.map { max(0, 100 - $0) } }
}
