/// The sums over a span of months ending at `month`, and the book figures they give.
///
/// A span is one month (a monthly value) or a trailing window of up to `width` months.
/// The ratios follow METRICS.md: wmape = 100·Σ|e|/Σ|A|, accuracy = max(0, 100 − wmape),
/// bias = 100·Σe/ΣA, each nil when its denominator is 0.
public struct WindowTotals: Sendable, Equatable {
    /// The last month of the span.
    public var month: Month
    /// How many months of the span have a scored cell (0 when none has).
    public var monthsCovered: Int
    /// ΣA.
    public var actual: Double
    /// Σe = ΣF − ΣA.
    public var error: Double
    /// Σ|e|.
    public var absoluteError: Double
    /// Σ|A|.
    public var absoluteActual: Double

    public init(month: Month, monthsCovered: Int, actual: Double, error: Double, absoluteError: Double, absoluteActual: Double) {
        self.month = month
        self.monthsCovered = monthsCovered
        self.actual = actual
        self.error = error
        self.absoluteError = absoluteError
        self.absoluteActual = absoluteActual
    }

    /// ΣF = ΣA + Σe.
    public var forecast: Double { actual + error }

    /// The span's sums as totals, whose ratios are the METRICS.md definitions (written once, there).
    public var totals: BookTotals {
        var totals = BookTotals()
        totals.actual = actual
        totals.forecast = forecast
        totals.absoluteError = absoluteError
        totals.absoluteActual = absoluteActual
        return totals
    }

    /// 100 · Σ|e| / Σ|A|; nil when Σ|A| is 0.
    public var wmape: Double? { totals.wmape }
    /// max(0, 100 − wmape).
    public var accuracyPct: Double? { totals.accuracyPct }
    /// 100 · Σe / ΣA; nil when ΣA is 0.
    public var biasPct: Double? { totals.biasPct }
}
