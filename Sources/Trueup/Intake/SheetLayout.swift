/// Where a source's values are: one per row (long), or one per (row, month column) (wide).
struct SheetLayout {
    /// The month of each trailing month column, by column index; empty for a long file.
    var monthColumns: [(index: Int, month: Month)] = []
    /// A totals column after the month columns, ignored.
    var totalsColumn: Int?
    /// Quarter columns among and after the month columns (`Q3-25`, `Q3 2025`, `2025-Q3`), ignored
    /// like the totals column: they sum months.
    var ignoredColumns: [Int] = []

    var isWide: Bool { !monthColumns.isEmpty }

    /// The trailing columns of `header` that name months (`Jan-25`, `Jan 2025`, `2025-01`,
    /// `01/2025`, `2025-01-01`, `01.2025`, ...), allowing one totals column after them and quarter
    /// columns among and after them.
    init(header: [String], order: DateOrder?) {
        var end = header.count
        if let last = header.last, TotalsRow.isTotals(last) {
            end -= 1
            totalsColumn = end
        }
        var start = end
        while start > 0 {
            let name = header[start - 1]
            if let month = PeriodText.month(name, order: order) {
                monthColumns.insert((start - 1, month), at: 0)
            } else if PeriodText.isQuarter(name) {
                ignoredColumns.insert(start - 1, at: 0)
            } else {
                break
            }
            start -= 1
        }
        if monthColumns.isEmpty {
            totalsColumn = nil
            ignoredColumns = []
        }
    }
}
