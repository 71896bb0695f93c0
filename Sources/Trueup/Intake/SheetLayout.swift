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

/// A row that sums the rows above it: its key cell says `Total`, `Sum`, `Grand total`, `Summe`, `Gesamt`.
enum TotalsRow {
    static let words: Set<String> = ["total", "totals", "sum", "grand total", "summe", "gesamt", "gesamtsumme", "insgesamt",
                                     "total general", "gesamtergebnis", "ergebnis"]
    /// The words' first letters, lower case.
    private static let initials = Set(words.compactMap(\.utf8.first))

    static func isTotals(_ cell: String) -> Bool {
        // Every word starts with one of these letters; a cell starting with another ASCII byte is no totals row.
        if let first = cell.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }), first < 0x80, !initials.contains(first | 0x20) { return false }
        var text = cell.trimmingCharacters().lowercased()
        while let last = text.last, last == ":" || last == "." { text.removeLast() }
        return words.contains(text)
    }
}
