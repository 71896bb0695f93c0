/// The recent months of a deteriorating history: what a buyer should plan on instead of the whole window.
public struct RecentBasis: Sendable {
    /// The first and last of the recent months.
    public var first: Month
    public var last: Month
    /// How many months.
    public var months: Int
    /// ΣA ÷ ΣF over them; nil when nothing was forecast.
    public var ratio: Double?
    /// Q × P10 and Q × P90 of their monthly A/F (months with a forecast); nil with fewer than 2 such months.
    public var range: (low: Double, high: Double)?
    /// Months with a forecast to take a ratio of.
    public var rangePeriods: Int

    init<S: BidirectionalCollection>(_ periods: S, quantity: Double) where S.Element == PeriodTotals {
        first = periods.first?.month ?? Month(index: 0)
        last = periods.last?.month ?? Month(index: 0)
        months = periods.count
        let actual = periods.reduce(0.0) { $0 + $1.actual }
        let forecast = periods.reduce(0.0) { $0 + $1.forecast }
        ratio = forecast != 0 ? actual / forecast : nil
        let ratios = periods.filter { $0.forecast > 0 }.map { $0.actual / $0.forecast }.sorted()
        rangePeriods = ratios.count
        if ratios.count >= 2 {
            range = (quantity * Check.percentile(ratios, 0.10), quantity * Check.percentile(ratios, 0.90))
        }
    }
}
