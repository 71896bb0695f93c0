/// Where a source's values are: one per row (long), or one per (row, month column) (wide).
struct SheetLayout {
    /// The month of each trailing month column, by column index; empty for a long file.
    var monthColumns: [(index: Int, month: Month)] = []
    /// A totals column after the month columns, ignored.
    var totalsColumn: Int?

    var isWide: Bool { !monthColumns.isEmpty }

    /// The trailing columns of `header` that name months (`Jan-25`, `Jan 2025`, `2025-01`,
    /// `01/2025`, `2025-01-01`, `01.2025`, ...), allowing one totals column after them.
    init(header: [String], order: DateOrder?) {
        var end = header.count
        if let last = header.last, TotalsRow.isTotals(last) {
            end -= 1
            totalsColumn = end
        }
        var start = end
        while start > 0, let month = PeriodText.month(header[start - 1], order: order) {
            monthColumns.insert((start - 1, month), at: 0)
            start -= 1
        }
        if monthColumns.isEmpty { totalsColumn = nil }
    }
}
