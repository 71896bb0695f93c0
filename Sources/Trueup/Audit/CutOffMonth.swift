/// The latest month with actuals, when its dates stop days earlier than the months before it
/// (METRICS.md "Data that can't be right", cut-off by day): exported part way, so open.
///
/// Only when the actuals carry days (`YYYY-MM-DD` and the other dated forms): a month's
/// *latest day* is the latest day of any of its actual rows. The month is cut off when its latest
/// day is more than `toleranceDays` earlier than the earliest latest day of the up to 6 months
/// before it that carry days; at least 3 of those are needed to judge, as for `IncompleteMonth`.
public struct CutOffMonth: Sendable, Equatable {
    public var month: Month
    /// The month's latest day.
    public var latestDay: Int
    /// The months compared, each with its latest day, in month order.
    public var earlier: [MonthDay]
    /// The earliest of their latest days.
    public var earliestLatestDay: Int { earlier.map(\.day).min() ?? 0 }

    /// A month's latest day.
    public struct MonthDay: Sendable, Equatable {
        public var month: Month
        public var day: Int
    }

    /// A latest day this many days before the earlier months' is still a closed month.
    static let toleranceDays = 5

    /// The cut-off month among `latest` and the months before it, or nil when `latest` is not cut
    /// off (or the actuals carry no days for it, or fewer than 3 months before it do).
    /// `latestDays[k]` is the latest day of month index `k` (0: no dated row).
    static func judge(latest: Month, firstActual: Month, latestDays: [UInt8]) -> CutOffMonth? {
        func day(_ month: Month) -> Int { month.index < latestDays.count ? Int(latestDays[month.index]) : 0 }
        let latestDay = day(latest)
        guard latestDay > 0 else { return nil }
        let first = max(firstActual, latest + -ClosedPeriods.comparedMonths)
        guard first < latest else { return nil }
        let earlier = (0..<(latest - first)).map { first + $0 }.filter { day($0) > 0 }.map { MonthDay(month: $0, day: day($0)) }
        guard earlier.count >= ClosedPeriods.neededMonths else { return nil }
        let month = CutOffMonth(month: latest, latestDay: latestDay, earlier: earlier)
        return latestDay < month.earliestLatestDay - toleranceDays ? month : nil
    }
}
