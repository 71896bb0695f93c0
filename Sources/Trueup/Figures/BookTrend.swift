/// Trailing-window figures for every month of the window at once, for the whole book and for each group.
///
/// The rows at one lag become group × month matrices of Σ|e|, Σ|A|, Σe and ΣA (and whether the
/// group has a cell that month), stacked into one matrix M. A single `dgemm` with the banded
/// window matrix W (W[s, t] = 1 when t − width < s ≤ t) gives every group's trailing sums for
/// every month; the book's monthly sums are the column sums of M (another `dgemm`, with a row
/// of ones), and its trailing sums the same product with W. At the start of the window a
/// trailing span has fewer than `width` months; `monthsCovered` says how many held a scored cell.
public struct BookTrend: Sendable {
    /// The trailing window of the report's trend: twelve months.
    public static let defaultWidth = 12
    /// The trend covers at most this many months, the last of the window, so a window stretched
    /// by a mistyped year can't make the page (or the window matrix) enormous.
    public static let maximumMonths = 120

    /// One group's monthly and trailing totals, in the window's months.
    public struct Group: Sendable, Equatable {
        public var customer: String?
        public var item: String?
        /// Each month's totals over the group's cells (monthsCovered 0 when it has none that month).
        public var monthly: [WindowTotals]
        /// Each month's trailing totals over the `width` months ending there.
        public var trailing: [WindowTotals]
    }

    public var width: Int
    /// The window's months, in order.
    public var months: [Month]
    /// The book's totals in each month: every group's cells taken together.
    public var monthly: [WindowTotals]
    /// The book's trailing totals for each month.
    public var trailing: [WindowTotals]
    /// Every group with a row at the lag, in the rows' order; empty when made without them (`keepsGroups`).
    public var groups: [Group]

    /// The trend of `rows` at `lag` over `window`, with trailing spans of `width` months (at least 1).
    public init(_ rows: [MetricsRow], lag: Int, window: Window, width: Int = BookTrend.defaultWidth, scale: QuantityScale,
                keepsGroups: Bool = true) {
        self.init(rows, lag: lag, from: window.first, through: window.last, width: width, scale: scale, keepsGroups: keepsGroups)
    }

    /// The trend of `rows` at `lag` over the months `first` through `last` (at least one month);
    /// cells outside them are left out, so a trailing span never reaches before `first`.
    ///
    /// In an exact run (`scale`) the matrices hold whole units, so `dgemm` adds them exactly in
    /// whatever order its kernel takes; otherwise every sum is taken in month (or row) order.
    ///
    /// Without `keepsGroups` only the book's totals are kept: a report shows a group's months for a
    /// hundred customers at most (`monthly(_:months:scale:)`), and a million groups' arrays took
    /// hundreds of megabytes.
    public init(_ rows: [MetricsRow], lag: Int, from first: Month, through last: Month, width: Int = BookTrend.defaultWidth,
                scale: QuantityScale, keepsGroups: Bool = true) {
        precondition(width >= 1, "a trailing window spans at least one month")
        precondition(first <= last, "a trend spans at least one month")
        let atLag = rows.filter { $0.lag == lag }
        let months = (0...(last - first)).map { first + $0 }
        let g = atLag.count
        let t = months.count
        // Five stacked g × t blocks: Σ|e|, Σ|A|, Σe, ΣA, and 1 where the group has a cell.
        let blocks = 5
        let factor = scale.factor
        func units(_ value: Double) -> Double { scale.exact ? (value * factor).rounded() : value }
        var m = [Double](repeating: 0, count: blocks * g * t)
        for (row, group) in atLag.enumerated() {
            for period in group.periods {
                let column = period.month - first
                guard column >= 0 && column < t else { continue }
                let values = [units(period.absoluteError), units(period.absoluteActual),
                              units(period.forecast) - units(period.actual), units(period.actual), 1]
                for (block, value) in values.enumerated() { m[(block * g + row) * t + column] += value }
            }
        }
        for index in (4 * g * t)..<(5 * g * t) { m[index] = min(m[index], 1) }

        // The book's monthly sums: column sums of each block; a month is covered when any group has a cell.
        var book = [Double](repeating: 0, count: blocks * t)
        m.withUncheckedColumn { m in
            book.withUncheckedMutableColumn { book in
                for block in 0..<blocks {
                    Kernels.columnSums(m[(block * g * t)..<((block + 1) * g * t)], rows: g, columns: t, exact: scale.exact,
                                       into: book[(block * t)..<((block + 1) * t)])
                }
            }
        }
        for index in (4 * t)..<(5 * t) { book[index] = book[index] > 0 ? 1 : 0 }

        var trailingGroups = [Double](repeating: 0, count: keepsGroups ? blocks * g * t : 0)
        var trailingBook = [Double](repeating: 0, count: blocks * t)
        if keepsGroups {
            m.withUncheckedColumn { m in
                trailingGroups.withUncheckedMutableColumn { Kernels.trailingSums(m, rows: blocks * g, months: t, width: width, exact: scale.exact, into: $0) }
            }
        }
        book.withUncheckedColumn { book in
            trailingBook.withUncheckedMutableColumn { Kernels.trailingSums(book, rows: blocks, months: t, width: width, exact: scale.exact, into: $0) }
        }

        /// The totals in column `column` of the block rows `row`, `row + stride`, ... of `matrix`.
        func totals(_ matrix: [Double], row: Int, stride: Int, column: Int) -> WindowTotals {
            func value(_ block: Int) -> Double { matrix[(block * stride + row) * t + column] }
            return WindowTotals(month: months[column], monthsCovered: Int(value(4).rounded()),
                                actual: scale.quantity(units: value(3)), error: scale.quantity(units: value(2)),
                                absoluteError: scale.quantity(units: value(0)), absoluteActual: scale.quantity(units: value(1)))
        }
        self.width = width
        self.months = months
        monthly = (0..<t).map { totals(book, row: 0, stride: 1, column: $0) }
        trailing = (0..<t).map { totals(trailingBook, row: 0, stride: 1, column: $0) }
        groups = !keepsGroups ? [] : atLag.enumerated().map { row, group in
            Group(customer: group.customer, item: group.item,
                  monthly: Self.monthly(group.periods, months: months, scale: scale),
                  trailing: (0..<t).map { totals(trailingGroups, row: row, stride: g, column: $0) })
        }
    }

    /// One group's totals in each of `months` (consecutive), from its periods: what its row of the
    /// trend's matrices holds, the same numbers whether or not the trend kept its groups.
    ///
    /// A group has at most one period a month, so a month's totals are that period's, in units when
    /// exact; a month without one has monthsCovered 0 and zero totals.
    public static func monthly(_ periods: [PeriodTotals], months: [Month], scale: QuantityScale) -> [WindowTotals] {
        guard let first = months.first else { return [] }
        let factor = scale.factor
        func units(_ value: Double) -> Double { scale.exact ? (value * factor).rounded() : value }
        // Five sums a month, as the matrices' blocks: Σ|e|, Σ|A|, Σe, ΣA, and whether the month has a cell.
        var sums = [[Double]](repeating: [0, 0, 0, 0, 0], count: months.count)
        for period in periods {
            let column = period.month - first
            guard column >= 0 && column < months.count else { continue }
            let values = [units(period.absoluteError), units(period.absoluteActual),
                          units(period.forecast) - units(period.actual), units(period.actual), 1]
            for (block, value) in values.enumerated() { sums[column][block] += value }
        }
        return months.indices.map { column in
            let value = sums[column]
            return WindowTotals(month: months[column], monthsCovered: Int(min(value[4], 1).rounded()),
                                actual: scale.quantity(units: value[3]), error: scale.quantity(units: value[2]),
                                absoluteError: scale.quantity(units: value[0]), absoluteActual: scale.quantity(units: value[1]))
        }
    }
}
