/// A sustained shift in a customer's monthly totals, caught two months in (the `drifting` reason).
///
/// The signal looks at each month's total error in percent, eₜ = 100·(ΣFₜ − ΣAₜ)/ΣAₜ (months
/// with ΣAₜ = 0 are left out), and at how broad it is: the net share of the month's cells that
/// were over-forecast, bₜ = (#{F > A} − #{F < A}) / nₜ. The baseline is the up to 12 months before
/// the last two (at least 6): the median m of eₜ with its robust spread s = 1.4826 · median |eₜ − m|
/// (the median absolute deviation, scaled to a standard deviation for normal errors), and the
/// median m_b of bₜ. A month's breadth is zₜ = (bₜ − m_b) · √nₜ: a sign test's statistic, about a
/// standard normal when the cells move no more one way than they did before. Two run rules, in the
/// spirit of a control chart's, each needing both of the last two months on the same side:
///
/// - **level**: both months beyond m ± max(2.5·s, 25 points);
/// - **breadth**: the last month beyond m ± max(2·s, 15 points) with z beyond ±3 (`driftBreadthZ`),
///   the month before it beyond m ± 3 points with z beyond ±1.3, and the two together beyond
///   2m ± max(3·s, 25 points). A shift that moves every item at once shows in the count of items
///   as well as in the total, which one item's spike or one bad month does not.
///
/// One bad month alone never sets either off. The drift started at the earliest month of the run
/// of months that pass the rule's line for the month before the last, counting back from it.
///
/// The lines were chosen on a simulation of the signal over 8 books written by `trueup generate`
/// (seeds 1 to 8: 80 customers, 20 items, 24 months). Measured with `bench/flag_rates.py` (the
/// whole verdict, at every window end) on books the choice did not see (seeds 9 to 18): drifting
/// customers at least watch two months into their drift 75 of 80 at lag 1 and 37 of 40 at lag 3
/// (seeds 9 to 13), where the level rule alone caught about a third; reliable customers flagged
/// for any reason at some window end 4 of 320 at lag 1 and 2 of 160 at lag 3. With 8 items a
/// customer the breadth rule can't reach z = 3 (√8 < 3) and only the level rule judges.
/// `Tests/TrueupTests/DriftSignalTests.swift` pins planted +45% steps and the breadth rule.
public struct DriftSignal: Sendable, Equatable {
    /// The first month of the run beyond the line.
    public var start: Month
    /// Months in the run, the last included.
    public var months: Int
    /// The mean error of the run's months, in percent.
    public var errorPct: Double
    /// The baseline's median error, in percent.
    public var baselinePct: Double

    /// The breadth rule's lines for the month before the last, and for the two months together.
    static let breadthEarlierPts = 3.0
    static let breadthEarlierZ = 1.3
    static let breadthLastSigmas = 2.0
    static let breadthLastPts = 15.0
    static let breadthSumSigmas = 3.0
    static let breadthSumPts = 25.0

    /// The signal over `periods` (one customer's months at a lag, oldest first), or nil when it
    /// does not fire or can't be judged.
    static func detect(_ periods: [PeriodTotals], policy: Policy) -> DriftSignal? {
        let judged = periods.compactMap { p in
            p.biasPct.map { (month: p.month, error: $0, cells: p.cells, net: p.cells > 0 ? Double(p.overCells - p.underCells) / Double(p.cells) : 0) }
        }
        guard judged.count >= policy.driftMinimumBaselinePeriods + 2 else { return nil }
        let baselineMonths = judged.dropLast(2).suffix(policy.driftBaselinePeriods)
        let baseline = baselineMonths.map(\.error)
        let median = Self.median(baseline)
        let spread = 1.4826 * Self.median(baseline.map { abs($0 - median) })
        let netMedian = Self.median(baselineMonths.map(\.net))
        let last = judged[judged.count - 1], earlier = judged[judged.count - 2]
        func z(_ month: (month: Month, error: Double, cells: Int, net: Double)) -> Double {
            (month.net - netMedian) * Double(month.cells).squareRoot()
        }

        // The level rule.
        let line = max(policy.driftSigmas * spread, policy.driftMinimumShiftPts)
        func side(_ error: Double, beyond line: Double) -> Int { error - median > line ? 1 : (error - median < -line ? -1 : 0) }
        var direction = side(last.error, beyond: line)
        var fired = direction != 0 && side(earlier.error, beyond: line) == direction
        // A month before the last counts to the run by the line of the rule that fired.
        var inRun: (Int) -> Bool = { k in side(judged[k].error, beyond: line) == direction }
        // The breadth rule.
        if !fired {
            direction = side(last.error, beyond: max(Self.breadthLastSigmas * spread, Self.breadthLastPts))
            let sign = Double(direction)
            fired = direction != 0
                && sign * z(last) > policy.driftBreadthZ
                && side(earlier.error, beyond: Self.breadthEarlierPts) == direction
                && sign * z(earlier) > Self.breadthEarlierZ
                && sign * (last.error + earlier.error - 2 * median) > max(Self.breadthSumSigmas * spread, Self.breadthSumPts)
            inRun = { k in
                side(judged[k].error, beyond: Self.breadthEarlierPts) == direction && sign * z(judged[k]) > Self.breadthEarlierZ
            }
        }
        guard fired else { return nil }
        var first = judged.count - 2
        while first > 0 && inRun(first - 1) { first -= 1 }
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
