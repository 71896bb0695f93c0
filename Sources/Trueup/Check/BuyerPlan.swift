/// What a buyer should plan per unit forecast, with an 80% range that holds what it says
/// (METRICS.md, "The buyer's range").
///
/// From one customer's (or item's) monthly totals at a lag, oldest first:
/// - **Basis.** All the months; but when the history drifts (`DriftSignal`) the months since the
///   drift began, and when it deteriorates (the policy's test) the recent months that set it off:
///   the plan rests on what the customer does now.
/// - **Ratio.** ΣA/ΣF over the basis months: units bought per unit forecast.
/// - **Range.** The monthly ratios rₜ = ΣAₜ/ΣFₜ of every month with a forecast (n of them, at least
///   the policy's minimum of 6, else no range: "too little history"). Their spread is the
///   ⌈0.83·(n + 1)⌉-th smallest of |rₜ − median r| (a conformal rank: for exchangeable months a new
///   month falls within it at least 83% of the time, and with few months the rank reaches the
///   widest deviation); the range is the basis's centre (the median of the ratios, or the basis
///   ratio of recent months) plus and minus that spread, never below 0. Months are not quite
///   exchangeable (seasons, drifts): at the 80% rank the range held in 78% of generated
///   customer-months and 73% of the real series' (notebooks-md/11), so the rank aims at 83% for
///   a range that holds about 80%.
///
/// `backtest` tries the same rule on each of the last up to 12 months that have at least 6 months
/// before them, from those months only, and counts the months whose ΣAₜ fell inside the range
/// times ΣFₜ. On four books written by `trueup generate` (`Tests/TrueupTests/BuyerRangeTests.swift`)
/// it held in 82.0%, 81.9% and 81.8% of 3,600 customer-months at lags 1, 2 and 3, and in 76%,
/// 76% and 79% of the 300 months of the real series at each lag; the 10th to 90th percentiles of
/// the months themselves, the rule before, held in about 70% of the generated ones.
public struct BuyerPlan: Sendable, Equatable {
    /// Units bought per unit forecast over the basis months; nil when nothing was forecast there.
    public var ratio: Double?
    /// The range's ends per unit forecast; nil with too little history.
    public var range: ClosedRange<Double>?
    /// Months with a forecast that the spread is taken over.
    public var rangeMonths: Int
    /// When the plan rests on recent months: which, and why.
    public var recent: Recent?

    public struct Recent: Sendable, Equatable {
        public enum Cause: Sendable, Equatable {
            case drifting(DriftSignal)
            case deteriorating
        }
        public var cause: Cause
        public var first: Month
        public var last: Month
        public var months: Int
        /// ΣA/ΣF over these months.
        public var ratio: Double?
    }

    /// The share of months the range should hold in.
    public static let coverage = 0.8
    /// The conformal rank's share, set above `coverage` for months that are not exchangeable (see above).
    static let rankShare = 0.83
    /// The most months the backtest tries.
    public static let backtestMonths = 12

    public init(_ periods: [PeriodTotals], policy: Policy) {
        ratio = Self.ratio(periods[...])
        let ratios = periods.filter { $0.forecast > 0 }.map { $0.actual / $0.forecast }
        rangeMonths = ratios.count
        var centre = ratios.count >= policy.minimumPeriods ? DriftSignal.median(ratios) : nil
        if let drift = DriftSignal.detect(periods, policy: policy) {
            recent = Self.recent(periods.suffix(drift.months), cause: .drifting(drift))
        } else if let trend = policy.deterioration(periods), trend.fires {
            recent = Self.recent(periods.suffix(trend.recentCount), cause: .deteriorating)
        }
        if let recent {
            ratio = recent.ratio
            if centre != nil { centre = recent.ratio }
        }
        guard let centre else { return }
        let median = DriftSignal.median(ratios)
        let deviations = ratios.map { abs($0 - median) }.sorted()
        let rank = Int((Self.rankShare * Double(ratios.count + 1)).rounded(.up))
        let spread = deviations[min(rank, deviations.count) - 1]
        range = max(0, centre - spread)...(centre + spread)
    }

    /// How often the rule's range held: for each of the last up to 12 months with at least the
    /// policy's minimum of months before it, the plan from the months before only.
    public static func backtest(_ periods: [PeriodTotals], policy: Policy) -> (held: Int, tested: Int) {
        var held = 0, tested = 0
        let first = max(policy.minimumPeriods, periods.count - backtestMonths)
        guard first < periods.count else { return (0, 0) }
        for t in first..<periods.count {
            guard let range = BuyerPlan(Array(periods[..<t]), policy: policy).range else { continue }
            let month = periods[t]
            tested += 1
            if range.lowerBound * month.forecast <= month.actual && month.actual <= range.upperBound * month.forecast { held += 1 }
        }
        return (held, tested)
    }

    static func ratio(_ periods: ArraySlice<PeriodTotals>) -> Double? {
        let forecast = periods.reduce(0.0) { $0 + $1.forecast }
        return forecast != 0 ? periods.reduce(0.0) { $0 + $1.actual } / forecast : nil
    }

    static func recent(_ periods: ArraySlice<PeriodTotals>, cause: Recent.Cause) -> Recent {
        Recent(cause: cause, first: periods.first?.month ?? Month(index: 0), last: periods.last?.month ?? Month(index: 0),
               months: periods.count, ratio: ratio(periods))
    }
}
