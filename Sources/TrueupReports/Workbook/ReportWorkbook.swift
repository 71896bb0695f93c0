import Trueup

/// report.xlsx: the report's tables as the sheets of one workbook, for a spreadsheet user.
///
/// Flags first, then Metrics, Coverage, Stability and Agreement where the run has them, and a
/// README sheet that explains every column with README.txt's sentences. The columns are the
/// CSVs' own (`ColumnTable`): codes and names are text cells (`0000100232` keeps its zeros, a
/// name starting with `=` is never a formula), figures are the CSVs' numbers, shown in their
/// column's `NumberStyle`; an empty figure is a blank cell. Each sheet has its header row frozen,
/// a filter on it and columns wide enough for their values; tiers are filled with report.html's colours.
public struct ReportWorkbook: Sendable {
    let sheets: [WorkbookSheet]
    /// The document's creation time, from the data (the first day of the window's last month,
    /// UTC), so the same inputs give the same bytes.
    let created: Int

    public init(_ result: ReportResult) {
        var sheets: [WorkbookSheet] = []
        var tables: [(sheet: String, columns: [(String, String)])] = []
        func add<Row: Sendable>(_ name: String, _ table: ColumnTable<Row>, count: Int, row: @escaping @Sendable (Int) -> Row) {
            sheets.append(table.sheet(name, count: count, row: row))
            tables.append((name, table.columns.map { ($0.name, $0.meaning) }))
        }
        func add<Row: Sendable>(_ name: String, _ table: ColumnTable<Row>, _ rows: [Row]) {
            add(name, table, count: rows.count) { rows[$0] }
        }
        let grouping = result.request.grouping
        if grouping == .customer {
            let assessments = result.assessments, history = result.history
            add("Flags", FlagsColumns.table(history: history != nil, names: assessments.contains { $0.customerName != nil }),
                count: assessments.count) { FlagsRow(assessments[$0], history: history) }
        }
        add("Metrics", MetricsColumns.table(grouping, priced: result.prices != nil, names: MetricsColumns.named(result.rows)), result.rows)
        if let coverage = result.coverage { add("Coverage", CoverageColumns.table, coverage.rows) }
        if result.lags.count > 1 { add("Stability", StabilityCSV.table, result.stability) }
        if result.request.agreements != nil { add("Agreement", AgreementCSV.table(priced: result.prices != nil), result.agreement) }
        sheets.append(Self.readme(tables, cut: sheets.filter { $0.rowCount >= XLSXWriter.maximumRows }))
        self.sheets = sheets
        created = Self.unixTime(firstDayOf: result.window.last)
    }

    /// The README sheet: each sheet's columns with what they mean; a sheet cut at Excel's row limit says so.
    static func readme(_ tables: [(sheet: String, columns: [(String, String)])], cut: [WorkbookSheet]) -> WorkbookSheet {
        var readme: [[SheetCell]] = tables.flatMap { table in
            table.columns.map { [.text(table.sheet), .text($0.0), .text($0.1)] }
        }
        for sheet in cut {
            readme.append([.text(sheet.name), .blank, .text("This sheet stops at Excel's limit of \(XLSXWriter.maximumRows - 1) rows; "
                + "the CSV file has all \(sheet.rowCount).")])
        }
        let rows = readme
        return WorkbookSheet(name: "README", headers: ["sheet", "column", "meaning"], styles: [.standard, .standard, .standard],
                             rowCount: rows.count, row: { rows[$0] }, wrapped: [2: 100])
    }

    /// Writes the workbook to `path`, with libxlsxwriter's scratch files in `scratchFolder` (the system's when nil).
    public func write(to path: String, scratchFolder: String?) throws(XLSXError) {
        try XLSXWriter.write(to: path, scratchFolder: scratchFolder, created: created) { writer throws(XLSXError) in
            for sheet in sheets { try write(sheet, with: writer) }
        }
    }

    private func write(_ sheet: WorkbookSheet, with writer: XLSXWriter) throws(XLSXError) {
        let index = try writer.addSheet(sheet.name)
        let header = writer.look(CellLook(bold: true))
        var widths = sheet.headers.map { $0.unicodeScalars.count + 3 }  // room for the filter's button
        for (column, name) in sheet.headers.enumerated() {
            try writer.write(.text(name), row: 0, column: column, look: header, in: index)
        }
        // Each column's formats, made once: its numbers, whole and not, and wrapped text.
        let numberLooks = sheet.styles.map { style in
            [false, true].map { writer.look(CellLook(numberFormat: SheetFormat.of(style, whole: $0).code)) }
        }
        let textLooks = sheet.headers.indices.map { sheet.wrapped[$0] == nil ? nil : writer.look(CellLook(wrap: true)) }
        let tierLooks = Dictionary(uniqueKeysWithValues: Tier.allCases.compactMap { tier in
            Self.tierLook(tier.rawValue).map { (tier.rawValue, writer.look($0)) }
        })
        let rows = min(sheet.rowCount, XLSXWriter.maximumRows - 1)
        for k in 0..<rows {
            for (column, cell) in sheet.row(k).enumerated() {
                let look: XLSXWriter.Look?
                switch cell {
                case .number(_, let whole): look = numberLooks[column][whole ? 1 : 0]
                case .text(let text) where column == sheet.tierColumn: look = tierLooks[text]
                case .text: look = textLooks[column]
                default: look = nil
                }
                try writer.write(cell, row: k + 1, column: column, look: look, in: index)
                widths[column] = max(widths[column], cell.shownWidth(sheet.styles[column]))
            }
        }
        for (column, width) in widths.enumerated() {
            try writer.setColumn(column, width: sheet.wrapped[column] ?? Double(min(width, 60) + 1), in: index)
        }
        writer.freezeFirstRow(in: index)
        try writer.autofilter(lastRow: rows, lastColumn: sheet.headers.count - 1, in: index)
    }

    /// A tier's cell: filled with its colour in report.html, in white or black, whichever reads.
    static func tierLook(_ name: String) -> CellLook? {
        guard let tier = Tier(rawValue: name), let fill = UInt32(TierColors.hex(tier).dropFirst(), radix: 16) else { return nil }
        let light = tier == .watch || tier == .insufficientData
        return CellLook(fill: fill, fontColor: light ? 0x000000 : 0xFFFFFF)
    }

    /// Seconds from 1970-01-01 to the first day of `month`, 00:00 UTC.
    static func unixTime(firstDayOf month: Month) -> Int {
        // Days from civil (H. Hinnant's algorithm), for the proleptic Gregorian calendar.
        let y = month.month <= 2 ? month.year - 1 : month.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = month.month
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return (era * 146_097 + dayOfEra - 719_468) * 86_400
    }
}
