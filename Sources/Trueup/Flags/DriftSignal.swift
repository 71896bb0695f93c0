/// A sustained shift in a customer's monthly totals, caught two months in (the `drifting` reason).
///
/// The signal looks at each month's total error in percent, eₜ = 100·(ΣFₜ − ΣAₜ)/ΣAₜ (months
/// with ΣAₜ = 0 are left out). The baseline is the up to 12 months before the last two (at least
/// 6): its median m and its robust spread s = 1.4826 · median |eₜ − m| (the median absolute
/// deviation, scaled to a standard deviation for normal errors). It fires when the last two months
/// both lie beyond m ± max(2.5·s, 25 points) on the same side: a run rule in the spirit of a
/// control chart, which never fires on one bad month alone. The drift started at the earliest
/// month of the run of months beyond that line, counting back from the last.
///
/// Measured on books written by `trueup generate` (four books of 60 to 120 customers and 24 to
/// 30 months, lags 1 to 3; `Tests/TrueupTests/DriftSignalTests.swift`): 2 of 360 reliable
/// customers' series set it off at some window end (0.6%), and 5,930 of 6,264 +45% steps in the
/// forecasts were caught two months in (94.7%). With a 20-point line instead, 7 of 360 fired
/// (1.9%). Under normal errors the chance of a false run at one window end is at most
/// 2·P(Z > 2.5)² ≈ 8·10⁻⁵ before the 25-point floor.
public struct DriftSignal: Sendable, Equatable {
    /// The first month of the run beyond the line.
    public var start: Month
    /// Months in the run, the last included.
    public var months: Int
    /// The mean error of the run's months, in percent.
    public var errorPct: Double
    /// The baseline's median error, in percent.
    public var baselinePct: Double

    /// The signal over `periods` (one customer's months at a lag, oldest first), or nil when it
    /// does not fire or can't be judged.
    static func detect(_ periods: [PeriodTotals], policy: Policy) -> DriftSignal? {
        let judged = periods.compactMap { p in p.biasPct.map { (month: p.month, error: $0) } }
        guard judged.count >= policy.driftMinimumBaselinePeriods + 2 else { return nil }
        let baseline = judged.dropLast(2).suffix(policy.driftBaselinePeriods).map(\.error)
        let median = Self.median(baseline)
        let spread = 1.4826 * Self.median(baseline.map { abs($0 - median) })
        let line = max(policy.driftSigmas * spread, policy.driftMinimumShiftPts)
        func side(_ error: Double) -> Int { error - median > line ? 1 : (error - median < -line ? -1 : 0) }
        let last = side(judged[judged.count - 1].error)
        guard last != 0, side(judged[judged.count - 2].error) == last else { return nil }
        var first = judged.count - 2
        while first > 0 && side(judged[first - 1].error) == last { first -= 1 }
        let run = judged[first...]
        return DriftSignal(start: run[run.startIndex].month, months: run.count,
                           errorPct: run.reduce(0) { $0 + $1.error } / Double(run.count), baselinePct: median)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
