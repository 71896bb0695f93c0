/// A join that matched too little to be scored (METRICS.md "Data that can't be right", low coverage).
///
/// Less than `LowCoverage.threshold` of the actual volume, or of the forecast volume at the report
/// lag, is on (customer, item) pairs both forecast and bought: most of the book would be scored
/// against purchases or forecasts that are not there. The run stops unless `--allow-low-coverage`.
public struct LowCoverage: Sendable, Equatable {
    /// The least matched share of either side that is scored without `--allow-low-coverage`.
    public static let threshold = 0.5
    /// How many of the largest unmatched codes of each side are named.
    public static let shown = 5

    /// A customer code with its unmatched volume.
    public struct Unmatched: Sendable, Equatable {
        public var customer: String
        public var units: Double
    }

    /// The matched shares as in `Coverage` (nil when that side has no volume).
    public var matchedActualShare: Double?
    public var matchedForecastShare: Double?
    /// The report lag the forecast share is measured at.
    public var lag: Int?
    /// The customers with the most actual volume on items they never forecast, largest first.
    public var unforecast: [Unmatched]
    /// The customers with the most forecast volume at the report lag on items they never bought, largest first.
    public var unbought: [Unmatched]
    /// Codes of the two files that look alike (kept as spelled with `--normalize-keys none`).
    public var lookAlikes: LookAlikes

    /// The low coverage in `coverage`, or nil when both shares are at least the threshold. Judged
    /// only when both files have volume in the window (at the report lag for the forecasts): a file
    /// with none has nothing to match, and says so elsewhere.
    public init?(_ coverage: Coverage, lag: Int?) {
        guard let actual = coverage.matchedActualShare, let forecast = coverage.matchedForecastShare,
              actual < Self.threshold || forecast < Self.threshold else { return nil }
        matchedActualShare = coverage.matchedActualShare
        matchedForecastShare = coverage.matchedForecastShare
        self.lag = lag
        unforecast = Self.largest(coverage.rows.map { Unmatched(customer: $0.customer, units: $0.unforecastActualUnits) })
        unbought = Self.largest(coverage.rows.map { Unmatched(customer: $0.customer, units: $0.unboughtForecastUnits) })
        lookAlikes = coverage.lookAlikes
    }

    /// The `shown` largest positive volumes, largest first, then by code in byte order.
    static func largest(_ all: [Unmatched]) -> [Unmatched] {
        Array(all.filter { $0.units > 0 }.sorted { a, b in
            a.units != b.units ? a.units > b.units : a.customer.precedesInByteOrder(b.customer)
        }.prefix(shown))
    }
}
