import Trueup

/// DIR/README.txt: what each output file holds, column by column, in a spreadsheet user's words.
public enum OutputReadme {
    /// What README.txt says when the quantities could not be summed exactly (`QuantityScale`).
    static let inexactNote = """
        In this run the quantities had more than \(QuantityScale.maximumDecimals) decimal places, or added up to 10^15 or
        more of their smallest decimal place: actual and forecast are rounded to 10
        significant digits too.
        """

    /// What README.txt says about report.xlsx.
    static let workbookNote = """
        The same tables as sheets of one workbook, for Excel, LibreOffice or Numbers in any
        language: Flags, Metrics, Coverage, Stability and Agreement (those this run wrote as CSV),
        and a README sheet with these column descriptions. Codes and names are text (leading
        zeros kept, never a formula), figures are numbers with the CSVs' values (percentages as
        12.5, shown 12.5%), an empty figure is an empty cell; each sheet's header row stays in
        view and has a filter.
        """

    static let decimalPointNote = """
        Numbers are written with a point as the decimal separator and no thousands
        separators.
        """

    static let decimalCommaNote = """
        The CSV files are for a spreadsheet set to a decimal comma (--csv-dialect
        excel-de): fields are separated by semicolons, and numbers are written with a
        comma as the decimal separator and no thousands separators.
        """

    /// Which CSV files to open by double-click in which language, and which these are.
    static func doubleClickNote(_ dialect: CSVOutputDialect, workbook: Bool) -> String {
        let these: String
        switch dialect {
        case .plain: these = "These CSV files are plain (commas, decimal points, no byte order mark), for tools."
        case .excel: these = "These CSV files are for Excel with a decimal point (--csv-dialect excel, or --excel)."
        case .excelDE: these = "These CSV files are for Excel with a decimal comma (--csv-dialect excel-de)."
        }
        return these + """
            \nTo open CSV files by double-click, run trueup with --csv-dialect excel where
            Excel writes 1,234.5 (English and other decimal-point settings), or with
            --csv-dialect excel-de where it writes 1.234,5 (German, French, Spanish,
            Italian, Dutch and other decimal-comma settings): both keep accents intact.
            """ + (workbook ? "\nreport.xlsx opens the same everywhere, codes with their leading zeros." : "")
    }

    /// The README for the files written to the output directory.
    public static func render(_ result: ReportResult, files: [String], dialect: CSVOutputDialect) -> String {
        let grouping = result.request.grouping
        var out = """
            trueup report: what the files in this folder hold
            ===================================================

            Window: \(result.window.first) to \(result.window.last)\(grouping == .customer ? result.reportLag.map { ", customers tiered at lag \($0)" } ?? "" : "").

            Sign convention: error = forecast - actual. A positive error or bias means
            the customer forecast MORE than they bought (over-forecast); negative means
            they bought more than forecast (under-forecast).

            \(dialect.decimalComma ? Self.decimalCommaNote : Self.decimalPointNote) Totals of quantities (actual, forecast) are the exact sums of the
            input quantities, with no more decimal places than the inputs have; every
            other figure is rounded to 10 significant digits, so the same inputs give the
            same files on any computer.\(result.scale.exact ? "" : "\n" + Self.inexactNote) An empty cell means the figure can't be
            computed (for example a percentage of an actual of 0); it is never written as 0.

            Names come from your customers' files and are shown as text, never run: a
            name or text that starts with =, +, -, @, a tab or a carriage return is
            written with a ' in front (so "=SUM(A1)" reads '=SUM(A1)), and a spreadsheet
            opening the file can't take it for a formula. Numbers are never changed.

            \(Self.doubleClickNote(dialect, workbook: files.contains(ReportOutput.workbookName)))


            """
        let notes = AuditText.runNotes(result)
        if !notes.isEmpty {
            out += "Months not scored\n-----------------\n" + notes.joined(separator: "\n") + "\n\n"
        }
        func section<Row>(_ name: String, _ summary: String, _ table: ColumnTable<Row>) {
            guard files.contains(name) else { return }
            out += "\(name)\n\(String(repeating: "-", count: name.count))\n\(summary)\n\n"
            let width = table.columns.map(\.name.count).max() ?? 0
            for column in table.columns {
                out += "  \(column.name)\(String(repeating: " ", count: width - column.name.count))  \(column.meaning)\n"
            }
            out += "\n"
        }
        let rowKind = grouping == .customerItem ? "customer and item" : grouping.rawValue
        section("metrics.csv", "Every figure for each \(rowKind) at each lag, one row each."
                    + (result.prices == nil ? "" : " The money columns value each item-month at its price from the prices file (a customer's own price before the general one); they are plain numbers, in the prices' currency."),
                MetricsColumns.table(grouping, priced: result.prices != nil, names: MetricsColumns.named(result.rows)))
        section("flags.csv", "Each customer's tier at the report lag, most severe first, with the evidence.",
                FlagsColumns.table(history: result.history != nil, names: result.assessments.contains { $0.customerName != nil }))
        section("coverage.csv", CoverageCSV.summary, CoverageColumns.table)
        section("stability.csv", "How each customer revised its forecasts between every pair of its lags, on the item-months forecast at both.",
                StabilityCSV.table)
        section("agreement.csv", "Each customer against each band of its supply agreement (--agreements): a cell is in the band when forecast x (1 - under_pct/100) <= actual <= forecast x (1 + over_pct/100)."
                    + (result.prices == nil ? "" : " The money columns value the units below and above the band at the item-month's price from the prices file; they are plain numbers, in the prices' currency."),
                AgreementCSV.table(priced: result.prices != nil))
        section("rejects.csv", "Every input row left out under --skip-bad-rows, with where it was and why.", RejectsColumns.table)
        if files.contains("report.html") {
            out += "report.html\n-----------\nThe report as a page with charts, for a meeting or an email: open it in any browser; it needs no internet.\n\n"
        }
        if files.contains(ReportOutput.workbookName) {
            out += "report.xlsx\n-----------\n" + Self.workbookNote + "\n\n"
        }
        if files.contains("run.json") {
            out += "run.json\n--------\nThe run's record for tools: input files with size and SHA-256 (each file of a folder or a repeated option listed under files), options, policy, and where every input row went (read = used + open + outside window + unmatched + rejected + totals, the totals rows of customers' sheets).\n"
        }
        return dialect.forSpreadsheets ? out.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") : out
    }
}
