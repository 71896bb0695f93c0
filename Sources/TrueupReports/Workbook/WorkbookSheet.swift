import Trueup

/// One worksheet of report.xlsx: a header row of column names, then one row of cells per row of
/// the CSV, each column shown in its `NumberStyle`.
struct WorkbookSheet: Sendable {
    let name: String
    let headers: [String]
    let styles: [NumberStyle]
    let rowCount: Int
    let row: @Sendable (Int) -> [SheetCell]
    /// The column whose cells are filled with their tier's colour, as in report.html.
    var tierColumn: Int?
    /// Columns of long text, wrapped at this width (characters) instead of fitted.
    var wrapped: [Int: Double] = [:]
}

extension ColumnTable where Row: Sendable {
    /// The sheet of these columns over `rows`: the same cells as the CSV, as text or numbers.
    ///
    /// Text goes through `CSVText.withoutControls` as in the CSV, but never gets the CSV's
    /// leading `'`: a text cell is never a formula, so a name starting with `=` is shown as it is.
    func sheet(_ name: String, _ rows: [Row]) -> WorkbookSheet {
        sheet(name, count: rows.count) { rows[$0] }
    }

    /// The sheet of these columns over `count` rows, each made when its cells are written (`row(k)`),
    /// so a sheet of a million rows never holds them all a second time.
    func sheet(_ name: String, count: Int, row: @escaping @Sendable (Int) -> Row) -> WorkbookSheet {
        let columns = columns
        return WorkbookSheet(name: name, headers: names, styles: columns.map(\.style), rowCount: count,
                             row: { k in
                                 let row = row(k)
                                 return columns.map { column in
                                     let cell = column.value(row).sheet
                                     if case .text(let text) = cell { return .text(CSVText.withoutControls(text)) }
                                     return cell
                                 }
                             },
                             tierColumn: names.firstIndex(of: "tier"))
    }
}
