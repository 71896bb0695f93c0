/// The months a group or the book was actually scored in: the first and last month with a scored
/// cell, and how many months between them have one.
///
/// The window can be wider: a window from the first month with actuals starts before the first
/// forecast, and a customer may start or stop forecasting inside it. Every label that says which
/// months a figure covers names these, never the window's ends.
public struct ScoredMonths: Sendable, Equatable, CustomStringConvertible {
    public var first: Month
    public var last: Month
    /// Months with a scored cell (fewer than last − first + 1 when some months in between have none).
    public var count: Int

    /// The months of `periods` (a group's scored periods, in month order); nil when there are none.
    public init?(_ periods: [PeriodTotals]) {
        guard let first = periods.first?.month, let last = periods.last?.month else { return nil }
        self.first = first
        self.last = last
        count = periods.count
    }

    /// The months scored in any of `rows`; nil when none has a scored month.
    public init?(_ rows: some Sequence<MetricsRow>) {
        var months = Set<Month>()
        for row in rows { for period in row.periods { months.insert(period.month) } }
        guard let first = months.min(), let last = months.max() else { return nil }
        self.first = first
        self.last = last
        count = months.count
    }

    /// "2025-01 to 2025-12"; one month is "2025-12".
    public var description: String { first == last ? first.description : "\(first) to \(last)" }
}

extension MetricsRow {
    /// The months this group was scored in at its lag (nil when none).
    public var scoredMonths: ScoredMonths? { ScoredMonths(periods) }
}

extension ReportResult {
    /// The months scored at `lag` (at any lag when nil) in any group; nil when nothing was scored.
    public func scoredMonths(lag: Int? = nil) -> ScoredMonths? {
        guard let lag else { return ScoredMonths(rows) }
        return ScoredMonths(rows.lazy.filter { $0.lag == lag })
    }

    /// The label of the months the figures cover: the months scored ("2025-01 to 2025-12"), else
    /// the window's ends when nothing was scored.
    public func scoredMonthsLabel(lag: Int? = nil) -> String {
        scoredMonths(lag: lag)?.description ?? "\(window.first) to \(window.last)"
    }
}
