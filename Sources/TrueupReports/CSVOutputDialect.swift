/// How the CSV files of an output folder are written, for whoever opens them (`--csv-dialect`).
///
/// A spreadsheet program opened by double-click reads a CSV in the computer's regional settings:
/// where the decimal mark is a comma (German, French, Spanish, Italian, Dutch, ...) it splits
/// fields at semicolons and reads `12.5` as a date. `excel-de` writes for those settings; `excel`
/// for decimal-point ones. Both add a UTF-8 byte order mark and CRLF (`SpreadsheetCSV`).
public enum CSVOutputDialect: String, Sendable, CaseIterable {
    /// Commas between fields, decimal points, LF line ends, no byte order mark: for tools (the default).
    case plain
    /// As plain, with a UTF-8 byte order mark and CRLF: Excel with a decimal point (`--excel`).
    case excel
    /// Semicolons between fields, decimal commas, a UTF-8 byte order mark and CRLF: Excel with a decimal comma.
    case excelDE = "excel-de"

    /// The byte between fields: `,`, or `;` with decimal commas.
    var delimiter: UInt8 { self == .excelDE ? UInt8(ascii: ";") : UInt8(ascii: ",") }

    /// Whether numbers are written with a decimal comma (`12,5`).
    var decimalComma: Bool { self == .excelDE }

    /// Whether the files get a byte order mark and CRLF line ends.
    public var forSpreadsheets: Bool { self != .plain }
}
